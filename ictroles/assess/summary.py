"""Training needs across an authority: how many technicians have a gap, per skill and level, by school.

Every filled form (.xlsx) and YAML self-assessment in the folders given is read against its own
role, exactly as ``ictroles assess plan`` reads it, and each skill the person is short of is a
gap at the framework level (A-D) the role needs, so schools on different level schemes add up.
The school is the role's. With ``anonymous`` no name is kept. The roles' DfE digital and
technology standards (England), which are not part of the framework, are counted apart, per
standard and level, on their own sheet.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from openpyxl import Workbook
from openpyxl.worksheet.worksheet import Worksheet

from ictroles.assess.model import PERSONAL_DATA_NOTE, load_assessed_role, load_yaml_assessment, ratings_from_yaml
from ictroles.assess.plan import make_plan
from ictroles.assess.read import FORM_SUFFIXES, YAML_SUFFIXES, check_form_matches, read_form
from ictroles.assess.sheets import ACCENT, GAP_FILL, GREY, footer, put
from ictroles.core.errors import IctrolesError, InvalidInputError, Problem
from ictroles.framework.competences import Framework
from ictroles.renderers.excel.cells import fit_to_width, save_workbook
from ictroles.roles.discovery import role_files
from ictroles.roles.resolve import ResolvedRole

NO_SCHOOL = "(no school named)"


@dataclass(frozen=True)
class PersonResult:
    """One self-assessment's outcome (the name is empty when anonymous)."""

    name: str
    school: str
    role_title: str
    source: str
    met: int
    total: int
    gaps: tuple[str, ...]  # "Server & Network support (C)"
    standard_gaps: tuple[str, ...] = ()  # "Cyber security standards (B)"
    standards_total: int = 0


@dataclass(frozen=True)
class NeedRow:
    """One skill at one framework level: how many technicians have a gap there, by school."""

    skill_id: str
    skill_name: str
    focus_name: str
    level: str  # framework level A-D
    by_school: dict[str, int]

    @property
    def total(self) -> int:
        """Technicians with this gap, over every school."""
        return sum(self.by_school.values())


@dataclass(frozen=True)
class StandardNeedRow:
    """One DfE standard at one level: how many technicians have not yet met it, by school."""

    standard_id: str
    name: str
    level: str
    by_school: dict[str, int]

    @property
    def total(self) -> int:
        """Technicians with this gap, over every school."""
        return sum(self.by_school.values())


@dataclass(frozen=True)
class TrainingNeeds:
    """The summary: schools with how many were assessed, need rows, and each person's outcome."""

    schools: dict[str, int]  # school -> self-assessments read
    rows: tuple[NeedRow, ...]  # framework order, then level
    people: tuple[PersonResult, ...]
    anonymous: bool = False
    skipped: tuple[str, ...] = field(default_factory=tuple)
    standard_rows: tuple[StandardNeedRow, ...] = ()  # the pack's order, then level
    standards_assessed: int = 0  # self-assessments whose role has DfE standards
    standards_name: str | None = None


def assessment_files(inputs: Iterable[Path]) -> tuple[list[Path], list[Problem]]:
    """The forms and YAML self-assessments named by ``inputs`` (folders: every one directly inside)."""
    files: list[Path] = []
    problems: list[Problem] = []
    for path in map(Path, inputs):
        if path.is_dir():
            found = sorted(p for p in path.iterdir() if p.is_file() and not p.name.startswith((".", "~$"))
                           and p.suffix.lower() in (*FORM_SUFFIXES, *YAML_SUFFIXES))
            if not found:
                problems.append(Problem(path, None, "", "folder has no filled forms (.xlsx) or self-assessments (.yaml)"))
            files.extend(found)
        elif path.exists():
            files.append(path)
        else:
            problems.append(Problem(path, None, "", "file not found"))
    return files, problems


