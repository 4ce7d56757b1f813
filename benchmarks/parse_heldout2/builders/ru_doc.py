"""Russian analytical note (LibreOffice fodt -> PDF) with page footnotes in
GOST style: "// Журнал. 2023. № 4. С. 45–56.", "URL: … (дата обращения: …)",
"Там же." for ibid and "Указ. соч." for op. cit."""
import random

from . import fodt
from . import ru_content as C
from .lo_columns import page_map
from .prose import spread
from .util import Doc, build_gold, write_gold, cap, DOCS, pdf_pages

NAME = "ru_rupee_settlements_footnotes"
TITLE = "Рупии, рубли, дирхамы: как Россия и Индия ищут замену доллару во взаимных расчётах"
AUTHORS = ["Анна Воронцова", "Игорь Кравец"]
HEADS = ["Введение", "Динамика торговли после 2022 г.", "Проблема рупиевых остатков",
         "Альтернативные механизмы расчётов", "Позиция Индии", "Выводы и рекомендации"]


class RuNotes:
    def __init__(self, rng):
        self.rng, self.notes, self.cited, self.prev, self.run = rng, [], [], None, 0
        self.titles = set()

    def date(self):
        r = self.rng
        while True:
            d = (r.randint(2021, 2024), r.randint(1, 12), r.randint(1, 28))
            if d < (2024, 3, 20):
                return d

    def acc(self):
        r = self.rng
        return f" (дата обращения: {C.gost_date((2024, r.randint(1, 3), r.randint(10, 28)))})."

    def work(self, kind):
        r = self.rng
        d = self.date()
        w = {"kind": kind, "author": None, "date": d}
        if kind == "journal":
            j, pat = r.choice(C.JOURNALS)
            a = r.randint(5, 150)
            b = a + r.randint(10, 20)
            w.update(author=C.person(r), title=self._t(C.RU_TITLES), pin=r.randint(a, b))
            vol, no = r.randint(60, 68), r.randint(1, 6)
            doi = pat.format(y=d[0], v=vol, n=no, a=a, b=b, k=r.randint(1, 9))
            tail = (f" DOI: {doi}." if r.random() < 0.5 else "")
            runs = [f"{w['author']} {w['title']} // {j}. {d[0]}. " + (f"Т. {vol}, " if j.startswith("Мир") else "") +
                    f"№ {no}. С. {a}–{b}." + tail]
            if not tail:
                runs = [runs[0] + " URL: ", ("u", f"https://cyberleninka.ru/article/n/{C.translit(w['title'])}"), self.acc()]
        elif kind == "news_ru":
            o, pat = r.choice(C.NEWS_RU)
            k = self._k(C.HEAD_RU)
            w.update(title=C.HEAD_RU[k])
            auth = C.person(r) + " " if r.random() < 0.5 else ""
            w["author"] = auth.strip() or None
            runs = [f"{auth}{w['title']} // {o}. {d[0]}. {d[2]} {C.MONTHS_GEN[d[1] - 1]}. URL: ",
                    ("u", C.fill(r, pat, d, C.SLUG_RU[k])), self.acc()]
        elif kind == "news_en":
            o, pat = r.choice(C.NEWS_EN)
            k = self._k(C.HEAD_EN)
            w.update(title=C.HEAD_EN[k])
            slug = "-".join(C.HEAD_EN[k].lower().replace(",", "").split())
            au = r.choice(["Kumar R.", "Sharma P.", "Iyer S.", "Menon A.", "Gupta V.", "Verma N."])
            w["author"] = au
            runs = [f"{au} {w['title']} // {o}. {d[0]}. {d[2]} {C.MONTHS_GEN[d[1] - 1]}. URL: ",
                    ("u", C.fill(r, pat, d, slug)), self.acc()]
        elif kind == "gov":
            org, t, pat = r.choice(C.GOV)
            w.update(title=self._t([t.format(y=d[0] - 1)]))
            runs = [f"{w['title']} / {org}. {d[0]}. URL: ", ("u", C.fill(r, pat, d, "")), self.acc()]
        elif kind == "law":
            w.update(title="Указ Президента Российской Федерации от 05.03.2022 № 95 «О временном порядке исполнения "
                           "обязательств перед некоторыми иностранными кредиторами»")
            runs = [f"{w['title']} // Официальный интернет-портал правовой информации. URL: ",
                    ("u", "http://publication.pravo.gov.ru/Document/View/0001202203050001"), self.acc()]
        else:  # book
            city, pub = r.choice(C.BOOKS)
            w.update(author=C.person(r), title=self._t(C.RU_TITLES), pin=r.randint(12, 280))
            runs = [f"{w['author']} {w['title']}. {city}: {pub}, {d[0]}. С. {w['pin']}."]
        return w, runs

    def _k(self, pool):
        free = [i for i, t in enumerate(pool) if t not in self.titles] or list(range(len(pool)))
        k = self.rng.choice(free)
        self.titles.add(pool[k])
        return k

    def _t(self, pool):
        free = [t for t in pool if t not in self.titles] or pool
        t = self.rng.choice(free)
        self.titles.add(t)
        return t

    def add(self):
        r = self.rng
        n = len(self.notes) + 1
        kinds = ["full"] * 50 + ["ibid"] * 12 + ["opcit"] * 8 + ["two"] * 8 + ["discursive"] * 10 + ["interview"] * 6
        while True:
            k = r.choice(kinds)
            if k == "ibid" and (not self.prev or self.run >= 2):
                continue
            if k == "opcit" and len([w for w, _ in self.cited if w["author"] and (not self.prev or w is not self.prev[0])]) < 2:
                continue
            break
        note = {"kind": k, "label": str(n), "ibid_of": None}
        wk = lambda: r.choice(["journal", "news_ru", "news_ru", "news_en", "gov", "gov", "book", "law"])
        if k == "full":
            w, runs = self.work(wk())
            self.cited.append((w, n))
            self.prev, self.run = (w, n), 0
            note["work"] = w
        elif k == "ibid":
            w, src = self.prev
            runs = ["Там же." + (f" С. {r.randint(3, 90)}." if w.get("pin") and r.random() < 0.6 else "")]
            note.update(ibid=True, source_n=src, ibid_of=str(n - 1))
            self.run += 1
        elif k == "opcit":
            w, src = r.choice([(w, s) for w, s in self.cited if w["author"] and (not self.prev or w is not self.prev[0])])
            runs = [f"{w['author']} Указ. соч." + (f" С. {r.randint(3, 90)}." if w.get("pin") else "")]
            note["source_n"] = src
            self.prev, self.run = (w, src), 0
        elif k == "two":
            w1, a = self.work(r.choice(["news_ru", "gov", "news_en"]))
            while True:
                w2, b = self.work(r.choice(["journal", "news_ru", "gov"]))
                if w2["title"] != w1["title"]:
                    break
            runs = ["См.: "] + a[:-1] + [a[-1].rstrip(".") + "; "] + b
            self.cited += [(w1, n), (w2, n)]
            self.prev = None
        elif k == "discursive":
            runs = [r.choice([x for x in C.DISC if x not in self.titles] or C.DISC)]
            self.titles.add(runs[0])
            self.prev = None
            if r.random() < 0.5:
                w, c = self.work(r.choice(["news_ru", "gov", "journal"]))
                runs = [runs[0] + " См.: "] + c
                self.cited.append((w, n))
                self.prev, self.run = (w, n), 0
        else:
            d = self.date()
            runs = [f"Беседа автора {r.choice(C.ROLES_INSTR)}, {r.choice(['Москва', 'Нью-Дели', 'Мумбаи', 'Дубай'])}, "
                    f"{C.MONTHS_NOM[d[1] - 1]} {d[0]} г."]
            self.prev = None
        note["runs"] = [x for x in runs if x != ""]
        self.notes.append(note)
        return n - 1


