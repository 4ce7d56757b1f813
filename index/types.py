"""One type per stage of the index: Article (parsed) -> Chunk (embedded unit); and what the
index reports: the list of articles (ArticleRow) and what an ingest did (IngestReport).

LangChain `Document` appears only at the vector-store boundary (`index.store`).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any, NamedTuple, TypedDict

from pydantic import BaseModel, Field


class Counts(NamedTuple):
    """How much the archive holds."""

    articles: int
    chunks: int


class Hit(NamedTuple):
    """One search result: a chunk and its score (a cosine, or BM25)."""

    chunk_id: str
    score: float


@dataclass(frozen=True)
class ArticleRecord:
    """What the manifest keeps to tell whether an article changed: its file and content hash."""

    source: str
    content_hash: str


@dataclass(frozen=True)
class FileRecord:
    """An ingested file: the hash of its bytes and the articles it gave."""

    content_hash: str
    article_ids: list[str]


@dataclass(frozen=True)
class CitationRow:
    """Where an article cites a source: one note (its label) in one paragraph."""

    url: str | None
    title: str | None
    publisher: str | None
    article_id: str
    article_title: str
    paragraph: int
    label: str


class ArticleRow(BaseModel):
    """One article of the archive's list, as `ibid articles --json`, the web API's /articles
    and the Library tab show it."""

    id: str
    title: str
    author: str | None = None
    published: str | None = None
    path: str = Field(description="The file the article came from.")
    chunks: int
    footnotes: int
    language: str | None = None
    format: str
    # Read by the archive answerer's listings; not part of the printed row.
    category: str | None = Field(default=None, exclude=True)

    def to_json(self, *, path_key: str = "path") -> dict[str, object]:
        """The `ibid articles --json` row, with the file under `path_key`: the web API says
        "source", because gradio_client downloads any dict's "path" as a file."""
        return {path_key if k == "path" else k: v for k, v in self.model_dump().items()}


# The ingest report's entries stay dicts (TypedDicts): they are its JSON as it is printed, and
# callers read them by key.
class FailedFile(TypedDict):
    path: str
    error: str


class SkippedFile(TypedDict):
    """A file in the folders given that was not read, and why."""

    path: str
    reason: str


class IngestWarning(TypedDict):
    path: str
    article_id: str
    message: str


class FileNotes(TypedDict):
    """The parse report of one file: notes found (and with a URL), markers linked to a note,
    and the labels that do not match."""

    path: str
    articles: int
    notes: int
    notes_with_url: int
    markers: int
    linked: int
    markers_without_note: list[str]
    notes_never_cited: list[str]


@dataclass
class IngestReport:
    """What one ingest did: `ibid ingest --json` prints it, the Library tab reports each upload
    from it."""

    added: int = 0
    updated: int = 0
    unchanged: int = 0
    removed: int = 0
    failed: list[FailedFile] = field(default_factory=list)
    skipped: list[SkippedFile] = field(default_factory=list)
    # A signal stopped the run: what is counted above was committed, nothing else.
    interrupted: bool = False
    warnings: list[IngestWarning] = field(default_factory=list)
    # One entry per file parsed in this run.
    parsed: list[FileNotes] = field(default_factory=list)
    articles: int = 0
    chunks: int = 0
    collection: str = ""
    embedded_chunks: int = 0
    embedded_sentences: int = 0
    timings_s: dict[str, float] = field(
        default_factory=lambda: {"parse": 0.0, "chunk": 0.0, "embed": 0.0, "store": 0.0}
    )

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class Scope:
    """The chunks a search may return: those of `article_ids` (None: of every article), which
    are `chunk_ids` (the keyword index filters by these), less chunks in `skip_languages`."""

    article_ids: frozenset[str] | None = None
    chunk_ids: frozenset[str] | None = None
    skip_languages: tuple[str, ...] = ()

    @property
    def empty(self) -> bool:
        return self.chunk_ids is not None and not self.chunk_ids


class Marker(BaseModel):
    """A footnote marker as printed in a paragraph, with its offsets in `Paragraph.text`."""

    label: str = Field(description="Normalised note label: 'iv', '12'.")
    start: int
    end: int


class Footnote(BaseModel):
    """One entry of an article's notes list, parsed into its parts."""

    label: str
    text: str = Field(description="The note as printed, e.g. 'Ibid.' or '“Title”, BBC, https://…'.")
    title: str | None = None
    publisher: str | None = None
    url: str | None = None
    accessed: str | None = Field(default=None, description="Access date as printed.")
    accessed_iso: str | None = Field(
        default=None, description="The access date as YYYY-MM-DD, when it could be read."
    )
    ibid_of: str | None = Field(
        default=None,
        description="Label of the original note an 'Ibid.' (a.g.e., Там же) repeats, chains "
        "resolved; for an op. cit. (Указ. соч.), the same author's earlier note.",
    )
    locator: str | None = Field(
        default=None, description="Page or locator after Ibid., e.g. 'p. 4'."
    )


