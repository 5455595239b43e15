"""The interview pack (.docx): scoring key, questions per criterion, practical tasks,
safeguarding questions and the panel's decision, printed for each panel member."""

from __future__ import annotations

from pathlib import Path

from docx.shared import Pt
from docx.table import Table

from ictroles.renderers.facts import long_date
from ictroles.renderers.interview import InterviewPack, Question
from ictroles.renderers.outputs import RenderOptions
from ictroles.renderers.word.common import ACCENT, LIGHT, WordDoc, grey_run, shade_cell
from ictroles.roles.resolve import ResolvedRole

DOC_NAME = "Interview pack"
SCORE_BOXES = "0   1   2   3"
SRC = "interview.yaml"
TABLE_POINTS = 9.5


def render_interview_pack(role: ResolvedRole, pack: InterviewPack, out_path: Path, options: RenderOptions) -> None:
    """Write the panel's interview pack to ``out_path`` (.docx)."""
    wd = WordDoc(role, options, DOC_NAME)
    spec = role.spec
    text = pack.text
    _compact_tables(wd)

    wd.para(role.title, "Title")
    wd.para(DOC_NAME + (f" \u00b7 {spec.school}" if spec.school else ""), "Subtitle")
    _form(wd, [("Candidate", ""), ("Panel member", ""),
               ("Interview date", long_date(spec.interview_date, weekday=True) if spec.interview_date else "")])
    if text.intro:
        wd.para(wd.fill(text.intro, SRC)).paragraph_format.space_before = 160 * 635

    wd.heading(wd.fill(text.scoring_heading, SRC), 2)
    key = wd.table([900, wd.text_width - 900])
    for score, meaning in text.scores.items():
        cells = wd.row(key, [score, wd.fill(meaning, SRC)], bold=(0,), center=(0,))
        shade_cell(cells[0], LIGHT)
    if text.scoring_note:
        wd.para(wd.fill(text.scoring_note, SRC), "Note").paragraph_format.space_before = 80 * 635

    number = 0
    if pack.criteria_questions:
        wd.heading(wd.fill(text.criteria_heading, SRC), 1)
        if text.criteria_intro:
            wd.para(wd.fill(text.criteria_intro, SRC), "Note")
        number = _questions(wd, pack.criteria_questions, number)
    if pack.tasks:
        wd.heading(wd.fill(text.task_heading, SRC), 1)
        if text.task_intro:
            wd.para(wd.fill(text.task_intro, SRC), "Note")
        for line in text.look_for:
            wd.bullet(wd.fill(line, SRC))
        tbl = _score_table(wd, "Task", "Evidence that the candidate meets the criterion")
        for task in pack.tasks:
            cells = wd.row(tbl, ["", task.look_for, SCORE_BOXES], center=(2,))
            p = cells[0].paragraphs[0]
            grey_run(p, task.label)
            p.add_run().add_break()
            p.add_run(task.task)
    wd.heading(wd.fill(text.safeguarding_heading, SRC), 1)
    if text.safeguarding_intro:  # never left at the foot of a page without its questions
        wd.para(wd.fill(text.safeguarding_intro, SRC), "Note").paragraph_format.keep_with_next = True
    _questions(wd, pack.safeguarding, number)

    wd.heading(wd.fill(text.decision_heading, SRC), 1)
    for line in text.decision_lines:
        p = wd.para(wd.fill(line, SRC))
        p.paragraph_format.space_before = 120 * 635
        p.paragraph_format.keep_with_next = True
    wd.save(out_path)


def _compact_tables(wd: WordDoc) -> None:
    """Table text a point smaller than in the other documents, so the pack prints on 2-4 pages."""
    style_id = wd.style_ids.get("Table Text")
    style = next((st for st in wd.doc.styles if st.style_id == style_id), None) if style_id else None
    if style is not None:
        style.font.size = Pt(TABLE_POINTS)


def _form(wd: WordDoc, rows: list[tuple[str, str]]) -> None:
    """Label | value rows; an empty value is a space for the panel member to write in."""
    tbl = wd.table([2700, wd.text_width - 2700])
    for label, value in rows:
        cells = wd.row(tbl, [label, value], bold=(0,))
        shade_cell(cells[0], LIGHT)


def _score_table(wd: WordDoc, first: str, second: str) -> Table:
    score = 1000
    first_width = (wd.text_width - score) * 11 // 20
    tbl = wd.table([first_width, wd.text_width - score - first_width, score])
    wd.row(tbl, [first, second, "Score"], shade=ACCENT, bold=True, header=True, center=(2,), color="FFFFFF")
    return tbl


def _questions(wd: WordDoc, questions: tuple[Question, ...], number: int) -> int:
    """One row per criterion: its questions (numbered through the pack), the good answer, a score."""
    tbl = _score_table(wd, "Question", "What a good answer shows")
    for q in questions:
        cells = wd.row(tbl, ["", q.good_answer, SCORE_BOXES], center=(2,))
        p = cells[0].paragraphs[0]
        lead = [x for x in (q.label, q.criterion) if x]
        for i, line in enumerate(lead):
            if i:
                p.add_run().add_break()
            grey_run(p, line)
        for i, asked in enumerate(q.questions):
            number += 1
            if i or lead:
                p.add_run().add_break()
            p.add_run(f"Q{number}. ").bold = True
            p.add_run(asked)
    return number
