"""The release process: the repository stands alone, and an installed Ibid finds its own data.

A user has only the clone (or the wheel). These tests prove that nothing reads a folder beside the
checkout, that the wheel carries the sample and the corpora with their licences, and that an
installed `ibid` answers from the bundled sample in a folder that is not the checkout. The full
proof, a fresh clone with nothing beside it running `make test`, is `-m release` (~10 minutes).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from tests.conftest import ROOT

BIN = Path(sys.executable).parent


def _git(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["git", *args], cwd=ROOT, capture_output=True, text=True, timeout=60)


def _in_git_checkout() -> bool:
    return shutil.which("git") is not None and _git("rev-parse", "--git-dir").returncode == 0


@pytest.mark.skipif(not _in_git_checkout(), reason="not a git checkout")
def test_no_tracked_file_reads_outside_the_repository() -> None:
    # The developers' machines keep a `shared/` folder beside the checkout; a user's do not.
    # Built from parts so that this file does not match itself.
    beside, joined = "/".join(["..", "shared"]), " / ".join(["", '"shared"'])
    found = _git("grep", "-l", "-F", "-e", beside, "-e", joined).stdout.split()
    assert found == [], f"tracked files that name a folder beside the checkout: {found}"


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    # A copy of the source: building in place would leave build/ and egg-info in the checkout.
    src = out / "src"
    # Tracked files and new ones not yet committed (but never ignored ones: .venv, caches).
    listing = _git("ls-files", "-z", "--cached", "--others", "--exclude-standard")
    files = listing.stdout.split("\0") if _in_git_checkout() else []
    if not files:
        pytest.skip("needs git ls-files to copy the source")
    for name in filter(None, files):
        if (ROOT / name).is_file():
            (src / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(ROOT / name, src / name)
    # No build isolation: setuptools is already in the venv, and there is no network in tests.
    run = subprocess.run(
        [str(BIN / "pip"), "wheel", "-q", "--no-deps", "--no-build-isolation", "-w", str(out), "."],
        cwd=src,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert run.returncode == 0, run.stderr[-2000:]
    (built,) = out.glob("ibid-*.whl")
    return built


def test_wheel_carries_the_sample_corpora_and_their_licences(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    for needed in (
        "eval/corpus/sample/india-us-rapprochement.txt",
        "eval/corpus/README.md",
        "eval/corpus/freshwiki/LICENSE",
        "eval/corpus/freshwiki/README.md",
        "eval/corpus/freshwiki/txt/2022_Luzon_earthquake.txt",
        "eval/corpus/freshwiki/json/2022_Luzon_earthquake.json",
        "eval/corpus/summedits/LICENSE",
        "eval/corpus/summedits/NOTICE.md",
        "eval/corpus/summedits/summedits_news.jsonl.gz",
        "eval/sets/questions.jsonl",
        "ui/web/static/ibid.css",
    ):
        assert needed in names, f"{needed} is missing from {wheel.name}"
    assert not any(n.startswith("tests/") for n in names), "the test suite is not part of the wheel"
    assert any(n.endswith(".dist-info/licenses/LICENSE") for n in names)


def test_installed_ibid_answers_from_the_bundled_sample_in_another_folder(
    wheel: Path, tmp_path: Path
) -> None:
    site = tmp_path / "site"
    install = subprocess.run(
        [str(BIN / "pip"), "install", "-q", "--no-deps", "--target", str(site), str(wheel)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert install.returncode == 0, install.stderr[-2000:]
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    # The installed copy comes first on the path; the checkout is neither the cwd nor on it.
    env = {**os.environ, "PYTHONPATH": str(site), "IBID_HOME": str(tmp_path / "home")}

    def ibid(*args: str) -> subprocess.CompletedProcess[str]:
        code = "from ui.cli import main; main()"
        return subprocess.run(
            [sys.executable, "-c", code, *args],
            cwd=elsewhere,
            env=env,
            capture_output=True,
            text=True,
            timeout=300,
        )

    where = subprocess.run(
        [
            sys.executable,
            "-c",
            "import ui, eval.bundled as b; print(ui.__file__, b.SAMPLE_ARTICLE)",
        ],
        cwd=elsewhere,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert where.stdout.split() and all(p.startswith(str(site)) for p in where.stdout.split())
    ingest = ibid("ingest", "--sample")
    assert ingest.returncode == 0, ingest.stderr
    assert "added 1" in ingest.stdout.lower()
    ask = ibid("ask", "What did Modi do in July 2025?")
    assert ask.returncode == 0, ask.stderr
    assert "[1]" in ask.stdout and "Moscow" in ask.stdout
    assert "india-us-rapprochement" in ask.stdout
    assert ibid("ingest").returncode == 2, "no paths and no --sample is a usage error"


@pytest.mark.slow
@pytest.mark.release
@pytest.mark.skipif(not _in_git_checkout(), reason="not a git checkout")
def test_fresh_clone_with_nothing_beside_it_passes_make_test(tmp_path: Path) -> None:
    """`git clone` into an empty folder, then `make test` there: no venv, no caches, no `shared/`.

    Committed work only (uncommitted changes are not in the clone)."""
    alone = tmp_path / "alone"
    alone.mkdir()
    clone = alone / "ibid"
    assert _git("clone", "-q", str(ROOT), str(clone)).returncode == 0
    # The default run leaves this test out (it is `slow`), so the inner run does not recurse.
    env = {k: v for k, v in os.environ.items() if not k.startswith(("IBID_", "PYTEST"))}
    run = subprocess.run(
        ["make", "test"], cwd=clone, env=env, capture_output=True, text=True, timeout=3000
    )
    tail = (run.stdout + run.stderr)[-3000:]
    assert run.returncode == 0, tail
    assert " passed" in tail and " failed" not in tail
    assert sorted(p.name for p in alone.iterdir()) == ["ibid"]
