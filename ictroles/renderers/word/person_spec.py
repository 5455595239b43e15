"""The person specification (.docx): one table of criteria grouped by category."""

from __future__ import annotations

from pathlib import Path

from ictroles.renderers.facts import salary_text
from ictroles.renderers.outputs import RenderOptions
from ictroles.renderers.personspec import person_specification
from ictroles.renderers.word.common import ACCENT, LIGHT, WordDoc
from ictroles.roles.resolve import ResolvedRole

DOC_NAME = "Person specification"
TICK = "\u2713"


def render_person_spec(role: ResolvedRole, out_path: Path, options: RenderOptions) -> None:
    """Write the role's person specification to ``out_path`` (.docx)."""
    wd = WordDoc(role, options, DOC_NAME)
    spec = role.spec
    ps = person_specification(role, wd.wording)

    wd.para(role.title, "Title")
    wd.para(DOC_NAME + (f" \u00b7 {spec.school}" if spec.school else ""), "Subtitle")
    wd.key_values([("School", spec.school or ""), ("Grade", spec.grade or ""), ("Salary", salary_text(role))])
    if ps.intro:
        wd.para(ps.intro).paragraph_format.space_before = 200 * 635

    side = 1050
    how = 1500
    tbl = wd.table([wd.text_width - 2 * side - how, side, side, how])
    wd.row(tbl, ["Criterion", "Essential", "Desirable", "How assessed"], shade=ACCENT, bold=True,
           header=True, center=(1, 2, 3), color="FFFFFF")
    for block in ps.categories:
        wd.row(tbl, [block.heading], span=True, shade=LIGHT, bold=True, keep_next=True, color=ACCENT)
        for crit in block.criteria:
            wd.row(
                tbl,
                [crit.text, TICK if crit.essential else "", "" if crit.essential else TICK, ", ".join(crit.assessed)],
                center=(1, 2, 3),
            )
    key = wd.para("", "Note")
    key.paragraph_format.space_before = 120 * 635
    key.add_run("How assessed: ").bold = True
    for i, (letter, meaning) in enumerate(ps.assessment_key.items()):
        key.add_run("  \u00b7  " if i else "").bold = False
        key.add_run(letter).bold = True
        key.add_run(f" {meaning}")
    wd.save(out_path)
