"""The competence matrix workbook (Excel): one role, or many roles side by side.

Sheets, in the order of docs/documents.md: Roles (one row per role, one coloured level per
skill), one detail sheet per role (skills x the scheme's levels, the chosen cell
highlighted), Statements (every framework statement, marked per role, then the roles' own
statements), DfE standards (when a role takes on standards of the standards pack: levels,
duties and the crosswalk to the framework's skills), Framework (the full reference grid, so the workbook stands alone) and Chart.
A single-role workbook puts the role's grid first.

Levels are coloured with ONE palette, light for the framework's lowest level to dark for
its highest. A local level of a three- or five-level scheme takes the colour of the highest
native level it draws on for that skill, so "2" on the three-level scheme (= C) looks like C.

Everything here only formats :class:`~ictroles.roles.resolve.ResolvedRole`; levels and statements
are never re-derived (the other levels' columns of a detail sheet show the scheme's content
for reference, via :func:`~ictroles.framework.schemes.level_content`).
"""

from __future__ import annotations

import math
import re
import weakref
from collections.abc import Iterable, Sequence
from copy import copy
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.cell.rich_text import CellRichText, TextBlock
from openpyxl.cell.text import InlineFont
from openpyxl.chart import BarChart, RadarChart, Reference
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.styles.cell_style import StyleArray
from openpyxl.utils import get_column_letter, quote_sheetname
from openpyxl.worksheet.worksheet import Worksheet

from ictroles.core.errors import IctrolesError
from ictroles.framework.competences import FACET_NAMES, FACETS, Framework, Skill
from ictroles.framework.duties import load_duties
from ictroles.framework.schemes import LevelScheme, Statement, level_content
from ictroles.framework.standards import StandardsPack
from ictroles.renderers.excel.cells import (
    MAX_ROW_HEIGHT,
    fit_to_width,
    row_height,
    save_workbook,
    set_value,
    wrapped_lines,
)
from ictroles.renderers.outputs import RenderOptions
from ictroles.roles.resolve import ResolvedRole, ResolvedSkill

# The chart compares at most this many roles: beyond about ten bars per skill a clustered
# bar chart stops being readable. The Roles sheet always shows every role.
MAX_CHART_ROLES = 10

SINGLE_ROLE_PAGES = 3  # pages the one-role grid and statements sheets each print on at most
ROLES_SHEET = "Roles"
STATEMENTS_SHEET = "Statements"
FRAMEWORK_SHEET = "Framework"
CHART_SHEET = "Chart"
STANDARDS_SHEET = "DfE standards"  # named after the bundled pack; another pack's short name replaces it
# "History" is reserved by Excel; the fixed sheets must not be taken by a role either.
_RESERVED_SHEET_NAMES = ("History", ROLES_SHEET, STATEMENTS_SHEET, FRAMEWORK_SHEET, CHART_SHEET, STANDARDS_SHEET)
_SHEET_NAME_BAD = re.compile(r"[\[\]:*?/\\]")
SHEET_NAME_MAX = 31

# Light to dark blue (ColorBrewer "Blues"): prints legibly in greyscale too.
_PALETTE_ANCHORS = ("DEEBF7", "9ECAE1", "4292C6", "08519C")
_ACCENT = "1F4E79"
_HEADER_FILL = PatternFill("solid", fgColor="D9E1F2")
_BAND_FILL = PatternFill("solid", fgColor="F2F2F2")
_THIN = Side(style="thin", color="BFBFBF")
_GRID = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_THICK = Side(style="medium", color="000000")
_CHOSEN_BORDER = Border(left=_THICK, right=_THICK, top=_THICK, bottom=_THICK)
_WRAP_TOP = Alignment(wrap_text=True, vertical="top")
_CENTRE = Alignment(horizontal="center", vertical="center", wrap_text=True)
_TITLE_FONT = Font(name="Calibri", size=14, bold=True, color=_ACCENT)
_BOLD = Font(name="Calibri", size=10, bold=True)
_BODY = Font(name="Calibri", size=10)
_SMALL = Font(name="Calibri", size=9)
_MUTED = Font(name="Calibri", size=9, italic=True, color="595959")
_GREY_SMALL = Font(name="Calibri", size=9, color="404040")
_LINK = Font(name="Calibri", size=10, color="0563C1", underline="single")
_TICK = "\u2713"


# --------------------------------------------------------------------------- public API


def render_role_matrix(role: ResolvedRole, out_path: Path, options: RenderOptions) -> None:
    """Write a single-role matrix workbook whose first sheet is the role's grid."""
    wb = _build([role], single=True)
    if options.draft_notes:
        for ws in wb.worksheets:
            ws.oddHeader.center.text = "DRAFT: not for publication"
            ws.oddHeader.center.color = "C00000"
    save_workbook(wb, out_path)


def render_matrix(roles: list[ResolvedRole], out_path: Path, options: RenderOptions | None = None) -> None:
    """Write one workbook comparing many roles side by side."""
    if not roles:
        raise IctrolesError("no roles to put in the matrix")
    save_workbook(_build(list(roles), single=False), out_path)


# --------------------------------------------------------------------------- helpers


