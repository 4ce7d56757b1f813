"""Where `ibid serve` may listen: checked before Gradio and the models load (light imports)."""

from __future__ import annotations

from index.errors import ConfigError


def check_address(host: str, port: int, *, login: bool, allow_no_login: bool) -> bool:
    """Before loading anything heavy: the address resolves, the port is free, and a server
    others can reach has a login unless that was asked for. Returns whether others can reach
    it without a login (the caller warns)."""
    import ipaddress
    import socket

    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as exc:
        raise ConfigError(f"cannot serve on host '{host}': {exc}") from None
    family, _, _, _, addr = infos[0]
    with socket.socket(family, socket.SOCK_STREAM) as probe:
        try:
            probe.bind(addr)
        except OSError as exc:
            raise ConfigError(
                f"cannot serve on {host}:{port} ({exc.strerror or exc}); another server (an "
                "`ibid serve`?) may hold the port: pass --port N"
            ) from None
    # By the address it resolves to: "localhost", "127.0.1.1" and "::1" are this machine.
    exposed = not ipaddress.ip_address(addr[0]).is_loopback and not login
    if exposed and not allow_no_login:
        raise ConfigError(
            f"{host} can be reached from other machines and there is no login: pass "
            "--auth user:password (or IBID_UI__AUTH), or --allow-no-login to serve it open"
        )
    return exposed
