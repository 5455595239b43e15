"""The job description (.docx): title block, purpose, numbered duties, generic duties, dates."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from ictroles.framework.competences import FACET_NAMES
from ictroles.renderers.facts import contract_text, hours_text, long_date, salary_text, weeks_text
from ictroles.renderers.outputs import RenderOptions
from ictroles.renderers.word.common import WordDoc, grey_run
from ictroles.roles.resolve import ResolvedRole, ResolvedSkill

DOC_NAME = "Job description"


def title_rows(role: ResolvedRole, relationships_label: str = "Working relationships") -> list[tuple[str, str]]:
    """The title block's label/value pairs (empty values are dropped when drawn)."""
    spec = role.spec
    return [
        ("School", spec.school or ""),
        ("Location", spec.location or ""),
        ("Grade", spec.grade or ""),
        ("Salary", salary_text(role)),
        ("Hours", hours_text(role)),
        ("Weeks per year", weeks_text(role)),
        ("Contract", contract_text(role)),
        ("Responsible to", spec.responsible_to or ""),
        ("Responsible for", spec.responsible_for or ""),
        (relationships_label, "; ".join(spec.working_relationships)),
    ]


def render_job_description(role: ResolvedRole, out_path: Path, options: RenderOptions) -> None:
    """Write the role's job description to ``out_path`` (.docx)."""
    wd = WordDoc(role, options, DOC_NAME)
    text = wd.wording.job_description()
    src = "job-description.yaml"
    spec = role.spec

    wd.para(role.title, "Title")
    wd.para(DOC_NAME + (f" \u00b7 {spec.school}" if spec.school else ""), "Subtitle")
    wd.key_values(title_rows(role, text.relationships_label))

    if spec.purpose:
        wd.heading(wd.fill(text.purpose_heading, src), 1)
        for para in _paragraphs(spec.purpose):
            wd.para(para)

    wd.heading(wd.fill(text.duties_heading, src), 1)
    if text.duties_intro and role.skills:
        wd.para(wd.fill(text.duties_intro, src))
    for area, skills in role.by_focus:
        wd.heading(area.name, 2)
        for skill in skills:
            for duty in skill_duties(skill):
                p = wd.numbered("")
                grey_run(p, f"{skill.name} · {level_label(skill)}")
                p.add_run().add_break()
                p.add_run(duty)
    if role.standards:
        standards_duties(wd, role)
    if spec.additional_duties:
        wd.heading(wd.fill(text.additional_heading, src), 2)
        for duty in spec.additional_duties:
            wd.numbered(duty)

    generic = wd.wording.generic_duties()
    gsrc = "generic-duties.yaml"
    wd.heading(wd.fill(generic.heading, gsrc), 1)
    if generic.intro:
        wd.para(wd.fill(generic.intro, gsrc) + ("" if generic.intro.rstrip().endswith((":", ".")) else ":"))
    last = None
    for staff_duty in generic.duties:
        last = wd.numbered("")
        last.add_run(wd.fill(staff_duty.title, gsrc) + ". ").bold = True
        last.add_run(wd.fill(staff_duty.text, gsrc))

    if last is not None:
        last.paragraph_format.keep_with_next = True  # the closing clause never starts a page alone
    closing = wd.wording.closing_clause()
    clause = wd.para(wd.fill(closing.text, "closing-clause.yaml")).paragraph_format
    clause.space_before = 240 * 635
    clause.keep_with_next = True  # never leave the dates alone on the last page
    prepared = spec.prepared or options.today
    dates = wd.para("", "Note")
    dates.paragraph_format.keep_together = True
    dates.add_run("Prepared: ").bold = True
    dates.add_run(long_date(prepared))
    dates.add_run("\u2003\u2003Review by: ").bold = True
    dates.add_run(long_date(spec.review or review_date(prepared)))
    if spec.version:
        dates.add_run("\u2003\u2003Version: ").bold = True
        dates.add_run(spec.version)
    if options.appendix or spec.appendix or spec.typical_tasks:  # typical_tasks: the older name
        competence_profile(wd, role)
    wd.save(out_path)


def standards_duties(wd: WordDoc, role: ResolvedRole) -> None:
    """The duties from the standards pack, numbered on from the framework's, labelled as such."""
    pack = role.standards_pack
    wd.heading("Digital and technology standards", 2)
    if pack is not None:
        wd.para(f"From the {pack.publisher}'s digital and technology standards for schools "
                f"({pack.country.replace('-', ' ').title()}); "
                "these duties are not part of the ICT Competences Framework.", "Note")
    for std in role.standards:
        for duty in std.duties:
            p = wd.numbered("")
            grey_run(p, f"{std.name} · Level {std.level}")
            p.add_run().add_break()
            p.add_run(duty)


def review_date(prepared: dt.date) -> dt.date:
    """One year after the job description was prepared (29 February becomes 28 February)."""
    try:
        return prepared.replace(year=prepared.year + 1)
    except ValueError:
        return prepared.replace(year=prepared.year + 1, day=28)


def level_label(skill: ResolvedSkill) -> str:
    """The post's level for a skill as the scheme names it: "Level B", "Level 2"."""
    return f"Level {skill.level}"


def skill_duties(skill: ResolvedSkill) -> list[str]:
    """The numbered duties one skill gives the post: its concise duty, then the role's own.

    A skill the duty layer has no entry for (a revised framework) lists its Activities.
    """
    own = [st.text for st in skill.activities if st.origin == "custom"]
    if skill.duty:
        return [skill.duty, *own]
    return [st.text for st in skill.activities]


def competence_profile(wd: WordDoc, role: ResolvedRole) -> None:
    """The appendix: every chosen framework statement, verbatim, once, per skill and facet."""
    wd.page_break()
    wd.heading("Appendix: competence profile", 1)
    framework = role.framework
    origin = ", ".join(x for x in ((framework.source or "").split(",")[0], framework.version or "") if x)
    wd.para(
        f"The statements of the {framework.name}{f' ({origin})' if origin else ''} this post was "
        "built from, by skill and level. The duties above are written from them. Where a "
        "statement's wording has been brought up to date or adapted by the school, the "
        "framework's own text follows it."
    )
    for skill in role.skills:
        wd.heading(f"{skill.name} \u00b7 {level_label(skill)}", 3)
        for facet, heading in FACET_NAMES.items():
            statements = skill.statements(facet)
            if not statements:
                continue
            lead = wd.para(heading, "Note", bold=True)
            lead.paragraph_format.keep_with_next = True
            for st in statements:
                p = wd.bullet(st.text)
                ids = "/".join((st.id, *st.merged_ids))
                if st.origin == "custom":
                    grey_run(p, "  added by the school")
                elif st.reworded:
                    grey_run(p, f"  {ids} \u00b7 adapted by the school")
                else:
                    grey_run(p, f"  {ids}")
                if st.original_text:
                    grey_run(p, f" (framework text: \u201c{st.original_text}\u201d)")


def _paragraphs(text: str) -> list[str]:
    """Split a multi-paragraph field on blank lines."""
    return [" ".join(p.split()) for p in text.split("\n\n") if p.strip()]
