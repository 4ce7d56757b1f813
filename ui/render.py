"""Plain-text and JSON views of library objects for the CLI."""

from __future__ import annotations

import textwrap
from typing import Any

from index.sync import IngestReport
from index.types import Article


def article_json(article: Article) -> dict[str, Any]:
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
        "warnings": article.warnings,
    }


def article_text(article: Article) -> str:
    out = [article.title, "=" * min(len(article.title), 100)]
    meta = [
        ("id", article.id), ("author", article.author), ("published", article.published),
        ("category", article.category), ("language", article.language), ("url", article.url),
        ("source", article.source),
    ]  # fmt: skip
    out += [f"{k:<10} {v}" for k, v in meta if v]
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
        out += ["", "Notes:"]
        for n in article.footnotes:
            r = article.resolved_footnote(n.label) or n
            ibid = f" → Ibid. of [{n.ibid_of}]" if n.ibid_of else ""
            parts = [
                x
                for x in (r.title, r.publisher, r.url, r.accessed and f"accessed {r.accessed}")
                if x
            ]
            line = f"  [{n.label}]{ibid} " + (" | ".join(parts) if parts else n.text)
            out.append(line)
    if article.author_bio:
        out += ["", "About the author:", textwrap.fill(article.author_bio, 100)]
    if article.warnings:
        out += ["", "Warnings:"] + [f"  ! {w}" for w in article.warnings]
    return "\n".join(out)


def articles_text(rows: list[dict[str, Any]]) -> str:
    if not rows:
        return "No articles yet: run `ibid ingest PATH`."
    lines = [f"{'ID':<40} {'CHUNKS':>6} {'NOTES':>5}  TITLE"]
    lines += [
        f"{r['id'][:40]:<40} {r['chunks']:>6} {r['footnotes']:>5}  {r['title']}" for r in rows
    ]
    return "\n".join(lines)


def ingest_text(report: IngestReport) -> str:
    lines = [
        f"added {report.added}, updated {report.updated}, unchanged {report.unchanged}, "
        f"removed {report.removed}, failed {len(report.failed)} — archive: {report.articles} "
        f"articles, {report.chunks} chunks"
    ]
    lines += [f"  failed: {f['path']}: {f['error']}" for f in report.failed]
    if report.warnings:
        lines.append(f"  {len(report.warnings)} warnings (see --json)")
    return "\n".join(lines)