_StyleKey = tuple[int, int, int, int]
# Per workbook: the style array of each (font, fill, alignment, border) combination already
# used. Assigning style objects to a cell hashes them every time, which dominated the time
# of a 500-role workbook; copying a known style array is cheap.
_STYLE_ARRAYS: weakref.WeakKeyDictionary[Workbook, dict[_StyleKey, StyleArray]] = weakref.WeakKeyDictionary()


def put(ws: Worksheet, row: int, col: int, value: Any, font: Font | None = None,
        fill: PatternFill | None = None, align: Alignment | None = None, border: Border | None = None) -> Any:
    """Write a cell; text always stays text, never a formula, whatever it starts with."""
    cell = ws.cell(row=row, column=col)
    styles = _STYLE_ARRAYS.setdefault(ws.parent, {})
    key = (id(font), id(fill), id(align), id(border))
    known = styles.get(key)
    if known is not None:
        cell._style = copy(known)
    else:
        if font is not None:
            cell.font = font
        if fill is not None:
            cell.fill = fill
        if align is not None:
            cell.alignment = align
        if border is not None:
            cell.border = border
        # Keep the style objects alive so their ids stay unique while they are keys.
        styles[key] = copy(cell._style)
        _KEEP_ALIVE.setdefault(ws.parent, []).append((font, fill, align, border))
    return set_value(cell, value)


_KEEP_ALIVE: weakref.WeakKeyDictionary[Workbook, list[tuple[Any, ...]]] = weakref.WeakKeyDictionary()


@cache
def _font(size: float, bold: bool = False, colour: str = "000000") -> Font:
    return Font(name="Calibri", size=size, bold=bold, color=colour)


def sheet_title(title: str, used: set[str]) -> str:
    """A valid, unique sheet name for ``title`` (at most 31 characters, no []:*?/\\)."""
    # Excel refuses a name that starts or ends with an apostrophe, so cuts never end in one.
    base = " ".join(_SHEET_NAME_BAD.sub(" ", title).split()).strip(" '") or "Role"
    candidate = base[:SHEET_NAME_MAX].rstrip(" '")
    n = 1
    while candidate.casefold() in used:
        n += 1
        suffix = f" ({n})"
        candidate = base[: SHEET_NAME_MAX - len(suffix)].rstrip(" '") + suffix
    used.add(candidate.casefold())
    return candidate


# Words that say what kind of school it is, not which: "Ashdown" is enough beside a title.
_SCHOOL_KIND = re.compile(r"\b(the|school|primary|secondary|high|academy|college|federation|infants?|"
                          r"junior|community|c of e|ce|church of england|multi-academy|trust)\b", re.I)


def role_sheet_names(roles: Sequence[ResolvedRole], used: set[str]) -> list[str]:
    """A sheet (and chart series) name per role: its title, or "School · Title" for several schools.

    The school is shortened to the words that name it ("Ashdown Primary School" -> "Ashdown")
    unless two of the workbook's schools would then read alike; sheet_title keeps each name
    within Excel's 31 characters, unique, and never ending in an apostrophe.
    """
    schools = list(dict.fromkeys(r.spec.school.strip() for r in roles if r.spec.school and r.spec.school.strip()))
    if len({s.casefold() for s in schools}) <= 1:
        return [sheet_title(r.title, used) for r in roles]
    short = {s: " ".join(_SCHOOL_KIND.sub(" ", s).split()).strip(" '-,") or s for s in schools}
    alike: dict[str, int] = {}
    for name in short.values():
        alike[name.casefold()] = alike.get(name.casefold(), 0) + 1
    label = {s: (short[s] if alike[short[s].casefold()] == 1 else s) for s in schools}
    names = []
    for role in roles:
        school = (role.spec.school or "").strip()
        names.append(sheet_title(_cut_at_a_word(f"{label[school]} \u00b7 {role.title}") if school else role.title,
                                 used))
    return names


def _cut_at_a_word(name: str) -> str:
    """``name`` within a sheet name's length, cut between words and never inside brackets."""
    if len(name) <= SHEET_NAME_MAX:
        return name
    cut = name[: SHEET_NAME_MAX + 1]
    cut = cut[: cut.rindex(" ")] if " " in cut[name.index("\u00b7") + 2:] else cut[:SHEET_NAME_MAX]
    if cut.count("(") > cut.count(")"):
        cut = cut[: cut.rindex("(")]
    return cut.rstrip(" -,\u00b7")


def level_number(skill: ResolvedSkill, framework: Framework) -> int:
    """A skill's level as a number: position (1 = lowest) of the highest native level drawn on."""
    return framework.level_index(skill.native_level) + 1


def level_text(skill: ResolvedSkill, scheme: LevelScheme) -> str:
    """The local label, with its native levels when they differ (``2 (C)``, ``1 (A+B)``)."""
    natives = "+".join(skill.native_levels)
    return skill.level if natives == skill.level else f"{skill.level} ({natives})"


