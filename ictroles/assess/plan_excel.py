"""The development plan as a workbook: one row per statement to develop, with columns to agree actions.

Sheets: "Plan" (the statements in the order to work on them, the suggestion on each skill's first
row, and empty agreed action, support, review date and evidence columns), "Skills" (each
skill's level needed, the person's level and the gap) and, for a role with DfE standards,
"DfE standards" (each standard's level, whether it is met, and its rows still to develop with
the same columns), labelled as not part of the framework. Cells go through ``set_value`` so no
text ever becomes a formula.
"""

from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook
from openpyxl.worksheet.worksheet import Worksheet

from ictroles.assess.model import LEVEL_RULE, PERSONAL_DATA_NOTE, RATINGS
from ictroles.assess.plan import PRIORITY_TEXT, Plan
from ictroles.assess.sheets import ACCENT, GAP_FILL, INPUT, MET_FILL, footer, put
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
        values = (PRIORITY_TEXT[st.priority], standing.name, st.item.level, st.item.facet_name, st.item.text,
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
    if plan.standards:
        _standards_sheet(wb.create_sheet(STANDARDS_SHEET), plan)
    save_workbook(wb, out_path)


STANDARDS_SHEET = "DfE standards"
STANDARDS_COLUMNS = (("Standard", 24), ("Needed", 8), ("Now", 18), ("Part", 16), ("Statement to develop", 52),
                     ("Rating now", 12), ("Suggested development (edit freely)", 40), ("Agreed action", 30),
                     ("Who supports it", 18), ("Review date", 12), ("Evidence of progress", 26), ("Id", 24))


def _standards_sheet(ws: Worksheet, plan: Plan) -> None:
    """The role's DfE standards, one row per statement still to develop (a met standard: one row)."""
    put(ws, 1, 1, f"{plan.standards_name or 'DfE standards'}: {plan.name}", bold=True, size=14, color=ACCENT,
        border=False, wrap=False)
    put(ws, 2, 1, "Not part of the ICT Competences Framework: the role also carries these Department for "
                  "Education standards for schools, each measured at one level by the same rule.", bold=True,
        border=False, wrap=False)
    put(ws, 3, 1, LEVEL_RULE, size=9, border=False, wrap=False)
    footer(ws, PERSONAL_DATA_NOTE)
    header = 5
    for col, (title, width) in enumerate(STANDARDS_COLUMNS, 1):
        put(ws, header, col, title, bold=True, background=ACCENT, color="FFFFFF")
        ws.column_dimensions[ws.cell(row=1, column=col).column_letter].width = width
    row = header
    order = [*plan.standard_gaps, *(s for s in plan.standards if s.met)]
    for s in order:
        rows = s.to_develop or (None,)
        for i, st in enumerate(rows):
            row += 1
            suggestion = f"{s.suggestion.kind}: {s.suggestion.text}" if i == 0 and s.suggestion else ""
            if st is None:
                values: tuple[object, ...] = (s.name, s.required, s.person_text, "", "Met: nothing to develop",
                                              "", "", None, None, None, None, "")
            else:
                values = (s.name, s.required, s.person_text, st.item.facet_name, st.item.text,
                          RATINGS[st.rating] if st.rating else "Not rated", suggestion, None, None, None,
                          st.evidence, st.item.id)
            for col, value in enumerate(values, 1):
                background = INPUT if 7 <= col <= 11 and st is not None else None
                if col == 3:
                    background = MET_FILL if s.met else GAP_FILL
                put(ws, row, col, value, background=background)
            text = st.item.text if st is not None else ""
            lines = max(wrapped_lines([text], 52, 10), wrapped_lines([suggestion], 40, 10) if suggestion else 1,
                        wrapped_lines([s.name], 24, 10))
            ws.row_dimensions[row].height = row_height(lines, 10)
    ws.freeze_panes = ws.cell(row=header + 1, column=2)
    ws.print_title_rows = f"{header}:{header}"
    fit_to_width(ws)
