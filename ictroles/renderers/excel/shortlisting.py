"""The shortlisting workbook (.xlsx): the criteria assessed on the application form as rows,
a block of columns for candidates, a checked score per cell, and totals the workbook works out.

Every formula is written by this module from cell references alone (:func:`cells.set_formula`);
text from a role file goes in through :func:`cells.set_value`, so it never becomes a formula.
"""

from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from ictroles.renderers.excel.cells import (
    fit_to_width,
    row_height,
    save_workbook,
    set_formula,
    set_value,
    wrapped_lines,
)
from ictroles.renderers.facts import long_date
from ictroles.renderers.interview import InterviewPack
from ictroles.renderers.outputs import RenderOptions
from ictroles.roles.resolve import ResolvedRole

CANDIDATES = 8
SHEET = "Shortlisting"
ACCENT = "1F4E79"
LIGHT = "E3ECF5"
INPUT = "FFF9E5"  # cells the panel fills in
_THIN = Side(style="thin", color="B7C4D3")
_GRID = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_WRAP = Alignment(wrap_text=True, vertical="top")
_CENTER = Alignment(horizontal="center", vertical="center")
_WHITE_BOLD = Font(name="Calibri", size=10, bold=True, color="FFFFFF")
_BOLD = Font(name="Calibri", size=10, bold=True)
_BODY = Font(name="Calibri", size=10)
CRITERION_WIDTH = 60


