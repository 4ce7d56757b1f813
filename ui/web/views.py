"""HTML and table views for the Citation lookup and Library tabs (all text escaped)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from index.types import ArticleRow, Paragraph
from rag.types import Passage, SourceRow
from ui.web.render import esc, notes_html, paragraph_html, source_link

_VERDICT = {
    "supports": ("ibid-v-supports", "supports"),
    "contradicts": ("ibid-v-contradicts", "contradicts"),
    "related": ("ibid-v-related", "related"),
}


def passages_html(claim: str, passages: list[tuple[Passage, Paragraph | None]]) -> str:
    if not passages:
        return (
            '<div class="ibid-empty">Nothing in the archive is close to this claim: '
            f"“{esc(claim)}”.</div>"
        )
    out = [f'<p class="ibid-results-head">{len(passages)} passage(s) for “{esc(claim)}”</p>']
    for p, para in passages:
        cls, word = _VERDICT.get(p.verdict, ("ibid-v-related", p.verdict))
        meta = [x for x in (p.author, p.published, p.section and f"§ {p.section}") if x]
        meta.append(f"¶{p.paragraph}")
        reasons = f'<p class="ibid-reasons">{esc("; ".join(p.reasons))}</p>' if p.reasons else ""
        context = ""
        if para is not None and para.text[p.start : p.end] == p.quote:
            labels = {f.label for f in [*p.footnotes, *p.nearby_notes]}
            context = (
                "<details><summary>Whole paragraph</summary>"
                f'<blockquote class="ibid-para">{paragraph_html(para, p.start, p.end, labels)}'
                "</blockquote></details>"
            )
        notes = notes_html(p.footnotes, p.nearby_notes)
        out.append(
            f'<article class="ibid-result">'
            f'<p class="ibid-result-head"><span class="ibid-verdict {cls}">{esc(word)}</span> '
            f'<span class="ibid-score">support {p.support:.2f} · rank score {p.score:.2f}</span>'
            f"</p>"
            f'<h3 class="ibid-card-title">{esc(p.title)}</h3>'
            f'<p class="ibid-meta">{" · ".join(esc(x) for x in meta)} · '
            f'<code class="ibid-id">{esc(p.article_id)}</code></p>'
            f'<blockquote class="ibid-quote"><mark>{esc(p.quote)}</mark></blockquote>'
            f"{reasons}{context}"
            f'<h4 class="ibid-notes-head">Sources</h4><ul class="ibid-notes">{notes}</ul>'
            "</article>"
        )
    return "".join(out)


def sources_html(found: Iterable[SourceRow | Mapping[str, Any]], url: str, publisher: str) -> str:
    """The sources found, from their rows (or the rows' JSON)."""
    rows = [SourceRow.model_validate(r) for r in found]
    query = " and ".join(
        f"{k} contains “{esc(v)}”" for k, v in (("URL", url), ("publisher", publisher)) if v
    )
    if not rows:
        where = f" {query}" if query else ""
        return f'<div class="ibid-empty">No footnoted source matches{where}.</div>'
    n_cites = sum(len(r.cited_by) for r in rows)
    out = [
        f'<p class="ibid-results-head">{len(rows)} source(s), cited {n_cites} time(s)'
        f"{' — ' + query if query else ''}</p>"
    ]
    for r in rows:
        link = source_link(r.url) or '<span class="ibid-url-inert">(no URL)</span>'
        title = f'<span class="ibid-note-title">“{esc(r.title)}”</span>' if r.title else ""
        pub = f'<span class="ibid-publisher">{esc(r.publisher)}</span>' if r.publisher else ""
        cited = "".join(
            f'<li>{esc(c.title)}, ¶{esc(c.paragraph)} <span class="ibid-note-label">'
            f'[{esc(c.label)}]</span> <code class="ibid-id">{esc(c.article_id)}</code></li>'
            for c in r.cited_by
        )
        out.append(
            f'<article class="ibid-result"><p class="ibid-source-head">{link} {title} {pub}</p>'
            f'<p class="ibid-meta">cited by {len(r.cited_by)} paragraph(s)</p>'
            f'<ul class="ibid-cited-by">{cited}</ul></article>'
        )
    return "".join(out)


ARTICLE_HEADERS = ["id", "title", "author", "date", "chunks", "footnotes", "path"]


def article_table(rows: list[ArticleRow]) -> list[list[Any]]:
    return [
        [r.id, r.title, r.author or "", r.published or "", r.chunks, r.footnotes, r.path]
        for r in rows
    ]


def article_choices(rows: list[ArticleRow]) -> list[tuple[str, str]]:
    """(label, id) pairs for dropdowns; Svelte renders labels as text."""
    return [(f"{r.title} — {r.id}", r.id) for r in rows]


def author_choices(rows: list[ArticleRow]) -> list[str]:
    return sorted({r.author for r in rows if r.author})
