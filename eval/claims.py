"""Claim-lookup cases from articles whose sentences carry footnote markers: real third-party
ground truth (the sentence's own references), no hand labelling.

FreshWiki JSON gives each sentence with the reference URLs that support it. Any other article
Ibid can parse works too: each sentence with markers becomes a claim, its resolved footnote
URLs the gold sources.
"""

from __future__ import annotations

import json
import random
import re
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

from pydantic import BaseModel, Field

from index.errors import IbidError, ParseError
from index.parse import FORMATS, parse_file
from index.parse.common import slugify
from index.text import sentence_spans, strip_markers


class ClaimCase(BaseModel):
    id: str
    claim: str
    article_id: str
    section: str | None = None
    gold_urls: list[str] = Field(default_factory=list)
    tags: list[str] = Field(default_factory=list)


def normalize_url(url: str) -> str:
    """The key two citations of one source share: scheme, www., a trailing slash and letter
    case do not count; the query and fragment do (?id=123 often names the document)."""
    url = _canonical(url.strip().rstrip("/").lower())
    return re.sub(r"^https?://(www\.)?", "", url)


def _canonical(url: str) -> str:
    """A web URL with scheme, host and path in courlan's canonical form (default port,
    doubled slashes, percent-escapes), in lower case; anything else as it is."""
    from courlan import normalize_url as canonical

    try:
        parts = urlsplit(url)
    except ValueError:  # a stray "[" in the host
        return url
    if parts.scheme not in ("http", "https") or not parts.netloc:
        return url
    # Not the query: courlan drops parameters it takes for trackers (ref, source, uid ...)
    # and sorts the rest, which would merge sources the gold keeps apart.
    head = urlsplit(canonical(parts._replace(query="", fragment="")))
    return urlunsplit(head._replace(query=parts.query, fragment=parts.fragment)).lower()


def _from_freshwiki_json(path: Path) -> Iterator[ClaimCase]:
    data = json.loads(path.read_text())
    article_id = slugify(path.stem)
    i = 0
    for section in data.get("content", []):
        for item in section.get("section_content", []):
            refs = [r for r in item.get("refs", []) if r.startswith("http")]
            if not refs:
                continue
            i += 1
            yield ClaimCase(
                id=f"{article_id}#{i}",
                claim=item["sentence"].strip(),
                article_id=article_id,
                section=section.get("section_title"),
                gold_urls=refs,
                tags=["freshwiki"],
            )


def _from_article(path: Path) -> Iterator[ClaimCase]:
    for article in parse_file(path):
        i = 0
        for para in article.paragraphs:
            for a, b in sentence_spans(para.text):
                labels = [m.label for m in para.markers if a <= m.start < b]
                urls = [
                    note.url
                    for label in dict.fromkeys(labels)
                    if (note := article.resolved_footnote(label)) is not None and note.url
                ]
                if not urls:
                    continue
                i += 1
                yield ClaimCase(
                    id=f"{article.id}#{i}",
                    claim=strip_markers(para.text[a:b]),
                    article_id=article.id,
                    section=para.section,
                    gold_urls=urls,
                    tags=["markers"],
                )


def build_claims(
    corpus: Path, *, limit: int | None = None, seed: int = 0, min_words: int = 6
) -> list[ClaimCase]:
    """Claim cases from a folder (FreshWiki `json/` preferred when present) or a file."""
    if corpus.is_dir() and (corpus / "json").is_dir():
        corpus = corpus / "json"
    files = sorted(corpus.rglob("*")) if corpus.is_dir() else [corpus]
    cases: list[ClaimCase] = []
    for path in files:
        if path.suffix == ".json":
            cases += _from_freshwiki_json(path)
        elif path.suffix.lower() in FORMATS:
            try:
                cases += _from_article(path)
            except ParseError:
                continue
    cases = [c for c in cases if len(c.claim.split()) >= min_words]
    if not cases:
        raise IbidError(f"{corpus}: no sentences with footnote references to build claims from")
    if limit is not None and limit < len(cases):
        cases = random.Random(seed).sample(cases, limit)
    return cases
