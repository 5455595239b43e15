"""The competence matrix workbook, read back with openpyxl and python-calamine."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import openpyxl
import pytest
from python_calamine import CalamineWorkbook

from ictroles.framework.competences import Framework
from ictroles.renderers.excel.matrix import (
    MAX_CHART_ROLES,
    SHEET_NAME_MAX,
    render_matrix,
    render_role_matrix,
    sheet_title,
)
from ictroles.renderers.outputs import RenderOptions
from ictroles.roles.resolve import load_role

REPO = Path(__file__).resolve().parent.parent
EXAMPLES = REPO / "examples"
TECHNICIAN = EXAMPLES / "ict-technician.yaml"
THREE_LEVEL = EXAMPLES / "three-level-technician.yaml"
NETWORK_MANAGER = EXAMPLES / "network-manager.yaml"
FIVE_LEVEL = EXAMPLES / "five-level-network-manager.yaml"

ROLE_ROW = 5  # first role row on the Roles sheet (title, legend, focus areas, skill names above)


@pytest.fixture(scope="module")
def roles(framework: Framework) -> list:
    return [load_role(p, framework) for p in (TECHNICIAN, THREE_LEVEL, NETWORK_MANAGER, FIVE_LEVEL)]


@pytest.fixture(scope="module")
def many(roles: list, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("matrix") / "roles.xlsx"
    render_matrix(roles, out)
    return out


@pytest.fixture(scope="module")
def book(many: Path) -> openpyxl.Workbook:
    return openpyxl.load_workbook(many)


def rgb(cell: openpyxl.cell.Cell) -> str:
    """The cell's solid fill colour as RRGGBB."""
    return str(cell.fill.fgColor.rgb)[-6:].upper()


def column_of(ws, row: int, header: str) -> int:
    for cell in ws[row]:
        if cell.value == header:
            return cell.column
    raise AssertionError(f"no column headed {header!r} in row {row}")


def legend_fills(ws) -> dict[str, str]:
    """Native level -> legend colour, from the legend cells ("A: Teaching Assistant") in row 2."""
    return {str(c.value)[0]: rgb(c) for c in ws[2] if isinstance(c.value, str) and c.value[1:2] == ":"}


# --------------------------------------------------------------------------- Roles sheet


def test_sheet_order_and_properties(book):
    names = book.sheetnames
    assert names[0] == "Roles"
    # Roles of several schools: each sheet is named by school and title.
    assert names[1:5] == ["Northfield \u00b7 ICT Technician", "Oakwood \u00b7 ICT Technician",
                          "Hillcrest \u00b7 ICT Systems Manager", "Kingsmead \u00b7 Network Manager"]
    # The technician and the ICT Systems Manager take on DfE standards: their sheet follows
    # the statements, before the framework's reference grid.
    assert names[5:] == ["Statements", "DfE standards", "Framework", "Chart"]
    assert book.properties.title == "Competence matrix: 4 roles"
    assert "Competence matrix" in book.properties.subject


def test_roles_sheet_rows_and_levels(book):
    ws = book["Roles"]
    assert [ws.cell(ROLE_ROW, c).value for c in range(1, 5)] == [
        "ICT Technician", "Northfield Academy", "four", "Grade 5"]
    assert ws.cell(ROLE_ROW + 1, 1).value == "ICT Technician"
    assert ws.cell(ROLE_ROW + 1, 3).value == "three"
    server = column_of(ws, 4, "Server & Network support")
    desktop = column_of(ws, 4, "Desktop & Application Support")
    requests = column_of(ws, 4, "Support Request Management")
    assert ws.cell(ROLE_ROW, server).value == "C"
    assert ws.cell(ROLE_ROW, desktop).value == "B"
    # Other schemes show the local label with the framework levels it draws on.
    assert ws.cell(ROLE_ROW + 1, desktop).value == "1 (A+B)"
    assert ws.cell(ROLE_ROW + 1, requests).value == "2 (C)"
    # Focus-area headers sit above their skills.
    assert ws.cell(3, desktop).value == "Technology"
    assert any(str(r) .startswith(ws.cell(3, desktop).coordinate) for r in ws.merged_cells.ranges)