class RuProse:
    def __init__(self, rng):
        self.rng, self.used, self.ctx, self.recent = rng, set(), set(), []

    def sentence(self):
        r = self.rng
        while True:
            tpl = r.choice(C.TEMPLATES)
            if tpl in self.recent:
                continue
            a, ag = r.choice(C.ACTORS)
            t, t2 = r.sample(C.THINGS, 2)
            y = r.randint(2014, 2022)
            s = tpl.format(A=a, Ag=r.choice(C.ACTORS)[1], T=t, T2=t2, I=r.choice(C.INSTR), P=r.choice(C.PLACES),
                           P2=r.choice(C.PLACES), R=r.choice(C.ROLES), Q=r.choice(C.QUOTES), Y=y,
                           Y2=min(y + r.randint(1, 4), 2023), N=r.choice([5, 8, 12, 15, 20, 30]),
                           Mp=r.choice(C.MONTHS_PREP))
            s = cap(s)
            if s not in self.used:
                self.used.add(s)
                self.recent = (self.recent + [tpl])[-6:]
                return s

    def paragraph(self, ids):
        r = self.rng
        slots = ["m"] * len(ids) + ["s"] * r.randint(0, 2)
        r.shuffle(slots)
        runs, it = [], iter(ids)
        for kind in slots:
            s = self.sentence()
            sep = " " if runs else ""
            if kind == "s":
                runs.append(sep + s.replace("|", ""))
                continue
            if "|" in s and r.random() < 0.6:
                head, tail = s.split("|")
                runs += [sep + head, ("m", next(it)), tail]
                continue
            while " ".join(s.split()[-10:]) in self.ctx:
                s = self.sentence()
            self.ctx.add(" ".join(s.split()[-10:]))
            runs += [sep + s.replace("|", ""), ("m", next(it))]
        out = []
        for x in runs:
            if isinstance(x, str) and out and isinstance(out[-1], str):
                out[-1] += x
            else:
                out.append(x)
        return out


