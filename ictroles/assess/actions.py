"""The three things `ictroles assess` does, as plain functions the command line and scripts call.

Every input is read and checked before anything is written, and every output is written whole
(``core/files.py``) or not at all; an existing file is replaced only with ``force``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from ictroles.assess.model import assessment_items, load_assessed_role
from ictroles.assess.plan import Plan, make_plan
from ictroles.core.files import check_output_file
from ictroles.framework.competences import Framework
from ictroles.roles.resolve import slugify

if TYPE_CHECKING:
    from ictroles.assess.summary import TrainingNeeds

PLAN_SUFFIX = "-plan"


def make_form(role_path: Path, out: Path, framework: Framework, *, force: bool = False,
              today: dt.date | None = None) -> int:
    """Write the self-assessment form for a role file; returns the number of statements it asks about."""
    from ictroles.assess.form import write_form

    check_output_file(out, force, ".xlsx")
    role = load_assessed_role(role_path, framework)
    return write_form(role, out, today)


def plan_paths(out: Path, name: str) -> tuple[Path, Path]:
    """Where the plan goes: OUT-plan.docx and OUT-plan.xlsx, or FOLDER/<name>-plan.* when OUT is a folder."""
    out = Path(out)
    if out.is_dir():
        stem = out / (slugify(name) if name else "self-assessment")
    elif out.suffix.lower() in (".docx", ".xlsx"):
        stem = out.with_suffix("")  # "jo.docx" means the stem "jo"
    else:
        stem = out
    base = stem.name[: -len(PLAN_SUFFIX)] if stem.name.endswith(PLAN_SUFFIX) else stem.name
    return (stem.with_name(f"{base}{PLAN_SUFFIX}.docx"), stem.with_name(f"{base}{PLAN_SUFFIX}.xlsx"))


def write_plan(source: Path, role_path: Path, out: Path, framework: Framework, *, target_path: Path | None = None,
               force: bool = False, today: dt.date | None = None) -> tuple[Plan, list[Path]]:
    """Read a filled form or YAML self-assessment and write the development plan (Word and Excel)."""
    from ictroles.assess.plan_excel import render_plan_excel
    from ictroles.assess.plan_word import render_plan_word
    from ictroles.assess.read import load_assessment

    role = load_assessed_role(role_path, framework)
    target = load_assessed_role(target_path, framework) if target_path else None
    extra = assessment_items(target) if target else ()  # a YAML file's levels rate the target's too
    assessment = load_assessment(source, role, framework, extra)
    plan = make_plan(assessment, role, target)
    docx_path, xlsx_path = plan_paths(out, assessment.name)
    for path in (docx_path, xlsx_path):
        check_output_file(path, force)
    render_plan_word(plan, role, docx_path, today)
    render_plan_excel(plan, xlsx_path)
    return plan, [docx_path, xlsx_path]


def write_summary(inputs: Iterable[Path], out: Path, framework: Framework, *, roles: Iterable[Path] = (),
                  anonymous: bool = False, force: bool = False) -> TrainingNeeds:
    """Count the gaps of many self-assessments by skill, level and school; write the workbook."""
    from ictroles.assess.summary import training_needs, write_needs_workbook

    check_output_file(out, force, ".xlsx")
    needs = training_needs(inputs, framework, roles, anonymous)
    write_needs_workbook(needs, out)
    return needs