def test_one_palette_across_schemes(book):
    ws = book["Roles"]
    legend = legend_fills(ws)
    assert list(legend) == ["A", "B", "C", "D"]
    assert len(set(legend.values())) == 4
    server = column_of(ws, 4, "Server & Network support")
    requests = column_of(ws, 4, "Support Request Management")
    desktop = column_of(ws, 4, "Desktop & Application Support")
    assert rgb(ws.cell(ROLE_ROW, server)) == legend["C"]
    assert rgb(ws.cell(ROLE_ROW, desktop)) == legend["B"]
    # "2" on the three-level scheme is framework C, so it has C's colour; "1" (A+B) has B's.
    assert rgb(ws.cell(ROLE_ROW + 1, requests)) == legend["C"]
    assert rgb(ws.cell(ROLE_ROW + 1, desktop)) == legend["B"]
    assert ws.cell(ROLE_ROW, server).font.b


def test_roles_sheet_frozen_filtered_and_print_ready(book):
    ws = book["Roles"]
    assert ws.freeze_panes == f"B{ROLE_ROW}"
    assert ws.auto_filter.ref == f"A4:P{ROLE_ROW + 3}"
    assert ws.page_setup.orientation == "landscape"
    assert ws.sheet_properties.pageSetUpPr.fitToPage
    assert ws.page_setup.fitToWidth == 1 and ws.page_setup.fitToHeight == 0
    assert ws.print_title_rows == "$3:$4"
    assert ws.print_title_cols == "$A:$A"
    assert ws.column_dimensions["A"].width >= 30


# --------------------------------------------------------------------------- Statements sheet


def test_statements_marked_per_role(book, framework):
    ws = book["Statements"]
    technician = column_of(ws, 1, "Northfield \u00b7 ICT Technician")
    ids = {ws.cell(r, 1).value: r for r in range(2, ws.max_row + 1)}
    assert set(framework.statements) <= set(ids)
    # Server & network support is at C, with SN.C.A2 excluded.
    assert ws.cell(ids["SN.C.A6"], technician).value == "\u2713"
    assert ws.cell(ids["SN.C.A2"], technician).value is None
    assert ws.cell(ids["SN.D.A1"], technician).value is None
    assert ws.cell(ids["DA.B.A1"], technician).value == "\u2713"
    row = ids["SN.C.A6"]
    assert [ws.cell(row, c).value for c in (2, 3, 4, 5)] == ["Technology", "Server & Network support", "C", "Activities"]
    assert ws.cell(row, 6).value == framework.statements["SN.C.A6"].statement.text
    assert ws.freeze_panes == "B2"
    assert ws.auto_filter.ref == f"A1:K{ws.max_row}"


def test_merged_statements_marked(book, framework):
    """On the three-level scheme, level 1 draws on A and B: both ids of a merged statement count."""
    ws = book["Statements"]
    three = column_of(ws, 1, "Oakwood \u00b7 ICT Technician")
    role = load_role(THREE_LEVEL, framework)
    merged = [m for s in role.skills for st in s.activities for m in st.merged_ids]
    assert merged
    ids = {ws.cell(r, 1).value: r for r in range(2, ws.max_row + 1)}
    for stid in merged:
        assert ws.cell(ids[stid], three).value == "\u2713"


def test_custom_statements_listed_with_their_role(book):
    ws = book["Statements"]
    technician = column_of(ws, 1, "Northfield \u00b7 ICT Technician")
    rows = [r for r in range(2, ws.max_row + 1) if ".custom." in str(ws.cell(r, 1).value)]
    texts = {ws.cell(r, 6).value: r for r in rows}
    row = texts["Keep the staff ICT help pages on the school intranet up to date."]
    assert ws.cell(row, 7).value == "ICT Technician"
    assert ws.cell(row, technician).value == "\u2713"
    assert ws.cell(row, 3).value == "Communication Skills"


# --------------------------------------------------------------------------- detail sheets


