"""LibreOffice flat ODT: the document template, note markup, and conversion with soffice."""

import shutil
from xml.sax.saxutils import escape as xesc

from .common import HERE, OUT, SRC, run

FODT_HEAD = """<?xml version="1.0" encoding="UTF-8"?>
<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"
 xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0"
 xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"
 xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"
 xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0"
 xmlns:xlink="http://www.w3.org/1999/xlink" xmlns:dc="http://purl.org/dc/elements/1.1/"
 xmlns:meta="urn:oasis:names:tc:opendocument:xmlns:meta:1.0"
 xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0"
 office:version="1.3" office:mimetype="application/vnd.oasis.opendocument.text">
<office:meta>
 <dc:title>{meta_title}</dc:title><dc:subject>{subject}</dc:subject><meta:initial-creator>{creator}</meta:initial-creator>
 <dc:creator>{creator}</dc:creator><meta:creation-date>{cdate}T09:12:00</meta:creation-date><dc:date>{cdate}T16:40:00</dc:date>
 <meta:keyword>{keywords}</meta:keyword><meta:generator>{generator}</meta:generator>
</office:meta>
<office:font-face-decls>
 <style:font-face style:name="Liberation Serif" svg:font-family="'Liberation Serif'" style:font-family-generic="roman" style:font-pitch="variable"/>
 <style:font-face style:name="Liberation Sans" svg:font-family="'Liberation Sans'" style:font-family-generic="swiss" style:font-pitch="variable"/>
 <style:font-face style:name="DejaVu Sans" svg:font-family="'DejaVu Sans'" style:font-family-generic="swiss" style:font-pitch="variable"/>
 <style:font-face style:name="DejaVu Serif" svg:font-family="'DejaVu Serif'" style:font-family-generic="roman" style:font-pitch="variable"/>
</office:font-face-decls>
<office:styles>
 <style:default-style style:family="paragraph"><style:paragraph-properties style:tab-stop-distance="1.25cm"/>
  <style:text-properties style:font-name="{bodyfont}" fo:font-size="{bodysize}" fo:language="{lang}" fo:country="{country}" fo:hyphenate="{hyph}"/></style:default-style>
 <style:style style:name="Standard" style:family="paragraph" style:class="text"/>
 <style:style style:name="Text_20_body" style:display-name="Text body" style:family="paragraph" style:parent-style-name="Standard" style:class="text">
  <style:paragraph-properties fo:margin-top="0cm" fo:margin-bottom="{pgap}" fo:line-height="{lh}" fo:text-align="{align}" fo:text-indent="{indent}"/></style:style>
 <style:style style:name="Title" style:family="paragraph" style:parent-style-name="Standard" style:class="chapter">
  <style:paragraph-properties fo:margin-top="{title_top}" fo:margin-bottom="0.4cm" fo:text-align="{title_align}"/>
  <style:text-properties style:font-name="{headfont}" fo:font-size="{title_size}" fo:font-weight="bold" fo:color="{accent}"/></style:style>
 <style:style style:name="Subtitle" style:family="paragraph" style:parent-style-name="Standard" style:class="chapter">
  <style:paragraph-properties fo:margin-top="0cm" fo:margin-bottom="0.6cm" fo:text-align="{title_align}"/>
  <style:text-properties style:font-name="{headfont}" fo:font-size="{sub_size}" fo:font-style="italic"/></style:style>
 <style:style style:name="Byline" style:family="paragraph" style:parent-style-name="Standard">
  <style:paragraph-properties fo:margin-bottom="0.15cm" fo:text-align="{title_align}"/>
  <style:text-properties style:font-name="{headfont}" fo:font-size="12pt"/></style:style>
 <style:style style:name="Kicker" style:family="paragraph" style:parent-style-name="Standard">
  <style:paragraph-properties fo:margin-bottom="0.3cm" fo:padding="0.15cm" fo:background-color="{accent}"/>
  <style:text-properties style:font-name="{headfont}" fo:font-size="10pt" fo:font-weight="bold" fo:color="#ffffff"/></style:style>
 <style:style style:name="Summary" style:family="paragraph" style:parent-style-name="Standard">
  <style:paragraph-properties fo:margin-bottom="0.25cm" fo:padding="0.3cm" fo:background-color="{boxbg}" fo:line-height="125%"/>
  <style:text-properties style:font-name="{headfont}" fo:font-size="10pt"/></style:style>
 <style:style style:name="Heading_20_1" style:display-name="Heading 1" style:family="paragraph" style:parent-style-name="Standard" style:next-style-name="Text_20_body" style:default-outline-level="1" style:class="text">
  <style:paragraph-properties fo:margin-top="0.55cm" fo:margin-bottom="0.2cm" fo:keep-with-next="always"/>
  <style:text-properties style:font-name="{headfont}" fo:font-size="{h1size}" fo:font-weight="bold" fo:color="{accent}"/></style:style>
 <style:style style:name="Heading_20_2" style:display-name="Heading 2" style:family="paragraph" style:parent-style-name="Standard" style:next-style-name="Text_20_body" style:default-outline-level="2" style:class="text">
  <style:paragraph-properties fo:margin-top="0.4cm" fo:margin-bottom="0.15cm" fo:keep-with-next="always"/>
  <style:text-properties style:font-name="{headfont}" fo:font-size="11.5pt" fo:font-weight="bold"/></style:style>
 <style:style style:name="Footnote" style:family="paragraph" style:parent-style-name="Standard" style:class="extra">
  <style:paragraph-properties fo:margin-left="0.45cm" fo:text-indent="-0.45cm" fo:margin-bottom="0.05cm"/>
  <style:text-properties fo:font-size="{fnsize}"/></style:style>
 <style:style style:name="Endnote" style:family="paragraph" style:parent-style-name="Standard" style:class="extra">
  <style:paragraph-properties fo:margin-left="0.6cm" fo:text-indent="-0.6cm" fo:margin-bottom="0.1cm"/>
  <style:text-properties fo:font-size="{fnsize}"/></style:style>
 <style:style style:name="Header" style:family="paragraph" style:parent-style-name="Standard" style:class="extra">
  <style:paragraph-properties fo:text-align="{hdr_align}"/><style:text-properties style:font-name="{headfont}" fo:font-size="8.5pt" fo:color="#555555"/></style:style>
 <style:style style:name="Footer" style:family="paragraph" style:parent-style-name="Standard" style:class="extra">
  <style:paragraph-properties fo:text-align="{ftr_align}"/><style:text-properties style:font-name="{headfont}" fo:font-size="8.5pt" fo:color="#555555"/></style:style>
 <style:style style:name="Footnote_20_Symbol" style:display-name="Footnote Symbol" style:family="text"/>
 <style:style style:name="Footnote_20_anchor" style:display-name="Footnote anchor" style:family="text"><style:text-properties style:text-position="super 58%"/></style:style>
 <style:style style:name="Endnote_20_Symbol" style:display-name="Endnote Symbol" style:family="text"/>
 <style:style style:name="Endnote_20_anchor" style:display-name="Endnote anchor" style:family="text"><style:text-properties style:text-position="super 58%"/></style:style>
 <text:notes-configuration text:note-class="footnote" text:citation-style-name="Footnote_20_Symbol" text:citation-body-style-name="Footnote_20_anchor" style:num-format="{fn_format}" text:start-value="0" text:footnotes-position="page" text:start-numbering-at="document"/>
 <text:notes-configuration text:note-class="endnote" text:citation-style-name="Endnote_20_Symbol" text:citation-body-style-name="Endnote_20_anchor" style:num-format="1" text:start-value="0"/>
</office:styles>
<office:automatic-styles>
 <style:style style:name="P1" style:family="paragraph" style:parent-style-name="{first_style}" style:master-page-name="First_20_Page"/>
 <style:style style:name="PB" style:family="paragraph" style:parent-style-name="Heading_20_1"><style:paragraph-properties fo:break-before="page"/></style:style>
 <style:page-layout style:name="pm1"><style:page-layout-properties fo:page-width="{pw}" fo:page-height="{ph}" fo:margin-top="1.4cm" fo:margin-bottom="1.4cm" fo:margin-left="{ml}" fo:margin-right="{mr}" style:footnote-max-height="0cm">
  <style:footnote-sep style:width="0.018cm" style:distance-before-sep="0.15cm" style:distance-after-sep="0.1cm" style:line-style="solid" style:adjustment="left" style:rel-width="25%" style:color="#000000"/></style:page-layout-properties>
  <style:header-style><style:header-footer-properties fo:min-height="0cm" fo:margin-bottom="0.5cm"/></style:header-style>
  <style:footer-style><style:header-footer-properties fo:min-height="0cm" fo:margin-top="0.5cm"/></style:footer-style></style:page-layout>
</office:automatic-styles>
<office:master-styles>
 <style:master-page style:name="Standard" style:page-layout-name="pm1">
  <style:header><text:p text:style-name="Header">{header}</text:p></style:header>
  <style:footer><text:p text:style-name="Footer">{footer}</text:p></style:footer></style:master-page>
 <style:master-page style:name="First_20_Page" style:display-name="First Page" style:page-layout-name="pm1" style:next-style-name="Standard">
  <style:footer><text:p text:style-name="Footer">{first_footer}</text:p></style:footer></style:master-page>
</office:master-styles>
<office:body><office:text>
"""

