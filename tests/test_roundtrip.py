"""Real-client round trips: every document of every example opens elsewhere and reads the same.

For each top-level example role file, every document type is built (.docx, .xlsx, .html). Then:

* an independent reader reads the same text as the libraries that wrote it: docx2python
  against python-docx for Word files, python-calamine (Rust) against openpyxl for workbooks;
* LibreOffice converts every document to a non-empty PDF whose text contains the job title
  (skipped with a reason when soffice is missing; CI installs it).
"""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil
import subprocess
from collections import Counter
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from ictroles.cli import cli
from ictroles.renderers.outputs import OUTPUTS
from ictroles.roles.resolve import load_role

_ROOT = Path(__file__).parent.parent / "examples"
# Every example role: the school examples, the standard roles and the authority's schools.
EXAMPLES = sorted([*_ROOT.glob("*.yaml"), *_ROOT.glob("standard-roles/*.yaml"),
                   *_ROOT.glob("authority/schools/*.yaml"), *_ROOT.glob("authority/standard-roles/*.yaml")])
KINDS = [k for k in OUTPUTS if any(OUTPUTS[k].suffix.endswith(x) for x in (".docx", ".xlsx", ".html"))]
ADVERTS = ("advert", "advert-web", "interview")  # what a post has and a template does not


def kinds_of(example: Path) -> list[str]:
    """What a build writes for the example: a standard role (a template) has no advert."""
    return [k for k in KINDS if not (load_role(example).spec.standard and k in ADVERTS)]
SOFFICE = shutil.which("soffice")


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Callable[[Path], Path]:
    """Build an example's documents once per test worker, on first use."""
    cache: dict[Path, Path] = {}

    def build(example: Path) -> Path:
        if example not in cache:
            out = tmp_path_factory.mktemp(example.stem)
            result = CliRunner().invoke(
                cli, ["build", str(example), "-o", str(out), "--only", ",".join(KINDS), "--jobs", "1", "--quiet"]
            )
            assert result.exit_code == 0, result.output
            cache[example] = out
        return cache[example]

    return build


def document(out: Path, example: Path, kind: str) -> Path:
    """The path of one built document (the role's slug is its file stem)."""
    paths = [p for p in out.iterdir() if p.name.endswith("-" + OUTPUTS[kind].suffix)]
    assert len(paths) == 1, sorted(p.name for p in out.iterdir())
    return paths[0]


def _norm(text: str) -> str:
    return " ".join(text.split())


# ---------------------------------------------------------------- Word: python-docx vs docx2python

def python_docx_lines(path: Path) -> set[str]:
    """Every line of text python-docx sees: body, tables (nested too), headers and footers."""
    import docx

    lines: list[str] = []

    def walk(container: Any) -> None:
        for p in container.paragraphs:
            lines.extend(p.text.split("\n"))  # a <w:br/> is a line break inside a paragraph
        for table in container.tables:
            for row in table.rows:
                for cell in row.cells:
                    walk(cell)

    document_ = docx.Document(str(path))
    walk(document_)
    for section in document_.sections:
        for part in (section.header, section.footer, section.first_page_header, section.first_page_footer):
            if not part.is_linked_to_previous:
                walk(part)
    return {_norm(t) for t in lines if _norm(t)}


# docx2python writes list numbering in front of list paragraphs: "1)\t", "a)\t", "--\t".
_NUMBERING = re.compile(r"^(?:--|\d+\)|[a-zA-Z]+\))\t")


def docx2python_lines(path: Path) -> set[str]:
    """Every line of text docx2python sees, list numbering removed."""
    from docx2python import docx2python

    with docx2python(path) as content:
        text = content.text
    return {_norm(_NUMBERING.sub("", line)) for line in text.split("\n") if _norm(_NUMBERING.sub("", line))}


def _word_cases() -> Iterator[Any]:
    for example in EXAMPLES:
        for kind in kinds_of(example):
            if OUTPUTS[kind].suffix.endswith(".docx"):
                yield pytest.param(example, kind, id=f"{example.stem}-{kind}")


@pytest.mark.parametrize(("example", "kind"), list(_word_cases()))
def test_docx_reads_the_same_in_docx2python(example: Path, kind: str, built: Callable[[Path], Path]) -> None:
    path = document(built(example), example, kind)
    ours = python_docx_lines(path)
    theirs = docx2python_lines(path)
    assert ours, "python-docx read no text"
    assert ours - theirs == set(), "lines python-docx reads but docx2python does not"
    assert theirs - ours == set(), "lines docx2python reads but python-docx does not"


# ---------------------------------------------------------------- Excel: openpyxl vs calamine

