"""The panel's documents: the interview pack (.docx) and the shortlisting workbook (.xlsx).

Read back as a panel member sees them: the pack's questions, tasks, safeguarding set and
scoring key; the workbook's rows, validations and the totals LibreOffice works out.
"""

from __future__ import annotations

import csv
import datetime as dt
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

import docx
import openpyxl
import pytest
from click.testing import Result
from test_word_documents import headings, table_rows, texts

from ictroles.framework.competences import Framework
from ictroles.framework.interview import load_interview
from ictroles.renderers.interview import interview_pack, render_interview
from ictroles.renderers.outputs import OUTPUTS, RenderOptions
from ictroles.renderers.pdf import find_soffice
from ictroles.renderers.wording import Wording
from ictroles.roles.resolve import ResolvedRole, load_role

REPO = Path(__file__).resolve().parent.parent
TODAY = dt.date(2027, 1, 15)


@pytest.fixture(scope="module")
def technician(framework: Framework) -> ResolvedRole:
    return load_role(REPO / "examples" / "ict-technician.yaml", framework)


@pytest.fixture(scope="module")
def written(technician: ResolvedRole, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    out = tmp_path_factory.mktemp("interview")
    paths = OUTPUTS["interview"].paths(out, "ict-technician")
    render_interview(technician, paths[0], RenderOptions(today=TODAY))
    return paths[0], paths[1]


def test_interview_kind_writes_both_files(written: tuple[Path, Path]) -> None:
    pack, sheet = written
    assert pack.name == "ict-technician-interview-pack.docx"
    assert sheet.name == "ict-technician-shortlisting.xlsx"
    assert pack.exists() and sheet.exists()


def test_every_skill_level_has_questions(framework: Framework) -> None:
    layer = load_interview(framework)
    for skill in framework.skills:
        for level in framework.level_ids:
            cell = layer.cell(skill.id, level)
            assert cell is not None, (skill.id, level)
            assert 1 <= len(cell.questions) <= 2
            assert all(q.endswith("?") or q.endswith(".") for q in cell.questions)
    assert "not part of the 2005 framework" in layer.name


def test_pack_asks_about_each_essential_interview_criterion(technician: ResolvedRole,
                                                            written: tuple[Path, Path]) -> None:
    doc = docx.Document(str(written[0]))
    rows = table_rows(doc)
    cells = [c for row in rows for c in row]
    pack = interview_pack(technician, Wording())
    # Every Essential criterion assessed at interview (I) outside suitability has a row.
    for skill in technician.skills:
        assert any(c.startswith(f"{skill.name} \u00b7 Level {skill.level}") and "Q" in c for c in cells), skill.id
        assert skill.good_answer in cells
    dsa = technician.skill("desktop-application-support")
    assert dsa is not None
    first = next(c for c in cells if c.startswith(f"{dsa.name} \u00b7 Level B") and "Q1." in c)
    assert dsa.questions[0] in first
    # Also assessed by a task: one question only; the task gives the rest of the evidence.
    assert "Q2." not in first
    assert "Questions on the Essential criteria" in headings(doc, 1)
    numbers = [int(part.split(".")[0]) for c in cells for part in c.split("Q")[1:] if part[:1].isdigit()]
    assert numbers == list(range(1, len(numbers) + 1))  # numbered through the pack
    assert len(pack.criteria_questions) >= len(technician.skills)


def test_pack_sets_the_practical_tasks(technician: ResolvedRole, written: tuple[Path, Path]) -> None:
    doc = docx.Document(str(written[0]))
    rows = table_rows(doc)
    assert "Practical tasks" in headings(doc, 1)
    tasks = [s for s in technician.skills if s.task]
    for skill in tasks:
        row = next(r for r in rows if skill.task and skill.task in r[0])
        assert row[2] == "0   1   2   3"
        assert row[1] == skill.criterion  # what to look for: the criterion the task tests
    assert any("works methodically and safely" in t for t in texts(doc))


def test_pack_has_safeguarding_set_and_scoring_key(written: tuple[Path, Path]) -> None:
    doc = docx.Document(str(written[0]))
    rows = table_rows(doc)
    assert "Safeguarding questions (every interview)" in headings(doc, 1)
    cells = [c for row in rows for c in row]
    for words in ("want to work in a school", "including any gaps", "social media", "designated safeguarding lead"):
        assert any(words in c for c in cells), words
    assert ["0", "No evidence, or the answer raises a concern."] in rows
    assert ["3", "Strong evidence; meets the criterion fully, with clear examples."] in rows
    assert "Panel decision" in headings(doc, 1)
    assert ["Candidate", ""] in rows and ["Interview date", "Friday 21 May 2027"] in rows


def test_school_rewords_one_safeguarding_heading(technician: ResolvedRole, write: Callable[..., Path],
                                                 tmp_path: Path) -> None:
    write("school/interview.yaml", "safeguarding_heading: Keeping children safe\n")
    out = tmp_path / "x-interview-pack.docx"
    render_interview(technician, out, RenderOptions(today=TODAY, templates_dir=tmp_path / "school"))
    doc = docx.Document(str(out))
    assert "Keeping children safe" in headings(doc, 1)
    assert "Scoring key" in headings(doc, 2)  # the rest from the built-in file


def test_pack_prints_on_two_to_four_pages(written: tuple[Path, Path], tmp_path: Path) -> None:
    soffice = find_soffice()
    if soffice is None:
        pytest.skip("LibreOffice is not installed")
    if shutil.which("pdfinfo") is None:
        pytest.skip("pdfinfo (poppler) is not installed")
    _soffice(soffice, "pdf", written[0], tmp_path)
    info = subprocess.run(["pdfinfo", str(tmp_path / written[0].with_suffix(".pdf").name)],
                          capture_output=True, text=True, check=True).stdout
    pages = int(next(line.split()[-1] for line in info.splitlines() if line.startswith("Pages:")))
    assert 2 <= pages <= 4, pages


# -- the shortlisting workbook ----------------------------------------------------------------

def _layout(ws: openpyxl.worksheet.worksheet.Worksheet) -> dict[str, int]:
    rows = {str(ws.cell(r, 2).value): r for r in range(1, ws.max_row + 1) if ws.cell(r, 2).value}
    header = next(r for r in range(1, ws.max_row + 1) if ws.cell(r, 4).value == "Candidate 1")
    return {"header": header, **rows}


def test_shortlisting_rows_are_the_application_form_criteria(technician: ResolvedRole,
                                                            written: tuple[Path, Path]) -> None:
    ws = openpyxl.load_workbook(written[1])["Shortlisting"]
    at = _layout(ws)
    header = at["header"]
    assert [ws.cell(header, c).value for c in range(4, 12)] == [f"Candidate {n}" for n in range(1, 9)]
    pack = interview_pack(technician, Wording())
    listed = [ws.cell(r, 2).value for r in range(header + 2, header + 2 + len(pack.shortlist))]
    assert listed == [c.text for c in pack.shortlist]
    assert all("A" in c.assessed for c in pack.shortlist)
    kinds = [ws.cell(r, 3).value for r in range(header + 2, header + 2 + len(pack.shortlist))]
    assert kinds == sorted(kinds, key=lambda k: k != "Essential")  # Essential first
    assert ws.freeze_panes == f"D{header + 1}"
    assert ws.print_title_rows == f"${header}:${header}"
    assert ws.page_setup.orientation == "landscape"


def test_shortlisting_validations(written: tuple[Path, Path]) -> None:
    ws = openpyxl.load_workbook(written[1])["Shortlisting"]
    at = _layout(ws)
    essential_row = at["Good standard of literacy and numeracy (GCSE grade 4/C in English and maths, or equivalent)."]
    desirable_row = at["Experience of working in a school or with children and young people."]
    rules: dict[tuple[str | None, ...], list[str]] = {}
    for dv in ws.data_validations.dataValidation:
        rules.setdefault((dv.type, dv.formula1, dv.formula2), []).extend(str(dv.sqref).split())
    assert f"D{essential_row}:K{essential_row}" in rules[("list", '"Yes,No"', None)]
    assert f"D{desirable_row}:K{desirable_row}" in rules[("whole", "0", "3")]
    assert f"D{essential_row}:K{essential_row}" not in rules[("whole", "0", "3")]


def test_totals_are_formulas_the_workbook_writes(written: tuple[Path, Path]) -> None:
    ws = openpyxl.load_workbook(written[1])["Shortlisting"]
    at = _layout(ws)
    for label in ("Essential criteria met", "All Essential criteria met", "Desirable score (out of 9)"):
        for col in range(4, 12):
            value = ws.cell(at[label], col).value
            assert isinstance(value, str) and value.startswith("="), (label, col)
    # Criterion text is text, never a formula, whatever it starts with.
    assert all(ws.cell(r, 2).data_type == "s" for r in range(at["header"] + 1, at["Essential criteria met"]))


def test_user_text_starting_with_equals_stays_text(write: Callable[..., Path], framework: Framework,
                                                   tmp_path: Path) -> None:
    path = write("r.yaml", """
        title: T
        skills: {health-safety: B}
        person_spec:
          add:
            - text: "=HYPERLINK(\\"http://example.com\\",\\"x\\")"
              category: qualifications
              assessed: [A]
        """)
    out = tmp_path / "t-interview-pack.docx"
    render_interview(load_role(path, framework), out, RenderOptions(today=TODAY))
    ws = openpyxl.load_workbook(tmp_path / "t-shortlisting.xlsx")["Shortlisting"]
    cell = next(c for row in ws.iter_rows() for c in row if c.value and str(c.value).startswith("=HYPERLINK"))
    assert cell.column == 2 and cell.data_type == "s"


def test_libreoffice_recalculates_the_totals(written: tuple[Path, Path], tmp_path: Path) -> None:
    soffice = find_soffice()
    if soffice is None:
        pytest.skip("LibreOffice is not installed")
    wb = openpyxl.load_workbook(written[1])
    ws = wb["Shortlisting"]
    at = _layout(ws)
    header = at["header"]
    essential = [r for r in range(header + 2, at["Essential criteria met"]) if ws.cell(r, 3).value == "Essential"]
    desirable = [r for r in range(header + 2, at["Essential criteria met"]) if ws.cell(r, 3).value == "Desirable"]
    assert len(essential) == 2 and len(desirable) == 3
    # Candidate 1 meets both Essential criteria; candidate 2 misses one; candidate 3 is not scored.
    for r in essential:
        ws.cell(r, 4).value = "Yes"
    ws.cell(essential[0], 5).value, ws.cell(essential[1], 5).value = "Yes", "No"
    for r, (one, two) in zip(desirable, ((3, 1), (2, 0), (0, 3))):
        ws.cell(r, 4).value, ws.cell(r, 5).value = one, two
    filled = tmp_path / "filled.xlsx"
    wb.save(filled)
    _soffice(soffice, "csv:Text - txt - csv (StarCalc):44,34,76", filled, tmp_path)  # UTF-8
    with open(tmp_path / "filled.csv", encoding="utf-8", newline="") as f:
        values = list(csv.reader(f))

    def row(label: str) -> list[str]:
        return values[at[label] - 1][3:6]

    assert row("Essential criteria met") == ["2 of 2", "1 of 2", "0 of 2"]
    assert row("All Essential criteria met") == ["Yes", "No", ""]
    assert row("Desirable score (out of 9)") == ["5", "4", "0"]


def test_full_build_includes_the_interview_pack(run: Callable[..., Result], tmp_path: Path) -> None:
    result = run("build", REPO / "examples" / "ict-technician.yaml", "-o", tmp_path)
    assert result.exit_code == 0, result.output
    assert (tmp_path / "ict-technician-interview-pack.docx").exists()
    assert (tmp_path / "ict-technician-shortlisting.xlsx").exists()
    result = run("build", REPO / "examples" / "ict-technician.yaml", "-o", tmp_path / "only", "--only", "interview")
    assert sorted(p.name for p in (tmp_path / "only").iterdir()) == [
        "ict-technician-interview-pack.docx", "ict-technician-shortlisting.xlsx"]


def _soffice(soffice: str, target: str, source: Path, out_dir: Path) -> None:
    profile = out_dir / "lo-profile"
    subprocess.run(
        [soffice, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--convert-to", target,
         "--outdir", str(out_dir), str(source)],
        capture_output=True, timeout=180, check=True,
    )
