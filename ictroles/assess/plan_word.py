"""The development plan as a Word document, laid out like the school's other documents.

It reads as an appraisal record: who and against which role, where the person stands in one
sentence and one table, then each gap with the statements still to develop, an editable
suggestion and the boxes the person and their line manager fill in together, and signatures.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from pathlib import Path

from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Pt
from docx.table import _Cell

from ictroles.assess.model import LEVEL_RULE, PERSONAL_DATA_NOTE, RATINGS
from ictroles.assess.plan import PRIORITY_TEXT, Plan, SkillStanding, StandardStanding
from ictroles.renderers.facts import long_date
from ictroles.renderers.outputs import RenderOptions
from ictroles.renderers.word.common import ACCENT, LIGHT, WordDoc, grey_run, shade_cell
from ictroles.roles.resolve import ResolvedRole

DOC_NAME = "Development plan"
MET_FILL = "E2EFDA"  # light green: at the level needed
GAP_FILL = "FFF2CC"  # light amber: a gap to work on
AGREED = ("Agreed action", "Who supports it", "Review date", "Evidence of progress")


def render_plan_word(plan: Plan, role: ResolvedRole, out_path: Path, today: dt.date | None = None) -> None:
    """Write the plan as a .docx; ``role`` is the person's current role (header and footer)."""
    # The footer dates the plan, not the role file it was measured against.
    role = replace(role, spec=role.spec.replace(prepared=None))
    wd = WordDoc(role, RenderOptions(today=today or dt.date.today()), DOC_NAME)
    _personal_data_footer(wd)
    wd.doc.core_properties.title = f"{DOC_NAME}: {plan.name}"
    wd.doc.core_properties.keywords = "development plan; self-assessment; personal data"

    wd.para(DOC_NAME, "Title")
    wd.para(f"{plan.name} \u00b7 {plan.role_title}" + (f" \u00b7 {plan.school}" if plan.school else ""), "Subtitle")
    wd.key_values([
        ("Member of staff", plan.name),
        ("Role", plan.role_title),
        ("Measured against", f"{plan.target_title} (the next role)" if plan.target_title else ""),
        ("School", plan.school or ""),
        ("Self-assessment dated", long_date(plan.date) if plan.date else ""),
        ("Plan prepared", long_date(wd.options.today)),
    ])

    wd.heading("Where you stand", 1)
    p = wd.para(plan.summary)
    p.paragraph_format.space_after = Pt(6)
    _standing_table(wd, plan)
    note = wd.para("", "Note")
    note.add_run(LEVEL_RULE)
    if plan.unrated:
        note.add_run(f" {plan.unrated} statement{'s were' if plan.unrated != 1 else ' was'} left blank.")

    gaps = plan.gaps
    if gaps:
        wd.heading("What to develop", 1).paragraph_format.keep_with_next = True
        intro = wd.para("The skills below are in the order to work on them"
                + (": what the current role already needs first, then what the next role adds."
                   if plan.target_title else ", Essential skills first.")
                + " The suggestions are a starting point: agree the actions together and change them "
                  "as you see fit.")
        intro.paragraph_format.keep_with_next = True
        for standing in gaps:
            _gap(wd, standing)
    if plan.standards:
        _standards(wd, plan)
    growing = [s for s in plan.skills if s.met and s.next_level and s.next_total]
    if growing and not plan.target_title:
        wd.heading("Towards the next level", 1).paragraph_format.keep_with_next = True
        wd.para("Skills already at the level the role needs, and how much of the level above is "
                "already there. Useful for a conversation about the next step; not required by the role."
                ).paragraph_format.keep_with_next = True
        widths = [wd.text_width - 3000, 1200, 1800]
        tbl = wd.table(widths)
        wd.row(tbl, ["Skill", "Next level", "Already confident"], shade=ACCENT, bold=True, header=True,
               color="FFFFFF", center=(1, 2))
        for s in growing:
            wd.row(tbl, [s.name, s.next_level or "", f"{s.next_met} of {s.next_total}"], center=(1, 2))

    wd.heading("Agreed by", 1).paragraph_format.keep_with_next = True
    wd.para("Signing shows the plan was discussed and agreed; it is reviewed on the dates above."
            ).paragraph_format.keep_with_next = True
    widths = [3000, wd.text_width - 5200, 2200]
    tbl = wd.table(widths)
    wd.row(tbl, ["", "Signature", "Date"], shade=ACCENT, bold=True, header=True, color="FFFFFF", keep_next=True)
    for who in (plan.name, "Line manager"):
        cells = wd.row(tbl, [who, "", ""], bold=(0,), keep_next=who == plan.name)
        _min_height(cells, 700)
    wd.save(out_path)


def _standing_table(wd: WordDoc, plan: Plan) -> None:
    widths = [wd.text_width - 1000 - 1900 - 3000, 1000, 1900, 3000]
    tbl = wd.table(widths)
    wd.row(tbl, ["Skill", "Needed", "Now", "Gap"], shade=ACCENT, bold=True, header=True, color="FFFFFF",
           center=(1, 2))
    for area in dict.fromkeys(s.focus_name for s in plan.skills):
        wd.row(tbl, [area], span=True, shade=LIGHT, bold=True, keep_next=True, color=ACCENT)
        for s in (s for s in plan.skills if s.focus_name == area):
            cells = wd.row(tbl, [s.name, s.required, s.person_text, s.gap_text], center=(1, 2))
            shade_cell(cells[3], MET_FILL if s.met else GAP_FILL)


