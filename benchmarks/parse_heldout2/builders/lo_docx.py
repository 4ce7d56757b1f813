"""Policy paper written in LibreOffice and saved as .docx (fodt -> docx): real
Word footnotes (some with two URLs, many "Ibid., p. N."), Title/Subtitle and
Heading styles, a table with notes inside cells, a bulleted list, and core
properties (title, author, created date)."""
from . import compose, fodt, notes as notes_mod
from .topics_b import INSURANCE
from .util import Doc, build_gold, write_gold

NAME = "paper_red_sea_war_risk_insurance"
TITLE = "Insuring the Red Sea: War-Risk Cover, Rerouting and the Cost of Maritime Insecurity"
AUTHORS = ["Eleni Markopoulou", "James O’Rourke"]
DATE = "2024-09-03"

STYLES = """
<style:default-style style:family="paragraph"><style:text-properties style:font-name="Liberation Sans" fo:font-size="11pt" fo:language="en" fo:country="GB"/></style:default-style>
<style:style style:name="Standard" style:family="paragraph" style:class="text"><style:paragraph-properties fo:margin-bottom="0.2cm" fo:line-height="115%"/></style:style>
<style:style style:name="Text_20_body" style:display-name="Text body" style:family="paragraph" style:parent-style-name="Standard" style:class="text"/>
<style:style style:name="Title" style:family="paragraph" style:parent-style-name="Standard" style:class="chapter">
 <style:paragraph-properties fo:margin-bottom="0.2cm"/><style:text-properties fo:font-size="24pt" fo:color="#17365d"/></style:style>
<style:style style:name="Subtitle" style:family="paragraph" style:parent-style-name="Standard" style:class="chapter">
 <style:text-properties fo:font-size="13pt" fo:font-style="italic" fo:color="#4f81bd"/></style:style>
<style:style style:name="Heading_20_1" style:display-name="Heading 1" style:family="paragraph" style:parent-style-name="Standard" style:default-outline-level="1" style:class="text">
 <style:paragraph-properties fo:margin-top="0.5cm" fo:margin-bottom="0.2cm" fo:keep-with-next="always"/>
 <style:text-properties fo:font-size="15pt" fo:font-weight="bold" fo:color="#17365d"/></style:style>
<style:style style:name="Footnote" style:family="paragraph" style:parent-style-name="Standard" style:class="extra">
 <style:paragraph-properties fo:margin-bottom="0cm" fo:line-height="100%"/><style:text-properties fo:font-size="9pt"/></style:style>
<style:style style:name="Caption" style:family="paragraph" style:parent-style-name="Standard"><style:text-properties fo:font-size="9.5pt" fo:font-weight="bold"/></style:style>
<style:style style:name="TblHead" style:family="paragraph" style:parent-style-name="Standard"><style:text-properties fo:font-size="9.5pt" fo:font-weight="bold"/></style:style>
<style:style style:name="TblCell" style:family="paragraph" style:parent-style-name="Standard"><style:text-properties fo:font-size="9.5pt"/></style:style>
<style:style style:name="Byline" style:family="paragraph" style:parent-style-name="Standard"><style:text-properties fo:font-size="11pt" fo:font-weight="bold"/></style:style>
<style:style style:name="List_20_Bullet" style:display-name="List Bullet" style:family="paragraph" style:parent-style-name="Standard"/>
<style:style style:name="Ti" style:family="text"><style:text-properties fo:font-style="italic"/></style:style>
<style:style style:name="Tb" style:family="text"><style:text-properties fo:font-weight="bold"/></style:style>
<text:list-style style:name="Bul"><text:list-level-style-bullet text:level="1" text:bullet-char="•">
 <style:list-level-properties text:list-level-position-and-space-mode="label-alignment"><style:list-level-label-alignment text:label-followed-by="listtab" text:list-tab-stop-position="0.635cm" fo:text-indent="-0.635cm" fo:margin-left="0.635cm"/></style:list-level-properties>
</text:list-level-style-bullet></text:list-style>
<text:notes-configuration text:note-class="footnote" style:num-format="1" text:start-value="0" text:footnotes-position="page" text:start-numbering-at="document"/>
"""

PAGE = """<style:page-layout style:name="pm1"><style:page-layout-properties fo:page-width="21cm" fo:page-height="29.7cm"
 fo:margin-top="2.2cm" fo:margin-bottom="2cm" fo:margin-left="2.5cm" fo:margin-right="2.5cm"/>
 <style:footer-style><style:header-footer-properties fo:min-height="0cm" fo:margin-top="0.4cm"/></style:footer-style></style:page-layout>"""
MASTER = """<style:master-page style:name="Standard" style:page-layout-name="pm1"><style:footer>
<text:p text:style-name="Standard">Maritime Futures Forum | Policy Paper 12 | <text:page-number text:select-page="current">1</text:page-number></text:p></style:footer></style:master-page>"""

