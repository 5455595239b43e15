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

from ictroles.authority.coverage import Coverage
from ictroles.authority.grades import INDICATIVE_NOTE, GradeResult, Grades
from ictroles.authority.responsibilities import Responsibilities
from ictroles.renderers.excel.cells import fit_to_width, save_workbook, set_value

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
    school = cov.needs.school if cov.needs and cov.needs.school else None
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
    save_workbook(wb, path)


PART_FILL = {"responsible": GREEN, "supports": BLUE}
PART_LABEL = {"responsible": "Responsible", "supports": "Supports", "none": ""}
ROW_STATUS = {"held": ("", None), "unsupported": ("Support missing", AMBER), "gap": ("Gap: nobody responsible", RED)}


def write_responsibilities_workbook(res: Responsibilities, path: Path) -> None:
    """A 'Who does what' sheet: each standard's responsibilities against the school's roles,
    each role file and each provider (responsible / supports / none), gaps in red."""
    wb = Workbook()
    ws = wb.active
    ws.title = "Who does what"
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
    save_workbook(wb, path)


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