STANDARDS_HEADING = "DfE digital and technology standards (England)"
STANDARDS_TEXT = ("The role also carries part of the Department for Education's digital and technology standards "
                  "for schools. Each is measured at one level by the same rule: its duty, any duty the school "
                  "adds, and its person-specification criterion. Each standard not yet met follows, with its "
                  "statements still to develop.")


def _standards(wd: WordDoc, plan: Plan) -> None:
    """The role's DfE standards: apart from the skills, and labelled as not part of the framework."""
    wd.heading(plan.standards_name or STANDARDS_HEADING, 1).paragraph_format.keep_with_next = True
    note = wd.para("")
    note.paragraph_format.keep_with_next = True
    note.add_run("Not part of the ICT Competences Framework. ").bold = True
    note.add_run(STANDARDS_TEXT)
    widths = [wd.text_width - 1000 - 1900 - 3000, 1000, 1900, 3000]
    tbl = wd.table(widths)
    wd.row(tbl, ["Standard", "Needed", "Now", "Gap"], shade=ACCENT, bold=True, header=True, color="FFFFFF",
           center=(1, 2))
    for s in plan.standards:
        cells = wd.row(tbl, [s.name, s.required, s.person_text, s.gap_text], center=(1, 2))
        shade_cell(cells[3], MET_FILL if s.met else GAP_FILL)
    for s in plan.standard_gaps:
        _gap(wd, s)
    growing = [s for s in plan.standards if s.met and s.next_total and not plan.target_title]
    if growing:
        p = wd.para("", "Note")
        p.paragraph_format.space_before = Pt(4)
        ready = [f"{s.name} ({s.next_level})" for s in growing if s.next_met == s.next_total]
        later = [f"{s.name} ({s.next_level})" for s in growing if s.next_met != s.next_total]
        grey_run(p, "Towards the next level, not required by the role: " + " ".join(x for x in (
            f"already confident in the level above's duty of {_and(ready)}." if ready else "",
            f"{'Not yet' if ready else 'not yet'} confident in the level above's duty of {_and(later)}." if later else "",
        ) if x))


def _and(names: list[str]) -> str:
    return " and ".join([", ".join(names[:-1]), names[-1]]) if len(names) > 1 else names[0]


def _gap(wd: WordDoc, s: SkillStanding | StandardStanding) -> None:
    heading = wd.heading(f"{s.name}: level {s.required} needed", 2)
    heading.paragraph_format.keep_with_next = True
    p = wd.para("", "Note")
    p.paragraph_format.keep_with_next = True
    now = s.person_text.replace("Working", "working")
    grey_run(p, f"Now: {now} \u00b7 {s.met_count} of {s.total} statements met \u00b7 "
                f"{PRIORITY_TEXT[s.priority]}")
    lead = wd.para("Still to develop:", bold=True)
    lead.paragraph_format.keep_with_next = True
    last = None
    for st in s.to_develop:
        last = wd.bullet(st.item.text)
        rating = RATINGS[st.rating] if st.rating else "not rated"
        where = f"level {st.item.level}; " if st.item.level != s.required else ""
        if st.item.standard:
            where = f"{st.item.facet_name}; " + where
        extra = f"  ({where}{rating}" + ("; for the next role" if st.priority == "target" else "") + f"; {st.item.id})"
        grey_run(last, extra)
        # The heading stays with the first statement; a long list may then run on to the next
        # page (a chain of "keep with next" longer than a page leaves the heading alone instead).
        last.paragraph_format.keep_with_next = st is s.to_develop[0]
    if s.suggestion:
        sp = wd.para("")
        sp.paragraph_format.space_before = Pt(4)
        sp.paragraph_format.keep_with_next = True
        sp.add_run(f"Suggested: {s.suggestion.kind}. ").bold = True
        sp.add_run(s.suggestion.text)
    widths = [2600, wd.text_width - 2600]
    tbl = wd.table(widths)
    for label in AGREED:
        # The boxes stay together (and with the statements above them) on one page.
        cells = wd.row(tbl, [label, ""], bold=(0,), keep_next=label != AGREED[-1])
        shade_cell(cells[0], LIGHT)
        _min_height(cells, 700 if label == AGREED[0] else 420)
    spacer = wd.para("")
    spacer.paragraph_format.space_after = Pt(2)


def _min_height(cells: list[_Cell], twips: int) -> None:
    """Room to write by hand: the row is at least ``twips`` high."""
    tr_pr = cells[0]._tc.getparent().find(qn("w:trPr"))
    tr_pr.append(parse_xml(f'<w:trHeight {nsdecls("w")} w:val="{twips}" w:hRule="atLeast"/>'))


def _personal_data_footer(wd: WordDoc) -> None:
    footer = wd.doc.sections[-1].footer
    p = footer.add_paragraph()
    wd.style(p, "Footer")
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    p.paragraph_format.space_after = Pt(3)
    run = p.add_run(PERSONAL_DATA_NOTE)
    run.font.size = Pt(7)
    # Above the page-number line: LibreOffice grows a footer downwards, off the page.
    first = footer._element.find(qn("w:tbl"))
    if first is None:
        first = footer.paragraphs[0]._p
    first.addprevious(p._p)
