"""Ingest against the real embedder and real Chroma (embedded and a `chroma run` server)."""

from __future__ import annotations

import json
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import chromadb
import pytest

from index.library import Library
from index.settings import ChromaSettings, IndexSettings, IngestSettings
from tests.conftest import FRESHWIKI, ROOT, SAMPLE

MakeLib = Callable[..., Library]


def _copy_sample(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    dest = folder / SAMPLE.name
    shutil.copy(SAMPLE, dest)
    return dest


def _assert_consistent(lib: Library) -> set[str]:
    """Chroma holds exactly the manifest's chunks, and BM25 indexes exactly those too."""
    manifest_ids = set(lib.manifest.chunk_ids())
    assert set(lib.vectors.all_ids()) == manifest_ids
    assert set(lib.keyword().ids) == manifest_ids
    return manifest_ids


def test_sample_ingest_then_reingest_is_unchanged(make_library: MakeLib) -> None:
    lib = make_library()
    first = lib.ingest([SAMPLE])
    assert (first.added, first.updated, first.unchanged, first.failed) == (1, 0, 0, [])
    assert first.articles == 1 and first.chunks == len(lib.manifest.chunk_ids()) > 1
    ids = _assert_consistent(lib)

    again = lib.ingest([SAMPLE])
    assert (again.added, again.updated, again.unchanged, again.removed) == (0, 0, 1, 0)
    assert again.embedded_chunks == 0
    assert _assert_consistent(lib) == ids

    hits = lib.vectors.search(lib.embeddings.embed_query("Modi visited Moscow and met Putin"), 3)
    top = lib.chunks([hits[0][0]])[hits[0][0]]
    assert "Moscow in July 2025" in top.text
    meta = lib.vectors.collection.get(ids=[top.id], include=["metadatas"])["metadatas"][0]
    assert meta["article_id"] == "india-us-rapprochement"
    assert meta["author"] == "Dr. Cenk TAMER"


def test_edited_article_is_replaced_and_unchanged_chunks_keep_ids(
    make_library: MakeLib, tmp_path: Path
) -> None:
    path = _copy_sample(tmp_path / "corpus")
    lib = make_library()
    lib.ingest([path])
    before = {c.id: c for c in lib.manifest.all_chunks()}

    text = path.read_text()
    path.write_text(text.replace("met with Chinese President Xi Jinping", "met Xi Jinping"))
    report = lib.ingest([path])
    assert (report.added, report.updated, report.unchanged) == (0, 1, 0)
    after = {c.id: c for c in lib.manifest.all_chunks()}
    gone, new = set(before) - set(after), set(after) - set(before)
    assert len(gone) == len(new) == 1, "only the chunk holding the edit changes id"
    assert "met Xi Jinping" in after[new.pop()].text
    assert "Chinese President Xi Jinping" in before[gone.pop()].text
    ids = _assert_consistent(lib)
    assert ids == set(after)
    assert "met Xi Jinping" in lib.article("india-us-rapprochement").paragraphs[2].text


def test_prune_removes_articles_whose_files_are_gone(make_library: MakeLib, tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    _copy_sample(corpus)
    wiki = corpus / "wiki.txt"
    shutil.copy(FRESHWIKI / "txt" / "2022_Welsh_Open_(snooker).txt", wiki)
    lib = make_library()
    assert lib.ingest([corpus]).added == 2
    wiki.unlink()
    assert lib.ingest([corpus]).removed == 0, "without --prune nothing is removed"
    report = lib.ingest([corpus], prune=True)
    assert report.removed == 1 and report.articles == 1
    assert [a.id for a in lib.articles()] == ["india-us-rapprochement"]
    _assert_consistent(lib)


def test_same_file_name_in_two_folders_gets_two_ids(make_library: MakeLib, tmp_path: Path) -> None:
    a = _copy_sample(tmp_path / "a")
    b = _copy_sample(tmp_path / "b")
    b.write_text(b.read_text().replace("Rapprochement", "Détente"))
    lib = make_library()
    report = lib.ingest([a, b])
    assert report.added == 2
    ids = sorted(x.id for x in lib.articles())
    assert ids[0] == "india-us-rapprochement" and ids[1].startswith("india-us-rapprochement-")


def test_remove_article_drops_vectors_and_keywords(make_library: MakeLib) -> None:
    lib = make_library()
    lib.ingest([SAMPLE])
    lib.remove("india-us-rapprochement")
    assert lib.articles() == [] and lib.vectors.count() == 0
    assert lib.keyword().search("Modi Putin Moscow", 5) == []
    assert lib.ingest([SAMPLE]).added == 1, "ingesting the file again brings it back"


def test_broken_files_are_reported_one_by_one_and_good_files_land(
    make_library: MakeLib, tmp_path: Path
) -> None:
    corpus = tmp_path / "mixed"
    corpus.mkdir()
    _copy_sample(corpus)
    (corpus / "good.md").write_text(
        "# A Note on Ports\n\nThe port of Gwadar opened in 2007.[^1]\n\n"
        "[^1]: “Gwadar”, Dawn, https://dawn.com/gwadar\n"
    )
    (corpus / "empty.txt").write_text("")
    (corpus / "blank.txt").write_text("   \n\n  ")
    (corpus / "binary.txt").write_bytes(b"\x00\x01\x02binary\x00" * 20)
    (corpus / "latin1.txt").write_bytes("Caf\xe9 au lait in M\xfcnchen".encode("latin-1"))
    (corpus / "huge.txt").write_text("Long text. " * 20000)
    (corpus / "chrome.html").write_text(
        "<html><body><nav>Home</nav><script>x()</script></body></html>"
    )
    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(width=200, height=200)
    with open(corpus / "scan.pdf", "wb") as fh:
        writer.write(fh)
    (corpus / "notes.odt").write_text("ignored: not a supported ending")
    (corpus / "draft.docx").write_text("a text file saved with the wrong ending")

    settings = IndexSettings(ingest=IngestSettings(max_file_mb=0.1))
    lib = make_library(settings=settings)
    report = lib.ingest([corpus])
    failed = {Path(f["path"]).name: f["error"] for f in report.failed}
    assert set(failed) == {
        "empty.txt",
        "blank.txt",
        "binary.txt",
        "latin1.txt",
        "huge.txt",
        "chrome.html",
        "scan.pdf",
        "draft.docx",
    }
    assert "empty" in failed["empty.txt"]
    assert "binary" in failed["binary.txt"]
    assert "UTF-8" in failed["latin1.txt"]
    assert "limit" in failed["huge.txt"]
    assert "no article text" in failed["chrome.html"]
    assert "no extractable text" in failed["scan.pdf"]
    assert "not a .docx" in failed["draft.docx"]
    assert report.added == 2 and report.articles == 2
    _assert_consistent(lib)


def test_jsonl_file_with_a_removed_line_removes_that_article(
    make_library: MakeLib, tmp_path: Path
) -> None:
    rows = [
        {
            "id": "ports",
            "title": "Ports",
            "body": "Gwadar opened in 2007.[1]",
            "footnotes": [{"label": "1", "text": "“Gwadar”, Dawn, https://dawn.com/g"}],
        },
        {"id": "rails", "title": "Rails", "body": "The railway reached Kashgar in 1999."},
    ]
    path = tmp_path / "batch.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in rows) + "\n")
    lib = make_library()
    assert lib.ingest([path]).added == 2
    path.write_text(json.dumps(rows[0]) + "\n")
    report = lib.ingest([path])
    assert (report.unchanged, report.removed, report.articles) == (1, 1, 1)
    _assert_consistent(lib)


def test_chroma_server_is_the_same_code_path(
    make_library: MakeLib, chroma_server: str, tmp_path: Path
) -> None:
    settings = IndexSettings(chroma=ChromaSettings(url=chroma_server))
    lib = make_library(settings=settings)
    report = lib.ingest([SAMPLE])
    assert report.added == 1
    client = chromadb.HttpClient(host="127.0.0.1", port=int(chroma_server.rsplit(":", 1)[1]))
    collection = client.get_collection(lib.collection_name)
    assert collection.count() == report.chunks
    assert lib.ingest([SAMPLE]).unchanged == 1
    hits = lib.vectors.search(lib.embeddings.embed_query("Shanghai Cooperation Organization"), 1)
    assert "Tianjin" in lib.chunks([hits[0][0]])[hits[0][0]].text
    _assert_consistent(lib)


def test_unreachable_chroma_server_is_a_clear_error(make_library: MakeLib) -> None:
    from index.errors import StoreError

    lib = make_library(settings=IndexSettings(chroma=ChromaSettings(url="http://127.0.0.1:9")))
    with pytest.raises(StoreError, match="cannot reach the Chroma server"):
        lib.ingest([SAMPLE])


def _killed_corpus(folder: Path) -> Path:
    folder.mkdir()
    shutil.copy(SAMPLE, folder)
    names = [
        "2022_Welsh_Open_(snooker)",
        "2022_Luzon_earthquake",
        "2022_Istanbul_bombing",
        "2023_Monterey_Park_shooting",
        "2022_AFL_Grand_Final",
        "2022_Pakistan_floods",
        "2022_Hungarian_parliamentary_election",
        "2023_Emilia-Romagna_floods",
    ]
    for name in names:
        shutil.copy(FRESHWIKI / "txt" / f"{name}.txt", folder)
    return folder


@pytest.mark.parametrize("kill_after_articles", [0, 2])
def test_killed_ingest_rerun_converges_to_clean_run(
    make_library: MakeLib, tmp_path: Path, kill_after_articles: int
) -> None:
    corpus = _killed_corpus(tmp_path / "corpus")
    home = tmp_path / "killed"
    lib = make_library(home=home)  # creates the manifest path so the poller can open it
    manifest = lib.manifest.path
    proc = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "from ui.cli import main; main()",
            "--home",
            str(home),
            "ingest",
            str(corpus),
            "--json",
        ],
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.time() + 240
    # Kill once the process has started writing vectors (0) or committed some articles (2).
    while time.time() < deadline and proc.poll() is None:
        with sqlite3.connect(manifest, timeout=5) as db:
            done = db.execute("SELECT COUNT(*) FROM articles").fetchone()[0]
        if kill_after_articles == 0 and (home / "chroma" / "chroma.sqlite3").exists():
            time.sleep(0.2)  # inside the first article's Chroma writes
            break
        if kill_after_articles and done >= kill_after_articles:
            break
        time.sleep(0.05)
    assert proc.poll() is None, "ingest finished before it could be killed; grow the corpus"
    proc.send_signal(signal.SIGKILL)
    proc.wait()

    rerun = make_library(home=home).ingest([corpus])
    assert rerun.failed == []
    clean = make_library(home=tmp_path / "clean").ingest([corpus])
    assert (rerun.articles, rerun.chunks) == (clean.articles, clean.chunks) == (9, clean.chunks)
    killed_ids = _assert_consistent(make_library(home=home))
    clean_ids = _assert_consistent(make_library(home=tmp_path / "clean"))
    assert killed_ids == clean_ids


def test_concurrent_readers_build_the_keyword_index_once(
    make_library: MakeLib, monkeypatch: pytest.MonkeyPatch
) -> None:
    from concurrent.futures import ThreadPoolExecutor

    from index.keyword import KeywordIndex

    lib = make_library()
    lib.ingest([SAMPLE])
    lib._keyword = None
    shutil.rmtree(lib.dir / "bm25")
    builds: list[int] = []
    real_build = KeywordIndex.build

    def counting_build(
        ids: list[str], texts: list[str], generation: int, languages: object = None
    ) -> KeywordIndex:
        builds.append(generation)
        time.sleep(0.2)  # widen the race window
        return real_build(ids, texts, generation, languages)  # type: ignore[arg-type]

    monkeypatch.setattr(KeywordIndex, "build", staticmethod(counting_build))
    with ThreadPoolExecutor(8) as pool:
        results = list(pool.map(lambda _: lib.keyword(), range(8)))
    assert len(builds) == 1 and all(r is results[0] for r in results)
