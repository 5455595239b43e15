"""Excel workbooks for authorities: the coverage sheet and the indicative grades report.

openpyxl is imported here only, so the commands load it just when a workbook is asked for.
Every cell holding user text is stored as text, never a formula, even when it starts with
= + - or @.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from ictroles.authority.compare import TERMS, ManyComparison, role_terms
from ictroles.authority.coverage import AuthorityCoverage, Coverage
from ictroles.authority.grades import INDICATIVE_NOTE, GradeResult, Grades
from ictroles.authority.responsibilities import Responsibilities
from ictroles.renderers.excel.cells import fit_to_width, save_workbook, set_value
from ictroles.roles.changes import RoleChanges

# Fills a reader recognises: green fine, amber look again, red gap; grey headers.
GREEN = "C6EFCE"
AMBER = "FFEB9C"
RED = "FFC7CE"
BLUE = "DDEBF7"
GREY = "D9D9D9"
STATUS_FILL = {"covered": GREEN, "below-need": AMBER, "nobody": RED}
STATUS_TEXT = {"covered": "Covered", "below-need": "Below the level needed", "nobody": "Gap: nobody covers it"}

FONT = "Calibri"  # named, or LibreOffice falls back to a serif face for bold cells
_THIN = Side(style="thin", color="A6A6A6")
_BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)


def _fill(colour: str) -> PatternFill:
    return PatternFill(fill_type="solid", start_color=colour, end_color=colour)


def put(ws: Worksheet, row: int, col: int, value: Any, *, bold: bool = False,
        fill: str | None = None, wrap: bool = False, border: bool = True) -> None:
    """Write one cell; strings stay text (a leading = + - @ never becomes a formula)."""
    cell = set_value(ws.cell(row=row, column=col), value)
    if bold:
        cell.font = Font(name=FONT, bold=True)
    if fill:
        cell.fill = _fill(fill)
    cell.alignment = Alignment(wrap_text=wrap, vertical="top")
    if border:
        cell.border = _BORDER


def _widths(ws: Worksheet, widths: Sequence[int]) -> None:
    for i, w in enumerate(widths, 1):
        ws.column_dimensions[get_column_letter(i)].width = w


def _lines(text: str, width: int) -> int:
    """Roughly how many lines ``text`` takes in a wrapped column ``width`` characters wide."""
    return sum(max(1, -(-len(part) // max(width - 2, 1))) for part in text.split("\n"))



def write_coverage_workbook(cov: Coverage, path: Path) -> None:
    """A 'Coverage' sheet: per skill the need, highest level, who covers it, and each contributor."""
    wb = Workbook()
    ws = wb.active
    ws.title = "Coverage"
    _coverage_sheet(ws, cov)
    save_workbook(wb, path)


_SHEET_FORBIDDEN = str.maketrans({c: " " for c in "[]:*?/\\"})


def sheet_title(name: str, used: set[str]) -> str:
    """An Excel sheet name for ``name``: no []:*?/\\, at most 31 characters, unique in ``used``."""
    base = " ".join(name.translate(_SHEET_FORBIDDEN).split()).strip("'") or "Sheet"
    title, n = base[:31], 1
    while title.casefold() in used:
        n += 1
        title = f"{base[: 31 - len(str(n)) - 1]} {n}"
    used.add(title.casefold())
    return title


def write_authority_coverage_workbook(auth: AuthorityCoverage, path: Path) -> None:
    """A 'Summary' sheet (a school a row: covered, gaps, below need; a skill a column, coloured by
    status) and one coverage sheet per school."""
    wb = Workbook()
    ws = wb.active
    ws.title = "Summary"
    put(ws, 1, 1, "Support coverage by school", bold=True, border=False)
    ws["A1"].font = Font(name=FONT, bold=True, size=14)
    put(ws, 2, 1, auth.summary + " Green: covered; amber: below the level needed; red: nobody covers it.",
        border=False)
    skills = auth.schools[0].skills if auth.schools else ()
    headers = ["School", "Roles", "Covered", "Nobody", "Below need", *[s.name for s in skills]]
    for col, text in enumerate(headers, 1):
        put(ws, 4, col, text, bold=True, fill=GREY, wrap=True)
    for i, c in enumerate(auth.schools):
        row = 5 + i
        nobody = sum(s.status == "nobody" for s in c.skills)
        below = sum(s.status == "below-need" for s in c.skills)
        put(ws, row, 1, c.school or "", wrap=True)
        put(ws, row, 2, sum(x.kind == "role" for x in c.contributors))
        put(ws, row, 3, len(c.skills) - nobody - below)
        put(ws, row, 4, nobody, fill=RED if nobody else None)
        put(ws, row, 5, below, fill=AMBER if below else None)
        for j, s in enumerate(c.skills):
            put(ws, row, 6 + j, s.highest or "-", fill=STATUS_FILL[s.status])
    last = 5 + len(auth.schools) + 1
    for k, warning in enumerate(auth.warnings):
        put(ws, last + k, 1, "Warning: " + warning, border=False)
    ws.freeze_panes = "B5"
    _widths(ws, [34, 7, 9, 8, 10, *[12] * len(skills)])
    ws.row_dimensions[4].height = 75
    fit_to_width(ws)
    used = {"summary"}
    for c in auth.schools:
        _coverage_sheet(wb.create_sheet(sheet_title(c.school or "No school given", used)), c)
    save_workbook(wb, path)


def _coverage_sheet(ws: Worksheet, cov: Coverage) -> None:
    school = cov.school or (cov.needs.school if cov.needs and cov.needs.school else None)
    put(ws, 1, 1, "Support coverage" + (f": {school}" if school else ""), bold=True, border=False)
    ws["A1"].font = Font(name=FONT, bold=True, size=14)
    put(ws, 2, 1, "Levels are framework levels A-D. Green: covered; amber: below the level the "
                  "school needs; red: nobody covers it.", border=False)
    headers = ["Focus area", "Skill", "Needed", "Highest covered", "Covered by", "Status"]
    names = [c.name + (" (provider)" if c.kind == "provider" else "") for c in cov.contributors]
    header_row = 4
    for col, text in enumerate([*headers, *names], 1):
        put(ws, header_row, col, text, bold=True, fill=GREY, wrap=True)
    first = len(headers) + 1
    for i, s in enumerate(cov.skills):
        row = header_row + 1 + i
        colour = STATUS_FILL[s.status]
        put(ws, row, 1, s.focus_name)
        put(ws, row, 2, s.name, wrap=True)
        put(ws, row, 3, s.need or "")
        put(ws, row, 4, s.highest or "-", fill=colour)
        put(ws, row, 5, ", ".join(s.covered_by) or "Nobody", wrap=True)
        put(ws, row, 6, STATUS_TEXT[s.status], fill=colour, wrap=True)
        for j, c in enumerate(cov.contributors):
            level = c.levels.get(s.id)
            # The contributors holding the highest level are shaded so the eye finds them.
            put(ws, row, first + j, level or "",
                fill=BLUE if level and c.name in s.covered_by else None)
    summary_row = header_row + len(cov.skills) + 2
    put(ws, summary_row, 1, cov.summary, border=False)
    ws.freeze_panes = ws.cell(row=header_row + 1, column=3)
    _widths(ws, [14, 48, 9, 10, 44, 24, *[16] * len(names)])
    ws.row_dimensions[header_row].height = 60
    fit_to_width(ws)


PART_FILL = {"responsible": GREEN, "supports": BLUE}
PART_LABEL = {"responsible": "Responsible", "supports": "Supports", "none": ""}
ROW_STATUS = {"held": ("", None), "unsupported": ("Support missing", AMBER), "gap": ("Gap: nobody responsible", RED)}


def write_responsibilities_workbook(results: Sequence[Responsibilities], path: Path) -> None:
    """A 'Who does what' sheet per school: each standard's responsibilities against the
    school's roles, each role file and each provider (responsible / supports / none), gaps in
    red. One school: one sheet named "Who does what"; several: a sheet named for each."""
    from ictroles.renderers.excel.matrix import sheet_title

    wb = Workbook()
    used: set[str] = set()
    for i, res in enumerate(results):
        ws = wb.active if i == 0 else wb.create_sheet()
        name = (res.school.name if res.school and res.school.name else "No school named")
        ws.title = "Who does what" if len(results) == 1 else sheet_title(name, used)
        _responsibilities_sheet(ws, res)
    save_workbook(wb, path)


def _responsibilities_sheet(ws: Worksheet, res: Responsibilities) -> None:
    school = res.school.name if res.school and res.school.name else None
    put(ws, 1, 1, "Who does what" + (f": {school}" if school else ""), bold=True, border=False)
    ws["A1"].font = Font(name=FONT, bold=True, size=14)
    put(ws, 2, 1, f"{res.pack.name}, as summarised for ictroles (not part of the ICT Competences "
                  "Framework). Green: responsible; blue: supports; red: nobody responsible; amber: "
                  "support missing.", border=False)
    headers = ["Standard", "Core", "Responsibility", "Status"]
    names = [c.name + (f"\n{c.holder or 'nobody named'}" if c.kind == "school-role" else "")
             + (" (provider)" if c.kind == "provider" else "") for c in res.columns]
    header_row = 4
    for col, text in enumerate([*headers, *names], 1):
        put(ws, header_row, col, text, bold=True, fill=GREY, wrap=True)
    first = len(headers) + 1
    for i, r in enumerate(res.rows):
        row = header_row + 1 + i
        status, colour = ROW_STATUS[r.status]
        put(ws, row, 1, r.standard_name, wrap=True)
        put(ws, row, 2, "Core" if r.core else "")
        put(ws, row, 3, r.responsibility.text, wrap=True)
        put(ws, row, 4, status, fill=colour, wrap=True)
        for j, c in enumerate(res.columns):
            part = r.parts[c.key]
            unheld = c.kind == "school-role" and not c.holder and part != "none"
            put(ws, row, first + j, PART_LABEL[part] + (" (nobody named)" if unheld else ""),
                fill=AMBER if unheld else PART_FILL.get(part), wrap=True)
        ws.row_dimensions[row].height = max(_lines(r.responsibility.text, 50), _lines(r.standard_name, 22)) * 13 + 4
    put(ws, header_row + len(res.rows) + 2, 1, res.summary, border=False)
    ws.freeze_panes = ws.cell(row=header_row + 1, column=4)
    _widths(ws, [22, 7, 50, 14, *[15] * len(names)])
    ws.row_dimensions[header_row].height = 100
    ws.print_title_rows = f"{header_row}:{header_row}"
    fit_to_width(ws)


def write_grades_workbook(results: Sequence[GradeResult], grades: Grades, path: Path) -> None:
    """An 'Indicative grades' sheet (one row per role) and a 'Fit by grade' sheet of counts."""
    wb = Workbook()
    ws = wb.active
    ws.title = "Indicative grades"
    put(ws, 1, 1, "Indicative grades" + (f": {grades.authority}" if grades.authority else ""),
        border=False)
    ws["A1"].font = Font(name=FONT, bold=True, size=14)
    put(ws, 2, 1, INDICATIVE_NOTE, border=False)
    headers = ["Role", "School", "File", "Declared grade", "Best fit", "Inside", "Above", "Below",
               "Majority", "Flags"]
    for col, text in enumerate(headers, 1):
        put(ws, 4, col, text, bold=True, fill=GREY)
    for i, r in enumerate(results):
        row = 5 + i
        flagged = bool(r.flags)
        inside, above, below = r.best.counts if r.best else (0, 0, 0)
        put(ws, row, 1, r.role.title, wrap=True)
        put(ws, row, 2, r.role.spec.school or "", wrap=True)
        put(ws, row, 3, r.role.source.name if r.role.source else "")
        agrees = r.best is not None and r.declared_grade == r.best.grade
        put(ws, row, 4, r.declared or "", fill=(GREEN if agrees else AMBER) if r.declared else None)
        put(ws, row, 5, r.best.grade if r.best else "", bold=True)
        put(ws, row, 6, inside)
        put(ws, row, 7, above)
        put(ws, row, 8, below)
        put(ws, row, 9, "yes" if r.majority else "no", fill=None if r.majority else AMBER)
        flags = "\n".join(fl.message for fl in r.flags)
        put(ws, row, 10, flags, wrap=True, fill=AMBER if flagged else None)
        if flags:
            # Excel and LibreOffice do not grow rows for wrapped text they did not type.
            ws.row_dimensions[row].height = 15 * _lines(flags, 90)  # Calibri fits ~90 per 70 widths
    ws.freeze_panes = "B5"
    _widths(ws, [26, 28, 40, 20, 20, 8, 8, 8, 9, 70])
    fit_to_width(ws)

    fit = wb.create_sheet("Fit by grade")
    put(fit, 1, 1, "Skills inside / above / below each grade's ranges", border=False)
    fit["A1"].font = Font(name=FONT, bold=True, size=12)
    put(fit, 3, 1, "Role", bold=True, fill=GREY)
    put(fit, 3, 2, "File", bold=True, fill=GREY)
    for j, g in enumerate(grades.grades):
        put(fit, 3, 3 + j, g.name + (f"\n{g.pay}" if g.pay else ""), bold=True, fill=GREY, wrap=True)
    for i, r in enumerate(results):
        row = 4 + i
        put(fit, row, 1, r.role.title)
        put(fit, row, 2, r.role.source.name if r.role.source else "")
        for j, f in enumerate(r.fits):
            best = r.best is not None and f.index == r.best.index
            i_, a_, b_ = f.counts
            put(fit, row, 3 + j, f"{i_} in / {a_} above / {b_} below", fill=GREEN if best else None,
                bold=best)
    _widths(fit, [26, 40, *[26] * len(grades.grades)])
    fit.row_dimensions[3].height = 45
    fit_to_width(fit)
    save_workbook(wb, path)


def _role_heading(n: int, role: Any) -> str:
    return f"Role {n}: {role.title}" + (f"\n{role.spec.school}" if role.spec.school else "") + (
        f"\n{role.source.name}" if role.source else "")


def _step_fill(steps: int | None, level: str | None, first: bool) -> str | None:
    if level is None or first:
        return None
    if steps is None:
        return BLUE  # a skill role 1 does not have
    return GREEN if steps == 0 else (BLUE if steps > 0 else AMBER)


def write_comparison_workbook(cmp: ManyComparison, path: Path) -> None:
    """'Levels' (a skill a row, a role a column, against role 1), 'Statements' (each statement
    not in every role, with its text) and 'Terms' (grade, pay, hours and weeks) sheets."""
    wb = Workbook()
    ws = wb.active
    ws.title = "Levels"
    put(ws, 1, 1, f"Roles compared: {len(cmp.roles)}", bold=True, border=False)
    ws["A1"].font = Font(name=FONT, bold=True, size=14)
    put(ws, 2, 1, "Levels are framework levels A-D, each against role 1's. Green: same; blue: above "
                  "(or not in role 1); amber: below.", border=False)
    headers = ["Focus area", "Skill", *[_role_heading(n, r) for n, r in enumerate(cmp.roles, 1)]]
    for col, text in enumerate(headers, 1):
        put(ws, 4, col, text, bold=True, fill=GREY, wrap=True)
    for i, s in enumerate(cmp.skills):
        row = 5 + i
        put(ws, row, 1, s.focus_name)
        put(ws, row, 2, s.name, wrap=True)
        has_first = s.levels[0].level is not None
        for j, lv in enumerate(s.levels):
            put(ws, row, 3 + j, lv.text(j == 0, has_first), fill=_step_fill(lv.steps, lv.level, j == 0))
    row = 5 + len(cmp.skills) + 1
    if cmp.standards:
        put(ws, row, 1, "Standards (not part of the framework)", bold=True, border=False)
        for k, st in enumerate(cmp.standards):
            r = row + 1 + k
            put(ws, r, 1, "Standard")
            put(ws, r, 2, st.name, wrap=True)
            has_first = st.levels[0].level is not None
            for j, lv in enumerate(st.levels):
                put(ws, r, 3 + j, lv.text(j == 0, has_first), fill=_step_fill(lv.steps, lv.level, j == 0))
        row += len(cmp.standards) + 2
    put(ws, row, 1, cmp.summary, border=False)
    ws.freeze_panes = "C5"
    _widths(ws, [14, 34, *[22] * len(cmp.roles)])
    ws.row_dimensions[4].height = 48
    fit_to_width(ws)

    st_ws = wb.create_sheet("Statements")
    put(st_ws, 1, 1, "Statements not in every role", bold=True, border=False)
    st_ws["A1"].font = Font(name=FONT, bold=True, size=12)
    for col, text in enumerate(["Skill", "Id", "Facet", "Statement",
                                *[f"Role {n}" for n in range(1, len(cmp.roles) + 1)]], 1):
        put(st_ws, 3, col, text, bold=True, fill=GREY)
    r = 4
    for s in cmp.skills:
        for p in s.statements:
            put(st_ws, r, 1, s.name)
            put(st_ws, r, 2, p.id)
            put(st_ws, r, 3, p.facet)
            put(st_ws, r, 4, p.text, wrap=True)
            for n in range(1, len(cmp.roles) + 1):
                put(st_ws, r, 4 + n, "yes" if n in p.roles else "", fill=GREEN if n in p.roles else None)
            r += 1
    st_ws.freeze_panes = "E4"
    _widths(st_ws, [28, 16, 11, 70, *[9] * len(cmp.roles)])
    fit_to_width(st_ws)

    terms = wb.create_sheet("Terms")
    put(terms, 1, 1, "Grade, pay, hours and weeks", bold=True, border=False)
    terms["A1"].font = Font(name=FONT, bold=True, size=12)
    put(terms, 3, 1, "", fill=GREY)
    for n, role in enumerate(cmp.roles, 1):
        put(terms, 3, 1 + n, _role_heading(n, role), bold=True, fill=GREY, wrap=True)
    values = [role_terms(r) for r in cmp.roles]
    for i, (key, label) in enumerate(TERMS):
        put(terms, 4 + i, 1, label, bold=True)
        for n, v in enumerate(values, 1):
            put(terms, 4 + i, 1 + n, v[key])
    _widths(terms, [16, *[24] * len(cmp.roles)])
    terms.row_dimensions[3].height = 48
    fit_to_width(terms)
    save_workbook(wb, path)


def write_changes_workbook(changes: Sequence[RoleChanges], path: Path) -> None:
    """'Changes' (a school role a row: what it extends, fields, skills and standards it changes)
    and 'Details' (one change a row) sheets."""
    wb = Workbook()
    ws = wb.active
    ws.title = "Changes"
    put(ws, 1, 1, "Changes against the standard roles", bold=True, border=False)
    ws["A1"].font = Font(name=FONT, bold=True, size=14)
    headers = ["School", "Role", "File", "Extends", "Fields changed", "Skills added", "Skills removed",
               "Skill levels changed", "Skills' own statements", "Standards changed"]
    for col, text in enumerate(headers, 1):
        put(ws, 3, col, text, bold=True, fill=GREY, wrap=True)
    for i, rc in enumerate(changes):
        row = 4 + i
        skills_changed = bool(rc.of("skill"))
        cells = [rc.school or "", rc.title or "", rc.path.name, rc.parent.name,
                 ", ".join(c.id for c in rc.of("field")),
                 ", ".join(f"{c.id} ({c.after})" for c in rc.of("skill", "added")),
                 ", ".join(c.id for c in rc.of("skill", "removed")),
                 ", ".join(f"{c.id} {c.before}->{c.after}" for c in rc.of("skill", "level")),
                 ", ".join(c.id for c in rc.of("skill", "statements")),
                 ", ".join(c.text.removeprefix("standard ") for c in rc.of("standard"))]
        for col, value in enumerate(cells, 1):
            put(ws, row, col, value, wrap=True, fill=AMBER if skills_changed and 6 <= col <= 8 and value else None)
    ws.freeze_panes = "C4"
    _widths(ws, [26, 24, 34, 26, 40, 28, 28, 32, 24, 30])
    ws.row_dimensions[3].height = 32
    fit_to_width(ws)

    det = wb.create_sheet("Details")
    for col, text in enumerate(["School", "File", "Kind", "Id", "How", "Before", "After"], 1):
        put(det, 1, col, text, bold=True, fill=GREY)
    r = 2
    for rc in changes:
        for c in rc.changes:
            for col, value in enumerate([rc.school or "", rc.path.name, c.kind, c.id, c.how,
                                         c.before or "", c.after or ""], 1):
                put(det, r, col, value, wrap=col >= 6)
            r += 1
    det.freeze_panes = "A2"
    _widths(det, [26, 34, 10, 30, 11, 30, 30])
    fit_to_width(det)
    save_workbook(wb, path)
