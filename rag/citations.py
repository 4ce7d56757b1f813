"""Citations: a quoted span of a paragraph, resolved through the paragraph's own footnotes."""

from __future__ import annotations

from index.sentences import chunk_sentences
from index.text import MARKER_RE, sentence_spans, tokenize
from index.types import Article, Chunk, Marker, Paragraph
from rag import answer_type
from rag.types import AnswerSpan, Citation, SourceRef


def covering_markers(para: Paragraph, start: int, end: int) -> tuple[list[Marker], str]:
    """The markers that cite text[start:end], and how: ("sentence", markers inside the span),
    or ("following", the markers that close the next marked sentence, when that sentence is the
    first after the span to carry a marker and they stand at its end: by convention a note
    closing a sentence covers the unmarked sentences before it, back to the previous marker).
    A marker inside a later sentence covers nothing earlier: ([], "sentence")."""
    inside = [m for m in para.markers if start <= m.start < end]
    if inside:
        return inside, "sentence"
    for a, b in sentence_spans(para.text):
        if a < end:
            continue
        marks = [m for m in para.markers if a <= m.start < b]
        if not marks:
            continue  # an unmarked sentence: the run goes on
        # All of its markers must close it: a marker mid-sentence is the previous marker that
        # ends the run, so a closing one after it covers only the words in between.
        if all(_closes(para.text, m, b) for m in marks):
            return marks, "following"
        return [], "sentence"
    return [], "sentence"


def _closes(text: str, marker: Marker, sentence_end: int) -> bool:
    """Nothing but other markers, spaces, quotes and punctuation between marker and end."""
    rest = MARKER_RE.sub("", text[marker.end : sentence_end])
    return not any(ch.isalnum() for ch in rest)


def sources_for_span(
    article: Article, para: Paragraph, start: int, end: int, *, cover_preceding: bool = False
) -> list[SourceRef]:
    """The notes attached to text[start:end] (see `split_sources`)."""
    return split_sources(article, para, start, end, cover_preceding=cover_preceding)[0]


def split_sources(
    article: Article, para: Paragraph, start: int, end: int, *, cover_preceding: bool = False
) -> tuple[list[SourceRef], list[SourceRef]]:
    """(attached, nearby): the notes whose markers are in the span; when it has none, the
    notes closing the next marked sentence are only nearby, unless `cover_preceding` attaches
    them (the convention that such a note covers the sentences before it). That convention is
    a presumption: on FreshWiki, whose gold credits a reference only to the sentence carrying
    its marker, 3% of such URLs were right."""
    markers, how = covering_markers(para, start, end)
    labels = dict.fromkeys(m.label for m in markers)
    refs = [r for r in (source_ref(article, label, how) for label in labels) if r]
    return (refs, []) if how == "sentence" or cover_preceding else ([], refs)


# What a SourceRef shows of the footnote it resolves to.
_NOTE_FIELDS = {"title", "publisher", "url", "accessed", "text", "ibid_of"}


def source_ref(article: Article, label: str, attached: str = "sentence") -> SourceRef | None:
    note = article.resolved_footnote(label)
    if note is None:
        return None
    return SourceRef(label=label, attached=attached, **note.model_dump(include=_NOTE_FIELDS))


def describe_ref(ref: SourceRef) -> str:
    """A resolved note as prose: "BBC — “Title” (note ii, Ibid. of note i)". Labels carry no
    brackets, so they are never read as the answer's own citation numbers."""
    name = ref.publisher or host(ref.url) or (None if ref.title else ref.text.strip()) or "a note"
    how = [f"note {ref.label}"]
    if ref.ibid_of:
        how.append(f"Ibid. of note {ref.ibid_of}")
    if ref.attached == "following":
        how.append("closing the next sentence")
    title = f" — “{ref.title}”" if ref.title else ""
    return f"{name}{title} ({', '.join(how)})"


