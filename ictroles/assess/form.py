"""The self-assessment form: a workbook a technician fills in with Excel or LibreOffice.

Sheets: "Instructions" (what to do, the rating scale, the personal-data note), "Self-assessment"
(name, date, one row per statement with a drop-down rating and an evidence cell) and a very
hidden "ictroles" sheet recording what the form was made for, so a filled form can be checked
row by row when it is read back (``ictroles.assess.read``). The ratings sheet is protected:
only the name, date, rating and evidence cells can be changed, so rows cannot be deleted or
reordered by accident. There is no password: the protection guards against slips, not people.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, Protection
from openpyxl.workbook.protection import WorkbookProtection
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from ictroles.assess.model import (
    LEVEL_RULE,
    PERSONAL_DATA_NOTE,
    RATING_MEANINGS,
    RATINGS,
    STANDARDS_NOTE,
    AssessedStatement,
    assessment_items,
)
from ictroles.assess.sheets import ACCENT, BORDER, FONT, INPUT, LIGHT, fill, footer, put
from ictroles.renderers.excel.cells import fit_to_width, row_height, save_workbook, set_value, wrapped_lines
from ictroles.roles.resolve import ResolvedRole

FORMAT = "ictroles self-assessment form"
FORMAT_VERSION = "1"
INSTRUCTIONS = "Instructions"
RATINGS_SHEET = "Self-assessment"
META_SHEET = "ictroles"
NAME_CELL, DATE_CELL = "B3", "B4"
HEADER_ROW = 6
FIRST_ROW = HEADER_ROW + 1
COLUMNS = ("Skill", "Level", "Facet", "Statement", "Rating", "Evidence (optional)", "Id")
SKILL_COL, LEVEL_COL, FACET_COL, TEXT_COL, RATING_COL, EVIDENCE_COL, ID_COL = range(1, 8)
META_IDS_ROW = 20  # the statement ids, one a row, start here on the metadata sheet

_UNLOCKED = Protection(locked=False)


def level_text(item: AssessedStatement) -> str:
    """How the Level column names a row's level."""
    return f"{item.level} (level above)" if item.above else f"{item.level} (this role)"


def write_form(role: ResolvedRole, path: Path, today: dt.date | None = None) -> int:
    """Write the role's self-assessment form to ``path`` (.xlsx); returns the number of statements."""
    items = assessment_items(role)
    wb = Workbook()
    _instructions(wb.active, role)
    _ratings(wb.create_sheet(RATINGS_SHEET), role, items)
    _metadata(wb.create_sheet(META_SHEET), role, items, today or dt.date.today())
    wb.active = 0
    # Sheets cannot be deleted, renamed or unhidden by accident.
    wb.security = WorkbookProtection(lockStructure=True)
    save_workbook(wb, path)
    return len(items)


def _put(ws: Worksheet, ref: str, value: object, *, bold: bool = False, size: float = 10,
         color: str | None = None, wrap: bool = True, background: str | None = None, border: bool = False) -> None:
    cell = ws[ref]
    put(ws, cell.row, cell.column, value, bold=bold, size=size, color=color, wrap=wrap, background=background,
        border=border)


def _names(role: ResolvedRole) -> str:
    names = [f"{s.name} at level {s.level}" for s in role.standards]
    return ", ".join(names[:-1]) + " and " + names[-1] if len(names) > 1 else names[0]


def _footer(ws: Worksheet) -> None:
    footer(ws, PERSONAL_DATA_NOTE)


def _instructions(ws: Worksheet, role: ResolvedRole) -> None:
    ws.title = INSTRUCTIONS
    ws.column_dimensions["A"].width = 24
    ws.column_dimensions["B"].width = 80
    school = f", {role.spec.school}" if role.spec.school else ""
    _put(ws, "A1", f"Self-assessment: {role.title}{school}", bold=True, size=14, color=ACCENT, wrap=False)
    _put(ws, "A2", "Against the ICT Competences Framework, at this role's level and the level above"
         + (", and the role's DfE digital and technology standards." if role.standards else "."), wrap=False)
    steps = [
        f"On the '{RATINGS_SHEET}' sheet, type your name and today's date in the yellow cells at the top.",
        "For each statement, click its Rating cell and choose from the list: Not yet, Developing, "
        "Confident or Could teach others.",
        "In the Evidence cell, note briefly what shows it, if you like: a job you did, a ticket "
        "number, a certificate.",
        "Rows marked 'level above' ask about the next level up. Rate them too: they show where you "
        "could grow next.",
        *([f"The last rows ask about the DfE digital and technology standards (England) this role "
           f"carries ({_names(role)}): each standard's duty, the person-specification criterion and "
           "the duty of the level above. " + STANDARDS_NOTE] if role.standards else []),
        "Save the file and give it to your line manager, who turns it into a development plan "
        "with you (`ictroles assess plan`).",
    ]
    _put(ws, "A4", "What to do", bold=True, size=12, color=ACCENT, wrap=False)
    row = 5
    for n, step in enumerate(steps, 1):
        _put(ws, f"A{row}", f"Step {n}", bold=True)
        _put(ws, f"B{row}", step)
        ws.row_dimensions[row].height = row_height(wrapped_lines([step], 66, 10), 10)
        row += 1
    row += 1
    _put(ws, f"A{row}", "The rating scale", bold=True, size=12, color=ACCENT, wrap=False)
    row += 1
    for key, label in RATINGS.items():
        _put(ws, f"A{row}", label, bold=True, background=LIGHT, border=True)
        _put(ws, f"B{row}", RATING_MEANINGS[key], border=True)
        row += 1
    row += 1
    for text in (LEVEL_RULE,
                 "Only the name, date, rating and evidence cells can be changed: the rest of the sheet is "
                 "protected so that rows are not deleted or moved by accident. Please do not unprotect it.",
                 PERSONAL_DATA_NOTE):
        _put(ws, f"A{row}", text, bold=text is PERSONAL_DATA_NOTE)
        ws.merge_cells(f"A{row}:B{row}")
        ws.row_dimensions[row].height = row_height(wrapped_lines([text], 104, 10), 10)
        row += 1
    fit_to_width(ws, landscape=False)
    _footer(ws)


