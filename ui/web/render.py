"""HTML for the chat: answers with clickable [n], citation cards, refusals, Markdown export.

Every piece of corpus or user text goes through `esc` (HTML) or `esc_md` (HTML, then the
Markdown/LaTeX/template punctuation too, for the chatbot, whose Markdown renderer would
otherwise turn `[x](javascript:…)` into a link). Only http(s) URLs ever become hrefs.
"""

from __future__ import annotations

import html
import itertools
import re

from pydantic import BaseModel, Field

from index.types import Paragraph
from rag import i18n
from rag.types import Answer, AnswerSpan, Citation, SourceRef

_URL_OK = re.compile(r"^https?://[^\s<>\"'`]+$", re.IGNORECASE)
# Markdown, LaTeX and template punctuation, as numeric entities: the browser shows the same
# character, but no Markdown or template syntax can be formed from corpus text.
_MD_CHARS = {ord(c): f"&#{ord(c)};" for c in "\\`*_[]()!|~${}^"}


class Exchange(BaseModel):
    """One question and its Answer, with the cited paragraphs as they were when answered."""

    question: str
    answer: Answer | None = None
    error: str | None = Field(default=None, description="Shown instead of an answer.")
    paragraphs: dict[str, Paragraph] = Field(default_factory=dict)

    def paragraph(self, c: Citation) -> Paragraph | None:
        return self.paragraphs.get(f"{c.article_id}#{c.paragraph}")


def esc(text: object) -> str:
    return html.escape("" if text is None else str(text), quote=True)


def esc_md(text: object) -> str:
    """HTML-escaped and Markdown-inert, for text inside chatbot messages."""
    return esc(text).translate(_MD_CHARS).replace("\n", " ")


def safe_url(url: str | None) -> str | None:
    """The URL if it is http(s) and has no characters that could break out of an attribute."""
    url = (url or "").strip()
    return url if _URL_OK.match(url) else None


def source_link(url: str | None, text: str | None = None) -> str:
    ok = safe_url(url)
    if ok is None:
        return f'<span class="ibid-url-inert">{esc(url)}</span>' if url else ""
    return (
        f'<a class="ibid-src" href="{esc(ok)}" target="_blank" rel="noopener noreferrer">'
        f"{esc(text or ok)}</a>"
    )


def cite_link(turn: int, n: int) -> str:
    # The chatbot's sanitizer drops data-* attributes; the key travels in the fragment.
    return (
        f'<a class="ibid-cite" href="#ibid-cite-{turn}-{n}" title="Show the cited paragraph">'
        f"&#91;{n}&#93;</a>"
    )


# chat messages -------------------------------------------------------------------------------
def question_html(question: str) -> str:
    return f'<div class="ibid-question">{esc_md(question)}</div>'


def streaming_html(text: str) -> str:
    body = esc_md(text.strip()) or "…"
    return f'<div class="ibid-answer ibid-streaming">{body} <span class="ibid-caret">▍</span></div>'


def error_html(message: str) -> str:
    return f'<div class="ibid-answer ibid-error" role="alert">⚠ {esc_md(message)}</div>'


def refusal_html(answer: Answer) -> str:
    items = "".join(
        f'<li><span class="ibid-see-title">{esc_md(s.title)}</span> '
        f'<code class="ibid-id">{esc_md(s.article_id)}</code></li>'
        for s in answer.see_also
    )
    see_also = (
        f'<p class="ibid-see-head">{esc(i18n.text("see_also", answer.language))}</p>'
        f'<ul class="ibid-see-also">{items}</ul>'
        if items
        else ""
    )
    return (
        '<div class="ibid-answer ibid-refusal" role="note">'
        '<p class="ibid-refusal-title">⊘ Not in the archive</p>'
        f"<p>{esc_md(answer.answer)}</p>{see_also}</div>"
    )


def answer_html(turn: int, answer: Answer) -> str:
    """The final chat bubble: each sentence with its [n] links; unsupported ones flagged."""
    if answer.refused:
        return refusal_html(answer)
    parts: list[str] = []
    flagged: list[str] = []
    for s in answer.sentences:
        links = " ".join(cite_link(turn, n) for n in s.citations)
        if s.supported:
            parts.append(f'<span class="ibid-s">{esc_md(s.text)}</span> {links}')
        else:
            why = "; ".join(s.reasons) or f"support {s.support:.2f} is below the threshold"
            tip = esc_md(f"Not supported by the cited passage: {why}")
            start = s.text if len(s.text) <= 60 else s.text[:57].rstrip() + "…"
            flagged.append(f"<li>“{esc_md(start)}”: {esc_md(why)}</li>")
            parts.append(
                f'<span class="ibid-s ibid-unsupported" title="{tip}">'
                f'<span class="ibid-flag">⚠</span> {esc_md(s.text)}</span> {links}'
            )
    if not parts:  # an answer without sentence records: show its text as is
        parts.append(f'<span class="ibid-s">{esc_md(answer.answer)}</span>')
    extra = ""
    if answer.standalone_question:
        extra += f'<p class="ibid-standalone">Read as: {esc_md(answer.standalone_question)}</p>'
    if flagged:
        plural = "sentence is" if len(flagged) == 1 else "sentences are"
        extra += (
            f'<div class="ibid-flag-note">⚠ {len(flagged)} {plural} not supported by the cited '
            f"passage:<ul>{''.join(flagged)}</ul></div>"
        )
    mode = "LLM" if answer.mode == "llm" else "extractive"
    return (
        f'<div class="ibid-answer"><p>{" ".join(parts)}</p>{extra}'
        f'<p class="ibid-answer-foot">{len(answer.citations)} citation(s) · {mode} · '
        "click a number to check it</p></div>"
    )