def training_needs(inputs: Iterable[Path], framework: Framework, roles: Iterable[Path] = (),
                   anonymous: bool = False) -> TrainingNeeds:
    """Read every self-assessment against its role and count the gaps; raise listing every problem."""
    files, problems = assessment_files(inputs)
    role_paths, role_problems = role_files(roles) if roles else ([], [])
    problems.extend(role_problems)
    by_name = {p.name: p for p in role_paths}
    loaded: dict[Path, ResolvedRole] = {}

    def role_at(path: Path) -> ResolvedRole:
        key = path.resolve()
        if key not in loaded:
            loaded[key] = load_assessed_role(path, framework)
        return loaded[key]

    people: list[PersonResult] = []
    counts: dict[tuple[str, str], dict[str, int]] = {}
    std_counts: dict[tuple[str, str], dict[str, int]] = {}
    std_names: dict[str, str] = {}
    std_order: dict[str, int] = {}
    with_standards = 0
    standards_name: str | None = None
    schools: dict[str, int] = {}
    for path in files:
        try:
            if path.suffix.lower() in FORM_SUFFIXES:
                assessment, record = read_form(path)
                found = by_name.get(record.role_file) or path.parent / record.role_file
                if not record.role_file or not found.is_file():
                    raise InvalidInputError([Problem(path, None, "", f"was made for '{record.role_title}' "
                                                     f"({record.role_file}); give the folder of that role file "
                                                     "with --roles")])
                role = role_at(found)
                check_form_matches(record, role, path)
            else:
                data, smap = load_yaml_assessment(path, framework)
                if data.role is None:
                    raise InvalidInputError([Problem(path, None, "role", "name the role file the self-assessment "
                                                     "is against (role: path/to/role.yaml, relative to this file)")])
                named = path.parent / data.role
                role = role_at(named if named.is_file() else by_name.get(Path(data.role).name, named))
                assessment = ratings_from_yaml(data, smap, path, role)
        except InvalidInputError as exc:
            problems.extend(exc.problems)
            continue
        except IctrolesError as exc:
            problems.append(Problem(path, None, "", str(exc)))
            continue
        plan = make_plan(assessment, role)
        school = role.spec.school or NO_SCHOOL
        schools[school] = schools.get(school, 0) + 1
        gaps = [s for s in plan.skills if not s.met]
        for g in gaps:
            by_school = counts.setdefault((g.skill_id, g.native_required), {})
            by_school[school] = by_school.get(school, 0) + 1
        for sg in plan.standard_gaps:
            by_school = std_counts.setdefault((sg.standard_id, sg.required), {})
            by_school[school] = by_school.get(school, 0) + 1
        if plan.standards:
            with_standards += 1
            standards_name = standards_name or plan.standards_name
            pack = role.standards_pack
            for std in plan.standards:
                std_names[std.standard_id] = std.name
                if pack is not None and std.standard_id in pack.by_id:
                    std_order.setdefault(std.standard_id, [s.id for s in pack.standards].index(std.standard_id))
        people.append(PersonResult("" if anonymous else assessment.name, school, role.title,
                                   "" if anonymous else path.name, len(plan.skills) - len(gaps), len(plan.skills),
                                   tuple(f"{g.name} ({g.native_required})" for g in gaps),
                                   tuple(f"{g.name} ({g.required})" for g in plan.standard_gaps), len(plan.standards)))
    if problems:
        raise InvalidInputError(problems)
    if not people:
        raise InvalidInputError([Problem(None, None, "", "no self-assessments given")])
    order = {s.id: i for i, s in enumerate(framework.skills)}
    rows = tuple(
        NeedRow(sid, framework.skills_by_id[sid].name, framework.focus_by_id[framework.skills_by_id[sid].focus].name,
                level, dict(by_school))
        for (sid, level), by_school in sorted(counts.items(), key=lambda kv: (order[kv[0][0]],
                                                                              framework.level_index(kv[0][1])))
    )
    std_rows = tuple(
        StandardNeedRow(std_id, std_names[std_id], level, dict(by_school))
        for (std_id, level), by_school in sorted(std_counts.items(), key=lambda kv: (
            std_order.get(kv[0][0], len(std_order)), kv[0][0], framework.level_index(kv[0][1])))
    )
    return TrainingNeeds(dict(sorted(schools.items())), rows, tuple(people), anonymous,
                         standard_rows=std_rows, standards_assessed=with_standards, standards_name=standards_name)


def needs_text(needs: TrainingNeeds) -> str:
    """A few lines for the terminal."""
    n = sum(needs.schools.values())
    lines = [f"{n} self-assessment{'s' if n != 1 else ''} from {len(needs.schools)} "
             f"school{'s' if len(needs.schools) != 1 else ''}."]
    top = sorted(needs.rows, key=lambda r: -r.total)[:5]
    if top:
        lines.append("Most common gaps:")
        lines += [f"  {r.skill_name} at level {r.level}: {r.total} of {n}" for r in top]
    else:
        lines.append("No gaps: everyone meets their role.")
    if needs.standard_rows:
        top_std = sorted(needs.standard_rows, key=lambda r: -r.total)[:3]
        lines.append("DfE standards not yet met (not part of the framework):")
        lines += [f"  {r.name} at level {r.level}: {r.total} of {needs.standards_assessed}" for r in top_std]
    return "\n".join(lines) + "\n"


