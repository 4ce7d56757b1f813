"""Two-column briefing paper from LibreOffice (fodt -> PDF): the page style has
two columns and Writer sets each footnote at the foot of the column that holds
its marker. A page-anchored frame carries the full-width title block on page 1."""

from . import compose, fodt, notes as notes_mod
from .topics_a import ARCTIC
from .util import Doc, build_gold, write_gold, pdf_pages, norm, DOCS

NAME = "briefing_svalbard_fisheries_two_column"
TITLE = "Cod, Crab and Sovereignty: Fisheries Disputes around Svalbard"
AUTHORS = ["Ingvild Haraldsen", "Tuomas Virtanen"]

STYLES = """
<style:default-style style:family="paragraph"><style:paragraph-properties fo:hyphenation-ladder-count="no-limit"/>
<style:text-properties style:font-name="Liberation Serif" fo:font-size="9.5pt" fo:language="en" fo:country="GB" fo:hyphenate="true" fo:hyphenation-remain-char-count="3" fo:hyphenation-push-char-count="3"/></style:default-style>
<style:style style:name="Standard" style:family="paragraph" style:class="text"/>
<style:style style:name="Text_20_body" style:display-name="Text body" style:family="paragraph" style:parent-style-name="Standard">
 <style:paragraph-properties fo:text-align="justify" fo:margin-top="0cm" fo:margin-bottom="0.18cm" fo:line-height="118%"/></style:style>
<style:style style:name="Heading_20_2" style:display-name="Heading 2" style:family="paragraph" style:parent-style-name="Standard" style:default-outline-level="2">
 <style:paragraph-properties fo:margin-top="0.35cm" fo:margin-bottom="0.15cm" fo:keep-with-next="always"/>
 <style:text-properties style:font-name="Liberation Sans" fo:font-size="11pt" fo:font-weight="bold" fo:color="#1f4e79"/></style:style>
<style:style style:name="Footnote" style:family="paragraph" style:parent-style-name="Standard" style:class="extra">
 <style:paragraph-properties fo:margin-left="0.3cm" fo:text-indent="-0.3cm" fo:margin-bottom="0.05cm" fo:text-align="start"/>
 <style:text-properties fo:font-size="7.5pt"/></style:style>
<style:style style:name="Kicker" style:family="paragraph" style:parent-style-name="Standard">
 <style:text-properties style:font-name="Liberation Sans" fo:font-size="9pt" fo:font-weight="bold" fo:color="#1f4e79" fo:letter-spacing="0.04cm"/></style:style>
<style:style style:name="Title" style:family="paragraph" style:parent-style-name="Standard" style:class="chapter">
 <style:paragraph-properties fo:margin-top="0.3cm" fo:margin-bottom="0.2cm"/>
 <style:text-properties style:font-name="Liberation Sans" fo:font-size="22pt" fo:font-weight="bold"/></style:style>
<style:style style:name="Byline" style:family="paragraph" style:parent-style-name="Standard">
 <style:paragraph-properties fo:margin-bottom="0.25cm"/><style:text-properties style:font-name="Liberation Sans" fo:font-size="11pt"/></style:style>
<style:style style:name="Summary" style:family="paragraph" style:parent-style-name="Standard">
 <style:paragraph-properties fo:background-color="#e8eef4" fo:padding="0.2cm" fo:text-align="justify"/>
 <style:text-properties style:font-name="Liberation Sans" fo:font-size="9pt"/></style:style>
<style:style style:name="Header" style:family="paragraph" style:parent-style-name="Standard">
 <style:paragraph-properties><style:tab-stops><style:tab-stop style:position="17cm" style:type="right"/></style:tab-stops></style:paragraph-properties>
 <style:text-properties style:font-name="Liberation Sans" fo:font-size="8pt" fo:color="#555555"/></style:style>
<style:style style:name="Footer" style:family="paragraph" style:parent-style-name="Header"><style:paragraph-properties fo:text-align="center"/></style:style>
<style:style style:name="Imprint" style:family="paragraph" style:parent-style-name="Standard">
 <style:paragraph-properties fo:margin-top="0.4cm" fo:border-top="0.5pt solid #1f4e79" fo:padding-top="0.15cm"/>
 <style:text-properties style:font-name="Liberation Sans" fo:font-size="7.5pt"/></style:style>
<style:style style:name="Ti" style:family="text"><style:text-properties fo:font-style="italic"/></style:style>
<style:style style:name="Tb" style:family="text"><style:text-properties fo:font-weight="bold"/></style:style>
<style:style style:name="Frame" style:family="graphic"/>
<text:notes-configuration text:note-class="footnote" style:num-format="1" text:start-value="0" text:footnotes-position="page" text:start-numbering-at="document"/>
"""

AUTO = """
<style:style style:name="fr1" style:family="graphic" style:parent-style-name="Frame">
 <style:graphic-properties style:wrap="none" style:vertical-pos="from-top" style:vertical-rel="page-content"
  style:horizontal-pos="from-left" style:horizontal-rel="page-content" fo:border="none" fo:padding="0cm"
  fo:margin-bottom="0.4cm"/></style:style>
<style:page-layout style:name="pm1"><style:page-layout-properties fo:page-width="21cm" fo:page-height="29.7cm"
 fo:margin-top="1.5cm" fo:margin-bottom="1.4cm" fo:margin-left="2cm" fo:margin-right="2cm">
 <style:columns fo:column-count="2" fo:column-gap="0.8cm"/>
 <style:footnote-sep style:width="0.018cm" style:rel-width="30%" style:color="#1f4e79" style:adjustment="left"
  style:distance-before-sep="0.15cm" style:distance-after-sep="0.1cm"/></style:page-layout-properties>
 <style:header-style><style:header-footer-properties fo:min-height="0cm" fo:margin-bottom="0.5cm"/></style:header-style>
 <style:footer-style><style:header-footer-properties fo:min-height="0cm" fo:margin-top="0.4cm"/></style:footer-style>
</style:page-layout>
"""

