"""The rag layer's section of Ibid's settings: retrieval, answering, the LLM, verification."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, Field, SecretStr, model_validator

# The extractive answerer's sentence features (rag.extractive): the keys its fitted weights,
# and answer.sentence_weights, are given by.
FEATURES = ("sim", "cover", "focus", "typed", "rank", "length", "wh")
# With the reader on, its logit joins them (rag.extractive.WEIGHTS_READER).
READER_FEATURES = (*FEATURES, "reader")


def _crosslingual(default: float, setting: str, why: str) -> Any:
    """The field of a floor's own value for questions read through the multilingual leg, whose
    scores run on another scale than the English model's."""
    return Field(
        default=default,
        description=f"{setting} for questions read through the multilingual leg ({why}).",
    )


class RetrievalSettings(BaseModel):
    k: int = Field(default=6, description="Evidence chunks handed to the answerer.")
    candidates: int = Field(default=40, description="Chunks each of dense and BM25 return.")
    rrf_k: int = Field(default=60, description="Reciprocal-rank-fusion constant.")
    max_per_article: int = Field(
        default=3,
        description="Most evidence chunks from one article, unless it is the only relevant one.",
    )
    # 0.35, calibrated on the dev half of eval/sets/questions.jsonl: answerable paraphrased
    # questions fall below it 1.8% of the time (6.0% at the earlier 0.40), off-topic ones
    # always. Near-misses are on topic by design and pass it; the answerability checks
    # (rag/answerability.py) catch them instead.
    min_relevance: float = Field(
        default=0.35,
        description="Refuse when no chunk's relevance (0.6 x cosine + 0.4 x weighted keyword "
        "coverage) reaches this.",
    )
    # 0.08, chosen with the anchor score on the dev halves of the Turkish and Russian sets
    # (benchmarks/xl_sweep.py: most expected facts plus half the unanswerable refused, with at
    # most 5% of answerable questions refused); e5's cosines mapped onto the English scale.
    crosslingual_min_relevance: float = _crosslingual(
        0.08, "min_relevance", "the multilingual model reads across languages less surely"
    )
    cross_encoder: str | None = Field(
        default=None,
        description="Local path of a sentence-transformers CrossEncoder reranker (optional).",
    )

    def relevance_floor(self, crosslingual: bool) -> float:
        """The refusal threshold for a question read through the multilingual leg, or not."""
        return self.crosslingual_min_relevance if crosslingual else self.min_relevance

    @model_validator(mode="after")
    def _check(self) -> RetrievalSettings:
        if self.k <= 0:
            raise ValueError(f"retrieval.k must be > 0, got {self.k}")
        if self.candidates < self.k:
            raise ValueError(f"retrieval.candidates must be >= k ({self.k}), got {self.candidates}")
        if self.max_per_article <= 0:
            raise ValueError(f"retrieval.max_per_article must be > 0, got {self.max_per_article}")
        return self


class AnswerSettings(BaseModel):
    mode: Literal["extractive", "llm"] = Field(
        default="extractive", description="extractive (offline, default) or llm."
    )
    max_sentences: int = Field(default=3, description="Most sentences in an extractive answer.")
    # 0.2, chosen on dev for answers of about two sentences (2.2 on average), which quote the
    # answering sentence for 0.73 of dev questions (0.72 and 2.0 sentences at 0.3; 0.74 and
    # 2.3 at 0.15). Refitted with the sentence weights: their scale sets what a ratio keeps.
    keep_ratio: float = Field(
        default=0.2,
        description="Besides the best sentence, quote others whose score is at least this "
        "share of the best one's (up to max_sentences).",
    )
    candidate_chunks: int = Field(
        default=10,
        description="The extractive answerer chooses among the sentences of this many top "
        "chunks (at least retrieval.k); 10 holds the answering sentence for 0.91 of the dev "
        "questions, 6 for 0.85.",
    )
    # Calibrated on the dev half of eval/sets/questions.jsonl (python -m eval.fit).
    min_sentence_score: float = Field(
        default=8.5e-06,
        description="Refuse when the best sentence's fitted answer score is below this.",
    )
    # 0 on dev (python -m eval.fit --crosslingual --max-false 0.1): the anchor check already
    # refuses 0.115 of the answerable dev questions, so any score floor exceeds the budget.
    crosslingual_min_sentence_score: float = _crosslingual(
        0.0, "min_sentence_score", "their own fitted weights, rag.extractive.WEIGHTS_XL"
    )
    crosslingual_anchor_score: float = Field(
        default=0.01,
        description="Below this score, a question read across languages is refused when "
        "none of the names it gives is in the article (rag.anchors); fitted on dev.",
    )
    strict: bool = Field(
        default=False, description="Drop answer sentences the verifier does not support."
    )
    archive_questions: bool = Field(
        default=True,
        description="Answer questions about the archive itself (who wrote a piece, when, its "
        "sources, which pieces cite an outlet) from the manifest; off sends every question "
        "to passage retrieval.",
    )
    cover_preceding: bool = Field(
        default=False,
        description="Attach to a quote with no footnote marker the notes closing the "
        "paragraph's next marked sentence (the convention that such a note covers the "
        "sentences before it). Off, they are shown as nearby notes, not as the quote's source: "
        "on FreshWiki only 3% of them were the sentence's real source.",
    )
    name_sources: bool = Field(
        default=True,
        description="When a question asks where a claim comes from, start the extractive "
        "answer with the publisher, title and note label of the quoted sentence's sources.",
    )

    sentence_weights: dict[str, float] | None = Field(
        default=None,
        description="Override the fitted sentence-scoring weights (keys: intercept and the "
        "features of rag.settings.FEATURES); unset means the weights fitted on dev.",
    )

    @model_validator(mode="after")
    def _check(self) -> AnswerSettings:
        if self.sentence_weights is not None:
            unknown = set(self.sentence_weights) - {"intercept", *READER_FEATURES}
            if unknown:
                raise ValueError(
                    f"answer.sentence_weights: unknown keys {sorted(unknown)}; use intercept "
                    f"and {', '.join(READER_FEATURES)}"
                )
        if self.max_sentences <= 0:
            raise ValueError(f"answer.max_sentences must be > 0, got {self.max_sentences}")
        return self