def attribution(refs: list[SourceRef], nearby: list[SourceRef] | None = None) -> str:
    """Who the quoted sentence's notes say the claim comes from, for the answer's own text:
    "According to BBC — “Title” (note ii, Ibid. of note i)". With no note of its own, the
    paragraph's next note is named as what it is, a note that may cover the sentence."""
    if refs:
        return "According to " + " and ".join(describe_ref(r) for r in refs)
    if nearby:
        names = " and ".join(describe_ref(r) for r in nearby)
        return (
            "The article gives no source of its own for this; the note closing the next "
            f"sentence, {names}, may cover it"
        )
    return "The article gives no source of its own for this"


def source_key(
    url: str | None, title: str | None, publisher: str | None, text: str | None
) -> str | None:
    """What makes two notes the same primary source: the URL, else title and publisher, else
    the note's text. None for a note with none of these."""
    if url:
        return f"url:{url}"
    if title:
        return f"title:{title.casefold()}|{(publisher or '').casefold()}"
    if text:
        return f"text:{text.casefold()}"
    return None


def host(url: str | None) -> str | None:
    """The web host of a URL, without www.: how a note with no publisher is named."""
    if not url:
        return None
    host = url.split("//", 1)[-1].split("/", 1)[0].lower()
    return host.removeprefix("www.") or None


def make_citation(
    n: int,
    article: Article,
    para: Paragraph,
    start: int,
    end: int,
    *,
    cover_preceding: bool = False,
) -> Citation:
    attached, nearby = split_sources(article, para, start, end, cover_preceding=cover_preceding)
    return Citation(
        n=n,
        article_id=article.id,
        title=article.title,
        author=article.author,
        published=article.published,
        url=article.url,
        paragraph=para.n,
        section=para.section,
        quote=para.text[start:end],
        start=start,
        end=end,
        footnotes=attached,
        nearby_notes=nearby,
        language=article.language,
    )


def sentence_at(para: Paragraph, start: int, end: int) -> tuple[int, int]:
    """The sentence span of `para` that overlaps [start, end) most."""
    best, best_overlap = (start, end), -1
    for a, b in sentence_spans(para.text):
        overlap = min(b, end) - max(a, start)
        if overlap > best_overlap:
            best, best_overlap = (a, b), overlap
    return best


class CitationBook:
    """Numbers citations in order of first use; the same quote always gets the same number."""

    def __init__(self, *, cover_preceding: bool = False) -> None:
        self.cover_preceding = cover_preceding
        self.citations: list[Citation] = []
        self._index: dict[tuple[str, int, int, int], int] = {}

    def cite(self, article: Article, para: Paragraph, start: int, end: int) -> int:
        key = (article.id, para.n, start, end)
        if key not in self._index:
            n = len(self.citations) + 1
            self.citations.append(
                make_citation(n, article, para, start, end, cover_preceding=self.cover_preceding)
            )
            self._index[key] = n
        return self._index[key]


def locate_in_chunk(article: Article, chunk: Chunk, text: str) -> tuple[Paragraph, int, int]:
    """The sentence of `chunk` that best matches `text` (by shared words), as a paragraph span."""
    target = set(tokenize(text))
    best: tuple[float, Paragraph, int, int] | None = None
    for para, a, b in chunk_sentences(article, chunk):
        words = set(tokenize(para.text[a:b]))
        score = len(words & target) / (len(target | words) or 1)
        if best is None or score > best[0]:
            best = (score, para, a, b)
    if best is None:
        para = article.paragraph(chunk.para_start) or article.paragraphs[0]
        a, b = sentence_at(para, chunk.char_start, chunk.char_start + 1)
        return para, a, b
    return best[1], best[2], best[3]


def span_in_quote(question: str, quote: str) -> AnswerSpan | None:
    # Markers become spaces of the same length, so offsets stay those of the quote and "[12]"
    # is never taken for a figure.
    blank = MARKER_RE.sub(lambda m: " " * len(m.group()), quote)
    return answer_type.answer_span(question, blank)