# citation panel ------------------------------------------------------------------------------
def paragraph_html(
    para: Paragraph,
    start: int,
    end: int,
    labels: set[str],
    bold: tuple[int, int] | None = None,
) -> str:
    """The paragraph, the quoted words in <mark>, the answering words inside them in <strong>,
    its footnote markers as superscripts."""
    text = para.text
    cuts = {0, len(text), max(0, min(start, len(text))), max(0, min(end, len(text)))}
    if bold is not None:
        cuts.update(max(0, min(x, len(text))) for x in bold)
    for m in para.markers:
        cuts.update((m.start, m.end))
    points = sorted(c for c in cuts if 0 <= c <= len(text))
    out: list[str] = []
    for a, b in itertools.pairwise(points):
        piece = esc(text[a:b])
        marker = next((m for m in para.markers if m.start <= a < m.end), None)
        if marker is not None:
            cls = "ibid-marker is-cited" if marker.label in labels else "ibid-marker"
            piece = f'<sup class="{cls}">{piece}</sup>'
        if bold is not None and bold[0] <= a < bold[1]:
            piece = f'<strong class="ibid-answer-span">{piece}</strong>'
        if start <= a < end:
            piece = f"<mark>{piece}</mark>"
        out.append(piece)
    return (
        "".join(out)
        .replace("</mark><mark>", "")
        .replace('</strong><strong class="ibid-answer-span">', "")
    )


def note_html(f: SourceRef) -> str:
    bits: list[str] = [f'<span class="ibid-note-label">[{esc(f.label)}]</span>']
    if f.ibid_of:
        bits.append(
            f'<span class="ibid-ibid" title="{esc(f.text)}">Ibid. → [{esc(f.ibid_of)}]</span>'
        )
    described = False
    if f.title:
        bits.append(f'<span class="ibid-note-title">“{esc(f.title)}”</span>')
        described = True
    if f.publisher:
        bits.append(f'<span class="ibid-publisher">{esc(f.publisher)}</span>')
        described = True
    if f.url:
        bits.append(source_link(f.url))
        described = True
    if not described:
        bits.append(f'<span class="ibid-note-text">{esc(f.text)}</span>')
    if f.accessed:
        bits.append(f'<span class="ibid-accessed">accessed {esc(f.accessed)}</span>')
    if f.attached == "following":
        bits.append(
            '<span class="ibid-attached" title="The quote has no marker of its own; this note '
            "closes the next sentence that has one. By a common convention it may cover the "
            'sentences before it, but nothing in the text confirms it.">closes the next sentence; '
            "may cover this one</span>"
        )
    return f'<li class="ibid-note">{" ".join(bits)}</li>'


def notes_html(
    footnotes: list[SourceRef], nearby: list[SourceRef], language: str | None = None
) -> str:
    """A quote's own notes; failing those, the paragraph's next note, shown as unconfirmed."""
    if footnotes:
        return "".join(note_html(f) for f in footnotes)
    none = f'<li class="ibid-note ibid-none">{esc(i18n.text("no_marker", language))}</li>'
    return none + "".join(note_html(f) for f in nearby)


