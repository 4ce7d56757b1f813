"""Settings: env prefix, nested sections, ibid.toml, shortcuts, and validation messages."""

from __future__ import annotations

from pathlib import Path

import pytest

from index.errors import ConfigError
from ui.config import load_settings


def test_env_and_shortcuts(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("IBID_HOME", str(tmp_path / "h"))
    monkeypatch.setenv("IBID_CHROMA_URL", "http://127.0.0.1:8123")
    monkeypatch.setenv("IBID_INDEX__CHUNKING__MAX_TOKENS", "128")
    monkeypatch.setenv("IBID_UI__AUTH", "ana:secret")
    s = load_settings()
    assert s.home == tmp_path / "h"
    assert s.index.chroma.url == "http://127.0.0.1:8123"
    assert s.index.chunking.max_tokens == 128
    assert s.ui.auth == "ana:secret"
    assert load_settings(home=tmp_path / "flag").home == tmp_path / "flag"


def test_toml_file(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    cfg = tmp_path / "ibid.toml"
    cfg.write_text('home = "/srv/ibid"\n[index.chunking]\nmin_tokens = 10\n[ui]\nport = 9000\n')
    monkeypatch.setenv("IBID_CONFIG", str(cfg))
    s = load_settings()
    assert (str(s.home), s.index.chunking.min_tokens, s.ui.port) == ("/srv/ibid", 10, 9000)
    monkeypatch.setenv("IBID_UI__PORT", "9001")
    assert load_settings().ui.port == 9001, "env wins over the file"


def test_bad_values_say_what_to_do(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("IBID_INDEX__CHUNKING__MAX_TOKENS", "1000")
    with pytest.raises(ConfigError, match=r"index.chunking.*max_tokens must be between 32 and 256"):
        load_settings()
    monkeypatch.delenv("IBID_INDEX__CHUNKING__MAX_TOKENS")
    monkeypatch.setenv("IBID_UI__AUTH", "no-colon")
    with pytest.raises(ConfigError, match="user:password"):
        load_settings()
    monkeypatch.setenv("IBID_CONFIG", "/nonexistent/ibid.toml")
    with pytest.raises(ConfigError, match="not a file"):
        load_settings()
