"""Hostile input: a zoo of bad and odd files, and a table of bad CLI invocations.

Every bad file is reported with its reason, every good one lands, nothing is read through a
link out of the folder; every bad invocation ends in one `ibid: error:` line (or click's usage
error) with exit status 2, and never in a Python traceback.
"""

from __future__ import annotations

import io
import json
import os
import socket
import zipfile
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from index.library import Library
from tests.conftest import SAMPLE, run_cli

MakeLib = Callable[..., Library]

GOOD_TEXT = (
    "{title}\n\nBy Ana Reyes\n\nThe port handled {n} million tonnes in 2023.[1] Officials "
    "expect growth to slow next year.[2]\n\nNotes\n\n[1] Port Authority, Annual Report 2023, "
    "https://port.example/{n}/report\n[2] Ibid.\n"
)


def _pdf_blank() -> bytes:
    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(width=200, height=200)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _zip(members: dict[str, str]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        for name, text in members.items():
            z.writestr(name, text)
    return out.getvalue()


def _good(folder: Path) -> dict[str, str]:
    """Odd but valid files: each must become an article."""
    files = {
        "plain.txt": GOOD_TEXT.format(title="Port Volumes", n=11),
        "crlf.txt": GOOD_TEXT.format(title="Windows Line Ends", n=12).replace("\n", "\r\n"),
        "bom.md": "\ufeff# Byte Order Mark\n\nThe canal reopened in March 2024 after repairs.\n",
        "dup-notes.txt": GOOD_TEXT.format(title="Duplicated Labels", n=13)
        + "[1] Another Source, https://other.example/dup\n",
        "unclosed-title.html": "<html><head><title>Open Title\n<body><h1>Closed Heading</h1>"
        "<p>The dam supplies a third of the region's power and most of its irrigation.</p>"
        "<p>Its reservoir fell to a record low in the drought of 2022.</p></body></html>",
        "deep.html": "<html><head><title>Deep Page</title></head><body>"
        + "<div>" * 3000
        + "<p>The treaty was signed in Vienna by eleven states in 1998.</p>"
        + "</div>" * 3000
        + "</body></html>",
        "no-punct.txt": "Endless Words\n\n" + " ".join(["tariff", "quota", "levy"] * 3000),
        "one-line.txt": "One Long Line\n\n" + "The levy rose again that year. " * 2000,
        "many-markers.txt": "Marker Storm\n\nThe claim is well sourced."
        + "".join(f"[{i % 50 + 1}]" for i in range(20000))
        + "\n\nNotes\n\n"
        + "\n".join(f"[{i}] Source {i}, https://s.example/{i}" for i in range(1, 51)),
        "front-matter.md": "---\ntitle: Front Matter Only Title\nauthors: [A. B]\n---\n\n"
        "The strait carries a fifth of the world's oil trade.\n",
        "rtl.txt": "ممر الشحن\n\nأعادت السلطات فتح الممر في مارس بعد إصلاحات استمرت شهرين.\n",
        "emoji.txt": "Emoji 🚢 Shipping\n\nContainer rates 📈 doubled in 2021 🌍 across routes.\n",
        "zero-width.txt": "Zero\u200bWidth Title\n\nThe\u200b pipeline\u200d opened in 2019.\n",
        "long-word.txt": "Long Word\n\nThe code was " + "x" * 20000 + " and then it ended.\n",
        "table.html": "<html><head><title>Big Table</title></head><body><p>The table below "
        "lists tariffs by product and year for the whole region.</p><table>"
        + "".join(f"<tr><td>item {i}</td><td>{i}%</td></tr>" for i in range(3000))
        + "</table></body></html>",
        "lines.jsonl": json.dumps({"id": "j1", "title": "Json Line", "text": "Rates rose."}) + "\n",
        "nested/inner.txt": GOOD_TEXT.format(title="Nested Folder", n=14),
        "notes-only-marker.txt": "Unmatched Markers\n\nA claim.[7] Another claim.[8]\n",
    }
    for name, text in files.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_bytes(text.encode("utf-8"))
    return files


def _bad(folder: Path, outside: Path) -> tuple[dict[str, str], dict[str, str]]:
    """(files that must fail, files that must be skipped): name -> words of the reason."""
    failing: dict[str, bytes] = {
        "empty.txt": b"",
        "blank.txt": b" \n\n\t ",
        "nul.txt": b"\x00\x01binary\x00" * 10,
        "latin1.txt": "Caf\xe9 in M\xfcnchen".encode("latin-1"),
        "utf16.txt": "Text in UTF-16 with a BOM".encode("utf-16"),
        "chrome.html": b"<html><body><nav>Menu</nav><script>x()</script></body></html>",
        "empty.html": b"",
        "scan.pdf": _pdf_blank(),
        "truncated.pdf": _pdf_blank()[:120],
        "not-pdf.pdf": b"just text with a pdf ending",
        "png.pdf": b"\x89PNG\r\n\x1a\n" + b"\x00" * 64,
        "text.docx": b"a text file saved with the wrong ending",
        "zip.docx": _zip({"hello.txt": "not a word document"}),
        "bad-xml.docx": _zip({"word/document.xml": "<w:document><unclosed>"}),
        "bad.jsonl": b"{not json}\n",
        "front-only.md": b"---\ntitle: Nothing Below\n---\n",
        "bad-yaml.md": b"---\ntitle: [unclosed\n---\n",
        "huge.txt": b"Big file. " * 120_000,
    }
    skipped = {
        "sheet.xlsx": "unsupported",
        "image.png": "unsupported",
        ".hidden.txt": "hidden",
        "to-outside.txt": "outside the folder",
        "dangling.txt": "broken symbolic link",
        "loop.txt": "loop",
        "dir-link": "folder",
    }
    for name, data in failing.items():
        (folder / name).write_bytes(data)
    (folder / "sheet.xlsx").write_bytes(_zip({"xl/workbook.xml": "<workbook/>"}))
    (folder / "image.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    (folder / ".hidden.txt").write_text(GOOD_TEXT.format(title="Hidden", n=1))
    (outside / "secret.txt").write_text(GOOD_TEXT.format(title="Secret Outside", n=2))
    (folder / "to-outside.txt").symlink_to(outside / "secret.txt")
    (folder / "dangling.txt").symlink_to(folder / "no-such-target.txt")
    (folder / "loop.txt").symlink_to(folder / "loop.txt")
    (folder / "dir-link").symlink_to(outside, target_is_directory=True)
    # A link inside the folder to a file inside it is read (once: same resolved file).
    (folder / "alias.txt").symlink_to(folder / "plain.txt")
    return {k: "" for k in failing}, skipped


def test_hostile_zoo_every_file_reported_or_ingested(make_library: MakeLib, tmp_path: Path) -> None:
    from index.settings import IndexSettings, IngestSettings

    folder, outside = tmp_path / "zoo", tmp_path / "outside"
    folder.mkdir()
    outside.mkdir()
    good = _good(folder)
    failing, skipped = _bad(folder, outside)
    assert len(good) + len(failing) + len(skipped) + 1 >= 40  # +1: the inside link

    settings = IndexSettings(ingest=IngestSettings(max_file_mb=1.0))
    lib = make_library(settings=settings)
    report = lib.ingest([folder])

    failed = {Path(f["path"]).name: f["error"] for f in report.failed}
    assert set(failed) == set(failing), failed
    assert all(reason.strip() for reason in failed.values())
    assert "limit" in failed["huge.txt"] and "UTF-8" in failed["latin1.txt"]
    assert "not a readable PDF" in failed["truncated.pdf"]
    reasons = {Path(s["path"]).name: s["reason"] for s in report.skipped}
    assert set(reasons) == set(skipped), reasons
    for name, words in skipped.items():
        assert words in reasons[name], (name, reasons[name])

    sources = {Path(r.path).name for r in lib.articles()}
    assert {Path(n).name for n in good} <= sources
    assert "secret.txt" not in sources and "hidden.txt" not in sources
    assert report.added == len(good)
    dup = next(r for r in lib.articles() if Path(r.path).name == "dup-notes.txt")
    notes = {n.label: n.url for n in lib.article(dup.id).footnotes}
    assert notes["1"] == "https://port.example/13/report"
    assert notes["1.2"] == "https://other.example/dup"
    titled = next(r for r in lib.articles() if Path(r.path).name == "unclosed-title.html")
    assert "reservoir" not in titled.title and "<" not in titled.title

    # With the setting, the link out of the folder is read.
    settings = IndexSettings(ingest=IngestSettings(max_file_mb=1.0, follow_symlinks=True))
    again = make_library(home=lib.home, settings=settings).ingest([folder])
    assert "to-outside.txt" not in {Path(s["path"]).name for s in again.skipped}
    assert again.added == 1


def _hostile_cases(tmp: Path) -> list[tuple[list[str | bytes], str]]:
    home = tmp / "home"
    a_file = tmp / "a-file"
    a_file.write_text("x")
    bad_toml = tmp / "bad.toml"
    bad_toml.write_text("not = [valid")
    bin_toml = tmp / "bin.toml"
    bin_toml.write_bytes(b"\xe1\x00\xff" * 30)
    summ = tmp / "summedits"
    summ.mkdir()
    (summ / "summedits_news.jsonl").write_text('{"id": "1", "doc": "d"\n')
    h = ["--home", str(home)]
    return [
        (["ask", b"caf\xff\xfe question", *h], "not valid UTF-8"),
        (["ask", "", *h], "question is empty"),
        (["ask", "x" * 3000, *h], "characters long"),
        (["cite", "", *h], "claim is empty"),
        (["--config", str(bad_toml), "articles", *h], "not valid TOML"),
        (["--config", str(bin_toml), "articles", *h], "not a text file"),
        (["--config", str(tmp / "nope.toml"), "articles", *h], "not a file"),
        (["articles", "--home", str(a_file)], "is a file, not a folder"),
        (["articles", "--home", str(a_file / "sub")], "cannot create the home folder"),
        (["ask", "q", "--since", "not a date", *h], "must be a date"),
        (["ask", "q", "--since", "2026-13-45", *h], "must be a date"),
        (["ask", "q", "--since", "2025", "--until", "2024", *h], "date range is empty"),
        (["ask", "q", "--k", "0", *h], "range"),
        (["ask", "q", "--k", "-1", *h], "range"),
        (["ask", "q", "--k", "100000", *h], "range"),
        (["cite", "claim", "--k", "0", *h], "range"),
        (["ask", "q", "--mode", "psychic", *h], "psychic"),
        (["ask", "q", "--article", "no-such-id", *h], "no article 'no-such-id'"),
        (["show", "no-such-id", *h], "no article"),
        (["remove", "no-such-id", *h], "no article"),
        (["serve", "--port", "70000", *h], "range"),
        (["serve", "--port", "0", *h], "range"),
        (["serve", "--host", "no-such-host.invalid", *h], "cannot serve on host"),
        (["serve", "--host", "0.0.0.0", *h], "--allow-no-login"),
        (["serve", "--auth", "nocolon", *h], "user:password"),
        (["eval", "checker", "--data", str(summ), *h], "line 1"),
        (["eval", "run", "--set", str(tmp / "nope.jsonl"), "--report", str(tmp / "r"), *h], "nope"),
        (["sources", "--format", "bibtex", "--json", *h], "pick one"),
        (["frobnicate", *h], "No such command"),
    ]


def test_hostile_cli_table_gives_messages_never_tracebacks(tmp_path: Path) -> None:
    cases = _hostile_cases(tmp_path)
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = str(taken.getsockname()[1])
        cases.append((["serve", "--port", port, "--home", str(tmp_path / "home")], "in use"))

        def run(case: tuple[list[str | bytes], str]) -> tuple[list[str | bytes], str, object]:
            return case[0], case[1], run_cli(*case[0], timeout=120)  # type: ignore[arg-type]

        with ThreadPoolExecutor(max_workers=2) as pool:
            results = list(pool.map(run, cases))
    problems = []
    for args, expected, out in results:
        err = out.stderr  # type: ignore[attr-defined]
        if out.returncode != 2 or expected not in err or "Traceback" in err:  # type: ignore[attr-defined]
            problems.append((args[:3], out.returncode, err[-300:]))  # type: ignore[attr-defined]
    assert not problems, problems
    assert len(results) >= 30


def test_nan_is_printed_as_null(tmp_path: Path) -> None:
    summ = tmp_path / "summedits"
    summ.mkdir()
    # Two consistent items and no unsupported one: some rates are 0/0.
    line = {"id": "a", "doc": "The sky is blue.", "summary": "The sky is blue.", "label": 1}
    rows = [{**line, "id": f"{s}{i}", "split": s, "extra": True} for s in ("evaluation", "test")
            for i in range(2)]  # fmt: skip
    (summ / "summedits_news.jsonl").write_text("\n".join(json.dumps(r) for r in rows))
    out = run_cli("eval", "checker", "--data", str(summ), "--json", "--home", str(tmp_path / "h"))
    assert out.returncode == 0, out.stderr
    assert "NaN" not in out.stdout
    json.loads(out.stdout, parse_constant=lambda c: pytest.fail(f"non-JSON constant {c}"))


def test_second_writer_is_refused_while_one_owns_the_archive(tmp_path: Path) -> None:
    from index.errors import BusyError

    home = tmp_path / "home"
    lib = Library(home)
    with lib.owning("ibid serve"):
        out = run_cli("ingest", str(SAMPLE), "--home", str(home))
        assert out.returncode == 2 and "Traceback" not in out.stderr
        assert "`ibid serve`" in out.stderr and f"pid {os.getpid()}" in out.stderr
        with pytest.raises(BusyError), Library(home).owning("ibid remove"):
            pass
    # Released: the next writer goes ahead.
    with Library(home).owning("ibid ingest"):
        pass


def test_server_answers_from_articles_another_process_added(
    make_library: MakeLib, chroma_server: str, tmp_path: Path
) -> None:
    """With a Chroma server, the running server's Library sees another writer's articles
    without a restart: no owner lock, and the manifest generation reloads the keyword index."""
    from index.settings import ChromaSettings, IndexSettings
    from rag.chain import AnswerChain

    settings = IndexSettings(chroma=ChromaSettings(url=chroma_server))
    home = tmp_path / "shared-home"
    served = make_library(home=home, settings=settings)
    served.ingest([SAMPLE])
    chain = AnswerChain(served)
    before = chain.invoke("How many tonnes did the port of Valparaiso handle in 2023?")
    with make_library(home=home, settings=settings).owning("ibid ingest"):
        other = make_library(home=home, settings=settings)
        doc = tmp_path / "valparaiso.txt"
        doc.write_text(
            "Valparaiso Port Volumes\n\nThe port of Valparaiso handled 11 million tonnes of "
            "cargo in 2023, a record.[1]\n\nNotes\n\n[1] Port Authority, Annual Report 2023, "
            "https://port.example/valparaiso/2023\n"
        )
        assert other.ingest([doc]).added == 1
    after = chain.invoke("How many tonnes did the port of Valparaiso handle in 2023?")
    assert "11 million tonnes" not in before.answer
    assert not after.refused and "11 million tonnes" in after.answer
    assert after.citations[0].footnotes[0].url == "https://port.example/valparaiso/2023"