def _interpolate(anchors: Sequence[str], n: int) -> list[str]:
    if n <= 1:
        return [anchors[len(anchors) // 2]]
    rgb = [tuple(int(a[i:i + 2], 16) for i in (0, 2, 4)) for a in anchors]
    out = []
    for k in range(n):
        pos = k * (len(rgb) - 1) / (n - 1)
        i = min(int(pos), len(rgb) - 2)
        t = pos - i
        out.append("".join(f"{round(rgb[i][c] + (rgb[i + 1][c] - rgb[i][c]) * t):02X}" for c in range(3)))
    return out


@dataclass
class _Palette:
    """Fill and font per native level: one palette for the whole workbook."""

    framework: Framework
    fills: list[PatternFill] = field(init=False)
    fonts: list[Font] = field(init=False)
    bold_fonts: list[Font] = field(init=False)
    dark: list[bool] = field(init=False)

    def __post_init__(self) -> None:
        n = len(self.framework.levels)
        colours = list(_PALETTE_ANCHORS) if n == len(_PALETTE_ANCHORS) else _interpolate(_PALETTE_ANCHORS, n)
        self.fills = [PatternFill("solid", fgColor=c) for c in colours]
        # White text on the two darkest levels (and any other dark one), black on the rest.
        self.dark = [_luminance(c) < 0.5 or k >= n - 2 for k, c in enumerate(colours)]
        self.fonts = [Font(name="Calibri", size=10, color="FFFFFF" if d else "000000") for d in self.dark]
        self.bold_fonts = [Font(name="Calibri", size=10, bold=True, color="FFFFFF" if d else "000000")
                           for d in self.dark]

    def index(self, native_levels: Iterable[str]) -> int:
        """Palette position for content drawing on these native levels (the highest wins)."""
        return max(self.framework.level_index(lv) for lv in native_levels)


def _luminance(hex_colour: str) -> float:
    r, g, b = (int(hex_colour[i:i + 2], 16) / 255 for i in (0, 2, 4))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def _print_setup(ws: Worksheet, title_rows: str | None = None, title_cols: str | None = None,
                 landscape: bool = True) -> None:
    fit_to_width(ws, landscape=landscape)
    ws.print_options.gridLines = False
    ws.page_margins.left = ws.page_margins.right = 0.4
    ws.page_margins.top = ws.page_margins.bottom = 0.5
    if title_rows:
        ws.print_title_rows = title_rows
    if title_cols:
        ws.print_title_cols = title_cols
    ws.oddFooter.center.text = "Page &P of &N"
    ws.oddFooter.center.size = 8
    ws.oddFooter.left.text = "&A"
    ws.oddFooter.left.size = 8


def _internal_link(sheet: str) -> str:
    return f"#{quote_sheetname(sheet)}!A1"


# --------------------------------------------------------------------------- statement text


class _SharedRichText(CellRichText):
    """Rich text whose XML is built once, since the same text fills cells on many sheets."""

    _tree: Any = None

    def to_tree(self) -> Any:
        # openpyxl serialises the element without moving it, so one element serves every cell.
        if self._tree is None:
            self._tree = super().to_tree()
        return self._tree


class _CellText:
    """Rich text for a grid cell: facet headings in bold, one statement per line.

    Framework content is the same for every role on a scheme, so it is built once and the
    same object is reused by every sheet (keeps 500-role workbooks linear and small).
    """

    def __init__(self, framework: Framework):
        self.framework = framework
        self._cache: dict[tuple[Any, ...], tuple[CellRichText, int, float]] = {}

    def grid(self, groups: list[tuple[str, list[str]]], width: float, colour: str = "000000",
             bold: bool = False, key: tuple[Any, ...] | None = None) -> tuple[CellRichText, int, float]:
        """Rich text, font size and row height for facet groups in a column ``width`` wide."""
        full_key = (key, width, colour, bold) if key is not None else None
        if full_key is not None and full_key in self._cache:
            return self._cache[full_key]
        paragraphs = [p for name, items in groups for p in (name, *items)] or ["-"]
        size = 9
        usable = width * 0.9 if bold else width  # bold text is about a tenth wider
        height = row_height(wrapped_lines(paragraphs, usable, size), size)
        if height >= MAX_ROW_HEIGHT:
            size = 8  # long merged levels (A+B) still fit Excel's maximum row height
            height = row_height(wrapped_lines(paragraphs, usable, size), size)
        head = InlineFont(rFont="Calibri", sz=size, b=True, color=colour)
        body = InlineFont(rFont="Calibri", sz=size, b=bold, color=colour)
        # One run per heading and one per facet's statements: fewer runs write much faster.
        parts: list[Any] = []
        for name, items in groups:
            parts.append(TextBlock(head, ("\n" if parts else "") + name))
            if items:
                parts.append(TextBlock(body, "".join(f"\n\u2022 {item}" for item in items)))
        if not parts:
            parts.append(TextBlock(body, "-"))
        rich = _SharedRichText(parts) if full_key is not None else CellRichText(parts)
        result = (rich, size, height)
        if full_key is not None:
            self._cache[full_key] = result
        return result


def _framework_groups(statements: dict[str, Sequence[Statement]] | Any) -> list[tuple[str, list[str]]]:
    return [(FACET_NAMES[f], [st.text for st in statements[f]]) for f in FACETS if statements[f]]


def _role_groups(skill: ResolvedSkill) -> list[tuple[str, list[str]]]:
    groups = []
    for f in FACETS:
        items = []
        for st in skill.statements(f):
            if st.origin == "custom":
                items.append(f"{st.text} (added for this role)")
            elif st.origin == "included":
                items.append(f"{st.text} (from level {st.native_level})")
            else:
                items.append(st.text)
            if st.reworded:  # the school's words: the Statements sheet holds the framework's text
                items[-1] += f" (adapted by the school from {st.id})"
            elif st.adapted:  # a modern wording: the Statements sheet holds the framework's text
                items[-1] += f" (modern wording of {st.id})"
        if items:
            groups.append((FACET_NAMES[f], items))
    return groups


def _statement_ids(skill: ResolvedSkill) -> set[str]:
    """Framework statement ids a resolved skill includes (merged duplicates count too)."""
    ids: set[str] = set()
    for f in FACETS:
        for st in skill.statements(f):
            if st.origin != "custom":
                ids.add(st.id)
                ids.update(st.merged_ids)
    return ids


# --------------------------------------------------------------------------- workbook


def _build(roles: list[ResolvedRole], single: bool) -> Workbook:
    framework = roles[0].framework
    palette = _Palette(framework)
    texts = _CellText(framework)
    wb = Workbook()
    used = {n.casefold() for n in _RESERVED_SHEET_NAMES}
    names = role_sheet_names(roles, used)

    roles_ws = wb.active
    roles_ws.title = ROLES_SHEET
    detail_sheets = []
    for role, name in zip(roles, names):
        ws = wb.create_sheet(name)
        _detail_sheet(ws, role, palette, texts)
        detail_sheets.append(ws)
    statements_ws = wb.create_sheet(STATEMENTS_SHEET)
    framework_ws = wb.create_sheet(FRAMEWORK_SHEET)

    _roles_sheet(roles_ws, roles, names, palette, single)
    _statements_sheet(statements_ws, roles, names, palette)
    _framework_sheet(framework_ws, framework, palette, texts)
    pack = next((r.standards_pack for r in roles if r.standards), None)
    if pack is not None:
        name = STANDARDS_SHEET if pack.short_name == "DfE standards" else sheet_title(pack.short_name, used)
        _standards_sheet(wb.create_sheet(name, index=wb.index(framework_ws)), roles, names, pack, single)
    if not single:
        # Roles side by side: the bars compare levels across roles, which no single row shows.
        _chart_sheet(wb.create_sheet(CHART_SHEET), roles, names)

    if single:
        wb.move_sheet(detail_sheets[0], offset=-1)
        wb.active = 0
        # A one-role workbook prints on a few pages without anyone setting a print area: the
        # grid and the role's statements on at most three pages each, the Roles row on one,
        # the framework sheet's title on one.
        for ws in (detail_sheets[0], statements_ws):
            ws.page_setup.fitToHeight = SINGLE_ROLE_PAGES
    wb.properties.creator = "ictroles"
    wb.properties.subject = f"Competence matrix ({framework.name})"
    if single:
        wb.properties.title = f"{roles[0].title} - competence matrix"
        wb.properties.description = f"{roles[0].title}, {roles[0].spec.school or ''}".strip(", ")
    else:
        wb.properties.title = f"Competence matrix: {len(roles)} roles"
    wb.properties.keywords = "ICT support; competences; job roles"
    return wb


def _legend(ws: Worksheet, row: int, col: int, framework: Framework, palette: _Palette) -> None:
    put(ws, row, col, "Level colours:", _BOLD, align=Alignment(horizontal="right", vertical="center"))
    for i, level in enumerate(framework.levels):
        put(ws, row, col + 1 + i, f"{level.id}: {level.title}", palette.fonts[i], palette.fills[i],
            _CENTRE, _GRID)


def _skill_columns(framework: Framework) -> list[Skill]:
    order = {a.id: i for i, a in enumerate(framework.focus_areas)}
    return sorted(framework.skills, key=lambda s: order.get(s.focus, 0))


def _roles_sheet(ws: Worksheet, roles: list[ResolvedRole], names: list[str], palette: _Palette,
                 single: bool) -> None:
    framework = roles[0].framework
    info = ("Job title", "School", "Scheme", "Grade")
    skills = _skill_columns(framework)
    first_skill = len(info) + 1
    last_col = len(info) + len(skills)
    head_row, skill_row = 3, 4

    put(ws, 1, 1, "Competence matrix" if not single else f"Competence matrix: {roles[0].title}", _TITLE_FONT)
    put(ws, 1, 3, f"{len(roles)} role{'s' if len(roles) != 1 else ''}; framework: {framework.name}"
        + (f" ({framework.version})" if framework.version else ""), _MUTED)
    links = [(STATEMENTS_SHEET, "Statements"), (FRAMEWORK_SHEET, "Framework"), (CHART_SHEET, "Chart")]
    for i, (sheet, label) in enumerate(links):
        c = put(ws, 1, first_skill + 6 + 2 * i, f"{label} \u2192", _LINK)
        c.hyperlink = _internal_link(sheet)
    ws.row_dimensions[1].height = 24
    _legend(ws, 2, 3 if len(skills) < 6 else first_skill + 1, framework, palette)
    ws.row_dimensions[2].height = 40

    for col, label in enumerate(info, 1):
        put(ws, head_row, col, None, fill=_HEADER_FILL, border=_GRID)
        put(ws, skill_row, col, label, _BOLD, _HEADER_FILL, Alignment(vertical="bottom", wrap_text=True), _GRID)
    ws.merge_cells(start_row=head_row, start_column=1, end_row=head_row, end_column=len(info))
    put(ws, head_row, 1, "Role", _BOLD, _HEADER_FILL, Alignment(vertical="center"), _GRID)
    col = first_skill
    for area in framework.focus_areas:
        area_skills = [s for s in skills if s.focus == area.id]
        if not area_skills:
            continue
        for k, _ in enumerate(area_skills):
            put(ws, head_row, col + k, None, fill=_HEADER_FILL, border=_GRID)
        put(ws, head_row, col, area.name, _BOLD, _HEADER_FILL, _CENTRE, _GRID)
        if len(area_skills) > 1:
            ws.merge_cells(start_row=head_row, start_column=col, end_row=head_row,
                           end_column=col + len(area_skills) - 1)
        for k, skill in enumerate(area_skills):
            put(ws, skill_row, col + k, skill.name, _BOLD, _HEADER_FILL,
                Alignment(horizontal="center", vertical="bottom", wrap_text=True), _GRID)
        col += len(area_skills)
    ws.row_dimensions[head_row].height = 18
    longest = max(len(s.name) for s in skills)
    ws.row_dimensions[skill_row].height = row_height(math.ceil(longest / 11) + 1, 10)

    for r, (role, name) in enumerate(zip(roles, names), skill_row + 1):
        fill = _BAND_FILL if r % 2 else None
        title = put(ws, r, 1, role.title, _LINK, fill, _WRAP_TOP, _GRID)
        title.hyperlink = _internal_link(name)
        put(ws, r, 2, role.spec.school, _BODY, fill, _WRAP_TOP, _GRID)
        put(ws, r, 3, role.scheme.name, _BODY, fill, _WRAP_TOP, _GRID)
        put(ws, r, 4, role.spec.grade, _BODY, fill, _WRAP_TOP, _GRID)
        lines = max(wrapped_lines([role.title], 34, 10), wrapped_lines([role.spec.school or ""], 26, 10),
                    wrapped_lines([role.spec.grade or ""], 12, 10))
        ws.row_dimensions[r].height = max(16, row_height(lines, 10))
        by_id = {s.id: s for s in role.skills}
        for k, skill in enumerate(skills):
            chosen = by_id.get(skill.id)
            if chosen is None:
                put(ws, r, first_skill + k, None, fill=fill, border=_GRID)
                continue
            i = palette.index(chosen.native_levels)
            put(ws, r, first_skill + k, level_text(chosen, role.scheme), palette.bold_fonts[i],
                palette.fills[i], _CENTRE, _GRID)

    widths = {1: 34, 2: 26, 3: 9, 4: 12}
    for c, w in widths.items():
        ws.column_dimensions[get_column_letter(c)].width = w
    for c in range(first_skill, last_col + 1):
        ws.column_dimensions[get_column_letter(c)].width = 13.5
    last_row = skill_row + len(roles)
    ws.freeze_panes = ws.cell(row=skill_row + 1, column=2)
    ws.auto_filter.ref = f"A{skill_row}:{get_column_letter(last_col)}{last_row}"
    _print_setup(ws, title_rows=f"{head_row}:{skill_row}", title_cols="A:A")
    ws.print_area = f"A1:{get_column_letter(last_col)}{last_row}"


def _detail_sheet(ws: Worksheet, role: ResolvedRole, palette: _Palette, texts: _CellText) -> None:
    framework = role.framework
    duties = load_duties(framework)
    scheme = role.scheme
    labels = scheme.labels
    level_width = max(30.0, min(60.0, round(170 / max(1, len(labels)))))
    head_row = 4
    first_level = 3

    put(ws, 1, 1, role.title, _TITLE_FONT)
    facts = [f for f in (role.spec.school, role.spec.grade and f"Grade: {role.spec.grade}",
                         f"Levels: {scheme.title}") if f]
    put(ws, 2, 1, "  |  ".join(facts), _MUTED)
    c = put(ws, 2, first_level + len(labels) - 1, "\u2190 All roles", _LINK, align=Alignment(horizontal="right"))
    c.hyperlink = _internal_link(ROLES_SHEET)
    put(ws, 3, 1, "The role's level for each skill is outlined in bold and holds the role's own statements "
        "(with any added or excluded). The other columns give each level's duty in brief, for comparison.",
        _MUTED)
    ws.row_dimensions[1].height = 22

    put(ws, head_row, 1, "Focus area", _BOLD, _HEADER_FILL, _WRAP_TOP, _GRID)
    put(ws, head_row, 2, "Skill", _BOLD, _HEADER_FILL, _WRAP_TOP, _GRID)
    for k, label in enumerate(labels):
        level = scheme.level(label)
        i = palette.index(level.draws_on)
        natives = "+".join(sorted(set(level.draws_on), key=framework.level_index))
        head = f"{label}: {level.title}" + ("" if natives == label else f" ({natives})")
        put(ws, head_row, first_level + k, head, palette.bold_fonts[i], palette.fills[i], _CENTRE, _GRID)
    ws.row_dimensions[head_row].height = 30

    row = head_row + 1
    for area, skills in role.by_focus:
        for skill in skills:
            fw_skill = framework.skills_by_id[skill.id]
            put(ws, row, 1, area.name, _SMALL, None, _WRAP_TOP, _GRID)
            put(ws, row, 2, skill.name, _BOLD, None, _WRAP_TOP, _GRID)
            heights = [row_height(wrapped_lines([skill.name], 24, 10), 10)]
            for k, label in enumerate(labels):
                col = first_level + k
                if label == skill.level:
                    i = palette.index(skill.native_levels)
                    colour = "FFFFFF" if palette.dark[i] else "000000"
                    text, size, height = texts.grid(_role_groups(skill), level_width, colour, bold=True)
                    put(ws, row, col, text, _font(size, True, colour),
                        palette.fills[i], _WRAP_TOP, _CHOSEN_BORDER)
                else:
                    content = level_content(scheme, label, fw_skill, framework)
                    cell_duty = duties.cell(skill.id, content.native_levels[-1])
                    if cell_duty is not None:
                        # For comparison, the level's concise duty (framework/duties.yaml, written
                        # for ictroles); its statements are on the Statements and Framework sheets.
                        text = cell_duty.duty
                        height = row_height(wrapped_lines([text], level_width, 9), 9)
                        put(ws, row, col, text, _GREY_SMALL, None, _WRAP_TOP, _GRID)
                    else:
                        text, _, height = texts.grid(_framework_groups(content.statements), level_width,
                                                     "404040", key=(id(scheme), label, skill.id))
                        put(ws, row, col, text, None, None, _WRAP_TOP, _GRID)
                heights.append(height)
            ws.row_dimensions[row].height = max(heights)
            row += 1

    ws.column_dimensions["A"].width = 12
    ws.column_dimensions["B"].width = 24
    for k in range(len(labels)):
        ws.column_dimensions[get_column_letter(first_level + k)].width = level_width
    ws.freeze_panes = ws.cell(row=head_row + 1, column=first_level)
    _print_setup(ws, title_rows=f"{head_row}:{head_row}", title_cols="A:B")


def _statements_sheet(ws: Worksheet, roles: list[ResolvedRole], names: list[str], palette: _Palette) -> None:
    framework = roles[0].framework
    columns = ("ID", "Focus area", "Skill", "Level", "Facet", "Statement", "Added or adapted by")
    widths = (11, 12, 22, 7, 11, 70, 20)
    first_role = len(columns) + 1
    last_col = len(columns) + len(roles)
    included = [set().union(*(_statement_ids(s) for s in r.skills)) if r.skills else set() for r in roles]

    for c, label in enumerate(columns, 1):
        put(ws, 1, c, label, _BOLD, _HEADER_FILL, Alignment(vertical="bottom", wrap_text=True), _GRID)
    for k, name in enumerate(names):
        put(ws, 1, first_role + k, name, _BOLD, _HEADER_FILL,
            Alignment(text_rotation=90, horizontal="center", vertical="bottom"), _GRID)
    longest = max(len(n) for n in names)
    ws.row_dimensions[1].height = max(30, min(200, longest * 6.5 + 8))
    center = Alignment(horizontal="center", vertical="top")

    row = 2
    focus_names = {a.id: a.name for a in framework.focus_areas}
    for skill in _skill_columns(framework):
        for level in framework.levels:
            cell = skill.levels[level.id]
            i = framework.level_index(level.id)
            for facet in FACETS:
                for st in cell.facet(facet):
                    put(ws, row, 1, st.id, _SMALL, None, _WRAP_TOP, _GRID)
                    put(ws, row, 2, focus_names[skill.focus], _SMALL, None, _WRAP_TOP, _GRID)
                    put(ws, row, 3, skill.name, _SMALL, None, _WRAP_TOP, _GRID)
                    put(ws, row, 4, level.id, palette.fonts[i], palette.fills[i], center, _GRID)
                    put(ws, row, 5, FACET_NAMES[facet], _SMALL, None, _WRAP_TOP, _GRID)
                    put(ws, row, 6, st.text, _SMALL, None, _WRAP_TOP, _GRID)
                    for k, ids in enumerate(included):
                        if st.id in ids:
                            put(ws, row, first_role + k, _TICK, _BOLD, align=center)
                    lines = max(wrapped_lines([st.text], widths[5], 9), wrapped_lines([skill.name], widths[2], 9))
                    ws.row_dimensions[row].height = row_height(lines, 9)
                    row += 1
    for k, role in enumerate(roles):
        for chosen in role.skills:
            i = palette.index(chosen.native_levels)
            for facet in FACETS:
                for own in chosen.statements(facet):
                    if own.origin not in ("custom", "adapted"):
                        continue
                    put(ws, row, 1, own.id, _SMALL, None, _WRAP_TOP, _GRID)
                    put(ws, row, 2, chosen.focus_name, _SMALL, None, _WRAP_TOP, _GRID)
                    put(ws, row, 3, chosen.name, _SMALL, None, _WRAP_TOP, _GRID)
                    put(ws, row, 4, chosen.level, palette.fonts[i], palette.fills[i], center, _GRID)
                    put(ws, row, 5, FACET_NAMES[facet], _SMALL, None, _WRAP_TOP, _GRID)
                    text = own.text
                    if own.reworded:  # beside the framework's own row of the same id
                        text += f" (adapted by the school; framework text: \u201c{own.original_text}\u201d)"
                    put(ws, row, 6, text, _SMALL, None, _WRAP_TOP, _GRID)
                    put(ws, row, 7, role.title, _SMALL, None, _WRAP_TOP, _GRID)
                    put(ws, row, first_role + k, _TICK, _BOLD, align=center)
                    lines = max(wrapped_lines([text], widths[5], 9), wrapped_lines([role.title], widths[6], 9))
                    ws.row_dimensions[row].height = row_height(lines, 9)
                    row += 1

    for c, w in enumerate(widths, 1):
        ws.column_dimensions[get_column_letter(c)].width = w
    for k in range(len(roles)):
        ws.column_dimensions[get_column_letter(first_role + k)].width = 4.5
    ws.freeze_panes = ws.cell(row=2, column=2)
    ws.auto_filter.ref = f"A1:{get_column_letter(last_col)}{row - 1}"
    if len(roles) == 1:
        # One role: the sheet opens filtered to the role's own statements, and only those
        # print (hidden rows are not printed); clearing the filter shows the whole framework.
        ws.auto_filter.add_filter_column(first_role - 1, [_TICK])
        for r in range(2, row):
            if ws.cell(row=r, column=first_role).value != _TICK:
                ws.row_dimensions[r].hidden = True
    _print_setup(ws, title_rows="1:1", title_cols="A:A")


def _framework_sheet(ws: Worksheet, framework: Framework, palette: _Palette, texts: _CellText) -> None:
    head_row = 3
    first_level = 4
    level_width = 42.0
    title = framework.name + (f" ({framework.version})" if framework.version else "")
    put(ws, 1, 1, f"{title}: reference grid", _TITLE_FONT)
    put(ws, 2, 1, framework.source or "", _MUTED)
    ws.row_dimensions[1].height = 22
    for c, label in enumerate(("Focus area", "Skill", "Description"), 1):
        put(ws, head_row, c, label, _BOLD, _HEADER_FILL, _WRAP_TOP, _GRID)
    for k, level in enumerate(framework.levels):
        put(ws, head_row, first_level + k, f"{level.id}: {level.title}", palette.bold_fonts[k],
            palette.fills[k], _CENTRE, _GRID)
    ws.row_dimensions[head_row].height = 30
    focus_names = {a.id: a.name for a in framework.focus_areas}
    row = head_row + 1
    for skill in _skill_columns(framework):
        put(ws, row, 1, focus_names[skill.focus], _SMALL, None, _WRAP_TOP, _GRID)
        put(ws, row, 2, skill.name, _BOLD, None, _WRAP_TOP, _GRID)
        put(ws, row, 3, skill.description, _SMALL, None, _WRAP_TOP, _GRID)
        heights = [row_height(wrapped_lines(skill.description.splitlines(), 30, 9), 9)]
        for k, level in enumerate(framework.levels):
            cell = skill.levels[level.id]
            groups = [(FACET_NAMES[f], [st.text for st in cell.facet(f)]) for f in FACETS if cell.facet(f)]
            text, _, height = texts.grid(groups, level_width, key=("framework", level.id, skill.id))
            put(ws, row, first_level + k, text, None, None, _WRAP_TOP, _GRID)
            heights.append(height)
        ws.row_dimensions[row].height = max(heights)
        row += 1
    ws.column_dimensions["A"].width = 12
    ws.column_dimensions["B"].width = 20
    ws.column_dimensions["C"].width = 30
    for k in range(len(framework.levels)):
        ws.column_dimensions[get_column_letter(first_level + k)].width = level_width
    ws.freeze_panes = ws.cell(row=head_row + 1, column=3)
    _print_setup(ws, title_rows=f"{head_row}:{head_row}", title_cols="A:B")
    # A reference copy of the whole framework: printing the workbook prints its title only.
    put(ws, 2, 1, (framework.source or "") + "  (Reference only: to print the whole grid, clear this "
        "sheet's print area or choose 'Ignore print areas'.)", _MUTED)
    ws.print_area = "A1:C2"


def _standards_sheet(ws: Worksheet, roles: list[ResolvedRole], names: list[str], pack: StandardsPack,
                     single: bool) -> None:
    """The standards pack: each standard's level per role, its duty (one role) and the crosswalk."""
    framework = roles[0].framework
    put(ws, 1, 1, pack.name, _TITLE_FONT)
    put(ws, 2, 1, f"Summarised for ictroles from guidance by the {pack.publisher} ({pack.source}, read "
        f"{pack.read_on.isoformat()}). Not part of the {framework.name}: the standards do not change "
        "a role's level or indicative grade.", _MUTED)
    ws.row_dimensions[1].height = 22
    head = 4
    role_cols = [names[0]] if single else names
    headers = ["Standard", "Core"] + [f"Level: {n}" for n in role_cols]
    if single:
        headers += ["Duty in the job description", "Person specification criterion"]
    headers += ["Framework skills it extends", "Guidance"]
    for c, label in enumerate(headers, 1):
        put(ws, head, c, label, _BOLD, _HEADER_FILL, _WRAP_TOP, _GRID)
    row = head + 1
    for std in pack.standards:
        put(ws, row, 1, std.name, _BOLD, None, _WRAP_TOP, _GRID)
        put(ws, row, 2, "Core" if std.core else "", _SMALL, None, _CENTRE, _GRID)
        col = 3
        taken = []
        for role in (roles[:1] if single else roles):
            chosen = next((s for s in role.standards if s.id == std.id), None)
            taken.append(chosen)
            put(ws, row, col, chosen.level if chosen else "", _BOLD, None, _CENTRE, _GRID)
            col += 1
        texts = []
        if single:
            chosen = taken[0]
            texts = [" ".join(chosen.duties) if chosen else "", chosen.criterion if chosen else ""]
            for text in texts:
                put(ws, row, col, text, _SMALL, None, _WRAP_TOP, _GRID)
                col += 1
        skills = ", ".join(framework.skills_by_id[s].name for s in std.skills if s in framework.skills_by_id)
        put(ws, row, col, skills, _SMALL, None, _WRAP_TOP, _GRID)
        # The address as a link named for its site: a full GOV.UK address does not wrap.
        web = std.url.startswith("https://")
        link = put(ws, row, col + 1, _site_name(std.url) if web else std.url, _LINK if web else _SMALL,
                   None, _WRAP_TOP, _GRID)
        if web:
            link.hyperlink = std.url
        lines = max([wrapped_lines([t], 48, 9) for t in texts if t] + [wrapped_lines([skills], 28, 9), 1])
        ws.row_dimensions[row].height = min(row_height(lines, 9), MAX_ROW_HEIGHT)
        row += 1
    widths = [30, 7] + [12] * len(role_cols) + ([50, 50] if single else []) + [30, 16]
    for c, width in enumerate(widths, 1):
        ws.column_dimensions[get_column_letter(c)].width = width
    ws.freeze_panes = ws.cell(row=head + 1, column=2)
    _print_setup(ws, title_rows=f"{head}:{head}")


def _site_name(url: str) -> str:
    """'GOV.UK guidance' for a gov.uk address, else the address's host."""
    host = url.split("/")[2] if url.count("/") >= 2 else url
    return "GOV.UK guidance" if host.endswith("gov.uk") else host


def _chart_sheet(ws: Worksheet, roles: list[ResolvedRole], names: list[str]) -> None:
    framework = roles[0].framework
    shown = roles[:MAX_CHART_ROLES]
    skills = _skill_columns(framework)
    n_levels = len(framework.levels)
    title = "Level per skill" if len(roles) == 1 else "Levels per skill, role by role"
    put(ws, 1, 1, title, _TITLE_FONT)
    scale = ", ".join(f"{i} = {lv.id}" for i, lv in enumerate(framework.levels, 1))
    note = f"Framework level as a number ({scale}); a level drawing on two framework levels counts as the higher."
    if len(roles) > MAX_CHART_ROLES:
        note += f" The chart shows the first {MAX_CHART_ROLES} of {len(roles)} roles; the Roles sheet shows all."
    put(ws, 2, 1, note, _MUTED)

    # The chart sits on top (one printed page, 17 cm fits A4 landscape); its data below.
    chart_height_cm = 16.5
    head_row = 4 + math.ceil(chart_height_cm / 0.53) + 2  # default rows are 15 pt = 0.53 cm
    put(ws, head_row - 1, 1, "Chart data", _BOLD)
    put(ws, head_row, 1, "Skill", _BOLD, _HEADER_FILL, _WRAP_TOP, _GRID)
    for k, name in enumerate(names[: len(shown)]):
        put(ws, head_row, 2 + k, name, _BOLD, _HEADER_FILL, _CENTRE, _GRID)
    for r, skill in enumerate(skills, head_row + 1):
        put(ws, r, 1, skill.name, _SMALL, None, _WRAP_TOP, _GRID)
        for k, role in enumerate(shown):
            chosen = role.skill(skill.id)
            put(ws, r, 2 + k, level_number(chosen, framework) if chosen else None, _SMALL, None, _CENTRE, _GRID)
    ws.column_dimensions["A"].width = 40
    for k in range(len(shown)):
        ws.column_dimensions[get_column_letter(2 + k)].width = 14
    ws.row_dimensions[head_row].height = 30

    last_row = head_row + len(skills)
    data = Reference(ws, min_col=2, min_row=head_row, max_col=1 + len(shown), max_row=last_row)
    cats = Reference(ws, min_col=1, min_row=head_row + 1, max_row=last_row)
    chart: BarChart | RadarChart
    if len(shown) <= 3:
        chart = RadarChart()
        chart.type = "marker"
    else:
        chart = BarChart()
        chart.type = "bar"  # horizontal bars leave room for the skill names
        chart.grouping = "clustered"
        chart.gapWidth = 40
        chart.x_axis.scaling.orientation = "maxMin"  # first skill at the top, as in the table
        chart.y_axis.title = f"Framework level (1 = {framework.levels[0].id} ... {n_levels} = {framework.levels[-1].id})"
    chart.y_axis.scaling.min = 0
    chart.y_axis.scaling.max = n_levels
    chart.y_axis.majorUnit = 1
    chart.height, chart.width = chart_height_cm, 25
    chart.title = title
    chart.add_data(data, titles_from_data=True)
    chart.set_categories(cats)
    chart.x_axis.delete = False  # newer Excel hides axes that are not explicitly kept
    chart.y_axis.delete = False
    chart.legend.position = "b"
    ws.add_chart(chart, "A4")
    _print_setup(ws)
