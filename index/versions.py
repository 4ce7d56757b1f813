"""One analysis in several languages: which articles of the archive are versions of each other.

Publishers link them in three ways, all read here: the page's own language links (hreflang
alternates, kept as `Article.alternates`), a `translation_of` field naming the original (JSONL),
and the same URL slug under a language folder (/en/slug/, /tr/slug/). A translation also keeps
its original's notes: two articles in different languages citing the same sources (at least
three URLs, nearly all shared) are versions too, which links a plain-text copy with no URL.
Links are followed both ways and transitively: the Russian page linking only the English one
still joins the Turkish.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import SplitResult, urlparse, urlsplit

from pydantic import BaseModel


class Version(BaseModel):
    """Another language's version of an article."""

    article_id: str
    language: str | None
    title: str
    url: str | None = None


@dataclass(frozen=True)
class VersionRow:
    id: str
    title: str
    language: str | None
    url: str | None
    alternates: dict[str, str]
    translation_of: str | None
    note_urls: frozenset[str] = frozenset()


def _norm(url: str | None) -> str | None:
    """The page a URL names, for matching one language version's link to another's page: host
    (no www.) and path, in lower case, whatever the scheme, port, query or fragment."""
    if not url:
        return None
    from courlan import normalize_url

    # courlan canonicalises host and path (default port, doubled slashes, percent-escapes);
    # the query, fragment and ;params go first, as they never name another version here.
    # Lower case before it as well, so letters it percent-escapes still match in any case.
    raw = urlparse(url.strip().lower())
    p = urlsplit(normalize_url(SplitResult(raw.scheme, raw.netloc, raw.path, "", "")))
    host = (p.hostname or "").removeprefix("www.")
    return f"{host}{p.path.rstrip('/')}".lower() or None


def _slug_key(url: str | None) -> str | None:
    """host + last path segment, for pages whose language is only a folder: /en/x/ ~ /tr/x/."""
    p = urlparse((url or "").strip())
    parts = [s for s in p.path.split("/") if s]
    if not parts or not p.hostname:
        return None
    return f"{p.hostname.removeprefix('www.')}|{parts[-1].lower()}"


def _same_notes(rows: list[VersionRow], union: Callable[[str, str], None]) -> None:
    by_url: dict[str, list[VersionRow]] = {}
    for r in rows:
        if len(r.note_urls) >= 3:
            for u in r.note_urls:
                by_url.setdefault(u, []).append(r)
    pairs: set[tuple[str, str]] = set()
    for sharing in by_url.values():
        if len(sharing) > 8:
            continue  # a source cited everywhere (a wire service's front page) links nothing
        for i, a in enumerate(sharing):
            for b in sharing[i + 1 :]:
                if a.language != b.language and (a.id, b.id) not in pairs:
                    pairs.add((a.id, b.id))
                    shared = len(a.note_urls & b.note_urls)
                    if shared / len(a.note_urls | b.note_urls) >= 0.8:
                        union(a.id, b.id)


def group_versions(rows: list[VersionRow]) -> dict[str, list[Version]]:
    """Each article id -> its other-language versions (articles in its own language excluded)."""
    parent = {r.id: r.id for r in rows}

    def find(x: str) -> str:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    def union(a: str, b: str) -> None:
        parent[find(a)] = find(b)

    by_url = {u: r.id for r in rows if (u := _norm(r.url))}
    by_id = {r.id: r.id for r in rows}
    by_slug: dict[str, list[VersionRow]] = {}
    for r in rows:
        for target in [*r.alternates.values(), r.translation_of]:
            other = by_id.get(target or "") or by_url.get(_norm(target) or "")
            if other and other != r.id:
                union(r.id, other)
        if key := _slug_key(r.url):
            by_slug.setdefault(key, []).append(r)
    _same_notes(rows, union)
    for same in by_slug.values():
        if len({r.language for r in same}) == len(same) > 1:  # one page per language
            for r in same[1:]:
                union(r.id, same[0].id)
    groups: dict[str, list[VersionRow]] = {}
    for r in rows:
        groups.setdefault(find(r.id), []).append(r)
    out: dict[str, list[Version]] = {}
    for members in groups.values():
        if len(members) < 2:
            continue
        for r in members:
            out[r.id] = [
                Version(article_id=m.id, language=m.language, title=m.title, url=m.url)
                for m in sorted(members, key=lambda m: (m.language or "", m.id))
                if m.id != r.id and m.language != r.language
            ]
    return out