def write_needs_workbook(needs: TrainingNeeds, path: Path) -> None:
    """A 'Training needs' sheet (skill and level by school) and, unless anonymous, a 'Technicians' sheet."""
    wb = Workbook()
    ws = wb.active
    ws.title = "Training needs"
    put(ws, 1, 1, "Training needs from self-assessments", bold=True, size=14, color=ACCENT, border=False, wrap=False)
    put(ws, 2, 1, "Technicians with a gap in each skill, at the framework level (A-D) their role needs. "
                  "A gap: not every statement at that level rated Confident or Could teach others.", border=False,
        wrap=False)
    schools = list(needs.schools)
    header = 4
    for col, text in enumerate(["Focus area", "Skill", "Level", "All schools", *schools], 1):
        put(ws, header, col, text, bold=True, background=GREY, wrap=True)
    put(ws, header + 1, 2, "Self-assessments read", bold=True)
    put(ws, header + 1, 4, sum(needs.schools.values()), bold=True)
    for j, school in enumerate(schools):
        put(ws, header + 1, 5 + j, needs.schools[school], bold=True)
    for i, r in enumerate(needs.rows):
        row = header + 2 + i
        put(ws, row, 1, r.focus_name)
        put(ws, row, 2, r.skill_name, wrap=True)
        put(ws, row, 3, r.level)
        put(ws, row, 4, r.total, bold=True, background=GAP_FILL)
        for j, school in enumerate(schools):
            count = r.by_school.get(school, 0)
            put(ws, row, 5 + j, count or "", background=GAP_FILL if count else None)
    if not needs.rows:
        put(ws, header + 2, 2, "No gaps: everyone meets their role.", border=False)
    ws.freeze_panes = ws.cell(row=header + 2, column=4)
    for letter, width in zip("ABCD", (14, 44, 7, 11)):
        ws.column_dimensions[letter].width = width
    for j in range(len(schools)):
        ws.column_dimensions[ws.cell(row=1, column=5 + j).column_letter].width = 16
    ws.row_dimensions[header].height = 45
    _footer(ws, needs)
    fit_to_width(ws)
    if needs.standards_assessed:
        _standards_sheet(wb.create_sheet(STANDARDS_SHEET), needs, schools)
    if not needs.anonymous:
        people = wb.create_sheet("Technicians")
        put(people, 1, 1, "Each self-assessment", bold=True, size=14, color=ACCENT, border=False, wrap=False)
        for col, text in enumerate(["Name", "School", "Role", "Skills met", "Gaps", "File",
                                    "DfE standards to develop (not part of the framework)"], 1):
            put(people, 3, col, text, bold=True, background=GREY, wrap=True)
        for i, p in enumerate(needs.people):
            standards = ("\n".join(p.standard_gaps) or "None") if p.standards_total else ""
            values = [p.name, p.school, p.role_title, f"{p.met} of {p.total}", "\n".join(p.gaps) or "None", p.source,
                      standards]
            for col, value in enumerate(values, 1):
                put(people, 4 + i, col, value, wrap=col in (5, 7))
            people.row_dimensions[4 + i].height = 15 * max(1, len(p.gaps), len(p.standard_gaps))
        people.row_dimensions[3].height = 30
        for letter, width in zip("ABCDEFG", (24, 28, 26, 11, 44, 34, 34)):
            people.column_dimensions[letter].width = width
        _footer(people, needs)
        fit_to_width(people)
    save_workbook(wb, path)


STANDARDS_SHEET = "DfE standards"


def _standards_sheet(ws: Worksheet, needs: TrainingNeeds, schools: list[str]) -> None:
    """Per DfE standard and level: how many technicians have not yet met it, by school."""
    put(ws, 1, 1, f"{needs.standards_name or 'DfE standards'}: training needs", bold=True, size=14, color=ACCENT,
        border=False, wrap=False)
    put(ws, 2, 1, "Not part of the ICT Competences Framework. Technicians whose role carries a standard and who "
                  "have not yet met it at the role's level: not every duty and criterion rated Confident or "
                  "Could teach others.", border=False, wrap=False)
    header = 4
    for col, text in enumerate(["Standard", "Level", "All schools", *schools], 1):
        put(ws, header, col, text, bold=True, background=GREY, wrap=True)
    put(ws, header + 1, 1, "Self-assessments with DfE standards", bold=True)
    put(ws, header + 1, 3, needs.standards_assessed, bold=True)
    for i, r in enumerate(needs.standard_rows):
        row = header + 2 + i
        put(ws, row, 1, r.name, wrap=True)
        put(ws, row, 2, r.level)
        put(ws, row, 3, r.total, bold=True, background=GAP_FILL)
        for j, school in enumerate(schools):
            count = r.by_school.get(school, 0)
            put(ws, row, 4 + j, count or "", background=GAP_FILL if count else None)
    if not needs.standard_rows:
        put(ws, header + 2, 1, "No gaps: everyone meets their role's DfE standards.", border=False)
    ws.freeze_panes = ws.cell(row=header + 2, column=3)
    for letter, width in zip("ABC", (40, 7, 11)):
        ws.column_dimensions[letter].width = width
    for j in range(len(schools)):
        ws.column_dimensions[ws.cell(row=1, column=4 + j).column_letter].width = 16
    ws.row_dimensions[header].height = 45
    _footer(ws, needs)
    fit_to_width(ws)


def _footer(ws: Worksheet, needs: TrainingNeeds) -> None:
    footer(ws, "Names left out. A school with only one or two technicians may still identify them: share with care."
           if needs.anonymous else PERSONAL_DATA_NOTE)
