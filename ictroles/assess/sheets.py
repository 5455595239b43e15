"""How the self-assessment workbooks (form, plan, training needs) write cells, alike.

Every cell goes through ``renderers/excel/cells.py``'s ``set_value``, so text a person typed
never becomes a formula.
"""

from __future__ import annotations

from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.worksheet.worksheet import Worksheet

from ictroles.renderers.excel.cells import set_value

FONT = "Calibri"  # named, or LibreOffice falls back to a serif face for bold cells
ACCENT = "1F4E79"
LIGHT = "E3ECF5"
INPUT = "FFF9E5"  # light yellow: the cells a person fills in
MET_FILL = "E2EFDA"  # light green: at the level needed
GAP_FILL = "FFF2CC"  # light amber: a gap
GREY = "D9D9D9"
_THIN = Side(style="thin", color="A6A6A6")
BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)


def fill(colour: str) -> PatternFill:
    """A solid fill."""
    return PatternFill(fill_type="solid", start_color=colour, end_color=colour)


def put(ws: Worksheet, row: int, col: int, value: object, *, bold: bool = False, background: str | None = None,
        color: str | None = None, size: float = 10, border: bool = True, wrap: bool = True) -> None:
    """Write one cell: text stays text; wrapped, top-aligned, bordered unless told otherwise."""
    cell = set_value(ws.cell(row=row, column=col), value)
    cell.font = Font(name=FONT, bold=bold, size=size, color=color)
    cell.alignment = Alignment(wrap_text=wrap, vertical="top")
    if background:
        cell.fill = fill(background)
    if border:
        cell.border = BORDER


def footer(ws: Worksheet, text: str) -> None:
    """A printed footer: ``text`` on the left, the page number on the right."""
    ws.oddFooter.left.text = text
    ws.oddFooter.left.size = 7
    ws.oddFooter.right.text = "Page &P of &N"
    ws.oddFooter.right.size = 7