STYLES = """
<style:default-style style:family="paragraph"><style:text-properties style:font-name="Liberation Serif" fo:font-size="12pt" fo:language="ru" fo:country="RU"/></style:default-style>
<style:style style:name="Standard" style:family="paragraph" style:class="text"/>
<style:style style:name="Text_20_body" style:display-name="Text body" style:family="paragraph" style:parent-style-name="Standard">
 <style:paragraph-properties fo:text-align="justify" fo:text-indent="1.25cm" fo:margin-bottom="0.1cm" fo:line-height="130%"/></style:style>
<style:style style:name="Heading_20_1" style:display-name="Heading 1" style:family="paragraph" style:parent-style-name="Standard" style:default-outline-level="1">
 <style:paragraph-properties fo:margin-top="0.45cm" fo:margin-bottom="0.2cm" fo:keep-with-next="always" fo:text-align="center"/>
 <style:text-properties fo:font-size="13pt" fo:font-weight="bold"/></style:style>
<style:style style:name="Footnote" style:family="paragraph" style:parent-style-name="Standard" style:class="extra">
 <style:paragraph-properties fo:text-align="justify" fo:margin-left="0.4cm" fo:text-indent="-0.4cm"/><style:text-properties fo:font-size="10pt"/></style:style>
<style:style style:name="Series" style:family="paragraph" style:parent-style-name="Standard"><style:paragraph-properties fo:text-align="center" fo:margin-bottom="0.6cm"/><style:text-properties fo:font-size="11pt" fo:font-variant="small-caps" fo:color="#7a1f1f"/></style:style>
<style:style style:name="Title" style:family="paragraph" style:parent-style-name="Standard"><style:paragraph-properties fo:text-align="center" fo:margin-bottom="0.4cm"/><style:text-properties fo:font-size="18pt" fo:font-weight="bold"/></style:style>
<style:style style:name="Byline" style:family="paragraph" style:parent-style-name="Standard"><style:paragraph-properties fo:text-align="center" fo:margin-bottom="0.6cm"/><style:text-properties fo:font-size="12pt" fo:font-style="italic"/></style:style>
<style:style style:name="Abstract" style:family="paragraph" style:parent-style-name="Standard"><style:paragraph-properties fo:text-align="justify" fo:margin-left="1cm" fo:margin-right="1cm" fo:margin-bottom="0.5cm"/><style:text-properties fo:font-size="11pt"/></style:style>
<style:style style:name="Header" style:family="paragraph" style:parent-style-name="Standard"><style:paragraph-properties fo:text-align="end" fo:border-bottom="0.5pt solid #7a1f1f" fo:padding-bottom="0.1cm"/><style:text-properties fo:font-size="9pt" fo:color="#555555"/></style:style>
<style:style style:name="Footer" style:family="paragraph" style:parent-style-name="Standard"><style:paragraph-properties fo:text-align="center"/><style:text-properties fo:font-size="10pt"/></style:style>
<style:style style:name="Tb" style:family="text"><style:text-properties fo:font-weight="bold"/></style:style>
<text:notes-configuration text:note-class="footnote" style:num-format="1" text:start-value="0" text:footnotes-position="page" text:start-numbering-at="document"/>
"""
AUTO = """<style:page-layout style:name="pm1"><style:page-layout-properties fo:page-width="21cm" fo:page-height="29.7cm"
 fo:margin-top="1.5cm" fo:margin-bottom="1.5cm" fo:margin-left="2.5cm" fo:margin-right="1.5cm">
 <style:footnote-sep style:width="0.018cm" style:rel-width="33%" style:color="#000000" style:adjustment="left" style:distance-before-sep="0.1cm" style:distance-after-sep="0.1cm"/></style:page-layout-properties>
 <style:header-style><style:header-footer-properties fo:min-height="0cm" fo:margin-bottom="0.4cm"/></style:header-style>
 <style:footer-style><style:header-footer-properties fo:min-height="0cm" fo:margin-top="0.3cm"/></style:footer-style></style:page-layout>"""