def _ratings(ws: Worksheet, role: ResolvedRole, items: tuple[AssessedStatement, ...]) -> None:
    widths = (24, 15, 11, 64, 19, 38, 12)
    for col, width in zip("ABCDEFG", widths):
        ws.column_dimensions[col].width = width
    school = f", {role.spec.school}" if role.spec.school else ""
    _put(ws, "A1", f"Self-assessment: {role.title}{school}", bold=True, size=14, color=ACCENT, wrap=False)
    for ref, label in (("A3", "Your name"), ("A4", "Date")):
        _put(ws, ref, label, bold=True)
    for ref in (NAME_CELL, DATE_CELL):
        _put(ws, ref, None, background=INPUT, border=True, wrap=False)
        ws[ref].protection = _UNLOCKED
    ws[DATE_CELL].number_format = "DD/MM/YYYY"
    ws.merge_cells("B3:D3")
    for c, title in enumerate(COLUMNS, 1):
        cell = ws.cell(row=HEADER_ROW, column=c)
        set_value(cell, title)
        cell.font = Font(name=FONT, bold=True, size=10, color="FFFFFF")
        cell.fill = fill(ACCENT)
        cell.alignment = Alignment(vertical="center", wrap_text=True)
        cell.border = BORDER
    for i, item in enumerate(items):
        row = FIRST_ROW + i
        shade = LIGHT if item.above else None
        values = (item.skill_name, level_text(item), item.facet_name, item.text, None, None, item.id)
        for c, value in enumerate(values, 1):
            cell = set_value(ws.cell(row=row, column=c), value)
            cell.font = Font(name=FONT, size=10)
            cell.alignment = Alignment(wrap_text=True, vertical="top")
            cell.border = BORDER
            if c in (RATING_COL, EVIDENCE_COL):
                cell.protection = _UNLOCKED
                cell.fill = fill(INPUT)
            elif shade:
                cell.fill = fill(shade)
        lines = max(wrapped_lines([item.text], widths[3], 10), wrapped_lines([item.skill_name], widths[0], 10))
        ws.row_dimensions[row].height = row_height(lines, 10)
    last = FIRST_ROW + len(items) - 1
    choice = DataValidation(type="list", formula1='"' + ",".join(RATINGS.values()) + '"', allow_blank=True,
                            showErrorMessage=True, errorStyle="stop", errorTitle="Choose a rating",
                            error="Choose one of: " + ", ".join(RATINGS.values()) + ".",
                            showInputMessage=True, promptTitle="Rating",
                            prompt="Choose from the list: " + ", ".join(RATINGS.values()) + ".")
    choice.add(f"{_col(RATING_COL)}{FIRST_ROW}:{_col(RATING_COL)}{last}")
    ws.add_data_validation(choice)
    ws.column_dimensions[_col(ID_COL)].hidden = True
    ws.freeze_panes = ws.cell(row=FIRST_ROW, column=1)
    ws.print_title_rows = f"{HEADER_ROW}:{HEADER_ROW}"
    # Columns and rows may be resized; nothing may be inserted, deleted or sorted.
    ws.protection.sheet = True
    ws.protection.formatColumns = False
    ws.protection.formatRows = False
    fit_to_width(ws)
    _footer(ws)


def _col(n: int) -> str:
    return "ABCDEFG"[n - 1]


def _metadata(ws: Worksheet, role: ResolvedRole, items: tuple[AssessedStatement, ...], today: dt.date) -> None:
    fw = role.framework
    rows = [
        ("format", FORMAT), ("format_version", FORMAT_VERSION), ("role_title", role.title),
        ("role_file", role.source.name if role.source else ""), ("school", role.spec.school or ""),
        ("framework", fw.name), ("framework_version", fw.version or ""), ("scheme", role.scheme.name),
        ("made", today.isoformat()), ("first_row", str(FIRST_ROW)), ("statements", str(len(items))),
    ]
    for r, (key, value) in enumerate(rows, 1):
        set_value(ws.cell(row=r, column=1), key)
        set_value(ws.cell(row=r, column=2), value)
    for c, title in enumerate(("id", "skill", "level", "above"), 1):
        set_value(ws.cell(row=META_IDS_ROW - 1, column=c), title)
    for i, item in enumerate(items):
        for c, value in enumerate((item.id, item.skill_id, item.level, "yes" if item.above else "no"), 1):
            set_value(ws.cell(row=META_IDS_ROW + i, column=c), value)
    ws.sheet_state = "veryHidden"
    ws.protection.sheet = True
