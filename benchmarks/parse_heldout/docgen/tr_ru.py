"""Turkish and Russian analyses: their own note conventions and text layouts.

Turkish (SETA style): s. for pages, (Erişim tarihi: ...), a.g.e. / a.g.m. for ibid
and 'Surname, a.g.e., s. N' for op. cit.  Russian (GOST style): '// Journal.',
'URL: ... (дата обращения: ...)', Там же. for ibid and Указ. соч. for op. cit.
The body sentences come from corpus_tr_ru.py, one marker after each.
"""

import random
import re

from .body import ctx_of
from .common import OUT, TRRU, parse_date
from .gold import arabic, en_gold_notes, gold_head
from .works import date_before, make_url, surname

TR_AY = [
    "Ocak",
    "Şubat",
    "Mart",
    "Nisan",
    "Mayıs",
    "Haziran",
    "Temmuz",
    "Ağustos",
    "Eylül",
    "Ekim",
    "Kasım",
    "Aralık",
]
RU_MES = [
    "января",
    "февраля",
    "марта",
    "апреля",
    "мая",
    "июня",
    "июля",
    "августа",
    "сентября",
    "октября",
    "ноября",
    "декабря",
]


def tr_ibid(w):
    """a.g.e. (adı geçen eser) for a book, a.g.m. (adı geçen makale) for an article."""
    return "a.g.e." if w["kind"] == "book" else "a.g.m."


def gen_notes_lang(rng, B, n, lang, dd):
    notes, works, first = [], [], {}
    web_cache = {}
    for i in range(1, n + 1):
        prev = notes[-1] if notes else None
        r = rng.random()
        rec = dict(n=i, work=None, ibid_of_n=None, source_n=None, kind="full")
        p = rng.randint(5, 240)
        cands = [  # op. cit. candidates: earlier books and articles, not the previous note's
            w
            for w in works
            if w["kind"] in ("book", "article") and (not prev or prev["work"] is not w)
        ]
        if prev and prev["work"] and prev["work"]["kind"] in ("book", "article") and r < 0.2:
            w = prev["work"]
            if lang == "tr":
                t = tr_ibid(w) + (f", s. {p}." if rng.random() < 0.8 else "")
            else:
                t = "Там же." + (f" С. {p}." if rng.random() < 0.8 else "")
            rec.update(text=t, kind="ibid", work=w, ibid_of_n=prev["n"], source_n=first[id(w)])
        elif r < 0.3 and cands:
            w = rng.choice(cands)
            if lang == "tr":
                t = f"{surname(w['author'])}, {tr_ibid(w)}, s. {p}."
            else:
                t = f"{w['author']} Указ. соч. С. {p}."
            rec.update(text=t, kind="opcit", work=w, source_n=first[id(w)])
        else:
            kind = rng.choice(["book", "article", "web", "web", "web"])
            y, m, d = date_before(rng, *dd, span_days=5 * 365)
            w = dict(kind=kind, y=y, m=m, d=d)
            if kind == "book":
                ttl, place, pub = rng.choice(B["books"])
                w["author"] = rng.choice(B["names"])
                t = (
                    f"{w['author']}, {ttl}, {place}, {pub}, {y}, s. {p}."
                    if lang == "tr"
                    else f"{w['author']} {ttl}. {place}: {pub}, {y}. С. {p}."
                )
            elif kind == "article":
                ttl, jr = rng.choice(B["articles"])
                w["author"] = rng.choice(B["names"])
                p0 = rng.randint(10, 200)
                t = (
                    f"{w['author']}, “{ttl}”, {jr}, Cilt {rng.randint(3, 20)}, Sayı {rng.randint(1, 80)}, {y}, s. {p0}-{p0 + rng.randint(12, 30)}."
                    if lang == "tr"
                    else f"{w['author']} {ttl} // {jr}. {y}. Т. {rng.randint(5, 20)}, № {rng.randint(1, 6)}. С. {p0}–{p0 + rng.randint(12, 30)}."
                )
            else:
                ttl, outlet, shape = rng.choice(B["web"])
                if ttl not in web_cache:  # one web page has one date and one address
                    web_cache[ttl] = (y, m, d, make_url(rng, shape, ttl, y, m, d))
                y, m, d, url = web_cache[ttl]
                ay, am, ad = date_before(rng, *dd, span_days=60, min_days=2)
                if (ay, am, ad) < (y, m, d):
                    ay, am, ad = y, m, d
                if lang == "tr":
                    t = f"“{ttl}”, {outlet}, {d} {TR_AY[m - 1]} {y}, {url}, (Erişim tarihi: {ad} {TR_AY[am - 1]} {ay})."
                else:
                    t = f"{ttl} // {outlet}. {y}. {d} {RU_MES[m - 1]}. URL: {url} (дата обращения: {ad:02d}.{am:02d}.{ay})."
            works.append(w)
            first[id(w)] = i
            rec.update(text=t, work=w)
        notes.append(rec)
    return notes