TABLE_ROWS = [
    ("Listed-area premium", "Shipowner, passed on to cargo", "Rates rose from a fraction of a per cent of hull value to several times that within weeks, and they have not returned to earlier levels."),
    ("Rerouting via the Cape", "Carrier and, eventually, consumers", "Voyages between Asia and northern Europe lengthen by ten to fourteen days, absorbing capacity across the whole container fleet."),
    ("Naval escort", "Governments contributing ships", "Escorts reassure crews but cover only a small share of transits, so underwriters still price the voyage as exposed."),
    ("State reinsurance pool", "Taxpayers, as insurer of last resort", "A public backstop would lower premiums for national fleets but risks subsidising voyages that private markets regard as unsafe."),
]


# How these notes cite: style, page format, the mix of note kinds, where interviews took place.
NOTES = dict(style="chicago", pfmt="p. {}",
             weights=dict(full=40, ibid=6, ibid_page=14, short=9, opcit=0, two=14, discursive=8, interview=6),
             interview_cities=["London", "Piraeus", "Athens", "Djibouti", "Copenhagen"])


def build(seed=505):
    doc = Doc(NAME, "docx", TITLE, AUTHORS, DATE, "docx_footnotes")
    rng, nm, prose = compose.start(seed, INSURANCE, doc, dict(years=(2019, 2024), until=(2024, 8, 20)),
                                   (2015, 2023), **NOTES)
    heads = INSURANCE["headings"]
    counts = [6, 10, 11, 9, 8]
    for i, (h, k) in enumerate(zip(heads[:5], counts)):
        compose.section(doc, prose, nm, h, k, per_para=(1, 3), extra=(0, 2), plain_every=3)
        if i == 3:
            rows = []
            for j, (a, b, c) in enumerate(TABLE_ROWS):
                cell = [c]
                if j in (0, 2, 3):
                    cell = [c, ("m", nm.add(rng.choice(["full", "two"]))) ]
                rows.append([[a], [b], cell])
            doc.blocks.append(("table", "Table 1. Who bears the cost of Red Sea insecurity",
                               ["Measure", "Who pays", "Assessment"], rows))
    doc.blocks.append(("h1", heads[5]))
    items = []
    for _ in range(4):
        s = prose.sentence().replace("|", "")
        items.append([s, ("m", nm.add())] if rng.random() < 0.75 else [s])
    doc.blocks.append(("bullets", items))
    compose.section(doc, prose, nm, None, 55 - len(nm.notes), per_para=(1, 2), extra=(0, 1), plain_every=0)
    compose.number_labels(doc.notes)
    notes_mod.finalize(doc.notes)

    def note_xml(ni):
        n = doc.notes[ni]
        return fodt.note(f"ftn{ni + 1}", "footnote", n["label"], [fodt.span_runs(n["runs"])])

    auto = [PAGE]
    body = [f'<text:p text:style-name="Title">{fodt.x("Insuring the Red Sea")}</text:p>',
            f'<text:p text:style-name="Subtitle">{fodt.x("War-Risk Cover, Rerouting and the Cost of Maritime Insecurity")}</text:p>',
            f'<text:p text:style-name="Byline">{fodt.x(" and ".join(AUTHORS))}</text:p>',
            '<text:p text:style-name="Standard">Maritime Futures Forum · Policy Paper 12 · 3 September 2024</text:p>']
    for b in doc.blocks:
        if b[0] == "h1":
            body.append(f'<text:h text:style-name="Heading_20_1" text:outline-level="1">{fodt.x(b[1])}</text:h>')
        elif b[0] == "p":
            body.append(f'<text:p text:style-name="Text_20_body">{fodt.span_runs(b[1], note_xml)}</text:p>')
        elif b[0] == "table":
            rows = [[fodt.x(h) for h in b[2]]] + [[fodt.span_runs(c, note_xml) for c in row] for row in b[3]]
            a, t = fodt.table("Table1", [3.6, 4.0, 8.4], rows)
            auto.append(a)
            body.append(f'<text:p text:style-name="Caption">{fodt.x(b[1])}</text:p>{t}')
        elif b[0] == "bullets":
            lis = "".join(f'<text:list-item><text:p text:style-name="List_20_Bullet">{fodt.span_runs(it, note_xml)}</text:p></text:list-item>'
                          for it in b[1])
            body.append(f'<text:list text:style-name="Bul">{lis}</text:list>')
    xml = fodt.document(dict(title=TITLE, author=" and ".join(AUTHORS), date=DATE, lang="en-GB",
                             subject="Policy Paper 12", keywords="war risk; insurance; Red Sea; shipping"),
                        fodt.fonts("Liberation Sans"), STYLES, "".join(auto), MASTER, "".join(body))
    fodt.convert(NAME, xml, "docx:MS Word 2007 XML", "docx")
    gold = build_gold(doc, notes_mod.phrases(rng, doc.notes),
                      extra={"numbering": "1..N Word footnotes (w:footnoteReference); three notes sit in table cells, three in a bulleted list"})
    write_gold(doc, gold)
    return doc, gold
