"""The reader's training pipeline end to end on the tiny fixtures: build -> train -> export.

No network and no raw downloads: training/reader/fixtures holds a few hand-written examples in
each source's real format. Three training steps teach nothing, so nothing here asserts learning:
shapes, finite scores, the files written, and torch agreeing with ONNX Runtime.
"""

from __future__ import annotations

import json
import math
from pathlib import Path

import pytest

from training.reader import build as build_mod
from training.reader import fetch

FIXTURES = Path(build_mod.__file__).resolve().parent / "fixtures"
# Training and exporting a model, even for three steps, costs 15-50 s; CI runs it (make test-ci).
pytestmark = pytest.mark.ci


def _rows(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


@pytest.fixture(scope="module")
def pairs(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict]:
    out = tmp_path_factory.mktemp("pairs")
    tallies = build_mod.build(raw=FIXTURES, local_root=FIXTURES / "local", out=out, verify=False)
    return out, tallies


@pytest.fixture(scope="module")
def run_dir(pairs: tuple[Path, dict], tmp_path_factory: pytest.TempPathFactory) -> Path:
    from training.reader import train

    data, _ = pairs
    run = tmp_path_factory.mktemp("run")
    args = [
        "--base",
        "minilm",
        "--train",
        str(data / "train.jsonl"),
        "--dev",
        str(data / "dev.jsonl"),
        "--yardstick",
        str(data / "yardstick.jsonl"),
        "--out",
        str(run),
        "--batch-size",
        "4",
        "--max-length",
        "64",
        "--checkpoint-every",
        "2",
        "--log-every",
        "1",
    ]
    assert train.main([*args, "--max-steps", "2"]) == 0
    # A second run with a higher step budget resumes from the checkpoint, not from step 0.
    assert train.main([*args, "--max-steps", "3"]) == 0
    return run


def test_build_covers_every_source(pairs: tuple[Path, dict]) -> None:
    out, tallies = pairs
    manifest = fetch.load_manifest()
    assert set(tallies) == {ds["name"] for ds in manifest["datasets"]}
    assert all(t.groups > 0 and t.pairs > 0 for t in tallies.values()), tallies
    for role in ("train", "dev", "yardstick"):
        rows = _rows(out / f"{role}.jsonl")
        assert rows and all(r["label"] in (0, 1) and r["question"] and r["sentence"] for r in rows)
        assert set(rows[0]) == {"source", "group", "question", "sentence", "title", "label"}
    # WikiQA is measured, never trained on.
    assert not any(r["source"].startswith("wikiqa") for r in _rows(out / "train.jsonl"))


def test_span_sets_become_sentence_labels(pairs: tuple[Path, dict]) -> None:
    out, tallies = pairs
    rows = [r for r in _rows(out / "train.jsonl") if r["source"] == "covidqa-train"]
    peak = [r for r in rows if r["question"] == "When did viral shedding peak?"]
    assert [r["sentence"] for r in peak if r["label"]] == [
        "Shedding peaked on day four and stopped by day twelve."
    ]
    assert len(peak) > 1  # hard negatives from the same paper
    # A paper whose text states no licence line is left out (document_licences: cc-by).
    assert not any(r["question"] == "By how much did infections fall?" for r in rows)
    # The unanswerable question is an all-negative group: it teaches refusal.
    assert tallies["covidqa-train"].refusal_groups == 1
    policy = [r for r in _rows(out / "train.jsonl") if r["source"] == "policyqa-train"]
    assert {r["title"] for r in policy} == {"example-shop.com"}
    retention = [r for r in policy if r["question"] == "How long is user data retained?"]
    assert sum(r["label"] for r in retention) == 1
    # One negative from its own paragraph, two drawn from the policy's other paragraphs.
    negatives = [r["sentence"] for r in retention if not r["label"]]
    assert len(negatives) == 3 and negatives[0].startswith("After that it is deleted")


def test_answer_selection_keeps_labels(pairs: tuple[Path, dict]) -> None:
    out, _ = pairs
    trec = [
        r
        for r in _rows(out / "train.jsonl")
        if r["source"] == "trecqa-train" and "#nearmiss" not in r["group"]  # twins: below
    ]
    # Detokenised: "Port Alden ?" and "coast , 40 miles" read as running text.
    assert {r["question"] for r in trec} == {
        "Who founded the Quill Foundation?",
        "Where is Port Alden?",
    }
    alden = [r for r in trec if r["question"] == "Where is Port Alden?"]
    assert [r["label"] for r in alden] == [1, 0]  # positives first, labels kept
    assert "coast, 40 miles" in alden[0]["sentence"]
    selqa = [r for r in _rows(out / "train.jsonl") if r["source"] == "selqa-train"]
    assert sum(r["label"] for r in selqa) == 4 and {r["title"] for r in selqa} >= {"Vell"}


def test_dev_groups_sharing_training_sentences_are_dropped(pairs: tuple[Path, dict]) -> None:
    out, tallies = pairs
    # The fixtures' SelQA and TrecQA dev files each repeat one training question's sentences.
    assert tallies["selqa-dev"].overlap == 1 and tallies["trecqa-dev"].overlap == 1
    assert tallies["policyqa-dev"].overlap == 0 and tallies["policyqa-dev"].groups == 4
    dev = _rows(out / "dev.jsonl")
    train_sentences = {r["sentence"].lower() for r in _rows(out / "train.jsonl")}
    assert not any(r["sentence"].lower() in train_sentences for r in dev)
    assert {r["question"] for r in dev if r["source"] == "selqa-dev"} == {
        "Where did the painter study?"
    }


def test_ibid_dev_half_only(pairs: tuple[Path, dict]) -> None:
    out, tallies = pairs
    ibid = [r for r in _rows(out / "dev.jsonl") if r["source"] == "ibid-dev"]
    groups = {r["group"] for r in ibid}
    assert groups == {
        "ibid-dev:fx-q1",
        "ibid-dev:fx-q2",
        "ibid-dev:fx-near",
        "ibid-dev:fx-off",
        "ibid-dev:fx-tr1",
        "ibid-dev:fx-ru1",
    }  # no test half, no claim
    assert tallies["ibid-dev"].refusal_groups == 2
    q1 = [r for r in ibid if r["group"] == "ibid-dev:fx-q1"]
    assert sum(r["label"] for r in q1) == 1 and len(q1) > 2
    assert not any("March 3, 2025" in r["sentence"] for r in q1 if not r["label"])


def test_build_is_deterministic(pairs: tuple[Path, dict], tmp_path: Path) -> None:
    out, _ = pairs
    build_mod.build(
        raw=FIXTURES, local_root=FIXTURES / "local", out=tmp_path, verify=False, compress=True
    )
    import gzip

    for role in ("train", "dev"):
        again = gzip.decompress((tmp_path / f"{role}.jsonl.gz").read_bytes())
        assert again == (out / f"{role}.jsonl").read_bytes()


def test_fetch_names_the_file_and_where_to_get_it(tmp_path: Path) -> None:
    ref = next(r for r in fetch.file_refs(fetch.load_manifest()) if not r.local)
    why = fetch.problem(ref, tmp_path, fetch.REPO_ROOT)
    assert (
        why
        and ref.path in why
        and f"raw.githubusercontent.com/{ref.repository}/{ref.commit}" in why
    )
    with pytest.raises(fetch.DataError, match="sha256"):
        fetch.resolve(ref, FIXTURES)  # the fixture is not the pinned file


def test_train_writes_checkpoint_log_and_metrics(run_dir: Path) -> None:
    metrics = json.loads((run_dir / "metrics.json").read_text())
    assert metrics["steps"] == 3 and metrics["base"] == "minilm"
    log = [json.loads(line) for line in (run_dir / "log.jsonl").read_text().splitlines()]
    assert [r["step"] for r in log] == [1, 2, 3]  # step 3 came after resuming at 2
    assert all(math.isfinite(r["loss"]) for r in log)
    assert (run_dir / "checkpoint.pt").is_file()
    for f in ("model.safetensors", "config.json", "reader.json", "tokenizer.json"):
        assert (run_dir / "model" / f).is_file()
    dev = metrics["dev"]
    assert dev["all"]["groups_ranked"] > 0
    assert all(0 <= m["mrr"] <= 1 for k, m in dev.items() if m.get("mrr") is not None)
    assert dev["ibid-dev"]["refusal_groups"] == 2
    assert metrics["yardstick"]["wikiqa-test"]["groups_ranked"] == 1


def test_onnx_export_matches_torch(run_dir: Path) -> None:
    import numpy as np

    from training.reader import export
    from training.reader.model import load, score

    info = export.run(run_dir)
    assert info["max_abs_diff"] <= 1e-3
    onnx_path = Path(info["onnx"])
    model, tok, cfg = load(run_dir / "model")
    pairs = [
        {
            "question": "Where is Port Alden?",
            "title": "",
            "sentence": "Port Alden lies on the northern coast, 40 miles from the capital.",
        },
        {"question": "Where is Port Alden?", "title": "", "sentence": "Prices fell."},
    ]
    got = np.array(export.onnx_scores(onnx_path, tok, cfg, pairs))
    ref = np.array(score(model, tok, cfg, pairs))
    assert got.shape == (2,) and np.isfinite(got).all()
    assert np.abs(got - ref).max() <= 1e-3
    card = (run_dir / "MODEL_CARD.md").read_text()
    assert info["onnx_sha256"] in card and "Apache-2.0" in card and "selqa-train" in card


def test_ship_writes_a_folder_ibid_loads(run_dir: Path, tmp_path: Path) -> None:
    # The shipped layout: no word-embedding matrix inside (it comes from the package), half-
    # precision storage, Ibid's own runtime within 1e-3 of torch, and a card naming the hash.
    from rag.reader import load_reader
    from rag.settings import ReaderSettings
    from training.reader import ship

    info = ship.ship(run_dir, tmp_path / "reader", "fp16")
    assert info["max_abs_diff"] <= 1e-3
    assert info["onnx_bytes"] < 25_000_000  # 43 MB of fp32 layers, 47 MB more with embeddings
    reader = load_reader(ReaderSettings(model=str(tmp_path / "reader")))
    assert reader is not None
    assert reader.score("Where is Port Alden?", [("", "Port Alden lies north.")]).shape == (1,)
    card = (tmp_path / "reader" / "MODEL_CARD.md").read_text()
    assert info["onnx_sha256"] in card and info["word_embeddings"]["sha256"] in card


def test_near_miss_twins_change_a_detail_the_sentence_states() -> None:
    import random

    from training.reader.nearmiss import twin_question
    from training.reader.sources import Group

    g = Group("d", "q1", "When did the Nile dam talks end in 2020?", "Nile dam",
              [("Talks ended in February 2020 in Washington.", 1), ("Egypt objected.", 0)])  # fmt: skip
    made = twin_question(g, [], random.Random(0))
    assert made is not None and made[1] == "year"
    assert "2020" not in made[0] and made[0].startswith("When did the Nile dam talks end in 20")
    g2 = Group("d", "q2", "Who chaired the Nile talks?", "t",
               [("Steven Mnuchin chaired the talks.", 1)])  # fmt: skip
    donors = ["What did Abiy Ahmed say?"]
    made2 = twin_question(
        Group("d", "q3", "What did Steven Mnuchin chair?", "t", g2.candidates), donors,
        random.Random(0),
    )  # fmt: skip
    assert made2 == ("What did Abiy Ahmed chair?", "name")