def test_detail_sheet_highlights_the_chosen_level(book, framework):
    ws = book["Northfield \u00b7 ICT Technician"]
    assert ws["A1"].value == "ICT Technician"
    headers = [ws.cell(4, c).value for c in range(1, 7)]
    assert headers == ["Focus area", "Skill", "A: Teaching Assistant", "B: ICT Technician",
                       "C: Senior ICT Technician", "D: ICT Systems Manager"]
    legend = legend_fills(book["Roles"])
    rows = {ws.cell(r, 2).value: r for r in range(5, ws.max_row + 1)}
    server = rows["Server & Network support"]
    chosen = ws.cell(server, 5)  # level C
    assert rgb(chosen) == legend["C"]
    assert chosen.font.b
    assert chosen.border.left.style == "medium" and chosen.border.bottom.style == "medium"
    other = ws.cell(server, 4)
    assert other.border.left.style == "thin"
    assert other.fill.fill_type is None
    text = str(chosen.value)
    assert "Install and set basic configuration options" in text  # SN.C.A1
    assert framework.statements["SN.C.A2"].statement.text not in text  # excluded
    communication = ws.cell(rows["Communication Skills"], 4)
    assert "Keep the staff ICT help pages on the school intranet up to date. (added for this role)" in str(
        communication.value)
    assert ws.freeze_panes == "C5"
    assert ws.page_setup.orientation == "landscape" and ws.print_title_rows == "$4:$4"


def test_detail_rows_tall_enough_for_their_text(book):
    ws = book["Northfield \u00b7 ICT Technician"]
    for r in range(5, ws.max_row + 1):
        assert ws.row_dimensions[r].height is not None
        for c in range(3, 7):
            value = str(ws.cell(r, c).value)
            assert ws.cell(r, c).alignment.wrap_text
            # At least one 9-point line for every statement and heading in the cell.
            assert ws.row_dimensions[r].height >= (value.count("\n") + 1) * 9 * 1.1


def test_three_level_detail_sheet_has_the_schemes_columns(book):
    ws = book["Oakwood \u00b7 ICT Technician"]
    assert [ws.cell(4, c).value for c in (3, 4, 5)] == [
        "1: ICT Technician (A+B)", "2: Senior ICT Technician (C)", "3: ICT Manager (D)"]
    assert ws.cell(4, 6).value is None


# --------------------------------------------------------------------------- framework, chart


def test_framework_sheet_is_the_full_grid(book, framework):
    ws = book["Framework"]
    assert [ws.cell(3, c).value for c in range(4, 8)] == [f"{lv.id}: {lv.title}" for lv in framework.levels]
    names = [ws.cell(r, 2).value for r in range(4, 4 + len(framework.skills))]
    assert names == [s.name for s in framework.skills]
    all_text = "\n".join(str(ws.cell(r, c).value) for r in range(4, 16) for c in range(4, 8))
    for ref in framework.statements.values():
        assert ref.statement.text in all_text


def test_chart_has_a_series_per_role(book):
    ws = book["Chart"]
    assert len(ws._charts) == 1
    chart = ws._charts[0]
    assert type(chart).__name__ == "BarChart"
    assert len(chart.series) == 4
    # Each series is named by the header cell above its data: school and title.
    refs = [s.tx.strRef.f for s in chart.series]
    titles = [ws[ref.split("!")[1].replace("$", "")].value for ref in refs]
    assert titles == ["Northfield \u00b7 ICT Technician", "Oakwood \u00b7 ICT Technician",
                      "Hillcrest \u00b7 ICT Systems Manager", "Kingsmead \u00b7 Network Manager"]


def test_sheet_names_by_school_and_title_fit_and_stay_unique(tmp_path, framework):
    from openpyxl import load_workbook

    schools = ["Ashdown Primary School", "Ashdown High School", "Brookfield Academy",
               "St Mary's C of E Primary School", "Long Meadow Primary School"]
    titles = ["ICT Technician", "ICT Technician", "Teaching Assistant (ICT) and Digital Lead",
              "ICT Technician", "Senior ICT Technician and Network Lead's"]
    roles = []
    for i, (school, title) in enumerate(zip(schools, titles)):
        path = tmp_path / f"r{i}.yaml"
        path.write_text(f"title: \"{title}\"\nschool: \"{school}\"\nskills:\n  health-safety: B\n", encoding="utf-8")
        roles.append(load_role(path, framework))
    roles.append(roles[2])  # one role twice: still one sheet name each
    out = tmp_path / "schools.xlsx"
    render_matrix(roles, out)
    names = load_workbook(out).sheetnames[1:7]
    # Two schools that shorten alike keep their full names.
    assert names[:4] == ["Ashdown Primary School \u00b7 ICT", "Ashdown High School \u00b7 ICT", "Brookfield \u00b7 Teaching Assistant",
                         "St Mary's \u00b7 ICT Technician"]
    assert names[4] == "Long Meadow \u00b7 Senior ICT"
    assert names[5].startswith("Brookfield \u00b7 Teaching") and names[5].endswith(" (2)")
    for name in names:
        assert len(name) <= SHEET_NAME_MAX and not name.endswith("'"), name
    assert len({n.casefold() for n in names}) == len(names)


