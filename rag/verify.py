"""Faithfulness checking: does a claim follow from the evidence passages it cites?

One component serves the answer pipeline (flag or drop unsupported sentences) and the eval layer.
No NLI model ships offline and cosine alone cannot tell a claim from its contradiction, so the
default checker aligns the claim to its best evidence sentences, then checks the hard facts that
embeddings are blind to: numbers, dates, names and negation.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from langchain_core.embeddings import Embeddings
from langchain_core.language_models import BaseChatModel
from langchain_core.messages import HumanMessage, SystemMessage

from index.errors import ConfigError
from index.text import strip_markers
from rag.heuristic import HeuristicChecker, HeuristicWeights
from rag.verdict import (
    DEFAULT_THRESHOLD,
    Checker,
    Pair,
    Verdict,
    _check_threshold,
    _require_claims,
)

__all__ = [
    "BACKENDS",
    "DEFAULT_THRESHOLD",
    "Checker",
    "CrossEncoderChecker",
    "HeuristicChecker",
    "HeuristicWeights",
    "LLMJudgeChecker",
    "Verdict",
    "make_checker",
    "parse_judgement",
]


class CrossEncoderChecker(Checker):
    """A local NLI CrossEncoder scores (aligned evidence, claim); P(entailment) is the support."""

    def __init__(
        self,
        model_path: str,
        threshold: float = 0.5,
        *,
        embeddings: Embeddings | None = None,
        device: str = "cpu",
    ) -> None:
        path = Path(model_path).expanduser()
        if not path.is_dir():
            raise ConfigError(
                f"verify.model_path '{model_path}' is not a folder: point it at a local "
                "sentence-transformers NLI CrossEncoder (saved with save_pretrained), "
                "or set verify.backend=heuristic"
            )
        self.threshold = _check_threshold(threshold)
        # The heuristic only picks the premise: NLI models judge a sentence or two, not a page.
        self.aligner = HeuristicChecker(embeddings, threshold=0.0)
        from index.embed import offline_env

        offline_env()
        from sentence_transformers import CrossEncoder

        self.model = CrossEncoder(str(path), device=device, local_files_only=True)
        labels = getattr(getattr(self.model, "config", None), "id2label", None) or {}
        entail = [int(i) for i, name in labels.items() if "entail" in str(name).lower()]
        self.entail_index: int | None = entail[0] if entail else None

    def check_many(self, pairs: Sequence[Pair]) -> list[Verdict]:
        _require_claims(pairs)
        aligned = self.aligner.check_many(pairs)
        todo = [i for i, v in enumerate(aligned) if v.sentence and v.support < 1.0]
        inputs = [(aligned[i].sentence or "", strip_markers(pairs[i][0])) for i in todo]
        scores: list[float] = []
        if inputs and self.entail_index is None:  # one logit: the model's activation is P(entail)
            scores = [float(x) for x in self.model.predict(inputs)]
        elif inputs:
            probs = self.model.predict(inputs, apply_softmax=True)
            scores = [float(row[self.entail_index]) for row in probs]
        nli = dict(zip(todo, scores, strict=True))
        out = []
        for i, v in enumerate(aligned):
            # Verbatim (1.0) and no evidence (0.0) need no model.
            if i not in nli:
                out.append(v.model_copy(update={"supported": v.support >= self.threshold}))
            elif nli[i] >= self.threshold:
                update = {"support": nli[i], "supported": True, "reasons": [], "failed": []}
                out.append(v.model_copy(update=update))
            else:
                # The model gives one probability and names no fact. The aligner's fact checks
                # ran on the same premise: an unsupported verdict passes them on, for lookup.
                low = f"NLI entailment {nli[i]:.2f} below {self.threshold:.2f}"
                update = {"support": nli[i], "supported": False, "reasons": [low, *v.reasons]}
                out.append(v.model_copy(update=update))
        return out


JUDGE_SYSTEM = (
    "You check citations. Decide strictly whether the evidence alone supports every fact in the "
    "claim (numbers, dates, names and negation included). Answer with one word: SUPPORTED or "
    "UNSUPPORTED."
)


class LLMJudgeChecker(Checker):
    """A chat model judges each pair; support is 1.0 or 0.0. Its one-word reply names no fact,
    so verdicts carry the reply as a reason and no failed checks."""

    def __init__(self, chat_model: BaseChatModel, threshold: float = 0.5) -> None:
        self.chat_model = chat_model
        self.threshold = _check_threshold(threshold)

    def check_many(self, pairs: Sequence[Pair]) -> list[Verdict]:
        _require_claims(pairs)
        out = [self._verdict(0.0, reasons=["no evidence passages"]) for _ in pairs]
        todo = [i for i, (_, passages) in enumerate(pairs) if any(p.strip() for p in passages)]
        prompts: list[Any] = []
        for i in todo:
            claim, passages = pairs[i]
            evidence = "\n\n".join(f"[{k + 1}] {strip_markers(p)}" for k, p in enumerate(passages))
            question = (
                f"Evidence:\n{evidence}\n\nClaim: {strip_markers(claim)}\n\n"
                "Does the evidence support the claim? Answer SUPPORTED or UNSUPPORTED."
            )
            prompts.append([SystemMessage(JUDGE_SYSTEM), HumanMessage(question)])
        for i, reply in zip(todo, self.chat_model.batch(prompts) if prompts else [], strict=True):
            ok = parse_judgement(reply.text)
            reasons = [] if ok else [f"judge: {reply.text.strip()[:80] or 'empty reply'}"]
            out[i] = self._verdict(1.0 if ok else 0.0, reasons=reasons)
        return out


def parse_judgement(text: str) -> bool:
    """SUPPORTED -> True; UNSUPPORTED, NOT SUPPORTED and anything unclear -> False."""
    words = re.findall(r"[a-z]+", text.lower())
    if words[:1] in (["supported"], ["yes"]):
        return True
    if not words or words[0] in {"unsupported", "no", "not"}:
        return False
    joined = " ".join(words)
    return "supported" in joined and not ("unsupported" in joined or "not supported" in joined)


BACKENDS = ("heuristic", "crossencoder", "llm")


def make_checker(
    backend: str,
    *,
    embeddings: Embeddings | None = None,
    threshold: float | None = None,
    model_path: str | None = None,
    chat_model: BaseChatModel | None = None,
) -> Checker:
    """The checker verify.backend names; threshold None means that backend's default."""
    if backend == "heuristic":
        return HeuristicChecker(embeddings, DEFAULT_THRESHOLD if threshold is None else threshold)
    threshold = 0.5 if threshold is None else threshold
    if backend == "crossencoder":
        if not model_path:
            raise ConfigError(
                "verify.backend=crossencoder needs verify.model_path (a local NLI CrossEncoder "
                "folder); set it or use verify.backend=heuristic"
            )
        return CrossEncoderChecker(model_path, threshold, embeddings=embeddings)
    if backend == "llm":
        if chat_model is None:
            raise ConfigError(
                "verify.backend=llm needs a chat model: configure llm.model (and llm.base_url), "
                "or use verify.backend=heuristic"
            )
        return LLMJudgeChecker(chat_model, threshold)
    raise ConfigError(f"verify.backend must be one of {', '.join(BACKENDS)}; got {backend!r}")