class Paragraph(BaseModel):
    n: int = Field(description="1-based position among the article's body paragraphs.")
    section: str | None = None
    text: str = Field(description="Paragraph text with its footnote markers as printed.")
    markers: list[Marker] = Field(default_factory=list)

    @property
    def footnotes(self) -> list[str]:
        """Labels cited in this paragraph, first occurrence order, no repeats."""
        return list(dict.fromkeys(m.label for m in self.markers))


class NoteSummary(BaseModel):
    """How an article's markers and notes fit together: the parse report of one article."""

    notes: int
    notes_with_url: int
    markers: int = Field(description="Markers printed in the body, repeats included.")
    linked: int = Field(description="Markers whose label has a note.")
    markers_without_note: list[str] = Field(default_factory=list)
    notes_never_cited: list[str] = Field(default_factory=list)


class Article(BaseModel):
    id: str
    title: str
    authors: list[str] = Field(default_factory=list)
    published: str | None = Field(default=None, description="ISO date (YYYY-MM-DD) when known.")
    category: str | None = None
    language: str | None = None
    url: str | None = None
    highlights: list[str] = Field(default_factory=list)
    paragraphs: list[Paragraph] = Field(default_factory=list)
    footnotes: list[Footnote] = Field(default_factory=list)
    author_bio: str | None = None
    alternates: dict[str, str] = Field(
        default_factory=dict,
        description="The article's language versions, language code -> URL (its own included), "
        "as the page links them (hreflang alternates, a language switcher) or a JSONL "
        "'alternates' field.",
    )
    translation_of: str | None = Field(
        default=None,
        description="Id or URL of the article this one translates (JSONL 'translation_of').",
    )
    source: str = Field(default="", description="Path of the file the article came from.")
    format: str = Field(default="txt", description="txt, md, html, pdf or jsonl.")
    content_hash: str = ""
    warnings: list[str] = Field(default_factory=list)

    @property
    def author(self) -> str | None:
        return ", ".join(self.authors) or None

    def footnote(self, label: str) -> Footnote | None:
        for note in self.footnotes:
            if note.label == label:
                return note
        return None

    def resolved_footnote(self, label: str) -> Footnote | None:
        """The note for `label` with an Ibid.'s source fields taken from the note it repeats."""
        note = self.footnote(label)
        if note is None or note.ibid_of is None:
            return note
        original = self.footnote(note.ibid_of)
        if original is None:
            return note
        return note.model_copy(
            update={
                "title": original.title,
                "publisher": original.publisher,
                "url": original.url,
                "accessed": original.accessed,
            }
        )

    def note_summary(self) -> NoteSummary:
        labels = {n.label for n in self.footnotes}
        markers = [m.label for p in self.paragraphs for m in p.markers]
        cited = set(markers)
        return NoteSummary(
            notes=len(self.footnotes),
            notes_with_url=sum(
                1 for n in self.footnotes if (self.resolved_footnote(n.label) or n).url
            ),
            markers=len(markers),
            linked=sum(1 for label in markers if label in labels),
            markers_without_note=list(dict.fromkeys(x for x in markers if x not in labels)),
            notes_never_cited=[n.label for n in self.footnotes if n.label not in cited],
        )

    def paragraph(self, n: int) -> Paragraph | None:
        if 1 <= n <= len(self.paragraphs) and self.paragraphs[n - 1].n == n:
            return self.paragraphs[n - 1]
        return next((p for p in self.paragraphs if p.n == n), None)


class Chunk(BaseModel):
    """A paragraph-anchored slice of an article: what gets embedded and retrieved."""

    id: str = Field(description="Content hash: an unchanged chunk keeps its id across runs.")
    article_id: str
    ord: int = Field(description="0-based position of the chunk in its article.")
    section: str | None = None
    para_start: int
    para_end: int
    char_start: int = Field(description="Offset in paragraph `para_start` where the chunk starts.")
    char_end: int = Field(description="Offset in paragraph `para_end` where the chunk ends.")
    text: str = Field(description="Stored text, footnote markers kept.")
    embed_text: str = Field(description="Contextual header plus text without markers.")
    footnotes: list[str] = Field(default_factory=list)
    title: str = ""
    author: str | None = None
    published: str | None = None
    language: str | None = None
    tokens: int = Field(default=0, description="Word pieces of `embed_text` for the embedder.")
