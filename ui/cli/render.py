"""Plain-text and JSON views of library objects for the CLI."""

from __future__ import annotations

import textwrap
from typing import Any

from index.types import Article, ArticleRow, FileNotes, IngestReport, SkippedFile
from index.versions import Version
from rag import i18n
from rag.types import Answer, Passage, SourceRef, SourceRow


def article_json(article: Article, versions: list[Version] | None = None) -> dict[str, Any]:
    return {
        "id": article.id,
        "title": article.title,
        "author": article.author,
        "authors": article.authors,
        "published": article.published,
        "url": article.url,
        "language": article.language,
        "category": article.category,
        "source": article.source,
        "highlights": article.highlights,
        "paragraphs": [
            {"n": p.n, "section": p.section, "text": p.text, "footnotes": p.footnotes}
            for p in article.paragraphs
        ],
        "footnotes": [
            {
                **(article.resolved_footnote(n.label) or n).model_dump(exclude={"locator"}),
                "text": n.text,
                "locator": n.locator,
            }
            for n in article.footnotes
        ],
        "author_bio": article.author_bio,
        "versions": [v.model_dump() for v in versions or []],
        "alternates": article.alternates,
        "translation_of": article.translation_of,
        "warnings": article.warnings,
        "note_summary": article.note_summary().model_dump(),
    }


def article_text(article: Article, versions: list[Version] | None = None) -> str:
    out = [article.title, "=" * min(len(article.title), 100)]
    meta = [
        ("id", article.id),
        ("author", article.author),
        ("published", article.published),
        ("category", article.category),
        ("language", article.language),
        ("url", article.url),
        ("source", article.source),
    ]
    out += [f"{k:<10} {v}" for k, v in meta if v]
    out += [f"{'version':<10} {v.language} {v.article_id} — {v.title}" for v in versions or []]
    if article.highlights:
        out += ["", "Highlights:"] + [f"  • {h}" for h in article.highlights]
    section = None
    for p in article.paragraphs:
        if p.section != section and p.section:
            out += ["", f"## {p.section}"]
        section = p.section
        notes = f"  (notes: {', '.join(p.footnotes)})" if p.footnotes else ""
        out += ["", textwrap.fill(f"¶{p.n} {p.text}", 100) + notes]
    if article.footnotes:
        out += ["", "Notes (● carries a URL, ○ does not):"]
        for n in article.footnotes:
            r = article.resolved_footnote(n.label) or n
            ibid = f" → Ibid. of [{n.ibid_of}]" if n.ibid_of else ""
            parts = [
                x
                for x in (r.title, r.publisher, r.url, r.accessed and f"accessed {r.accessed}")
                if x
            ]
            dot = "●" if r.url else "○"
            line = f"  {dot} [{n.label}]{ibid} " + (" | ".join(parts) if parts else n.text)
            out.append(line)
    if article.author_bio:
        out += ["", "About the author:", textwrap.fill(article.author_bio, 100)]
    if article.warnings:
        out += ["", "Warnings:"] + [f"  ! {w}" for w in article.warnings]
    return "\n".join(out)


def articles_text(rows: list[ArticleRow]) -> str:
    if not rows:
        return "No articles yet: run `ibid ingest PATH`."
    lines = [f"{'ID':<40} {'CHUNKS':>6} {'NOTES':>5}  TITLE"]
    lines += [f"{r.id[:40]:<40} {r.chunks:>6} {r.footnotes:>5}  {r.title}" for r in rows]
    return "\n".join(lines)


def _parse_summary(parsed: list[FileNotes], show: int = 10) -> list[str]:
    """Totals over the files parsed, then the files whose markers and notes do not match
    (worst first, at most `show`); the full list is in --json."""
    if not parsed:
        return []
    lines = [
        f"  notes: {sum(f['notes'] for f in parsed)} found in {len(parsed)} parsed file(s), "
        f"{sum(f['notes_with_url'] for f in parsed)} with a URL; markers: "
        f"{sum(f['linked'] for f in parsed)} of {sum(f['markers'] for f in parsed)} linked to "
        "a note"
    ]
    odd = [f for f in parsed if f["markers_without_note"] or f["notes_never_cited"]]
    odd.sort(key=lambda f: -(len(f["markers_without_note"]) + len(f["notes_never_cited"])))
    for f in odd[:show]:
        bits = [f"{f['notes']} notes, {f['linked']}/{f['markers']} markers linked"]
        if f["markers_without_note"]:
            bits.append("no note for " + " ".join(f"[{x}]" for x in f["markers_without_note"][:8]))
        if f["notes_never_cited"]:
            bits.append("never cited " + " ".join(f"[{x}]" for x in f["notes_never_cited"][:8]))
        lines.append(f"    {f['path']}: " + "; ".join(bits))
    if len(odd) > show:
        lines.append(f"    … and {len(odd) - show} more file(s) with unmatched labels (see --json)")
    return lines