FODT_DEFAULTS = dict(
    bodyfont="Liberation Serif",
    headfont="Liberation Sans",
    bodysize="11pt",
    lang="en",
    country="US",
    hyph="false",
    pgap="0.22cm",
    lh="135%",
    align="justify",
    indent="0cm",
    title_top="1cm",
    title_align="start",
    title_size="26pt",
    sub_size="15pt",
    accent="#1F4E79",
    boxbg="#E8EEF5",
    h1size="14pt",
    fnsize="8.5pt",
    hdr_align="end",
    ftr_align="center",
    fn_format="1",
    pw="21.001cm",
    ph="29.7cm",
    ml="2.4cm",
    mr="2.4cm",
    generator="LibreOffice/7.4",
    keywords="",
    subject="",
    first_style="Kicker",
    first_footer="",
)


def fodt_head(*overrides):
    """FODT_HEAD with its {slots} filled from FODT_DEFAULTS, updated by each dict in turn."""
    v = dict(FODT_DEFAULTS)
    for o in overrides:
        v.update(o)
    head = FODT_HEAD
    for k, val in v.items():
        head = head.replace("{" + k + "}", str(val))
    return head


def fodt_para(p, note_xml, style="Text_20_body"):
    return (
        f'<text:p text:style-name="{style}">'
        + "".join(xesc(x) if isinstance(x, str) else note_xml(x[1]) for x in p)
        + "</text:p>\n"
    )


