"""Which files an ingest reads, and how long one file may take to parse.

Walking a folder lists everything it does not read, with the reason: hidden files, types it
does not know, symbolic links that are broken, loop, or lead outside the folder (a link to
/etc/passwd in an uploads folder must not be read unless asked for).
"""

from __future__ import annotations

import signal
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from types import FrameType

from index.errors import ParseError
from index.types import SkippedFile


@dataclass
class Selection:
    files: list[Path] = field(default_factory=list)
    skipped: list[SkippedFile] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)


def collect_files(
    paths: Sequence[Path], extensions: list[str], *, follow_symlinks: bool = False
) -> Selection:
    exts = {e.lower() for e in extensions}
    out = Selection()
    files: list[Path] = []
    for path in paths:
        if path.is_dir():
            files += _walk(path, exts, follow_symlinks, out)
        elif path.exists():
            files.append(path)  # named on the command line: read, link or not
        elif path.is_symlink():
            out.skipped.append({"path": str(path), "reason": "broken symbolic link"})
        else:
            out.missing.append(str(path))
    out.files = list(dict.fromkeys(p.resolve() for p in files))
    return out


def _walk(folder: Path, exts: set[str], follow: bool, out: Selection) -> list[Path]:
    root = folder.resolve()
    found: list[Path] = []
    # rglob does not descend into linked folders, so a link loop cannot trap the walk.
    for p in sorted(folder.rglob("*")):
        rel = p.relative_to(folder).parts
        if any(part.startswith(".") for part in rel[:-1]):
            continue  # inside a hidden folder (.git): passed over without a word
        reason = _skip_reason(p, root, exts, follow)
        if reason == "":
            found.append(p)
        elif reason is not None:
            out.skipped.append({"path": str(p), "reason": reason})
    return found


def _skip_reason(p: Path, root: Path, exts: set[str], follow: bool) -> str | None:
    """'' to read the file, a reason to list it as skipped, None to pass over it (a folder)."""
    if p.is_symlink():
        try:
            target = p.resolve(strict=True)
        except RuntimeError:
            return "symbolic link loop"
        except OSError:
            return "broken symbolic link"
        if target.is_dir():
            return "symbolic link to a folder, not followed"
        if not follow and not target.is_relative_to(root):
            return (
                f"symbolic link to {target}, outside the folder "
                "(ingest.follow_symlinks = true reads it)"
            )
    elif p.is_dir():
        return None
    if p.name.startswith("."):
        return "hidden file"
    if not p.is_file():
        return "not a regular file"
    if p.suffix.lower() not in exts:
        return f"unsupported file type '{p.suffix or p.name}'"
    return ""


class _Expired(BaseException):
    # Not an Exception: a parser's own `except Exception` must not swallow the deadline.
    pass


@contextmanager
def time_budget(seconds: float, path: Path) -> Iterator[None]:
    """Fail the file with ParseError when its parse outlives `seconds`.

    A timer signal can only interrupt the main thread; elsewhere (the web server's ingest
    worker) the budget is not enforced and the parsers' linear running time is what holds.
    """
    if seconds <= 0 or threading.current_thread() is not threading.main_thread():
        yield
        return

    def expire(signum: int, frame: FrameType | None) -> None:
        raise _Expired

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    except _Expired:
        raise ParseError(
            path,
            f"parsing took longer than {seconds:g} s (ingest.max_parse_seconds), so the file "
            "was skipped; split it, or raise the limit",
        ) from None
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
