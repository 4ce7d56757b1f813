"""Dates as printed, in English, Turkish and Russian, read as ISO YYYY-MM-DD."""

from __future__ import annotations

import re

# Each English month: its name, then its abbreviations (the one table of them; answer types
# read it too).
ENGLISH_MONTHS: tuple[tuple[str, ...], ...] = (
    ("january", "jan"),
    ("february", "feb"),
    ("march", "mar"),
    ("april", "apr"),
    ("may",),
    ("june", "jun"),
    ("july", "jul"),
    ("august", "aug"),
    ("september", "sep", "sept"),
    ("october", "oct"),
    ("november", "nov"),
    ("december", "dec"),
)
_MONTHS = {m: i + 1 for i, names in enumerate(ENGLISH_MONTHS) for m in names}
# Turkish (with and without its letters) and Russian (genitive, as dates print them, and
# nominative) month names: "12 Ocak 2026", "5 февраля 2026 г.".
for _i, _names in enumerate(
    [
        ("ocak", "января", "январь"),
        ("şubat", "subat", "февраля", "февраль"),
        ("mart", "марта", "март"),
        ("nisan", "апреля", "апрель"),
        ("mayıs", "mayis", "мая", "май"),
        ("haziran", "июня", "июнь"),
        ("temmuz", "июля", "июль"),
        ("ağustos", "agustos", "августа", "август"),
        ("eylül", "eylul", "сентября", "сентябрь"),
        ("ekim", "октября", "октябрь"),
        ("kasım", "kasim", "ноября", "ноябрь"),
        ("aralık", "aralik", "декабря", "декабрь"),
    ]
):
    _MONTHS.update(dict.fromkeys(_names, _i + 1))
_MONTH = "|".join(sorted(_MONTHS, key=len, reverse=True))
_DATE_RES = [
    re.compile(r"\b(?P<y>\d{4})-(?P<m>\d{1,2})-(?P<d>\d{1,2})\b"),
    re.compile(rf"\b(?P<mon>{_MONTH})\.?\s+(?P<d>\d{{1,2}}),?\s+(?P<y>\d{{4}})\b", re.I),
    re.compile(rf"\b(?P<d>\d{{1,2}})\s+(?P<mon>{_MONTH})\.?,?\s+(?P<y>\d{{4}})\b", re.I),
    re.compile(r"\b(?P<d>\d{1,2})[./](?P<m>\d{1,2})[./](?P<y>\d{4})\b"),
]


def parse_date(text: str) -> str | None:
    """First date in `text` as ISO YYYY-MM-DD, or None."""
    for pattern in _DATE_RES:
        m = pattern.search(text)
        if not m:
            continue
        groups = m.groupdict()
        month = _MONTHS[groups["mon"].lower()] if groups.get("mon") else int(groups["m"])
        day, year = int(groups["d"]), int(groups["y"])
        if 1 <= month <= 12 and 1 <= day <= 31 and 1000 <= year <= 2999:
            return f"{year:04d}-{month:02d}-{day:02d}"
    return None