class ReaderSettings(BaseModel):
    enabled: bool = Field(
        default=True,
        description="Read the best candidate sentences against the question with the reader "
        "model (rag.reader) and fuse its score with the features; false gives the feature "
        "scorer alone.",
    )
    model: str | None = Field(
        default=None,
        description="A reader folder: Ibid's format (reader.json + reader.onnx, as "
        "training/reader exports) or a sentence-transformers CrossEncoder. Unset: the reader "
        "Ibid ships. The fused weights were fitted for that one: refit them for your own "
        "(python -m eval.fit --reader).",
    )
    # 10: at 100k chunks the extractive ask's p95 is 125 ms with 10 and 518 ms with 20
    # (benchmarks/results/query-100k-reader*.json); on dev, 20 quoted the answering sentence
    # for 2 more of 227 questions.
    top_n: int = Field(
        default=10,
        description="Candidate sentences the reader reads (the feature scorer's best); the "
        "rest rank after them.",
    )
    # 1.2e-05 on dev (python -m eval.fit --reader, top_n 20): the highest floor that refuses
    # at most 3% of the answerable dev questions; it adds no refusal there to relevance and
    # the constraint checks.
    min_score: float = Field(
        default=1.2e-05,
        description="With the reader on, refuse when the best sentence's fused score is below "
        "this (it replaces answer.min_sentence_score); fitted on dev.",
    )
    threads: int = Field(default=2, description="ONNX Runtime threads for the reader.")

    @model_validator(mode="after")
    def _check(self) -> ReaderSettings:
        if self.top_n <= 0:
            raise ValueError(f"rag.reader.top_n must be > 0, got {self.top_n}")
        if self.threads <= 0:
            raise ValueError(f"rag.reader.threads must be > 0, got {self.threads}")
        return self


class LLMSettings(BaseModel):
    provider: str = Field(
        default="openai",
        description="openai (any OpenAI-compatible endpoint, llama.cpp server included), ollama, "
        "or a registered test model such as scripted.",
    )
    model: str | None = Field(default=None, description="Model name; unset means no LLM.")
    base_url: str | None = Field(
        default=None, description="Endpoint, e.g. http://127.0.0.1:8080/v1."
    )
    api_key: SecretStr | None = Field(
        default=None, description="API key, if the endpoint needs one."
    )
    temperature: float = Field(default=0.0, description="Sampling temperature.")
    timeout_s: float = Field(default=120.0, description="Per-request timeout.")
    script: str | None = Field(
        default=None, description="For provider=scripted: a JSON file of canned replies."
    )

    @property
    def configured(self) -> bool:
        return bool(self.model) or self.provider == "scripted"


class VerifySettings(BaseModel):
    backend: Literal["heuristic", "crossencoder", "llm"] = Field(
        default="heuristic", description="Faithfulness checker behind every cited sentence."
    )
    threshold: float | None = Field(
        default=None, description="Support score a sentence needs; unset = calibrated default."
    )
    model_path: str | None = Field(
        default=None, description="Local NLI CrossEncoder for backend=crossencoder."
    )


class RagSettings(BaseModel):
    retrieval: RetrievalSettings = Field(default_factory=RetrievalSettings)
    answer: AnswerSettings = Field(default_factory=AnswerSettings)
    reader: ReaderSettings = Field(default_factory=ReaderSettings)
    llm: LLMSettings = Field(default_factory=LLMSettings)
    verify: VerifySettings = Field(default_factory=VerifySettings)