MASTER = """<style:master-page style:name="Standard" style:page-layout-name="pm1">
<style:header><text:p text:style-name="Header">Barents Policy Institute<text:tab/>Briefing Paper 41 · May 2024</text:p></style:header>
<style:footer><text:p text:style-name="Footer"><text:page-number text:select-page="current">1</text:page-number></text:p></style:footer>
</style:master-page>"""

SUMMARY = ("Fisheries around Svalbard have long been managed through a quiet bargain between Norway and Russia. "
           "Since 2022 that bargain has come under strain: sanctions, court rulings on snow crab and shifting fish "
           "stocks are testing the 1920 treaty regime. This paper maps the disputes and sets out what Oslo and its "
           "European partners can do to keep them contained.")


# How these notes cite: style, page format, the mix of note kinds, where interviews took place.
NOTES = dict(style="uk", pfmt="p. {}",
             weights=dict(full=46, ibid=9, ibid_page=8, short=8, opcit=6, two=7, discursive=8, interview=6),
             interview_cities=["Tromsø", "Oslo", "Longyearbyen", "Murmansk", "Brussels"])


def build(seed=101):
    doc = Doc(NAME, "pdf", TITLE, AUTHORS, "2024-05-21", "footnotes_two_columns_column_foot")
    rng, nm, prose = compose.start(seed, ARCTIC, doc, dict(years=(2018, 2024), until=(2024, 5, 1)),
                                   (2010, 2023), **NOTES)
    compose.body(rng, doc, prose, nm, ARCTIC["headings"], 75, level="h2", per_para=(1, 3), extra=(0, 2),
                 plain_every=0)
    notes_mod.finalize(doc.notes)

    def note_xml(ni):
        n = doc.notes[ni]
        return fodt.note(f"ftn{ni + 1}", "footnote", n["label"], [fodt.span_runs(n["runs"])])

    frame = ('<draw:frame draw:style-name="fr1" draw:name="TitleBlock" text:anchor-type="page" text:anchor-page-number="1" '
             'svg:x="0cm" svg:y="0cm" svg:width="17cm" draw:z-index="0"><draw:text-box fo:min-height="6cm">'
             '<text:p text:style-name="Kicker">BRIEFING PAPER 41 | MAY 2024</text:p>'
             f'<text:p text:style-name="Title">{fodt.x(TITLE)}</text:p>'
             f'<text:p text:style-name="Byline">{fodt.x(" and ".join(AUTHORS))}</text:p>'
             f'<text:p text:style-name="Summary"><text:span text:style-name="Tb">Summary. </text:span>{fodt.x(SUMMARY)}</text:p>'
             '</draw:text-box></draw:frame>')
    body = [frame]
    for b in doc.blocks:
        if b[0] == "h2":
            body.append(f'<text:h text:style-name="Heading_20_2" text:outline-level="2">{fodt.x(b[1])}</text:h>')
        elif b[0] == "p":
            body.append(f'<text:p text:style-name="Text_20_body">{fodt.span_runs(b[1], note_xml)}</text:p>')
    body.append('<text:p text:style-name="Imprint">Ingvild Haraldsen is a Senior Research Fellow and Tuomas Virtanen a '
                'Research Fellow at the Barents Policy Institute, Tromsø. The Barents Policy Institute is an independent '
                'research institute. Briefing Papers are edited by the institute’s research staff; the views expressed '
                'are the authors’ own. ISSN 2535-4187. www.barentspolicy.no</text:p>')
    xml = fodt.document(dict(title=TITLE, author=", ".join(AUTHORS), date="2024-05-21", lang="en-GB",
                             subject="Briefing Paper 41"),
                        fodt.fonts("Liberation Serif", "Liberation Sans"), STYLES, AUTO, MASTER, "".join(body))
    fodt.convert(NAME, xml, "pdf", "pdf")
    pages = pdf_pages(f"{DOCS}/{NAME}.pdf", layout=False)
    mp, npg = page_map(doc, pages)
    gold = build_gold(doc, notes_mod.phrases(rng, doc.notes), mp, npg,
                      extra={"numbering": "1..N; two page columns, footnotes at the foot of the column holding the marker"})
    write_gold(doc, gold)
    return doc, gold


def page_map(doc, pages):
    """Marker and note pages found in per-page text (None when not unique)."""
    from .util import contexts, iter_runs_blocks, note_text
    P = [norm(p.replace("-\n", "")).replace(" ", "") for p in pages]

    def where(s):
        s = norm(s).replace(" ", "")
        hits = [i + 1 for i, p in enumerate(P) if s in p]
        return hits[0] if len(hits) == 1 else None
    mp, k = {}, 0
    for runs in iter_runs_blocks(doc):
        for ni, ctx in contexts(runs):
            mp[k] = where(ctx)
            k += 1
    npg = {i: where(note_text(n)[:60]) for i, n in enumerate(doc.notes)}
    return mp, npg