def doc_lang(spec):
    lang = spec["lang"]
    B = TRRU.TR if lang == "tr" else TRRU.RU
    dd = parse_date(B["date"])
    sents = [s for _, ss in B["sections"] for s in ss]
    n = len(sents)
    for seed in range(spec["seed"], spec["seed"] + 300):
        rng = random.Random(seed)
        notes = gen_notes_lang(rng, B, n, lang, dd)
        ks = [x["kind"] for x in notes]
        if ks.count("ibid") >= 3 and ks.count("opcit") >= 2:
            break
    out, markers, k = [], [], 0
    mk = lambda i: f"[{i + 1}]"
    if lang == "tr":
        out += [
            B["title"],
            B["subtitle"],
            "",
            " - ".join(B["authors"]),
            f"{B['publisher']} | {int(dd[2])} {TR_AY[dd[1] - 1]} {dd[0]}",
            "",
        ]
    else:
        out += [
            f"# {B['title']}",
            "",
            f"*{B['subtitle']}*",
            "",
            ", ".join(B["authors"]),
            f"{int(dd[2])} {RU_MES[dd[1] - 1]} {dd[0]} г.",
            "",
        ]
    body_text = ""
    for h, ss in B["sections"]:
        out += [h if lang == "tr" else f"## {h}", ""]
        para = ""
        for j, s in enumerate(ss):
            s_full = s + "."
            ctx = ctx_of(s_full)
            markers.append(dict(label=str(k + 1), context=ctx, page=None))
            para += s_full + mk(k) + " "
            k += 1
            if rng.random() < 0.4:
                para += rng.choice(B["fillers"]) + " "
            if j % 3 == 2 or j == len(ss) - 1:
                out += [para.strip(), ""]
                body_text += para
                para = ""
    if lang == "tr":
        out += ["Dipnotlar", ""] + [f"[{i + 1}] {x['text']}" for i, x in enumerate(notes)]
        out += [
            "",
            "Bu analizde yer alan görüşler yazarlara aittir ve kurumun resmi görüşünü yansıtmayabilir.",
        ]
    else:
        out += ["## Примечания", ""] + [f"{i + 1}. {x['text']}" for i, x in enumerate(notes)]
        out += ["", "Мнение авторов может не совпадать с позицией Центра."]
    (OUT / spec["file"]).write_text("\n".join(out) + "\n", encoding="utf-8")
    mnc = []
    for x in notes:
        m = re.search(r"“([^”]{15,})”", x["text"]) or re.match(r"([^/]{25,}?) //", x["text"])
        if m and m.group(1) not in body_text and m.group(1) not in mnc:
            mnc.append(m.group(1))
    gold = gold_head(B, en_gold_notes(notes, arabic), markers)
    gold["body_must_not_contain"] = mnc[:8]
    gold["language"] = lang
    return gold