def _cell(value: Any) -> str | None:
    """A cell value in a form both readers agree on (numbers as floats, dates as ISO)."""
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, (int, float)):
        return repr(float(value))
    if isinstance(value, dt.datetime) and value.time() == dt.time(0):
        value = value.date()
    if isinstance(value, (dt.date, dt.time)):
        return value.isoformat()
    return str(value)


def _xlsx_cases() -> Iterator[Any]:
    for example in EXAMPLES:
        for kind in KINDS:
            if OUTPUTS[kind].suffix.endswith(".xlsx"):
                yield pytest.param(example, kind, id=f"{example.stem}-{kind}")


@pytest.mark.parametrize(("example", "kind"), list(_xlsx_cases()))
def test_xlsx_reads_the_same_in_calamine(example: Path, kind: str, built: Callable[[Path], Path]) -> None:
    import openpyxl
    from python_calamine import CalamineWorkbook

    path = document(built(example), example, kind)
    ours = openpyxl.load_workbook(path)
    theirs = CalamineWorkbook.from_path(str(path))
    assert theirs.sheet_names == ours.sheetnames
    for ws in ours.worksheets:
        mine = Counter(_cell(c.value) for row in ws.iter_rows() for c in row)
        other = Counter(_cell(v) for row in theirs.get_sheet_by_name(ws.title).to_python() for v in row)
        del mine[None], other[None]
        assert mine, f"sheet {ws.title!r} is empty"
        assert mine == other, f"sheet {ws.title!r} reads differently"


# ---------------------------------------------------------------- LibreOffice

def pdf_text(pdf: Path) -> str | None:
    """The PDF's text via pdftotext, or None when poppler is not installed."""
    if shutil.which("pdftotext") is None:
        return None
    done = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, timeout=60)
    return done.stdout


@pytest.mark.soffice
@pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) is not installed; CI installs it")
@pytest.mark.parametrize("example", EXAMPLES, ids=[e.stem for e in EXAMPLES])
def test_every_document_converts_with_libreoffice(example: Path, built: Callable[[Path], Path],
                                                  tmp_path: Path, worker_id: str) -> None:
    out = built(example)
    sources = tmp_path / "in"
    sources.mkdir()
    # One soffice run per example converts every document; the HTML advert is renamed so its
    # PDF does not overwrite the Word advert's.
    inputs = []
    for kind in kinds_of(example):
        doc = document(out, example, kind)
        target = sources / (doc.stem + ("-web" if doc.suffix == ".html" else "") + doc.suffix)
        shutil.copyfile(doc, target)
        inputs.append(target)
    profile = Path(os.environ.get("TMPDIR", "/tmp")) / f"ictroles-lo-roundtrip-{worker_id}"
    pdfs = tmp_path / "pdf"
    done = subprocess.run(
        [SOFFICE, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--norestore",
         "--convert-to", "pdf", "--outdir", str(pdfs), *map(str, inputs)],
        capture_output=True, text=True, timeout=300,
    )
    title = _norm(load_role(example).title)
    for source in inputs:
        pdf = pdfs / (source.stem + ".pdf")
        assert pdf.is_file() and pdf.stat().st_size > 1000, (source.name, done.stdout, done.stderr)
        text = pdf_text(pdf)
        if text is not None:
            assert title in _norm(text), f"{pdf.name} does not show the job title {title!r}"
            check_page_budget(pdf, text)


# Pages a reader gets, per document (documents.md): a job description of 2-3 pages, a person
# specification and an advert of at most 2, a one-role workbook of at most 8.
PAGE_BUDGETS = {"job-description": 3, "person-specification": 2, "advert": 2, "matrix": 8}


def check_page_budget(pdf: Path, text: str) -> None:
    """The document keeps its page budget, and no page is left holding a lone heading or box."""
    pages = [p for p in text.split("\f") if p.strip()]
    kind = next((k for k in PAGE_BUDGETS if pdf.stem.endswith("-" + k)), None)
    if kind is None:
        return
    # A role that takes on standards gets one more sheet in its workbook, on one page.
    extra = kind == "matrix" and "digital and technology standards" in text.lower()
    assert len(pages) <= PAGE_BUDGETS[kind] + extra, f"{pdf.name}: {len(pages)} pages"
    if kind == "advert":
        box = next(i for i, page in enumerate(pages) if "commitment to safeguarding" in page.lower())
        body = [line for line in pages[box].splitlines() if line.strip()]
        start = next(n for n, line in enumerate(body) if "commitment to safeguarding" in line.lower())
        # Something other than the header sits above the box on its page.
        assert start > 2, f"{pdf.name}: the safer-recruitment box is alone on page {box + 1}"
    if kind == "job-description":
        last = [line for line in pages[-1].splitlines() if line.strip()]
        assert len(last) > 6, f"{pdf.name}: the last page holds only {last}"
