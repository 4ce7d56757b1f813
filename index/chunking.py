"""Paragraph-anchored chunks sized in the embedder's own word pieces.

A chunk is one paragraph, several short paragraphs of one section merged, or a run of sentences
of a paragraph too long for the embedder. The embedded text carries a header (title, section)
and no footnote markers; the stored text keeps the markers so citations can resolve them.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from index.errors import ConfigError
from index.settings import ChunkSettings
from index.text import sentence_spans, strip_markers
from index.types import Article, Chunk, Paragraph

TokenCount = Callable[[str], int]
_MAX_PIECE_CHARS = 24  # longer "words" (URLs, hashes) split into several pieces


@lru_cache(maxsize=4)
def token_counter(model_dir: str) -> TokenCount:
    """Exact word-piece count (special tokens included) from the model's own tokenizer.json.

    `tokenizers` is used directly rather than through transformers: it loads in milliseconds.
    """
    from tokenizers import Tokenizer

    path = Path(model_dir) / "tokenizer.json"
    if not path.is_file():
        raise ConfigError(f"no tokenizer.json in {model_dir}: cannot size chunks for this model")
    tok = Tokenizer.from_file(str(path))
    tok.no_truncation()
    tok.no_padding()

    # Chunking counts most texts twice (a paragraph when it is sized, then the chunk made of
    # it), so repeated texts are answered from memory.
    @lru_cache(maxsize=8192)
    def count(text: str) -> int:
        return len(tok.encode(text).ids)

    return count


@dataclass
class _Piece:
    para: Paragraph
    start: int
    end: int

    @property
    def text(self) -> str:
        return self.para.text[self.start : self.end]


def _header(article: Article, section: str | None) -> str:
    return f"{article.title} — {section}\n" if section else f"{article.title}\n"


def _embed_text(header: str, pieces: list[_Piece]) -> str:
    return header + "\n".join(strip_markers(p.text) for p in pieces)


def _split_long(para: Paragraph, header: str, max_tokens: int, count: TokenCount) -> list[_Piece]:
    """Greedy runs of whole sentences that fit; a single oversized sentence is cut by words."""
    pieces: list[_Piece] = []
    start: int | None = None
    end = 0
    for s_start, s_end in sentence_spans(para.text):
        if start is not None and count(header + strip_markers(para.text[start:s_end])) > max_tokens:
            pieces.append(_Piece(para, start, end))
            start = None
        if start is None:
            start = s_start
        end = s_end
        if count(header + strip_markers(para.text[start:end])) > max_tokens:
            pieces += _split_words(para, start, end, header, max_tokens, count)
            start = None
    if start is not None:
        pieces.append(_Piece(para, start, end))
    return pieces


def _split_words(
    para: Paragraph, start: int, end: int, header: str, max_tokens: int, count: TokenCount
) -> list[_Piece]:
    pieces: list[_Piece] = []
    cut = start
    # A word piece covers at most a word; no fitting prefix is longer than this many chars,
    # so the search looks only that far ahead and the whole split stays linear in the text.
    window = max_tokens * _MAX_PIECE_CHARS
    while cut < end:
        lo, hi = cut + 1, min(end, cut + window)
        while lo < hi:  # longest prefix that fits, found by bisection on characters
            mid = (lo + hi + 1) // 2
            if count(header + strip_markers(para.text[cut:mid])) <= max_tokens:
                lo = mid
            else:
                hi = mid - 1
        stop = lo
        space = para.text.rfind(" ", cut + 1, stop)
        if stop < end and space > cut:
            stop = space
        pieces.append(_Piece(para, cut, stop))
        cut = stop
        while cut < end and para.text[cut].isspace():
            cut += 1
    return pieces


def chunk_article(article: Article, settings: ChunkSettings, count: TokenCount) -> list[Chunk]:
    groups: list[list[_Piece]] = []
    for para in article.paragraphs:
        header = _header(article, para.section) if settings.header else ""
        whole = _Piece(para, 0, len(para.text))
        if count(_embed_text(header, [whole])) > settings.max_tokens:
            groups += [[p] for p in _split_long(para, header, settings.max_tokens, count)]
            continue
        last = groups[-1] if groups else None
        if (
            last is not None
            and last[-1].para.section == para.section
            and all(p.start == 0 and p.end == len(p.para.text) for p in last)
            and count(_embed_text(header, last)) < settings.min_tokens
            and count(_embed_text(header, [*last, whole])) <= settings.max_tokens
        ):
            last.append(whole)
        else:
            groups.append([whole])

    chunks: list[Chunk] = []
    seen: dict[str, int] = {}
    for ord_, pieces in enumerate(groups):
        section = pieces[0].para.section
        header = _header(article, section) if settings.header else ""
        embed_text = _embed_text(header, pieces)
        text = "\n\n".join(p.text for p in pieces)
        digest = hashlib.sha256(f"{article.id}\0{embed_text}\0{text}".encode()).hexdigest()[:32]
        # The same passage twice in one article still needs two ids.
        seen[digest] = seen.get(digest, 0) + 1
        chunk_id = digest if seen[digest] == 1 else f"{digest}-{seen[digest]}"
        labels = [m.label for p in pieces for m in p.para.markers if p.start <= m.start < p.end]
        chunks.append(
            Chunk(
                id=chunk_id,
                article_id=article.id,
                ord=ord_,
                section=section,
                para_start=pieces[0].para.n,
                para_end=pieces[-1].para.n,
                char_start=pieces[0].start,
                char_end=pieces[-1].end,
                text=text,
                embed_text=embed_text,
                footnotes=list(dict.fromkeys(labels)),
                title=article.title,
                author=article.author,
                published=article.published,
                language=article.language,
                tokens=count(embed_text),
            )
        )
    return chunks