def test_chart_caps_its_series(tmp_path, framework):
    roles = []
    for i in range(MAX_CHART_ROLES + 2):
        path = tmp_path / f"role{i:02}.yaml"
        path.write_text(f"title: Role {i}\nskills:\n  health-safety: {'ABCD'[i % 4]}\n", encoding="utf-8")
        roles.append(load_role(path, framework))
    out = tmp_path / "many.xlsx"
    render_matrix(roles, out)
    wb = openpyxl.load_workbook(out)
    assert len(wb["Chart"]._charts[0].series) == MAX_CHART_ROLES
    assert f"first {MAX_CHART_ROLES} of {len(roles)} roles" in wb["Chart"]["A2"].value
    assert wb["Roles"].cell(ROLE_ROW + len(roles) - 1, 1).value == f"Role {len(roles) - 1}"


# --------------------------------------------------------------------------- single role


def test_single_role_workbook_opens_on_the_roles_grid(tmp_path, framework):
    out = tmp_path / "ict-technician-matrix.xlsx"
    render_role_matrix(load_role(TECHNICIAN, framework), out, RenderOptions())
    wb = openpyxl.load_workbook(out)
    assert wb.sheetnames[0] == "ICT Technician"
    assert wb.active.title == "ICT Technician"
    # No chart for one role: it would only repeat the grid's levels.
    assert set(wb.sheetnames) == {"ICT Technician", "Roles", "Statements", "DfE standards", "Framework"}
    assert wb.properties.title == "ICT Technician - competence matrix"
    assert not list(tmp_path.glob(".*.part"))


def test_single_role_workbook_prints_only_what_the_role_needs(tmp_path, framework):
    role = load_role(TECHNICIAN, framework)
    out = tmp_path / "ict-technician-matrix.xlsx"
    render_role_matrix(role, out, RenderOptions())
    wb = openpyxl.load_workbook(out)
    statements = wb["Statements"]
    ids = {st.id for s in role.skills for f in ("activities", "knowledge", "examples") for st in s.statements(f)}
    shown = {statements.cell(r, 1).value for r in range(2, statements.max_row + 1)
             if not statements.row_dimensions[r].hidden}
    assert shown == ids  # the framework's other statements are there, filtered out (hidden rows do not print)
    assert statements.max_row - 1 > len(ids)
    assert wb["Framework"].print_area == "'Framework'!$A$1:$C$2"
    for name in ("ICT Technician", "Statements"):
        assert wb[name].page_setup.fitToHeight == 3 and wb[name].page_setup.fitToWidth == 1
    # Text on the two darkest level colours is white.
    grid = wb["ICT Technician"]
    fills = {}
    for row in grid.iter_rows(min_row=4, max_row=4):
        for cell in row:
            if cell.fill.fgColor.rgb and cell.value and ":" in str(cell.value):
                fills[str(cell.value)[0]] = cell.font.color.rgb
    assert fills["C"].endswith("FFFFFF") and fills["D"].endswith("FFFFFF") and fills["A"].endswith("000000")


# --------------------------------------------------------------------------- safety and names


INJECTION = """\
title: '=HYPERLINK("http://x")'
school: '-1 School'
grade: '@SUM(A1)'
skills:
  communication-skills:
    level: B
    add:
      activities: ["+1+1", "@SUM(A1)", "-2", "=1+2"]
"""


