"""What every workbook ictroles writes does the same way: text cells, print setup, saving.

The competence matrix, the grades report and the coverage sheet all write cells through
:func:`set_value`, so text from a role file never becomes a formula, and save through
:func:`save_workbook`, so a workbook is either written whole or not at all.
"""

from __future__ import annotations

import errno
import gc
import io
import math
import os
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from lxml import etree
from openpyxl import Workbook
from openpyxl.cell.cell import Cell
from openpyxl.cell.rich_text import CellRichText
from openpyxl.worksheet.properties import PageSetupProperties
from openpyxl.worksheet.worksheet import Worksheet

from ictroles.core.files import atomic_write

FORMULA_STARTS = ("=", "+", "-", "@")
MAX_ROW_HEIGHT = 409  # points; Excel's limit
MAX_CELL_CHARS = 32_767  # Excel's limit: a longer cell makes Excel "repair" the file and drop it
CUT_MARK = " \u2026 [cut: an Excel cell holds at most 32,767 characters]"


def set_value(cell: Cell, value: Any) -> Cell:
    """Put ``value`` in ``cell``; text always stays text, whatever it starts with.

    Text longer than Excel's limit for a cell is cut, ending in :data:`CUT_MARK`.
    """
    if isinstance(value, str | CellRichText) and len(text := str(value)) > MAX_CELL_CHARS:
        value = text[: MAX_CELL_CHARS - len(CUT_MARK)] + CUT_MARK  # rich text loses its formatting
    cell.value = value
    if isinstance(value, str):
        # openpyxl turns a string starting with "=" into a formula; role files are user text.
        cell.data_type = "s"
        if value.startswith(FORMULA_STARTS):
            cell.quotePrefix = True  # stays text even when a user edits the cell in Excel
    return cell


def set_formula(cell: Cell, formula: str) -> Cell:
    """A formula the workbook writes itself (totals, checks), built from cell references only.

    Never call it with text from a role file or a wording file: that goes through
    :func:`set_value`, which keeps it text.
    """
    if not formula.startswith("="):
        raise ValueError(f"not a formula: {formula!r}")
    cell.value = formula
    cell.data_type = "f"
    return cell


def wrapped_lines(paragraphs: Iterable[str], width: float, font_size: float) -> int:
    """Estimated wrapped line count of text in a column ``width`` characters wide."""
    # A column-width unit is one "0" at 11 pt; measured in LibreOffice (Carlito, metric-
    # compatible with Calibri), 9 pt running text fits 1.5 to 1.8 characters per unit; 1.5
    # leaves a margin for Excel's slightly different wrapping.
    per_line = max(8, int(width * 1.5 * 9 / font_size))
    return sum(max(1, math.ceil(len(p) / per_line)) for p in paragraphs)


def row_height(line_count: int, font_size: float) -> float:
    """A row height in points that shows ``line_count`` lines of text."""
    return min(MAX_ROW_HEIGHT, round(line_count * font_size * 1.25 + 6, 1))


def fit_to_width(ws: Worksheet, *, landscape: bool = True) -> None:
    """Print on A4, one page wide and as many pages down as needed."""
    ws.page_setup.orientation = "landscape" if landscape else "portrait"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0


def save_workbook(wb: Workbook, path: Path) -> None:
    """Save atomically: the file is replaced only once the whole workbook is written."""
    with atomic_write(Path(path)) as tmp:
        tmp.write_bytes(_zipped(wb))


def _zipped(wb: Workbook) -> bytes:
    """The workbook's bytes, zipped in memory (a ZipFile on a full disk fails again when collected).

    openpyxl still streams each sheet through a temporary file; when that fails (disk full,
    ``ulimit -f``) its half-written streams fail once more as they are collected. Those
    repeats are silenced and the first failure is raised as an OSError.
    """
    buffer = io.BytesIO()
    failure: OSError | None = None
    hook, sys.unraisablehook = sys.unraisablehook, lambda unraisable: None
    try:
        try:
            wb.save(buffer)
        except etree.SerialisationError as exc:  # lxml names the errno: IO_ENOSPC, IO_EFBIG
            code = getattr(errno, str(exc).removeprefix("IO_"), errno.EIO)
            failure = OSError(code, os.strerror(code))
        except OSError as exc:
            failure = exc
        gc.collect()
    finally:
        sys.unraisablehook = hook
    if failure is not None:
        raise failure
    return buffer.getvalue()
