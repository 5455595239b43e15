"""Rewording in place: a framework statement or a criterion in the school's words, where it stands.

Also the "did you mean" hints: they never suggest the word that was refused.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

import docx
import openpyxl
import pytest
from click.testing import Result
from test_word_documents import table_rows, texts

from ictroles.core.errors import InvalidInputError
from ictroles.framework.competences import Framework, suggest
from ictroles.renderers.excel.matrix import render_role_matrix
from ictroles.renderers.outputs import RenderOptions
from ictroles.renderers.word.job_description import render_job_description
from ictroles.renderers.word.person_spec import render_person_spec
from ictroles.roles.modernise import modernise_role
from ictroles.roles.resolve import load_role

TODAY = dt.date(2027, 1, 15)
NEW_A2 = "Install software on servers and resolve installation problems."
NEW_K1 = "A working knowledge of Windows Server and Microsoft 365 administration."
ROLE = f"""
title: ICT Technician
school: Northfield Academy
skills:
  desktop-application-support: B
  server-network-support:
    level: C
    replace:
      SN.C.A2: {NEW_A2}
      SN.C.K1: {NEW_K1}
person_spec:
  criteria:
    server-network-support:
      text: Good working knowledge of Windows Server, Wi-Fi and network switching.
"""


@pytest.fixture
def role_file(write: Callable[..., Path]) -> Path:
    return write("reword.yaml", ROLE)


def test_replace_keeps_position_and_id(role_file: Path, framework: Framework,
                                       write: Callable[..., Path]) -> None:
    plain = load_role(write("plain.yaml", "title: T\nskills: {server-network-support: C}\n"), framework)
    skill, before = load_role(role_file, framework).skill("server-network-support"), plain.skill("server-network-support")
    assert skill is not None and before is not None
    assert [st.id for st in skill.activities] == [st.id for st in before.activities]
    assert [st.id for st in skill.knowledge] == [st.id for st in before.knowledge]
    a2 = next(st for st in skill.activities if st.id == "SN.C.A2")
    assert a2.text == NEW_A2
    assert a2.origin == "adapted"
    assert a2.original_text == framework.statements["SN.C.A2"].statement.text
    a1 = next(st for st in skill.activities if st.id == "SN.C.A1")
    assert a1.origin == "framework" and a1.original_text is None


def test_school_wording_wins_over_modern_wording(role_file: Path, framework: Framework) -> None:
    # SN.C.A2 mentions CDs, so the modern-wording overlay has an entry for it.
    role = modernise_role(load_role(role_file, framework))
    skill = role.skill("server-network-support")
    assert skill is not None
    a2 = next(st for st in skill.activities if st.id == "SN.C.A2")
    assert a2.text == NEW_A2
    assert a2.original_text == framework.statements["SN.C.A2"].statement.text


def test_appendix_marks_adapted_statements(role_file: Path, framework: Framework, tmp_path: Path) -> None:
    role = load_role(role_file, framework)
    out = tmp_path / "jd.docx"
    render_job_description(role, out, RenderOptions(today=TODAY, appendix=True))
    lines = texts(docx.Document(str(out)))
    original = framework.statements["SN.C.K1"].statement.text
    line = next(t for t in lines if t.startswith(NEW_K1))
    assert "SN.C.K1 \u00b7 adapted by the school" in line
    assert f"(framework text: \u201c{original}\u201d)" in line
    # An untouched statement carries its id only.
    a1 = next(t for t in lines if "SN.C.A1" in t)
    assert "adapted" not in a1


def test_workbook_marks_adapted_statements(role_file: Path, framework: Framework, tmp_path: Path) -> None:
    role = load_role(role_file, framework)
    out = tmp_path / "m.xlsx"
    render_role_matrix(role, out, RenderOptions(today=TODAY))
    wb = openpyxl.load_workbook(out)
    cells = [str(c.value) for ws in wb.worksheets for row in ws.iter_rows() for c in row if c.value]
    assert any(NEW_A2 in c and "(adapted by the school from SN.C.A2)" in c for c in cells)
    ws = wb["Statements"]
    rows = [[c.value for c in row] for row in ws.iter_rows(min_row=2)]
    adapted = [r for r in rows if r[0] == "SN.C.A2" and r[6]]
    assert len(adapted) == 1
    assert adapted[0][5].startswith(NEW_A2)
    assert "adapted by the school; framework text:" in adapted[0][5]
    assert adapted[0][6] == "ICT Technician"


def test_person_spec_criterion_reworded(role_file: Path, framework: Framework, tmp_path: Path) -> None:
    role = load_role(role_file, framework)
    out = tmp_path / "ps.docx"
    render_person_spec(role, out, RenderOptions(today=TODAY))
    rows = table_rows(docx.Document(str(out)))
    assert ["Good working knowledge of Windows Server, Wi-Fi and network switching.", "\u2713", "", "I, T"] in rows


@pytest.mark.parametrize(("entry", "message"), [
    ("SN.C.A3: x y", "'SN.C.A3' is also excluded; reword it or exclude it, not both"),
    ("DA.B.A1: x y", "'DA.B.A1' belongs to skill 'desktop-application-support'; reword it under that skill"),
    ("SN.D.A1: x y", "'SN.D.A1' is not part of server-network-support at level C; include it first"),
    ("XX: x y", "'XX' is not a statement id"),
])
def test_bad_replace_is_located(write: Callable[..., Path], framework: Framework, entry: str, message: str) -> None:
    path = write("bad.yaml", f"""
        title: T
        skills:
          server-network-support:
            level: C
            exclude: [SN.C.A3]
            replace:
              {entry}
        """)
    with pytest.raises(InvalidInputError) as exc:
        load_role(path, framework)
    (problem,) = exc.value.problems
    assert problem.line == 7
    assert problem.field.startswith("skills.server-network-support.replace.")
    assert message in problem.message


def test_replace_with_the_framework_text_is_refused(write: Callable[..., Path], framework: Framework) -> None:
    text = framework.statements["SN.C.A1"].statement.text
    path = write("same.yaml", f"""
        title: T
        skills:
          server-network-support:
            level: C
            replace: {{SN.C.A1: "{text}"}}
        """)
    with pytest.raises(InvalidInputError, match="word for word the framework's text of SN.C.A1"):
        load_role(path, framework)


def test_show_marks_adapted(run: Callable[..., Result], role_file: Path) -> None:
    result = run("show", role_file)
    assert result.exit_code == 0
    assert "[adapted]" in result.output
    assert "[adapted] a framework statement reworded by the school" in result.output


# -- hints never suggest the refused word ----------------------------------------------------

def test_misspelt_criterion_field_suggests_text(run: Callable[..., Result], write: Callable[..., Path]) -> None:
    path = write("r.yaml", """
        title: T
        skills:
          server-network-support: C
        person_spec:
          criteria:
            x: {txt: "Hello there."}
        """)
    result = run("validate", path)
    assert result.exit_code == 1
    assert "person_spec.criteria.x.txt: unknown field; did you mean 'text'?" in result.output


def test_field_in_the_wrong_place_is_not_suggested_to_itself(run: Callable[..., Result],
                                                             write: Callable[..., Path]) -> None:
    path = write("r.yaml", """
        title: T
        person_spec:
          text: Hello there.
        """)
    result = run("validate", path)
    assert result.exit_code == 1
    assert "person_spec.text: unknown field" in result.output
    assert "did you mean 'text'" not in result.output
    assert "the fields here are add, criteria, defaults" in result.output


def test_grades_file_hint_never_repeats_the_word(run: Callable[..., Result], write: Callable[..., Path]) -> None:
    grades = write("grades.yaml", """
        grades:
          - name: Grade 4
            levels: {default: A-B}
            default: A-B
          - name: Grade 5
            levels: {default: B-C, skils: {}}
        """)
    role = write("role.yaml", "title: T\nskills: {health-safety: B}\n")
    result = run("grade", role, "--grades", grades)
    assert result.exit_code == 1
    assert "grades[0].default: unknown field" in result.output
    assert "did you mean 'default'" not in result.output
    assert "grades[1].levels.skils: unknown field; did you mean 'skills'?" in result.output


def test_suggest_skips_the_refused_word() -> None:
    assert suggest("text", ["text", "texts"]) == "; did you mean 'texts'?"
    assert suggest("text", ["text"]) == ""