def test_formula_like_text_stays_text(tmp_path, framework):
    path = tmp_path / "inject.yaml"
    path.write_text(INJECTION, encoding="utf-8")
    out = tmp_path / "inject.xlsx"
    render_matrix([load_role(path, framework)], out)

    wb = openpyxl.load_workbook(out)
    ws = wb["Roles"]
    for col, value in ((1, '=HYPERLINK("http://x")'), (2, "-1 School"), (4, "@SUM(A1)")):
        cell = ws.cell(ROLE_ROW, col)
        assert cell.value == value and cell.data_type == "s"
    st = wb["Statements"]
    custom = {st.cell(r, 6).value: st.cell(r, 6) for r in range(2, st.max_row + 1)
              if ".custom." in str(st.cell(r, 1).value)}
    assert set(custom) == {"+1+1", "@SUM(A1)", "-2", "=1+2"}
    assert all(c.data_type == "s" for c in custom.values())
    assert {st.cell(r, 7).value for r in range(2, st.max_row + 1) if ".custom." in str(st.cell(r, 1).value)} == {
        '=HYPERLINK("http://x")'}

    calamine = CalamineWorkbook.from_path(str(out))
    rows = calamine.get_sheet_by_name("Roles").to_python()
    assert rows[ROLE_ROW - 1][:4] == ['=HYPERLINK("http://x")', "-1 School", "four", "@SUM(A1)"]
    texts = {row[5] for row in calamine.get_sheet_by_name("Statements").to_python()}
    assert {"+1+1", "@SUM(A1)", "-2", "=1+2"} <= texts
    detail = calamine.get_sheet_by_name(wb.sheetnames[1]).to_python()
    assert detail[0][0] == '=HYPERLINK("http://x")'


def test_long_duplicate_titles_get_unique_valid_sheet_names(tmp_path, framework):
    title = "Senior ICT Technician: Network/Server [Lead]?"  # 44 characters with forbidden ones
    roles = []
    for i in range(2):
        path = tmp_path / f"r{i}.yaml"
        path.write_text(f"title: '{title}'\nskills:\n  health-safety: B\n", encoding="utf-8")
        roles.append(load_role(path, framework))
    out = tmp_path / "dupes.xlsx"
    render_matrix(roles, out)
    names = openpyxl.load_workbook(out).sheetnames[1:3]
    assert len(set(names)) == 2
    for name in names:
        assert len(name) <= SHEET_NAME_MAX
        assert not set(name) & set("[]:*?/\\")
    assert names[1].endswith("(2)")
    assert CalamineWorkbook.from_path(str(out)).sheet_names[1:3] == names


def test_sheet_title_avoids_reserved_and_fixed_names():
    used = {"history", "roles", "statements", "framework", "chart"}
    assert sheet_title("Roles", used) == "Roles (2)"
    assert sheet_title("history", used) == "history (2)"
    assert sheet_title("'quoted'", used) == "quoted"
    assert sheet_title("***", used) == "Role"


# --------------------------------------------------------------------------- LibreOffice


@pytest.mark.soffice
@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) is not installed")
def test_libreoffice_opens_the_workbook(many, tmp_path):
    """A second spreadsheet application reads the workbook: LibreOffice converts it to PDF."""
    profile = tmp_path / "lo-profile"
    subprocess.run(
        ["soffice", f"-env:UserInstallation={profile.as_uri()}", "--headless", "--convert-to", "pdf",
         "--outdir", str(tmp_path), str(many)],
        check=True, capture_output=True, timeout=180,
    )
    pdf = tmp_path / "roles.pdf"
    assert pdf.exists() and pdf.stat().st_size > 10_000
    if shutil.which("pdftotext"):
        text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, timeout=60).stdout
        assert "Competence matrix" in text
        assert "Northfield Academy" in text


def test_modernised_statements_are_marked_adapted_in_the_role_sheet(tmp_path):
    from ictroles.renderers.outputs import RenderOptions
    from ictroles.roles.modernise import modernise_role
    from ictroles.roles.resolve import load_role

    role = modernise_role(load_role(EXAMPLES / "ict-technician.yaml"))
    out = tmp_path / "m.xlsx"
    render_role_matrix(role, out, RenderOptions())
    wb = openpyxl.load_workbook(out)
    texts = " ".join(str(c.value) for ws in wb.worksheets if ws.title not in ("Statements", "Framework")
                     for row in ws.iter_rows() for c in row if c.value)
    assert "install updates and patches). (modern wording of DA.B.A6)" in texts
