"""Regenerate ``templates/word/base.docx``, the house style every Word document starts from.

The .docx is data: a school can open it in Word, change fonts, colours and spacing of the
named styles, and save it as ``word/base.docx`` in its own templates folder. This module only
exists to rebuild the shipped file reproducibly::

    python -m ictroles.renderers.word.base_template templates/word/base.docx
"""

from __future__ import annotations

import sys
from pathlib import Path

import docx
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Cm

FONT = "Calibri"  # LibreOffice shows the metric-compatible Carlito where Calibri is missing
ACCENT = "1F4E79"
GREY = "595959"

# Styles the renderers use; everything else in python-docx's default template is dropped so
# the file is small and quick to open.
KEEP = {
    "Normal", "Default Paragraph Font", "Normal Table", "No List", "Title", "Subtitle",
    "Heading 1", "Heading 2", "Heading 3", "List Number", "List Bullet", "Header", "Footer",
    "Table Grid",
}

_PARAGRAPH_STYLES = {
    # name: (pPr xml, rPr xml)
    "Normal": (
        '<w:spacing w:after="120" w:line="264" w:lineRule="auto"/>',
        f'<w:rFonts w:ascii="{FONT}" w:hAnsi="{FONT}" w:eastAsia="{FONT}" w:cs="{FONT}"/>'
        '<w:sz w:val="22"/><w:szCs w:val="22"/><w:lang w:val="en-GB"/>',
    ),
    "Title": (
        '<w:spacing w:before="0" w:after="40" w:line="240" w:lineRule="auto"/><w:contextualSpacing/>',
        f'<w:color w:val="{ACCENT}"/><w:kern w:val="28"/><w:sz w:val="52"/><w:szCs w:val="52"/>',
    ),
    "Subtitle": (
        '<w:spacing w:before="0" w:after="240"/>',
        f'<w:color w:val="{GREY}"/><w:sz w:val="26"/><w:szCs w:val="26"/>',
    ),
    "Heading 1": (
        '<w:keepNext/><w:keepLines/><w:pBdr><w:bottom w:val="single" w:sz="4" w:space="2" '
        f'w:color="{ACCENT}"/></w:pBdr><w:spacing w:before="360" w:after="120"/><w:outlineLvl w:val="0"/>',
        f'<w:b/><w:bCs/><w:color w:val="{ACCENT}"/><w:sz w:val="28"/><w:szCs w:val="28"/>',
    ),
    "Heading 2": (
        '<w:keepNext/><w:keepLines/><w:spacing w:before="280" w:after="80"/><w:outlineLvl w:val="1"/>',
        f'<w:b/><w:bCs/><w:color w:val="{ACCENT}"/><w:sz w:val="24"/><w:szCs w:val="24"/>',
    ),
    "Heading 3": (
        '<w:keepNext/><w:keepLines/><w:spacing w:before="200" w:after="60"/><w:outlineLvl w:val="2"/>',
        '<w:b/><w:bCs/><w:color w:val="262626"/><w:sz w:val="22"/><w:szCs w:val="22"/>',
    ),
    "List Number": (
        '<w:spacing w:after="80"/><w:ind w:left="425" w:hanging="425"/>',
        "",
    ),
    "List Bullet": (
        '<w:spacing w:after="60"/><w:ind w:left="425" w:hanging="283"/>',
        "",
    ),
    "Header": (
        '<w:tabs><w:tab w:val="right" w:pos="9638"/></w:tabs><w:spacing w:after="0"/>',
        f'<w:color w:val="{GREY}"/><w:sz w:val="18"/><w:szCs w:val="18"/>',
    ),
    "Footer": (
        '<w:tabs><w:tab w:val="center" w:pos="4819"/><w:tab w:val="right" w:pos="9638"/></w:tabs>'
        '<w:spacing w:after="0"/>',
        f'<w:color w:val="{GREY}"/><w:sz w:val="18"/><w:szCs w:val="18"/>',
    ),
}

