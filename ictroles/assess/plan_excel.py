"""The development plan as a workbook: one row per statement to develop, with columns to agree actions.

Sheets: "Plan" (the statements in the order to work on them, the suggestion on each skill's first
row, and empty agreed action, support, review date and evidence columns) and "Skills" (each
skill's level needed, the person's level and the gap). Cells go through ``set_value`` so no
text ever becomes a formula.
"""

from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook
from openpyxl.worksheet.worksheet import Worksheet

from ictroles.assess.model import LEVEL_RULE, PERSONAL_DATA_NOTE, RATINGS
from ictroles.assess.plan import PRIORITY_TEXT, Plan
from ictroles.assess.sheets import ACCENT, GAP_FILL, INPUT, MET_FILL, footer, put
from ictroles.framework.competences import FACET_NAMES
from ictroles.renderers.excel.cells import fit_to_width, row_height, save_workbook, wrapped_lines

PLAN_COLUMNS = (("Priority", 16), ("Skill", 22), ("Level", 7), ("Facet", 10), ("Statement to develop", 52),
                ("Rating now", 12), ("Suggested development (edit freely)", 40), ("Agreed action", 30),
                ("Who supports it", 18), ("Review date", 12), ("Evidence of progress", 26), ("Id", 11))


def _head(ws: Worksheet, plan: Plan, title: str) -> int:
    put(ws, 1, 1, f"{title}: {plan.name}", bold=True, size=14, color=ACCENT, border=False, wrap=False)
    against = f"{plan.role_title}" + (f", measured against {plan.target_title}" if plan.target_title else "")
    dated = f" · self-assessment of {plan.date.strftime('%d/%m/%Y')}" if plan.date else ""
    put(ws, 2, 1, against + (f" · {plan.school}" if plan.school else "") + dated, border=False, wrap=False)
    put(ws, 3, 1, plan.summary, bold=True, border=False, wrap=False)
    put(ws, 4, 1, LEVEL_RULE, size=9, border=False, wrap=False)
    footer(ws, PERSONAL_DATA_NOTE)
    return 6


def render_plan_excel(plan: Plan, out_path: Path) -> None:
    """Write the plan workbook to ``out_path`` (.xlsx)."""
    wb = Workbook()
    ws = wb.active
    ws.title = "Plan"
    header = _head(ws, plan, "Development plan")
    for col, (title, width) in enumerate(PLAN_COLUMNS, 1):
        put(ws, header, col, title, bold=True, background=ACCENT, color="FFFFFF")
        ws.column_dimensions[ws.cell(row=1, column=col).column_letter].width = width
    row = header
    seen: set[str] = set()
    for standing, st in plan.statements_to_develop():
        row += 1
        first = standing.skill_id not in seen
        seen.add(standing.skill_id)
        suggestion = ""
        if first and st.priority != "next-level" and standing.suggestion:
            suggestion = f"{standing.suggestion.kind}: {standing.suggestion.text}"
        values = (PRIORITY_TEXT[st.priority], standing.name, st.item.level, FACET_NAMES[st.item.facet], st.item.text,
                  RATINGS[st.rating] if st.rating else "Not rated", suggestion, None, None, None, st.evidence,
                  st.item.id)
        for col, value in enumerate(values, 1):
            put(ws, row, col, value, background=INPUT if 7 <= col <= 11 else None)
        lines = max(wrapped_lines([st.item.text], 52, 10), wrapped_lines([suggestion], 40, 10) if suggestion else 1)
        ws.row_dimensions[row].height = row_height(lines, 10)
    if row == header:
        put(ws, header + 1, 1, "Nothing to develop: every statement at the levels the role needs is met.",
              border=False, wrap=False)
    ws.freeze_panes = ws.cell(row=header + 1, column=3)
    ws.print_title_rows = f"{header}:{header}"
    fit_to_width(ws)

    sk = wb.create_sheet("Skills")
    header = _head(sk, plan, "Where you stand")
    for col, (title, width) in enumerate((("Focus area", 14), ("Skill", 40), ("Needed", 9), ("Now", 20),
                                          ("Statements met", 15), ("Gap", 36)), 1):
        put(sk, header, col, title, bold=True, background=ACCENT, color="FFFFFF")
        sk.column_dimensions[sk.cell(row=1, column=col).column_letter].width = width
    for i, s in enumerate(plan.skills, 1):
        cells = (s.focus_name, s.name, s.required, s.person_text, f"{s.met_count} of {s.total}", s.gap_text)
        for col, value in enumerate(cells, 1):
            put(sk, header + i, col, value, background=(MET_FILL if s.met else GAP_FILL) if col == 6 else None)
    sk.freeze_panes = sk.cell(row=header + 1, column=1)
    fit_to_width(sk)
    save_workbook(wb, out_path)
