"""The job description (.docx): title block, purpose, numbered duties, generic duties, dates."""

from __future__ import annotations

from pathlib import Path

from ictroles.renderers.facts import contract_text, hours_text, long_date, salary_text, weeks_text
from ictroles.renderers.outputs import RenderOptions
from ictroles.renderers.word.common import WordDoc, grey_run
from ictroles.roles.resolve import ResolvedRole

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

    any_adapted = False
    wd.heading(wd.fill(text.duties_heading, src), 1)
    if text.duties_intro and role.skills:
        wd.para(wd.fill(text.duties_intro, src))
    for area, skills in role.by_focus:
        skills = [s for s in skills if s.activities]
        if not skills:
            continue
        wd.heading(f"{area.name} focus", 2)
        for skill in skills:
            h = wd.heading(skill.name, 3)
            grey_run(h, f" \u2013 {skill.level_title}")
            for st in skill.activities:
                wd.numbered(st.text, adapted=st.adapted)
                any_adapted |= st.adapted
    if spec.additional_duties:
        wd.heading(wd.fill(text.additional_heading, src), 2)
        for duty in spec.additional_duties:
            wd.numbered(duty)

    if spec.typical_tasks and any(s.examples for s in role.skills):
        wd.heading(wd.fill(text.tasks_heading, src), 1)
        if text.tasks_intro:
            wd.para(wd.fill(text.tasks_intro, src))
        for skill in role.skills:
            if not skill.examples:
                continue
            wd.heading(skill.name, 3)
            for st in skill.examples:
                wd.bullet(st.text, adapted=st.adapted)
                any_adapted |= st.adapted

    generic = wd.wording.generic_duties()
    gsrc = "generic-duties.yaml"
    wd.heading(wd.fill(generic.heading, gsrc), 1)
    if generic.intro:
        wd.para(wd.fill(generic.intro, gsrc) + ("" if generic.intro.rstrip().endswith((":", ".")) else ":"))
    for staff_duty in generic.duties:
        p = wd.numbered("")
        p.add_run(wd.fill(staff_duty.title, gsrc) + ". ").bold = True
        p.add_run(wd.fill(staff_duty.text, gsrc))

    closing = wd.wording.closing_clause()
    clause = wd.para(wd.fill(closing.text, "closing-clause.yaml")).paragraph_format
    clause.space_before = 240 * 635
    clause.keep_with_next = True  # never leave the dates alone on the last page
    prepared = spec.prepared or options.today
    dates = wd.para("", "Note")
    dates.paragraph_format.keep_together = True
    dates.add_run("Prepared: ").bold = True
    dates.add_run(long_date(prepared))
    if spec.review:
        dates.add_run("\u2003\u2003Review by: ").bold = True
        dates.add_run(long_date(spec.review))
    if spec.version:
        dates.add_run("\u2003\u2003Version: ").bold = True
        dates.add_run(spec.version)
    wd.adapted_note(any_adapted)
    wd.save(out_path)


def _paragraphs(text: str) -> list[str]:
    """Split a multi-paragraph field on blank lines."""
    return [" ".join(p.split()) for p in text.split("\n\n") if p.strip()]
