"""Languages: which one a text is in, and how its words become keyword-search tokens.

Detection is py3langid (its model ships in the package), limited to the languages the
multilingual embedder reads, so a short question is not taken for a rare language it resembles.
English keeps Ibid's own light tokenizer (the figures in the README were measured with it);
every other language with a Snowball stemmer gets that stemmer and the stopwords-iso list.
"""

from __future__ import annotations

import re
import threading
import unicodedata
from functools import lru_cache
from typing import Any

from index.text import STOPWORDS, strip_markers, tokenize

# The languages of USE-multilingual v3 (the cross-lingual leg): detection chooses among them.
LANGUAGES = ("ar", "de", "en", "es", "fr", "it", "ja", "ko", "nl", "pl", "pt", "ru", "th", "tr",
             "zh")  # fmt: skip
# Below this probability a text is not confidently anything: it counts as the default.
MIN_CONFIDENCE = 0.6
_SNOWBALL = {
    "ar": "arabic", "de": "german", "es": "spanish", "fr": "french", "it": "italian",
    "nl": "dutch", "pl": "polish", "pt": "portuguese", "ru": "russian", "tr": "turkish",
}  # fmt: skip
# English function words that Turkish or Russian questions never contain: two of them make a
# text English without loading the language model (a cold `ibid ask` stays fast).
_ENGLISH_CUES = frozenset(
    "the of what when which who whom how did does was were is are in on to and with from by for "
    "that this why where".split()
)
_WORD_RE = re.compile(r"[^\W\d_]+", re.UNICODE)
_lock = threading.Lock()
_identifier: Any = None


def _langid() -> Any:
    global _identifier
    with _lock:
        if _identifier is None:
            from py3langid.langid import MODEL_DIR, MODEL_FILE, LanguageIdentifier

            ident = LanguageIdentifier.from_modelpath(MODEL_DIR / MODEL_FILE, norm_probs=True)
            ident.set_languages(list(LANGUAGES))
            _identifier = ident
        return _identifier


def detect(text: str, default: str = "en") -> str:
    """The ISO 639-1 code of `text`'s language, or `default` when unsure (too short, mixed)."""
    text = strip_markers(text)
    words = _WORD_RE.findall(text.lower())
    if not words:
        return default
    if text.isascii() and len(_ENGLISH_CUES.intersection(words)) >= 2:
        return "en"
    code, prob = _langid().classify(text[:4000])
    return str(code) if prob >= MIN_CONFIDENCE else default


def fold_turkish(text: str) -> str:
    """Lower-case the Turkish way (İ -> i, I -> ı) and drop the suffix a proper name carries
    after its apostrophe ("Modi'nin" -> "modi"), as Turkish spelling marks it."""
    text = text.replace("İ", "i").replace("I", "ı").lower()
    return re.sub(r"(\w)['’]\w+", r"\1", text)


@lru_cache(maxsize=16)
def _stemmer(lang: str) -> Any:
    import snowballstemmer

    return snowballstemmer.stemmer(_SNOWBALL[lang])


@lru_cache(maxsize=16)
def stopwords(lang: str) -> frozenset[str]:
    """The stopwords-iso list of `lang` (empty when it has none), lower-cased."""
    import stopwordsiso

    words = stopwordsiso.stopwords(lang) if stopwordsiso.has_lang(lang) else set()
    return frozenset(unicodedata.normalize("NFC", w).lower() for w in words)


@lru_cache(maxsize=16)
def _all_stopwords(lang: str) -> frozenset[str]:
    """`lang`'s stop words and Ibid's English ones (names and acronyms mix in)."""
    return stopwords(lang) | STOPWORDS


def _folded(text: str, lang: str) -> str:
    text = unicodedata.normalize("NFC", strip_markers(text))
    if lang == "tr":
        return fold_turkish(text)
    text = text.lower()
    return text.replace("ё", "е") if lang == "ru" else text


_TOKEN_RE = re.compile(r"\w[\w'’-]*", re.UNICODE)


def analyze(text: str, lang: str | None) -> list[str]:
    """Keyword tokens of `text` read as `lang`: stop words dropped, words stemmed.

    English (and unknown languages) use `index.text.tokenize`; Latin-script words in a text of
    another language (names, acronyms) are stemmed by that language's rules, which leaves most
    of them as they are."""
    if not lang or lang == "en" or lang not in _SNOWBALL:
        return tokenize(text)
    stop = _all_stopwords(lang)
    stem = _stemmer(lang)
    out: list[str] = []
    for raw in _TOKEN_RE.findall(_folded(text, lang)):
        word = raw.strip("'’-")
        if word and word not in stop:
            out.append(word if word.isdigit() else stem.stemWord(word))
    return out
