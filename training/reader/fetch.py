"""Where each raw file of the reader's training data comes from, and whether the copy here is it.

`manifest.json` names every file: repository, commit, path, sha256. Remote files are read from a
local download folder (`training/reader/raw/<owner>+<name>/<path>`, git-ignored); nothing is
downloaded at run time, because the machines that build and train have no internet. Two ways to
fill the folder:

- by hand: each missing file is printed with its URL at the pinned commit
  (`https://raw.githubusercontent.com/<owner>/<name>/<commit>/<path>`), to save under raw/;
- `--from-git DIR`: from git snapshots of the repositories already on disk, laid out as
  `DIR/<owner>+<name>/repo` (a bare git dir or a work tree); each file is taken with
  `git show <commit>:<path>`, so the pinned commit is what lands, whatever the snapshot's HEAD.

`python -m training.reader.fetch [--raw DIR] [--from-git DIR]` reports each file's state and
exits non-zero when any training or dev file is missing or differs from its sha256.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from rag.reader.onnx_reader import sha256_file

HERE = Path(__file__).resolve().parent
REPO_ROOT = HERE.parent.parent
MANIFEST = HERE / "manifest.json"
RAW = HERE / "raw"
LOCAL = "local"  # datasets whose files live in this repository


class DataError(RuntimeError):
    """A raw file is missing, unreadable or not the pinned one; the message says which and how
    to get it."""


@dataclass(frozen=True)
class FileRef:
    dataset: str
    role: str
    repository: str
    commit: str | None
    path: str
    sha256: str

    @property
    def local(self) -> bool:
        return self.repository == LOCAL

    @property
    def url(self) -> str:
        if self.local:
            return f"(this repository) {self.path}"
        return f"https://raw.githubusercontent.com/{self.repository}/{self.commit}/{self.path}"

    @property
    def page(self) -> str:
        return f"https://github.com/{self.repository}/blob/{self.commit}/{self.path}"

    def where(self, raw: Path, local_root: Path) -> Path:
        if self.local:
            return local_root / self.path
        return raw / self.repository.replace("/", "+") / self.path


def load_manifest(path: Path = MANIFEST) -> dict[str, Any]:
    try:
        manifest: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        raise DataError(f"{path}: cannot read the manifest ({exc})") from None
    if not isinstance(manifest.get("datasets"), list):
        raise DataError(f"{path}: no 'datasets' list")
    return manifest


def file_refs(manifest: dict[str, Any]) -> Iterator[FileRef]:
    for ds in manifest["datasets"]:
        for f in ds["files"]:
            yield FileRef(
                ds["name"], ds["role"], ds["repository"], ds.get("commit"), f["path"], f["sha256"]
            )


sha256_of = sha256_file


def problem(ref: FileRef, raw: Path, local_root: Path) -> str | None:
    """Why `ref`'s copy here is unusable, or None when it is the pinned file."""
    path = ref.where(raw, local_root)
    if not path.is_file():
        if ref.local:
            return f"{path}: missing from this checkout"
        return (
            f"{path}: missing; download {ref.url} (page: {ref.page}) to that path, "
            "or run `python -m training.reader.fetch --from-git DIR` over git snapshots"
        )
    got = sha256_of(path)
    if got != ref.sha256:
        return f"{path}: sha256 {got}, manifest says {ref.sha256} ({ref.dataset})"
    return None


def resolve(
    ref: FileRef, raw: Path = RAW, local_root: Path = REPO_ROOT, *, verify: bool = True
) -> Path:
    """The path of `ref`'s file, checked against its sha256 unless `verify` is off (fixtures).

    In-repo files change with the project, so for them a mismatch is only a warning."""
    path = ref.where(raw, local_root)
    if not path.is_file():
        raise DataError(problem(ref, raw, local_root) or f"{path}: missing")
    if verify:
        why = problem(ref, raw, local_root)
        if why and ref.local:
            print(f"warning: {why}; update manifest.json if the change is meant", file=sys.stderr)
        elif why:
            raise DataError(why)
    return path


def _git_dir(mirror: Path, repository: str) -> Path | None:
    base = mirror / repository.replace("/", "+")
    for cand in (base / "repo" / ".git", base / "repo", base / ".git", base):
        if (cand / "HEAD").is_file() and (cand / "objects").is_dir():
            return cand
    return None


def from_git(refs: list[FileRef], mirror: Path, raw: Path) -> list[str]:
    """Copy each missing or wrong remote file from a git snapshot under `mirror`, at its pinned
    commit. Returns what could not be copied."""
    failed: list[str] = []
    for ref in refs:
        if ref.local or problem(ref, raw, REPO_ROOT) is None:
            continue
        git_dir = _git_dir(mirror, ref.repository)
        if git_dir is None:
            failed.append(f"{ref.repository}: no git snapshot under {mirror}")
            continue
        out = subprocess.run(
            ["git", "--git-dir", str(git_dir), "show", f"{ref.commit}:{ref.path}"],
            capture_output=True,
        )
        if out.returncode != 0:
            msg = out.stderr.decode(errors="replace").strip()
            failed.append(f"{ref.repository}@{ref.commit}:{ref.path}: {msg}")
            continue
        dest = ref.where(raw, REPO_ROOT)
        dest.parent.mkdir(parents=True, exist_ok=True)
        tmp = dest.with_name(dest.name + ".part")
        tmp.write_bytes(out.stdout)
        tmp.replace(dest)
    return failed


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--raw", type=Path, default=RAW, help="download folder (default: %(default)s)")
    ap.add_argument("--manifest", type=Path, default=MANIFEST)
    ap.add_argument("--from-git", type=Path, help="folder of git snapshots, <owner>+<name>/repo")
    args = ap.parse_args(argv)

    refs = list(file_refs(load_manifest(args.manifest)))
    if args.from_git:
        for msg in from_git(refs, args.from_git, args.raw):
            print(f"not copied: {msg}", file=sys.stderr)
    bad = 0
    for ref in refs:
        why = problem(ref, args.raw, REPO_ROOT)
        state = "ok" if why is None else why
        print(f"{ref.dataset:16} {ref.role:9} {ref.repository}:{ref.path}  {state}")
        # A yardstick or a drifted in-repo file does not stop a build; a training file does.
        if why and not ref.local and ref.role in ("train", "dev"):
            bad += 1
    if bad:
        print(f"{bad} training/dev file(s) missing or different; see above", file=sys.stderr)
    return 1 if bad else 0


if __name__ == "__main__":
    raise SystemExit(main())