def render_shortlisting(role: ResolvedRole, pack: InterviewPack, out_path: Path, options: RenderOptions) -> None:
    """Write the role's shortlisting workbook to ``out_path``."""
    wb = Workbook()
    ws = wb.active
    ws.title = SHEET
    spec = role.spec
    first_cand = 4  # column D
    last_cand = first_cand + CANDIDATES - 1
    last_letter = get_column_letter(last_cand)

    set_value(ws.cell(1, 1), f"Shortlisting: {role.title}")
    ws.cell(1, 1).font = Font(name="Calibri", size=14, bold=True, color=ACCENT)
    facts = [x for x in (spec.school, f"Closing date {long_date(spec.closing_date)}" if spec.closing_date else None,
                         f"Interviews {long_date(spec.interview_date)}" if spec.interview_date else None) if x]
    set_value(ws.cell(2, 1), " \u00b7 ".join(facts))
    row = 3
    for line in pack.text.shortlisting_instructions:
        ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=last_cand)
        cell = set_value(ws.cell(row, 1), "\u2022 " + line)
        cell.alignment = _WRAP
        cell.font = _BODY
        ws.row_dimensions[row].height = row_height(wrapped_lines([line], CRITERION_WIDTH + 30 + 11 * CANDIDATES, 10), 10)
        row += 1
    row += 1
    header = row
    for col, label in enumerate(["Category", "Criterion", "Essential or Desirable",
                                 *(f"Candidate {n}" for n in range(1, CANDIDATES + 1))], 1):
        cell = set_value(ws.cell(header, col), label)
        cell.font, cell.fill, cell.border = _WHITE_BOLD, PatternFill("solid", fgColor=ACCENT), _GRID
        cell.alignment = Alignment(wrap_text=True, vertical="center", horizontal="center" if col > 2 else "left")
    ws.row_dimensions[header].height = 30
    row += 1
    names = row
    set_value(ws.cell(names, 2), "Candidate's name or application number")
    ws.cell(names, 2).font = _BOLD
    for col in range(first_cand, last_cand + 1):
        _input(ws.cell(names, col))
    row += 1

    yes_no = DataValidation(type="list", formula1='"Yes,No"', allow_blank=True, showErrorMessage=True,
                            errorTitle="Yes or No", error="Choose Yes or No: is this Essential criterion met?")
    score = DataValidation(type="whole", operator="between", formula1="0", formula2="3", allow_blank=True,
                           showErrorMessage=True, errorTitle="Score 0 to 3",
                           error="Score 0 (no evidence) to 3 (strong evidence).")
    ws.add_data_validation(yes_no)
    ws.add_data_validation(score)
    essential_rows: list[int] = []
    desirable_rows: list[int] = []
    for crit in pack.shortlist:
        set_value(ws.cell(row, 1), pack.categories.get(crit.category, crit.category.title()))
        set_value(ws.cell(row, 2), crit.text)
        set_value(ws.cell(row, 3), "Essential" if crit.essential else "Desirable")
        for col in (1, 2, 3):
            ws.cell(row, col).alignment = _WRAP if col < 3 else _CENTER
            ws.cell(row, col).font = _BODY
            ws.cell(row, col).border = _GRID
        span = f"{get_column_letter(first_cand)}{row}:{last_letter}{row}"
        (yes_no if crit.essential else score).add(span)
        for col in range(first_cand, last_cand + 1):
            _input(ws.cell(row, col))
        (essential_rows if crit.essential else desirable_rows).append(row)
        ws.row_dimensions[row].height = row_height(wrapped_lines([crit.text], CRITERION_WIDTH, 10), 10)
        row += 1

    totals = []
    if essential_rows:
        totals.append(("Essential criteria met", lambda c: (
            f'=COUNTIF({c}{essential_rows[0]}:{c}{essential_rows[-1]},"Yes")&" of {len(essential_rows)}"')))
        totals.append(("All Essential criteria met", lambda c: (
            f'=IF(COUNTA({c}{essential_rows[0]}:{c}{essential_rows[-1]})=0,"",'
            f'IF(COUNTIF({c}{essential_rows[0]}:{c}{essential_rows[-1]},"Yes")={len(essential_rows)},"Yes","No"))')))
    if desirable_rows:
        top = 3 * len(desirable_rows)
        totals.append((f"Desirable score (out of {top})", lambda c: (
            f"=SUM({c}{desirable_rows[0]}:{c}{desirable_rows[-1]})")))
    for label, formula in totals:
        cell = set_value(ws.cell(row, 2), label)
        cell.font, cell.fill, cell.border = _BOLD, PatternFill("solid", fgColor=LIGHT), _GRID
        for col in range(first_cand, last_cand + 1):
            total = set_formula(ws.cell(row, col), formula(get_column_letter(col)))
            total.font, total.alignment, total.border = _BOLD, _CENTER, _GRID
            total.fill = PatternFill("solid", fgColor=LIGHT)
        row += 1
    decision = row
    set_value(ws.cell(decision, 2), "Shortlisted for interview (the panel's decision)").font = _BOLD
    decide = DataValidation(type="list", formula1='"Yes,No"', allow_blank=True)
    ws.add_data_validation(decide)
    decide.add(f"{get_column_letter(first_cand)}{decision}:{last_letter}{decision}")
    for col in range(first_cand, last_cand + 1):
        _input(ws.cell(decision, col))

    ws.column_dimensions["A"].width = 16
    ws.column_dimensions["B"].width = CRITERION_WIDTH
    ws.column_dimensions["C"].width = 12
    for col in range(first_cand, last_cand + 1):
        ws.column_dimensions[get_column_letter(col)].width = 11
    ws.freeze_panes = ws.cell(header + 1, first_cand)
    ws.print_title_rows = f"{header}:{header}"
    ws.print_area = f"A1:{last_letter}{decision}"
    fit_to_width(ws)
    ws.page_setup.fitToHeight = 1 if decision < 40 else 0
    ws.oddFooter.center.text = "Page &P of &N"
    ws.oddHeader.left.text = (spec.school or "").replace("&", "&&")
    ws.oddHeader.right.text = "Shortlisting \u00b7 confidential"
    wb.properties.title = f"{role.title} - shortlisting"
    save_workbook(wb, out_path)


def _input(cell: object) -> None:
    cell.fill = PatternFill("solid", fgColor=INPUT)  # type: ignore[attr-defined]
    cell.border = _GRID  # type: ignore[attr-defined]
    cell.alignment = _CENTER  # type: ignore[attr-defined]
    cell.font = _BODY  # type: ignore[attr-defined]