def ingest_text(report: IngestReport) -> str:
    lines = [
        f"added {report.added}, updated {report.updated}, unchanged {report.unchanged}, "
        f"removed {report.removed}, failed {len(report.failed)} — archive: {report.articles} "
        f"articles, {report.chunks} chunks"
    ]
    if report.interrupted:
        lines[0] = (
            f"interrupted: only this was committed; run the same command to finish — {lines[0]}"
        )
    lines += [f"  failed: {f['path']}: {f['error']}" for f in report.failed]
    lines += _skipped_lines(report.skipped)
    lines += _parse_summary(report.parsed)
    if report.warnings:
        lines.append(f"  {len(report.warnings)} warnings (see --json)")
    return "\n".join(lines)


def _skipped_lines(skipped: list[SkippedFile], shown: int = 10) -> list[str]:
    """Each skipped file with its reason, the first `shown` of them; the rest counted."""
    lines = [f"  skipped: {s['path']}: {s['reason']}" for s in skipped[:shown]]
    if len(skipped) > shown:
        lines.append(f"  … and {len(skipped) - shown} more skipped (see --json)")
    return lines


def _source_line(f: SourceRef) -> str:
    ibid = f" (Ibid. → [{f.ibid_of}])" if f.ibid_of else ""
    how = "" if f.attached == "sentence" else " (closes the next sentence; may cover this one)"
    parts = [x for x in (f.title and f"“{f.title}”", f.publisher, f.url) if x]
    return f"[{f.label}]{ibid}{how} " + (", ".join(parts) if parts else f.text)


def answer_text(answer: Answer) -> str:
    out = [textwrap.fill(answer.answer, 100)]
    flagged = [s for s in answer.sentences if not s.supported]
    if flagged:
        out += ["", "Not supported by the cited evidence:"]
        out += [f"  ! {s.text} ({'; '.join(s.reasons) or 'low support'})" for s in flagged]
    if answer.refused and answer.see_also:
        head = i18n.text("see_also", answer.language)
        out += ["", f"{head}:"] + [f"  - {s.title} ({s.article_id})" for s in answer.see_also]
    for c in answer.citations:
        where = f"{c.title}, ¶{c.paragraph}" + (f" ({c.section})" if c.section else "")
        out += [
            "",
            f"[{c.n}] {where} — {c.article_id}",
            textwrap.fill(f"“{c.quote}”", 100, initial_indent="    ", subsequent_indent="    "),
        ]
        if c.versions:
            also = ", ".join(f"{v.language} {v.article_id}" for v in c.versions)
            out.append(f"    {i18n.text('other_versions', answer.language)}: {also}")
        out += _source_lines(c.footnotes, c.nearby_notes)
    return "\n".join(out)


def _source_lines(footnotes: list[SourceRef], nearby: list[SourceRef]) -> list[str]:
    if footnotes:
        return [f"    source {_source_line(f)}" for f in footnotes]
    return [f"    nearby {_source_line(f)}" for f in nearby]


def passages_text(passages: list[Passage]) -> str:
    if not passages:
        return "Nothing in the archive is close to this claim."
    out: list[str] = []
    for p in passages:
        out.append(f"{p.verdict.upper():<12} support {p.support:.2f}  {p.title}, ¶{p.paragraph}")
        out.append(
            textwrap.fill(f"“{p.quote}”", 100, initial_indent="    ", subsequent_indent="    ")
        )
        out += _source_lines(p.footnotes, p.nearby_notes)
    return "\n".join(out)


def sources_text(rows: list[SourceRow]) -> str:
    if not rows:
        return "No footnoted sources match."
    out: list[str] = []
    for r in rows:
        out.append(f"{r.url or '(no URL)'}  {r.publisher or ''}  {r.title or ''}".strip())
        out += [f"    cited by {c.article_id} ¶{c.paragraph} [{c.label}]" for c in r.cited_by]
    return "\n".join(out)