def note_xml_factory(notes, cls_of, cit_of):
    def f(i):
        cls = cls_of(i)
        pst = "Footnote" if cls == "footnote" else "Endnote"
        return (
            f'<text:note text:id="{cls[:3]}{i + 1}" text:note-class="{cls}"><text:note-citation>{xesc(cit_of(i))}</text:note-citation>'
            f'<text:note-body><text:p text:style-name="{pst}">{xesc(notes[i]["text"])}</text:p></text:note-body></text:note>'
        )

    return f


def soffice(name, fodt_src, fmt):
    (SRC / f"{name}.fodt").write_text(fodt_src, encoding="utf-8")
    bdir = SRC / "build"
    bdir.mkdir(exist_ok=True)
    filt = {"pdf": "pdf:writer_pdf_Export", "docx": "docx:MS Word 2007 XML"}[fmt]
    r = run(
        [
            "soffice",
            "--headless",
            "--norestore",
            "-env:UserInstallation=file:///tmp/lo_parse_heldout",
            "--convert-to",
            filt,
            "--outdir",
            str(bdir),
            str(SRC / f"{name}.fodt"),
        ],
        HERE,
        timeout=300,
    )
    outp = bdir / f"{name}.{fmt}"
    if not outp.exists():
        raise RuntimeError(f"soffice failed for {name}: {r.stdout} {r.stderr}")
    shutil.copy(outp, OUT / f"{name}.{fmt}")