_CUSTOM_STYLES = (
    # Text inside tables: tighter spacing than body text.
    '<w:style w:type="paragraph" w:customStyle="1" w:styleId="TableText" {ns}>'
    '<w:name w:val="Table Text"/><w:basedOn w:val="Normal"/><w:qFormat/>'
    '<w:pPr><w:spacing w:before="20" w:after="20" w:line="252" w:lineRule="auto"/></w:pPr>'
    '<w:rPr><w:sz w:val="21"/><w:szCs w:val="21"/></w:rPr></w:style>',
    # Small print: notes, keys, the pay working.
    '<w:style w:type="paragraph" w:customStyle="1" w:styleId="Note" {ns}>'
    '<w:name w:val="Note"/><w:basedOn w:val="Normal"/><w:qFormat/>'
    '<w:pPr><w:spacing w:before="60" w:after="60"/></w:pPr>'
    f'<w:rPr><w:color w:val="{GREY}"/><w:sz w:val="18"/><w:szCs w:val="18"/></w:rPr></w:style>',
    # The one table style: thin light rules, comfortable cell padding.
    '<w:style w:type="table" w:customStyle="1" w:styleId="RoleTable" {ns}>'
    '<w:name w:val="Role Table"/><w:basedOn w:val="TableNormal"/><w:uiPriority w:val="59"/>'
    '<w:pPr><w:spacing w:before="20" w:after="20"/></w:pPr>'
    '<w:tblPr><w:tblBorders>'
    + "".join(
        f'<w:{side} w:val="single" w:sz="4" w:space="0" w:color="B7C4D3"/>'
        for side in ("top", "left", "bottom", "right", "insideH", "insideV")
    )
    + '</w:tblBorders><w:tblCellMar><w:top w:w="57" w:type="dxa"/><w:left w:w="113" w:type="dxa"/>'
    '<w:bottom w:w="57" w:type="dxa"/><w:right w:w="113" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style>',
)


def build_base_template(out: Path) -> None:
    """Write the house-style base document to ``out``."""
    doc = docx.Document()
    styles = doc.styles.element
    for style in list(styles.findall(qn("w:style"))):
        name = style.find(qn("w:name"))
        ui_name = doc.styles[name.get(qn("w:val"))].name if name is not None else ""
        if ui_name not in KEEP:
            styles.remove(style)
    latent = styles.find(qn("w:latentStyles"))
    if latent is not None:
        styles.remove(latent)
    defaults = styles.find(qn("w:docDefaults"))
    rpr = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
    for child in list(rpr):
        rpr.remove(child)
    for xml in (f'<w:rFonts {nsdecls("w")} w:ascii="{FONT}" w:hAnsi="{FONT}" w:eastAsia="{FONT}" w:cs="{FONT}"/>',
                f'<w:sz {nsdecls("w")} w:val="22"/>', f'<w:lang {nsdecls("w")} w:val="en-GB"/>'):
        rpr.append(parse_xml(xml))
    for name, (ppr, rpr_xml) in _PARAGRAPH_STYLES.items():
        style = doc.styles[name].element
        for tag in ("w:pPr", "w:rPr", "w:link"):
            old = style.find(qn(tag))
            if old is not None:
                style.remove(old)
        style.append(parse_xml(f'<w:pPr {nsdecls("w")}>{ppr}</w:pPr>'))
        style.append(parse_xml(f'<w:rPr {nsdecls("w")}>{rpr_xml}</w:rPr>'))
    for xml in _CUSTOM_STYLES:
        styles.append(parse_xml(xml.replace("{ns}", nsdecls("w"))))
    section = doc.sections[0]
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    section.left_margin = section.right_margin = Cm(2)
    section.top_margin, section.bottom_margin = Cm(2), Cm(2)
    section.header_distance = section.footer_distance = Cm(1)
    for p in list(doc.element.body):
        if p.tag != qn("w:sectPr"):
            doc.element.body.remove(p)
    doc.core_properties.author = "ictroles"
    doc.core_properties.title = "ictroles house style"
    doc.save(str(out))


if __name__ == "__main__":
    build_base_template(Path(sys.argv[1] if len(sys.argv) > 1 else "templates/word/base.docx"))
