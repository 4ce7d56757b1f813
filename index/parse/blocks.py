"""The one step that builds an Article: every parser yields typed blocks and metadata.

A parser knows its format's structure (a .docx says which mark is which note; a PDF says which
glyphs are raised and small; HTML has <sup> and note lists; text has only conventions). It
reports that structure as `Heading`, `Para` and `Note` blocks plus `DocMeta`, and `assemble`
does what every format shares: sections, markers, note parsing, Ibid. chains, the check that
markers and notes match, language, title fallback.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from pydantic import BaseModel, Field

from index.notes import parse_note, resolve_ibids
from index.parse.common import detect_language
from index.text import find_markers
from index.types import Article, Footnote, Paragraph


@dataclass(frozen=True)
class Heading:
    text: str
    level: int = 1


@dataclass(frozen=True)
class Para:
    """Body text with its footnote markers printed inline (see `marker_text`)."""

    text: str


@dataclass(frozen=True)
class Note:
    label: str
    text: str


Block = Heading | Para | Note


class DocMeta(BaseModel):
    """What a format knows about the article besides its text; None where it does not know."""

    title: str | None = None
    authors: list[str] = Field(default_factory=list)
    published: str | None = Field(default=None, description="ISO date YYYY-MM-DD.")
    category: str | None = None
    language: str | None = None
    url: str | None = None
    highlights: list[str] = Field(default_factory=list)
    author_bio: str | None = None
    alternates: dict[str, str] = Field(default_factory=dict)
    translation_of: str | None = None

    def merged(self, other: DocMeta) -> DocMeta:
        """`other`'s known values over this one's."""
        known = {k: v for k, v in other.model_dump().items() if v not in (None, "", [])}
        return self.model_copy(update=known)


_PLAIN_LABEL_RE = re.compile(r"\d{1,4}|[ivxlcdm]{1,8}")


def marker_text(label: str) -> str:
    """How a marker is printed in stored text: "[12]", "[iv]"; other labels (a number that
    restarts per page, "p3-2") as "[^p3-2]", so `find_markers` reads them back exactly."""
    return f"[{label}]" if _PLAIN_LABEL_RE.fullmatch(label) else f"[^{label}]"


def assemble(
    blocks: Iterable[Block],
    meta: DocMeta,
    *,
    article_id: str,
    source: str = "",
    fmt: str = "txt",
    content_hash: str = "",
    warnings: Iterable[str] = (),
) -> Article:
    paragraphs: list[Paragraph] = []
    notes: list[Footnote] = []
    section: str | None = None
    for block in blocks:
        if isinstance(block, Heading):
            section = block.text
        elif isinstance(block, Note):
            notes.append(parse_note(block.label, block.text))
        elif block.text.strip():
            n = len(paragraphs) + 1
            paragraphs.append(
                Paragraph(n=n, section=section, text=block.text, markers=find_markers(block.text))
            )
    notes, renamed = unique_labels(notes)
    found = [*warnings, *renamed, *resolve_ibids(notes), *check_notes(paragraphs, notes)]
    title = meta.title or article_id
    if " " not in title and "_" in title:
        title = title.replace("_", " ")
    body_text = " ".join(p.text for p in paragraphs)
    return Article(
        id=article_id,
        title=title,
        authors=[a.strip() for a in meta.authors if a.strip()],
        published=meta.published,
        category=meta.category,
        language=meta.language or detect_language(body_text),
        url=meta.url,
        highlights=meta.highlights,
        paragraphs=paragraphs,
        footnotes=notes,
        author_bio=meta.author_bio,
        alternates=meta.alternates,
        translation_of=meta.translation_of,
        source=source,
        format=fmt,
        content_hash=content_hash,
        warnings=list(dict.fromkeys(found)),
    )


def unique_labels(notes: list[Footnote]) -> tuple[list[Footnote], list[str]]:
    """Notes under labels no other note has: a label printed twice ("[1] A", "[1] B") keeps
    both notes, each with its own source, the later one as "1.2". Markers "[1]" cite the
    first, and the report says so, rather than one note silently taking the other's URL."""
    seen: dict[str, int] = {}
    out: list[Footnote] = []
    warnings: list[str] = []
    for note in notes:
        seen[note.label] = seen.get(note.label, 0) + 1
        if seen[note.label] == 1:
            out.append(note)
            continue
        label = f"{note.label}.{seen[note.label]}"
        warnings.append(
            f"note label [{note.label}] appears more than once; the note printed again is kept "
            f"as [{label}] and markers [{note.label}] cite the first"
        )
        out.append(note.model_copy(update={"label": label}))
    return out, warnings


def check_notes(paragraphs: list[Paragraph], notes: list[Footnote]) -> list[str]:
    warnings: list[str] = []
    labels = [n.label for n in notes]
    cited = {m.label for p in paragraphs for m in p.markers}
    for p in paragraphs:
        for label in p.footnotes:
            if label not in labels:
                warnings.append(
                    f"paragraph {p.n} cites [{label}] but the notes list has no such note"
                )
    for label in dict.fromkeys(labels):
        if label not in cited:
            warnings.append(f"note [{label}] is never cited in the text")
    return warnings


def attach_notes(article: Article, notes: list[Footnote]) -> Article:
    """Add notes found outside the text (an HTML notes list, a JSONL field) to `article`.

    The warnings about markers and notes are recomputed over all the notes, so a marker whose
    note arrives here is no longer reported as missing.
    """
    if not notes:
        return article
    old = [n.model_copy(update={"ibid_of": None}) for n in article.footnotes]
    stale = set(resolve_ibids(old)) | set(check_notes(article.paragraphs, old))
    all_notes = [n.model_copy(update={"ibid_of": None}) for n in [*article.footnotes, *notes]]
    all_notes, renamed = unique_labels(all_notes)
    warnings = [w for w in article.warnings if w not in stale] + renamed
    warnings += resolve_ibids(all_notes)
    warnings += check_notes(article.paragraphs, all_notes)
    return article.model_copy(
        update={"footnotes": all_notes, "warnings": list(dict.fromkeys(warnings))}
    )
