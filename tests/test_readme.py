"""The README's commands, run as a newcomer would type them, and the docs' links.

Every fenced ```bash block of README.md runs with `bash -euo pipefail` from the repository root,
against a temporary IBID_HOME and HOME, with this interpreter's `ibid` first on PATH. A block
that cannot run here (it installs, serves, needs a network, an LLM or a Chroma server) is
preceded by `<!-- not run in tests: REASON -->`, and the reason is required: a block skipped
silently would be a command nobody checks.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
README = ROOT / "README.md"
DOCS = ROOT / "docs"

MAX_README_LINES = 250
SKIP_RE = re.compile(r"<!--\s*not run in tests\b(?P<rest>.*?)-->", re.S)
FENCE_RE = re.compile(r"^```bash\n(?P<body>.*?)^```$", re.M | re.S)
# The commands a newcomer's first five minutes rely on: each must appear in a block that runs.
MUST_RUN = ("ibid ingest", "ibid ask", "ibid cite", "ibid sources", "ibid show")
# A citation list entry as `ibid ask` prints it: "[1] Title, ¶3 — article-id".
CITATION_LINE = re.compile(r"^\[\d+\] .+, ¶\d+", re.M)
BLOCK_TIMEOUT_S = 240


@dataclass(frozen=True)
class Block:
    line: int
    body: str
    skip_reason: str | None  # None: runs; "" would mean a skip comment without a reason

    @property
    def commands(self) -> list[str]:
        """Logical command lines: continuations joined, comments and blank lines dropped."""
        joined = re.sub(r"\\\n\s*", " ", self.body)
        return [c.strip() for c in joined.splitlines() if c.strip() and not c.startswith("#")]


def bash_blocks(text: str) -> list[Block]:
    blocks = []
    for m in FENCE_RE.finditer(text):
        before = text[: m.start()].rstrip()
        # The skip comment must be the last thing before the fence, so it cannot drift away
        # from the block it excuses.
        comment = SKIP_RE.search(before[before.rfind("<!--") :]) if before.endswith("-->") else None
        reason = None
        if comment is not None:
            reason = comment.group("rest").strip().removeprefix(":").strip()
        blocks.append(Block(text.count("\n", 0, m.start()) + 1, m.group("body"), reason))
    return blocks


BLOCKS = bash_blocks(README.read_text(encoding="utf-8"))
RUN = [b for b in BLOCKS if b.skip_reason is None]


def test_readme_is_short_and_names_the_two_commands() -> None:
    text = README.read_text(encoding="utf-8")
    assert len(text.splitlines()) <= MAX_README_LINES
    assert "make demo" in text
    assert "make test" in text


def test_every_skipped_block_says_why() -> None:
    skipped = [b for b in BLOCKS if b.skip_reason is not None]
    assert skipped, "make demo and make test cannot run inside the suite; mark them"
    missing = [b.line for b in skipped if not b.skip_reason]
    assert not missing, (
        f"README.md lines {missing}: `<!-- not run in tests: REASON -->` needs a reason"
    )
    # Every skip comment must sit right above a bash block; a stray one excuses nothing.
    comments = len(SKIP_RE.findall(README.read_text(encoding="utf-8")))
    assert comments == len(skipped), "a `not run in tests` comment is not right above a bash block"


def test_the_first_five_minutes_run() -> None:
    run = " \n".join(c for b in RUN for c in b.commands)
    absent = [cmd for cmd in MUST_RUN if cmd not in run]
    assert not absent, f"no README block that runs in the tests has {absent}"


@pytest.fixture(scope="module")
def results(
    tmp_path_factory: pytest.TempPathFactory,
) -> dict[int, subprocess.CompletedProcess[str]]:
    """Each runnable block, in README order (later blocks read what earlier ones ingested)."""
    home = tmp_path_factory.mktemp("home")
    env = {k: v for k, v in os.environ.items() if not k.startswith("IBID_")}
    env |= {
        "HOME": str(home),
        "IBID_HOME": str(tmp_path_factory.mktemp("ibid-home")),
        "PATH": os.pathsep.join([str(Path(sys.executable).parent), env.get("PATH", "")]),
    }
    env.pop("XDG_CACHE_HOME", None)
    # The exported ONNX graph is the same for every archive on the machine (conftest shares it
    # with the suite); exporting it again under the fresh HOME would cost ~10 s and test nothing
    # the README says.
    if cache := os.environ.get("IBID_INDEX__EMBEDDING__MODEL_CACHE"):
        env["IBID_INDEX__EMBEDDING__MODEL_CACHE"] = cache
    out = {}
    for block in RUN:
        out[block.line] = subprocess.run(
            ["bash", "-euo", "pipefail", "-c", block.body],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            timeout=BLOCK_TIMEOUT_S,
        )
    return out


@pytest.mark.parametrize("block", RUN, ids=[f"README.md:{b.line}" for b in RUN])
def test_readme_block_runs(
    block: Block, results: dict[int, subprocess.CompletedProcess[str]]
) -> None:
    done = results[block.line]
    assert done.returncode == 0, (
        f"README.md:{block.line} exited {done.returncode}\n{block.body}\n"
        f"stdout:\n{done.stdout[-3000:]}\nstderr:\n{done.stderr[-3000:]}"
    )
    # An answer without a citation would be a README promising what Ibid did not do.
    asks = [
        c
        for c in block.commands
        if c.startswith("ibid ask") and "--format" not in c and "--json" not in c
    ]
    if asks:
        cited = CITATION_LINE.findall(done.stdout)
        assert len(cited) >= len(asks), (
            f"README.md:{block.line}: {len(asks)} question(s), {len(cited)} citation(s)\n"
            f"{done.stdout}"
        )
        assert re.search(r"\[1\]", done.stdout)


# [text](target) outside code; images too. Inline code and fenced blocks are cut out first,
# since `[i]`-style markers and JSON shapes there are not links. Link text may hold one level
# of brackets, as CommonMark allows: "![citation [1] open](docs/screenshots/chat.png)".
LINK_RE = re.compile(r"!?\[(?:[^\[\]\n]|\[[^\[\]\n]*\])*\]\(([^)\s]+)\)")


def _strip_fences(text: str) -> str:
    return re.sub(r"^```.*?^```", "", text, flags=re.M | re.S)


def _prose(text: str) -> str:
    return re.sub(r"`[^`\n]*`", "", _strip_fences(text))


def _anchors(markdown: str) -> set[str]:
    """GitHub's heading anchors: lower case, punctuation dropped, spaces to hyphens."""
    return {
        re.sub(r"[^\w\- ]", "", m.group(1).replace("`", "").lower()).replace(" ", "-")
        for m in re.finditer(r"^#{1,6}\s+(.+?)\s*$", _strip_fences(markdown), re.M)
    }


MARKDOWN = [README, *sorted(DOCS.glob("*.md"))]


@pytest.mark.parametrize("page", MARKDOWN, ids=[str(p.relative_to(ROOT)) for p in MARKDOWN])
def test_relative_links_resolve(page: Path) -> None:
    text = page.read_text(encoding="utf-8")
    broken = []
    for target in LINK_RE.findall(_prose(text)):
        if re.match(r"^[a-z][a-z0-9+.-]*:", target):  # http:, https:, mailto:
            continue
        path, _, anchor = target.partition("#")
        dest = (page.parent / path).resolve() if path else page
        if not dest.exists():
            broken.append(target)
            continue
        if anchor and dest.suffix == ".md" and anchor not in _anchors(dest.read_text("utf-8")):
            broken.append(target)
    assert not broken, f"{page.relative_to(ROOT)}: links to nothing: {broken}"
