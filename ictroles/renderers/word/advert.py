"""The job advert (.docx): key facts, about the role, key duties, how to apply, safer recruitment."""

from __future__ import annotations

from pathlib import Path

from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls
from docx.shared import Pt, RGBColor
from docx.text.paragraph import Paragraph

from ictroles.renderers.facts import (
    about_role,
    advert_facts,
    key_duties,
    long_date,
)
from ictroles.renderers.outputs import RenderOptions
from ictroles.renderers.word.common import ACCENT, LIGHT, WordDoc, _borders_xml, _run, set_table_borders
from ictroles.roles.resolve import ResolvedRole

DOC_NAME = "Job advert"


def render_advert(role: ResolvedRole, out_path: Path, options: RenderOptions) -> None:
    """Write the role's job advert to ``out_path`` (.docx)."""
    wd = WordDoc(role, options, DOC_NAME)
    spec = role.spec
    text = wd.wording.advert()
    src = "advert.yaml"
    closing = long_date(spec.closing_date, weekday=True) if spec.closing_date else ""

    wd.para(role.title, "Title")
    wd.para(" \u00b7 ".join(x for x in (spec.school, spec.location) if x), "Subtitle")

    _facts_strip(wd, advert_facts(role))
    working = role.pay.working() if role.pay else None
    if working:
        wd.para(f"Actual salary worked out as {working}. Full-time equivalent (FTE) is the pay for "
                f"{role.spec.full_time_hours:g} hours a week all year round.", "Note")

    about = [x for x in (about_role(role), " ".join((spec.about_school or "").split())) if x]
    if about:
        wd.heading(wd.fill(text.about_heading, src), 1)
        for para in about:
            wd.para(para)
        if spec.responsible_to:
            boss = spec.responsible_to
            boss = "the " + boss[4:] if boss.lower().startswith("the ") else "the " + boss
            wd.para(f"You will report to {boss}.")

    duties = key_duties(role)
    if duties:
        wd.heading(wd.fill(text.duties_heading, src), 1)
        if text.duties_intro:
            wd.para(wd.fill(text.duties_intro, src))
        for duty in duties:
            wd.bullet(duty)
        if text.documents:
            wd.para(wd.fill(text.documents, src)).paragraph_format.space_before = 120 * 635

    # "How to apply" is kept with the safer-recruitment box that follows it: when they do not
    # both fit on the first page they move on together, so the box is never alone on a page.
    apply = [wd.heading(wd.fill(text.apply_heading, src), 1)]
    how = spec.how_to_apply or wd.fill(text.how_to_apply_default, src)
    for para in how.split("\n\n"):
        if para.strip():
            apply.append(wd.para(" ".join(para.split())))
    if spec.contact and text.contact:
        apply.append(wd.para(wd.fill(text.contact, src, contact=spec.contact)))
    if closing and text.closing:
        p = wd.para(wd.fill(text.closing, src, closing_date=closing))
        for r in p.runs:
            r.bold = True
        apply.append(p)
    if text.equality:
        apply.append(wd.para(wd.fill(text.equality, src)))
    for p in apply:
        p.paragraph_format.keep_with_next = True

    _safer_recruitment_box(wd, spec.safer_recruitment)
    wd.save(out_path)


def _facts_strip(wd: WordDoc, facts: list[tuple[str, str]]) -> None:
    """Key facts in a shaded grid, three to a row: small label over the value."""
    if not facts:
        return
    per_row = 3 if len(facts) > 4 or len(facts) == 3 else 2
    width = wd.text_width // per_row
    tbl = wd.table([width] * per_row)
    set_table_borders(tbl, _borders_xml("FFFFFF", 18))
    for start in range(0, len(facts), per_row):
        chunk = facts[start:start + per_row]
        cells = wd.row(tbl, [""] * per_row, shade=LIGHT)
        for cell, (label, value) in zip(cells, chunk):
            p = cell.paragraphs[0]._p
            _run(p, label, True, color=ACCENT)
            _run(p, "\n" + value, True)
        if len(chunk) < per_row:
            # A short last row: its last fact spans the rest, so the grid has no empty cell.
            cells[len(chunk) - 1].merge(cells[-1])


def _safer_recruitment_box(wd: WordDoc, nation: str) -> None:
    """The safer-recruitment statement, set apart in a bordered, shaded box."""
    block = wd.wording.safer_recruitment(nation)
    name = f"safer-recruitment-{nation}.yaml"
    wd.para("").paragraph_format.keep_with_next = True
    tbl = wd.table([wd.text_width])
    set_table_borders(tbl, _borders_xml(ACCENT, 8, ("top", "left", "bottom", "right")))
    cell = wd.row(tbl, [""], shade=LIGHT)[0]
    cell._tc.get_or_add_tcPr().append(parse_xml(
        f'<w:tcMar {nsdecls("w")}><w:top w:w="170" w:type="dxa"/><w:left w:w="227" w:type="dxa"/>'
        '<w:bottom w:w="113" w:type="dxa"/><w:right w:w="227" w:type="dxa"/></w:tcMar>'))
    heading = cell.paragraphs[0]
    heading.add_run(wd.fill(block.heading, name)).bold = True
    heading.runs[0].font.size = Pt(12)
    heading.runs[0].font.color.rgb = RGBColor.from_string(ACCENT)
    heading.paragraph_format.space_after = Pt(6)
    for para in block.paragraphs:
        p = Paragraph(wd._p(wd.style_ids.get("Table Text"), parent=cell._tc), cell)
        _run(p._p, wd.fill(" ".join(para.split()), name))
        p.paragraph_format.space_after = Pt(5)