def card_html(
    turn: int,
    c: Citation,
    para: Paragraph | None,
    siblings: list[int],
    active: bool,
    span: AnswerSpan | None = None,
    language: str | None = None,
) -> str:
    """One citation's card; its labels in `language` (the question's)."""
    meta = [x for x in (c.author, c.published, c.section and f"§ {c.section}") if x]
    meta.append(f"¶{c.paragraph}")
    labels = {f.label for f in [*c.footnotes, *c.nearby_notes]}
    stale = para is None or para.text[c.start : c.end] != c.quote
    if stale:
        body = f"<mark>{esc(c.quote)}</mark>"
        note = (
            '<p class="ibid-stale">The article changed since this answer; '
            "the quote is shown alone.</p>"
        )
    else:
        assert para is not None
        bold = (c.start + span.start, c.start + span.end) if span is not None else None
        body, note = paragraph_html(para, c.start, c.end, labels, bold), ""
    notes = notes_html(c.footnotes, c.nearby_notes, language)
    nav = " ".join(
        cite_link(turn, n).replace('class="ibid-cite"', 'class="ibid-cite is-current"')
        if n == c.n
        else cite_link(turn, n)
        for n in siblings
    )
    article = source_link(c.url, i18n.text("open_article", language)) if safe_url(c.url) else ""
    versions = versions_html(c, language)
    cls = "ibid-card is-active" if active else "ibid-card"
    return (
        f'<article class="{cls}" id="ibid-card-{turn}-{c.n}" tabindex="-1">'
        f'<nav class="ibid-card-nav">{esc(i18n.text("citations_of", language))} {nav}</nav>'
        f'<h3 class="ibid-card-title"><span class="ibid-card-n">[{c.n}]</span> {esc(c.title)}</h3>'
        f'<p class="ibid-meta">{" · ".join(esc(x) for x in meta)} · '
        f'<code class="ibid-id">{esc(c.article_id)}</code> {article}</p>{versions}'
        f'<blockquote class="ibid-para">{body}</blockquote>{note}'
        f'<h4 class="ibid-notes-head">{esc(i18n.text("sources_cite", language))}</h4>'
        f'<ul class="ibid-notes">{notes}</ul>'
        "</article>"
    )


def versions_html(c: Citation, language: str | None = None) -> str:
    """'Also in: English · Русский', each naming the version's article id."""
    if not c.versions:
        return ""
    items = " · ".join(
        f'<span class="ibid-version" title="{esc(v.title)}">'
        f"{esc(i18n.native_name(v.language))} "
        f'<code class="ibid-id">{esc(v.article_id)}</code></span>'
        for v in c.versions
    )
    label = esc(i18n.text("other_versions", language))
    return f'<p class="ibid-versions">{label}: {items}</p>'


PANEL_HINT = (
    '<div class="ibid-panel-hint">Click a citation number such as <b>[1]</b> in an answer to '
    "see the paragraph it quotes, the quoted words highlighted, and the sources its footnotes "
    "cite.</div>"
)


def panel_html(exchanges: list[Exchange], active: tuple[int, int] | None = None) -> str:
    """All citation cards of the conversation; CSS shows only the active one."""
    cards: list[str] = []
    for turn, ex in enumerate(exchanges):
        if ex.answer is None:
            continue
        numbers = [c.n for c in ex.answer.citations]
        spans = answer_spans(ex.answer)
        for c in ex.answer.citations:
            cards.append(
                card_html(
                    turn,
                    c,
                    ex.paragraph(c),
                    numbers,
                    active == (turn, c.n),
                    spans.get(c.n),
                    ex.answer.language,
                )
            )
    # CSS hides the hint once a card is active (.ibid-panel-inner:has(.is-active)).
    return (
        '<div class="ibid-panel-inner" role="region" aria-label="Cited paragraph" '
        f'aria-live="polite">{PANEL_HINT}{"".join(cards)}</div>'
    )


def answer_spans(answer: Answer) -> dict[int, AnswerSpan]:
    """Citation number -> the answering words inside its quote (first citation of a sentence)."""
    return {
        s.citations[0]: s.answer_span
        for s in answer.sentences
        if s.answer_span is not None and s.citations
    }


def bold_quote(quote: str, span: AnswerSpan | None) -> str:
    if span is None or not 0 <= span.start < span.end <= len(quote):
        return quote
    return f"{quote[: span.start]}**{quote[span.start : span.end]}**{quote[span.end :]}"


# Markdown export -----------------------------------------------------------------------------
def _source_md(f: SourceRef) -> str:
    who = " ".join(x for x in (f.publisher, f.url) if x)
    return who or (f"“{f.title}”" if f.title else f.text)


def answer_markdown(answer: Answer) -> str:
    """The answer with [n], then one line per citation with its quote and sources."""
    lines = [f"**Q:** {answer.question}", "", answer.answer]
    if answer.refused and answer.see_also:
        lines += ["", "See also:"] + [f"- {s.title} ({s.article_id})" for s in answer.see_also]
    if answer.citations:
        lines.append("")
    spans = answer_spans(answer)
    for c in answer.citations:
        srcs = "; ".join(_source_md(f) for f in c.footnotes) or "no footnote"
        if not c.footnotes and c.nearby_notes:
            near = "; ".join(_source_md(f) for f in c.nearby_notes)
            srcs += f" (the next sentence's note may cover it: {near})"
        quote = bold_quote(c.quote, spans.get(c.n))
        lines.append(f"[{c.n}] {c.title}, ¶{c.paragraph} — “{quote}” — source: {srcs}")
    return "\n".join(lines)
