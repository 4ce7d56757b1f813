"""The fixed texts around an answer, in the asker's language (English, Turkish, Russian).

Quotes are never translated: an extractive answer gives the article's own words in the
article's own language. Only Ibid's own sentences (a refusal, the "see also" and citation labels)
follow the question; a language without a table here gets English.
"""

from __future__ import annotations

from functools import lru_cache

_TEXTS: dict[str, dict[str, str]] = {
    "en": {
        "refusal": "The archive does not cover this question, so Ibid will not guess. "
        "The nearest articles are listed under “See also”.",
        "near_miss": "The archive has “{title}”, but it says nothing about {missing}.",
        "no_kind": "The archive's nearest passage, in “{title}”, gives no {kind} for this.",
        "date": "date",
        "number": "figure",
        "name": "name",
        "place": "place",
        "see_also": "See also",
        "sources": "Sources",
        "primary_source": "Primary source",
        "paragraph": "paragraph",
        "other_versions": "Also in",
        "ask": "Ask",
        "sources_cite": "Sources these words cite",
        "citations_of": "Citations of this answer:",
        "open_article": "open the article ↗",
        "no_marker": "No footnote marker in these words.",
    },
    "tr": {
        "refusal": "Arşiv bu soruyu kapsamıyor; Ibid tahminde bulunmaz. "
        "En yakın yazılar “Ayrıca bakınız” altında listelenmiştir.",
        "near_miss": "Arşivde “{title}” var, ancak {missing} hakkında bir şey söylemiyor.",
        "no_kind": "Arşivin en yakın pasajı (“{title}”) bunun için bir {kind} vermiyor.",
        "date": "tarih",
        "number": "sayı",
        "name": "isim",
        "place": "yer",
        "see_also": "Ayrıca bakınız",
        "sources": "Kaynaklar",
        "primary_source": "Birincil kaynak",
        "paragraph": "paragraf",
        "other_versions": "Diğer dillerde",
        "ask": "Sor",
        "sources_cite": "Bu sözlerin dayandığı kaynaklar",
        "citations_of": "Bu cevabın atıfları:",
        "open_article": "yazıyı aç ↗",
        "no_marker": "Bu sözlerde dipnot işareti yok.",
    },
    "ru": {
        "refusal": "В архиве нет ответа на этот вопрос, и Ibid не будет гадать. "
        "Ближайшие статьи перечислены в разделе «См. также».",
        "near_miss": "В архиве есть «{title}», но там ничего не сказано о {missing}.",
        "no_kind": "Ближайший фрагмент архива («{title}») не даёт здесь {kind}.",
        "date": "даты",
        "number": "числа",
        "name": "имени",
        "place": "места",
        "see_also": "См. также",
        "sources": "Источники",
        "primary_source": "Первоисточник",
        "paragraph": "абзац",
        "other_versions": "На других языках",
        "ask": "Спросить",
        "sources_cite": "Источники, на которые ссылаются эти слова",
        "citations_of": "Ссылки этого ответа:",
        "open_article": "открыть статью ↗",
        "no_marker": "В этих словах нет сноски.",
    },
}
LANGUAGES = tuple(_TEXTS)


@lru_cache(maxsize=64)
def _name(code: str, in_language: str | None) -> str | None:
    """The CLDR name (Babel) of language `code`, written in `in_language` (None: in itself)."""
    from babel import Locale, UnknownLocaleError

    try:
        name = Locale.parse(in_language or code).languages.get(code)
    except (UnknownLocaleError, ValueError):
        return None
    return name[:1].upper() + name[1:] if name else None  # "русский" heads a list: "Русский"


def native_name(code: str | None) -> str:
    """The language's name in itself ("Türkçe", "Русский"), for lists of an article's versions."""
    if not code:
        return "?"
    return _name(code, None) or code


def english_name(code: str) -> str:
    """The language's English name ("Turkish"), for instructions to a chat model."""
    return _name(code, "en") or code


def text(key: str, language: str | None, **values: str) -> str:
    """The fixed text `key` in `language` (English when there is no table for it)."""
    table = _TEXTS.get(language or "en", _TEXTS["en"])
    return table.get(key, _TEXTS["en"][key]).format(**values)


def labels(language: str | None) -> dict[str, str]:
    """Every label of the citation panel, for the UI."""
    table = _TEXTS.get(language or "en", _TEXTS["en"])
    return {k: table.get(k, _TEXTS["en"][k]) for k in _TEXTS["en"] if k not in _SENTENCES}


_SENTENCES = ("refusal", "near_miss", "no_kind", "date", "number", "name", "place")
