"""Flat ODT (fodt) writing for LibreOffice: escaping, runs, notes, tables, document shell."""
import os
import shutil
import tempfile
from xml.sax.saxutils import escape

from .util import DOCS, SRC, render_runs, soffice_convert

NS = ('xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
      'xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" '
      'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
      'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
      'xmlns:draw="urn:oasis:names:tc:opendocument:xmlns:drawing:1.0" '
      'xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" '
      'xmlns:xlink="http://www.w3.org/1999/xlink" '
      'xmlns:dc="http://purl.org/dc/elements/1.1/" '
      'xmlns:meta="urn:oasis:names:tc:opendocument:xmlns:meta:1.0" '
      'xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0" '
      'xmlns:loext="urn:org:documentfoundation:names:experimental:office:xmlns:loext:1.0" '
      'office:version="1.3" office:mimetype="application/vnd.oasis.opendocument.text"')


def x(s):
    return escape(s)


def span_runs(runs, note_xml=None, italic="Ti", bold="Tb"):
    """Runs to ODF inline XML. note_xml(note_index) renders a marker."""
    return render_runs(
        runs, x,
        i=lambda r: f'<text:span text:style-name="{italic}">{x(r[1])}</text:span>',
        b=lambda r: f'<text:span text:style-name="{bold}">{x(r[1])}</text:span>',
        u=lambda r: f'<text:a xlink:type="simple" xlink:href="{x(r[1])}">{x(r[1])}</text:a>',
        a=lambda r: f'<text:a xlink:type="simple" xlink:href="{x(r[2])}">{x(r[1])}</text:a>',
        m=lambda r: note_xml(r[1]),
    )


def note(nid, cls, citation, body_paras, style="Footnote"):
    """A Writer footnote/endnote. body_paras: list of inline XML strings."""
    ps = "".join(f'<text:p text:style-name="{style}">{p}</text:p>' for p in body_paras)
    return (f'<text:note text:id="{nid}" text:note-class="{cls}"><text:note-citation>{x(citation)}'
            f'</text:note-citation><text:note-body>{ps}</text:note-body></text:note>')


def table(name, col_widths_cm, rows, header_style="TblHead", cell_style="TblCell", table_style=None):
    """rows: list of lists of inline XML; the first row is the header."""
    ts = table_style or name
    cols = "".join(f'<table:table-column table:style-name="{name}.C{i}"/>' for i in range(len(col_widths_cm)))
    body = []
    for ri, row in enumerate(rows):
        cells = "".join(
            f'<table:table-cell table:style-name="{name}.cell" office:value-type="string">'
            f'<text:p text:style-name="{header_style if ri == 0 else cell_style}">{c}</text:p></table:table-cell>'
            for c in row)
        tag = "table:table-header-rows" if ri == 0 else None
        r = f"<table:table-row>{cells}</table:table-row>"
        body.append(f"<{tag}>{r}</{tag}>" if tag else r)
    auto = "".join(f'<style:style style:name="{name}.C{i}" style:family="table-column">'
                   f'<style:table-column-properties style:column-width="{w}cm"/></style:style>'
                   for i, w in enumerate(col_widths_cm))
    auto += (f'<style:style style:name="{name}" style:family="table"><style:table-properties '
             f'style:width="{sum(col_widths_cm)}cm" table:align="center" fo:margin-top="0.2cm" fo:margin-bottom="0.3cm"/></style:style>'
             f'<style:style style:name="{name}.cell" style:family="table-cell"><style:table-cell-properties '
             f'fo:padding="0.1cm" fo:border-top="0.5pt solid #808080" fo:border-bottom="0.5pt solid #808080" '
             f'fo:border-left="none" fo:border-right="none"/></style:style>')
    return auto, f'<table:table table:name="{name}" table:style-name="{ts}">{cols}{"".join(body)}</table:table>'


def document(meta, font_decls, styles, auto_styles, master, body):
    m = (f"<office:meta><dc:title>{x(meta['title'])}</dc:title>"
         f"<meta:initial-creator>{x(meta['author'])}</meta:initial-creator>"
         f"<dc:creator>{x(meta['author'])}</dc:creator>"
         f"<meta:creation-date>{meta['date']}T09:00:00</meta:creation-date>"
         f"<dc:date>{meta['date']}T09:00:00</dc:date>"
         + (f"<dc:subject>{x(meta['subject'])}</dc:subject>" if meta.get("subject") else "")
         + (f"<meta:keyword>{x(meta['keywords'])}</meta:keyword>" if meta.get("keywords") else "")
         + (f"<dc:language>{meta['lang']}</dc:language>" if meta.get("lang") else "")
         + "</office:meta>")
    return (f'<?xml version="1.0" encoding="UTF-8"?>\n<office:document {NS}>{m}'
            f"<office:font-face-decls>{font_decls}</office:font-face-decls>"
            f"<office:styles>{styles}</office:styles>"
            f"<office:automatic-styles>{auto_styles}</office:automatic-styles>"
            f"<office:master-styles>{master}</office:master-styles>"
            f"<office:body><office:text>{body}</office:text></office:body></office:document>\n")


def fonts(*names):
    return "".join(f'<style:font-face style:name="{n}" svg:font-family="&apos;{n}&apos;"/>' for n in names)


def convert(name, xml, fmt, out_ext):
    """Write src/NAME.fodt and convert it with soffice into docs/NAME.out_ext."""
    os.makedirs(SRC, exist_ok=True)
    src = os.path.join(SRC, name + ".fodt")
    with open(src, "w", encoding="utf-8") as f:
        f.write(xml)
    with tempfile.TemporaryDirectory() as tmp:
        soffice_convert(src, fmt, tmp)
        shutil.copy(os.path.join(tmp, f"{name}.{out_ext}"), os.path.join(DOCS, f"{name}.{out_ext}"))