MASTER = """<style:master-page style:name="Standard" style:page-layout-name="pm1">
<style:header><text:p text:style-name="Header">Центр исследований евразийской экономики · Аналитическая записка № 18 · 2024</text:p></style:header>
<style:footer><text:p text:style-name="Footer"><text:page-number text:select-page="current">1</text:page-number></text:p></style:footer></style:master-page>"""
ABSTRACT = ("Аннотация. После 2022 г. торговля России и Индии выросла в несколько раз, однако механизмы расчётов за "
            "ней не поспевают. В записке рассматриваются причины накопления рупиевых остатков, альтернативные схемы "
            "платежей и позиция индийской стороны, а также предлагаются меры по снижению транзакционных издержек.")


def build(seed=1010):
    rng = random.Random(seed)
    nm, prose = RuNotes(rng), RuProse(rng)
    doc = Doc(NAME, "pdf", TITLE, AUTHORS, "2024-04-10", "footnotes_russian_gost")
    doc.notes = nm.notes
    for h, k in zip(HEADS, [6, 10, 10, 9, 8, 7]):
        doc.blocks.append(("h1", h))
        ids = [nm.add() for _ in range(k)]
        for g in spread(rng, ids, (1, 3)):
            doc.blocks.append(("p", prose.paragraph(g)))

    def note_xml(ni):
        n = doc.notes[ni]
        return fodt.note(f"ftn{ni + 1}", "footnote", n["label"], [fodt.span_runs(n["runs"])])

    body = ['<text:p text:style-name="Series">Центр исследований евразийской экономики · Аналитическая записка № 18</text:p>',
            f'<text:p text:style-name="Title">{fodt.x(TITLE)}</text:p>',
            '<text:p text:style-name="Byline">Анна Воронцова, Игорь Кравец · 10 апреля 2024 г.</text:p>',
            f'<text:p text:style-name="Abstract">{fodt.x(ABSTRACT)}</text:p>']
    for b in doc.blocks:
        if b[0] == "h1":
            body.append(f'<text:h text:style-name="Heading_20_1" text:outline-level="1">{fodt.x(b[1])}</text:h>')
        else:
            body.append(f'<text:p text:style-name="Text_20_body">{fodt.span_runs(b[1], note_xml)}</text:p>')
    body.append('<text:p text:style-name="Abstract">Воронцова Анна Сергеевна — ведущий научный сотрудник Центра '
                'исследований евразийской экономики. Кравец Игорь Дмитриевич — научный сотрудник Центра. '
                'Мнения авторов могут не совпадать с позицией Центра.</text:p>')
    xml = fodt.document(dict(title=TITLE, author="Анна Воронцова, Игорь Кравец", date="2024-04-10", lang="ru-RU"),
                        fodt.fonts("Liberation Serif"), STYLES, AUTO, MASTER, "".join(body))
    fodt.convert(NAME, xml, "pdf", "pdf")
    mp, npg = page_map(doc, pdf_pages(f"{DOCS}/{NAME}.pdf", layout=False))
    titles = [n["work"]["title"] for n in doc.notes if n.get("work") and n["work"]["kind"] in ("journal", "book", "news_ru")]
    gold = build_gold(doc, rng.sample(sorted(set(titles)), 3), mp, npg,
                      extra={"language": "ru", "numbering": "1..N page footnotes; GOST citations; «Там же.» = ibid, «Указ. соч.» = op. cit."})
    write_gold(doc, gold)
    return doc, gold
