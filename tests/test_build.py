"""The build command: batches, unique names, --force, bad outputs, --pdf."""

from __future__ import annotations

import shutil
import sys
from dataclasses import replace
from pathlib import Path

import pytest
from click.testing import CliRunner
from docx import Document

from ictroles.cli import cli

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
TECHNICIAN = EXAMPLES / "ict-technician.yaml"


def run(*args: str):
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


def doc_text(path: Path) -> str:
    return "\n".join(p.text for p in Document(str(path)).paragraphs)


def test_build_writes_requested_documents_and_prints_paths(tmp_path):
    result = run("build", str(TECHNICIAN), "-o", str(tmp_path), "--only", "jd,advert")
    assert result.exit_code == 0, result.output
    jd = tmp_path / "ict-technician-job-description.docx"
    advert = tmp_path / "ict-technician-advert.docx"
    assert str(jd) in result.output and str(advert) in result.output
    assert "ICT Technician" in doc_text(jd)
    assert not (tmp_path / "ict-technician-person-specification.docx").exists()
    assert not list(tmp_path.glob(".*.part"))


def test_batch_reports_a_bad_file_and_builds_the_others(tmp_path):
    roles = tmp_path / "roles"
    roles.mkdir()
    shutil.copy(TECHNICIAN, roles / "a-technician.yaml")
    shutil.copy(EXAMPLES / "senior-ict-technician.yaml", roles / "c-senior.yaml")
    (roles / "b-broken.yaml").write_text("title: Broken\nskills:\n  server-network: C\n")
    out = tmp_path / "out"
    result = CliRunner().invoke(cli, ["build", str(roles), "-o", str(out), "--only", "jd", "-j", "2"])
    assert result.exit_code == 1
    assert "b-broken.yaml:3: skills.server-network: unknown skill" in result.output
    assert "Built 2 of 3 roles; 1 failed" in result.output
    # Two schools: each school's documents in its folder, named after the role's title.
    assert (out / "northfield-academy" / "ict-technician-job-description.docx").exists()
    assert (out / "riverside-high-school" / "senior-ict-technician-job-description.docx").exists()
    assert not list(out.rglob("b-broken-*")) and not list(out.rglob("broken-*"))
    assert "Traceback" not in result.output


def test_two_roles_with_the_same_name_are_refused_naming_both(tmp_path):
    # Flat, each role's documents are named after its own file, so two files with one name
    # would overwrite each other: neither is built and each message names the other file.
    for school in ("north", "south"):
        folder = tmp_path / school
        folder.mkdir()
        text = TECHNICIAN.read_text().replace("Northfield Academy", f"{school.title()} School")
        (folder / "ict-technician.yaml").write_text(text)
    north, south = tmp_path / "north" / "ict-technician.yaml", tmp_path / "south" / "ict-technician.yaml"
    out = tmp_path / "out"
    result = CliRunner().invoke(cli, ["build", str(north), str(south), str(TECHNICIAN.parent / "senior-ict-technician.yaml"),
                                      "-o", str(out), "--only", "jd", "--layout", "flat"])
    assert result.exit_code == 1
    assert f"{north}: not built: {south} would write the same documents (ict-technician-...)" in result.output
    assert f"{south}: not built: {north} would write the same documents" in result.output
    assert "Built 1 of 3 roles; 2 failed" in result.output
    assert sorted(p.name for p in out.iterdir()) == ["senior-ict-technician-job-description.docx"]


def test_existing_output_needs_force(tmp_path):
    target = tmp_path / "ict-technician-job-description.docx"
    target.write_text("keep me")
    result = CliRunner().invoke(cli, ["build", str(TECHNICIAN), "-o", str(tmp_path), "--only", "jd"])
    assert result.exit_code == 1
    assert "already exist" in result.output and "--force" in result.output
    assert target.read_text() == "keep me"
    result = run("build", str(TECHNICIAN), "-o", str(tmp_path), "--only", "jd", "--force")
    assert result.exit_code == 0, result.output
    assert "Northfield Academy" in doc_text(target)


@pytest.mark.parametrize(
    "make_out, message",
    [
        (lambda tmp: tmp / "afile", "is a file, not a folder"),
        (lambda tmp: tmp / "afile" / "sub", "cannot create the output folder"),
        # /proc refuses new entries even to root, so this holds in CI too.
        (lambda tmp: Path("/proc/ictroles-out"), "cannot create the output folder"),
    ],
)
def test_unwritable_output_is_a_clean_error(tmp_path, make_out, message):
    (tmp_path / "afile").write_text("x")
    result = CliRunner().invoke(cli, ["build", str(TECHNICIAN), "-o", str(make_out(tmp_path)), "--only", "jd"])
    assert result.exit_code == 1
    assert message in result.output
    assert "Traceback" not in result.output


def test_unknown_output_kind(tmp_path):
    result = CliRunner().invoke(cli, ["build", str(TECHNICIAN), "-o", str(tmp_path), "--only", "jd,poster"])
    assert result.exit_code == 2  # a usage error
    assert "unknown output 'poster'" in result.output
    assert not list(tmp_path.iterdir())


def test_pdf_without_libreoffice_keeps_the_docx(tmp_path, monkeypatch):
    monkeypatch.setattr("ictroles.renderers.pdf.find_soffice", lambda: None)
    result = CliRunner().invoke(cli, ["build", str(TECHNICIAN), "-o", str(tmp_path), "--only", "jd", "--pdf", "-j", "1"])
    assert result.exit_code == 1
    assert "LibreOffice is needed for --pdf" in result.output
    assert "apt-get install" in result.output
    assert (tmp_path / "ict-technician-job-description.docx").exists()
    assert not (tmp_path / "ict-technician-job-description.pdf").exists()


@pytest.mark.soffice
@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) is not installed")
def test_pdf_with_libreoffice(tmp_path):
    result = run("build", str(TECHNICIAN), "-o", str(tmp_path), "--only", "jd", "--pdf")
    assert result.exit_code == 0, result.output
    pdf = tmp_path / "ict-technician-job-description.pdf"
    assert pdf.exists() and pdf.read_bytes().startswith(b"%PDF")


def test_modern_wording_is_the_default_and_original_wording_is_asked_for(tmp_path):
    result = CliRunner().invoke(cli, ["build", str(TECHNICIAN), "-o", str(tmp_path), "--only", "jd", "--appendix"])
    assert result.exit_code == 0, result.output
    assert "dated 2005 wording" not in result.output
    text = doc_text(tmp_path / "ict-technician-job-description.docx")
    assert "install updates and patches" in text  # DA.B.A6's modern wording, in the appendix
    assert "install service packs" in text  # with the framework's own text beside it
    result = CliRunner().invoke(cli, ["build", str(TECHNICIAN), "-o", str(tmp_path), "--only", "jd", "--appendix",
                                      "--original-wording", "--force"])
    assert result.exit_code == 0
    assert "statement(s) use dated 2005 wording (DA.B.A6" in result.output
    text = doc_text(tmp_path / "ict-technician-job-description.docx")
    assert "install updates and patches" not in text and "install service packs" in text


def test_dated_terms_never_reach_the_default_documents(tmp_path):
    import re

    out = tmp_path / "out"
    result = CliRunner().invoke(cli, ["build", str(EXAMPLES), "-o", str(out), "--only", "jd,person-spec,advert",
                                      "--appendix"])
    assert result.exit_code == 0, result.output
    dated = re.compile(r"floppy|CD-ROM|CD ROM|Flash plug-in|\bLEAs?\b|DfES|backup tapes|NC ICT", re.I)
    docs = sorted(out.rglob("*.docx"))  # the examples name several schools: one folder each
    assert len(docs) > 20
    for doc in docs:
        text = doc_text(doc)
        body = text.split("Appendix: competence profile")[0]
        assert not dated.search(body), (doc.name, dated.search(body))
        # In the appendix a dated term appears only inside the framework's own text, quoted.
        for line in text.split("Appendix: competence profile")[-1].splitlines():
            if dated.search(line):
                assert "(framework text:" in line, line


def test_the_gate_keeps_a_role_with_lint_errors_unpublished(tmp_path):
    role = tmp_path / "no-closing.yaml"
    role.write_text(TECHNICIAN.read_text().replace("closing_date: 2027-05-14\n", ""))
    out = tmp_path / "out"
    result = CliRunner().invoke(cli, ["build", str(role), str(TECHNICIAN), "-o", str(out)])
    assert result.exit_code == 1
    assert f"{role}: error: closing_date: the advert has no closing date" in result.output
    assert f"{role}: not built: fix the errors above" in result.output
    assert not list(out.glob("no-closing-*"))
    assert len(list(out.glob("ict-technician-*"))) == 6  # the other role of the batch is built
    assert "Built 1 of 2 roles; 1 failed" in result.output


def test_draft_writes_the_documents_marked_draft(tmp_path):
    import docx
    from openpyxl import load_workbook

    role = tmp_path / "no-closing.yaml"
    role.write_text(TECHNICIAN.read_text().replace("closing_date: 2027-05-14\n", ""))
    result = CliRunner().invoke(cli, ["build", str(role), "-o", str(tmp_path), "--draft",
                                      "--only", "jd,person-spec,advert,matrix,advert-web"])
    assert result.exit_code == 0, result.output
    assert "written as a DRAFT: 1 error(s) to fix before publishing" in result.output
    for name in ("job-description", "person-specification", "advert"):
        document = docx.Document(str(tmp_path / f"no-closing-{name}.docx"))
        assert document.sections[0].header.paragraphs[0].text.startswith("DRAFT")
        body = [p.text for p in document.paragraphs]
        assert body[0].startswith("DRAFT: not for publication.")
        assert "closing_date: the advert has no closing date" in body
    sheet = load_workbook(tmp_path / "no-closing-matrix.xlsx").worksheets[0]
    assert "DRAFT" in sheet.oddHeader.center.text
    assert "DRAFT: not for publication." in (tmp_path / "no-closing-advert.html").read_text(encoding="utf-8")


def test_a_standard_role_gets_no_advert(tmp_path):
    standard = EXAMPLES / "standard-roles" / "ict-technician-standard.yaml"
    result = CliRunner().invoke(cli, ["build", str(standard), "-o", str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert "a standard role (standard: true) has no advert" in result.output
    names = sorted(p.name for p in tmp_path.iterdir())
    assert names == ["ict-technician-standard-job-description.docx", "ict-technician-standard-matrix.xlsx",
                     "ict-technician-standard-person-specification.docx"]
    # A school's role that extends it is a post, with its advert.
    school = EXAMPLES / "school-extends-standard.yaml"
    result = CliRunner().invoke(cli, ["build", str(school), "-o", str(tmp_path / "school")])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "school" / "school-extends-standard-advert.docx").is_file()


def test_empty_only_is_an_error_and_kinds_ignore_case(tmp_path):
    result = CliRunner().invoke(cli, ["build", str(TECHNICIAN), "-o", str(tmp_path), "--only", ""])
    assert result.exit_code == 2 and "unknown output ''" in result.output
    result = run("build", str(TECHNICIAN), "-o", str(tmp_path), "--only", "JD")
    assert result.exit_code == 0
    assert (tmp_path / "ict-technician-job-description.docx").exists()


def test_validate_accepts_a_folder(tmp_path):
    shutil.copy(TECHNICIAN, tmp_path / "a.yaml")
    (tmp_path / "b.yaml").write_text("title: B\nskills: {health-safety: E}\n")
    result = CliRunner().invoke(cli, ["validate", str(tmp_path)])
    assert result.exit_code == 1
    assert f"{tmp_path / 'a.yaml'}: valid" in result.output
    assert "b.yaml:2: skills.health-safety.level: level 'E'" in result.output


def test_a_folder_in_the_way_of_a_document_stops_the_build_before_writing(tmp_path):
    (tmp_path / "ict-technician-advert.docx").mkdir()
    result = CliRunner().invoke(cli, ["build", str(TECHNICIAN), "-o", str(tmp_path), "--force"])
    assert result.exit_code == 1
    assert "ict-technician-advert.docx: is a folder where a document should be written" in result.output
    assert not (tmp_path / "ict-technician-job-description.docx").exists()


def test_the_example_letterhead_is_used(tmp_path):
    letterhead = EXAMPLES / "letterhead" / "northfield-letterhead.docx"
    result = run("build", str(TECHNICIAN), "-o", str(tmp_path), "--only", "jd", "--letterhead", str(letterhead))
    assert result.exit_code == 0, result.output
    doc = Document(str(tmp_path / "ict-technician-job-description.docx"))
    header = doc.sections[0].header
    assert "Northfield Road, Birmingham" in "\n".join(p.text for p in header.paragraphs)
    assert any("image" in rel.reltype for rel in header.part.rels.values())  # the crest
    assert "Page" in "".join(p.text for p in doc.sections[0].footer.paragraphs) or \
        "PAGE" in doc.sections[0].footer._element.xml


# --- --jobs means roles in parallel: one role is built the same way whatever it says -----

def sheet_values(path: Path) -> list[list[object]]:
    from openpyxl import load_workbook

    return [[c.value for row in ws.iter_rows() for c in row] for ws in load_workbook(path).worksheets]


def test_one_role_with_two_jobs_writes_the_same_documents(tmp_path):
    serial, split = tmp_path / "serial", tmp_path / "split"
    assert run("build", str(TECHNICIAN), "-o", str(serial), "--jobs", "1").exit_code == 0
    result = run("build", str(TECHNICIAN), "-o", str(split), "--jobs", "2")
    assert result.exit_code == 0, result.output
    names = sorted(p.name for p in serial.iterdir())
    assert names == sorted(p.name for p in split.iterdir()) and len(names) == 6
    for name in names:
        assert name in result.output
        if name.endswith(".docx"):
            assert doc_text(split / name) == doc_text(serial / name)
        else:
            assert sheet_values(split / name) == sheet_values(serial / name)
    assert not list(split.glob(".*.part"))


def test_a_workbook_error_is_reported_and_no_document_of_the_role_is_written(tmp_path, monkeypatch):
    from ictroles import batch as build
    from ictroles.core.errors import OutputError

    def failing_matrix(role, path, options):
        raise OutputError(f"{path}: could not be written (disk full)")

    real = build.OUTPUTS["matrix"]
    monkeypatch.setitem(build.OUTPUTS, "matrix", replace(real, renderer="test_build:_failing_matrix"))
    monkeypatch.setattr(sys.modules[__name__], "_failing_matrix", failing_matrix, raising=False)
    result = run("build", str(TECHNICIAN), "-o", str(tmp_path), "--jobs", "2")
    assert result.exit_code == 1
    assert "ict-technician-matrix.xlsx: could not be written (disk full)" in result.output
    # A role's pack appears whole or not at all: the Word documents written before are not kept.
    assert list(tmp_path.iterdir()) == []


# --- per-school output (issue 16, item 6) ------------------------------------------------

AUTHORITY = EXAMPLES / "authority"


def test_a_batch_of_several_schools_writes_one_folder_per_school(tmp_path):
    out = tmp_path / "out"
    result = run("build", str(AUTHORITY / "schools"), "-o", str(out), "--only", "jd,matrix", "-j", "2")
    assert result.exit_code == 0, result.output
    folders = sorted(p.name for p in out.iterdir())
    assert folders == ["ashdown-primary-school", "brookfield-academy", "castlegate-primary-federation",
                       "dunmore-high-school", "eastbrook-college", "fernhill-primary-school", "glenside-school"]
    # Named after the role's title, not its file (ashdown-primary-ict-technician.yaml).
    assert sorted(p.name for p in (out / "ashdown-primary-school").iterdir()) == [
        "ict-technician-job-description.docx", "ict-technician-matrix.xlsx",
        "teaching-assistant-ict-job-description.docx", "teaching-assistant-ict-matrix.xlsx"]
    assert "Brookfield Academy" in doc_text(out / "brookfield-academy" / "ict-technician-job-description.docx")
    assert str(out / "eastbrook-college" / "ict-network-manager-job-description.docx") in result.output
    assert not list(out.rglob(".*.part"))
    # The summary ends with a table: each school, its folder, what was written.
    lines = result.output.rstrip().splitlines()
    table = lines[next(i for i, line in enumerate(lines) if line.startswith("School ")):]
    assert table[0].split() == ["School", "Folder", "Roles", "built", "Files", "Not", "built"]
    rows = {line.split("  ")[0]: line.split() for line in table[2:]}
    assert len(rows) == 7
    assert rows["Ashdown Primary School"][-4:] == ["ashdown-primary-school/", "2", "4", "-"]
    assert rows["Glenside School"][-4:] == ["glenside-school/", "1", "2", "-"]
    assert "Built 8 of 8 roles" in result.output


def test_one_school_or_one_role_stays_flat_and_layout_can_be_chosen(tmp_path):
    ashdown = sorted((AUTHORITY / "schools").glob("ashdown-*.yaml"))
    result = run("build", *map(str, ashdown), "-o", str(tmp_path / "one"), "--only", "jd")
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in (tmp_path / "one").iterdir()) == [
        "ashdown-primary-ict-technician-job-description.docx",
        "ashdown-primary-teaching-assistant-job-description.docx"]
    assert "Folder" not in result.output  # no school table for a flat build
    result = run("build", str(TECHNICIAN), "-o", str(tmp_path / "asked"), "--only", "jd", "--layout", "per-school")
    assert result.exit_code == 0, result.output
    assert (tmp_path / "asked" / "northfield-academy" / "ict-technician-job-description.docx").is_file()
    result = run("build", str(AUTHORITY / "schools"), "-o", str(tmp_path / "flat"), "--only", "jd",
                 "--layout", "flat")
    assert result.exit_code == 0, result.output
    assert all(p.is_file() for p in (tmp_path / "flat").iterdir())
    assert len(list((tmp_path / "flat").iterdir())) == 8


def test_two_posts_of_one_school_with_one_title_are_refused_naming_both(tmp_path):
    roles = tmp_path / "roles"
    roles.mkdir()
    for name in ("first-technician", "second-technician"):
        (roles / f"{name}.yaml").write_text(
            (AUTHORITY / "schools" / "brookfield-academy-ict-technician.yaml").read_text()
            .replace("../standard-roles/", str(AUTHORITY / "standard-roles") + "/"))
    shutil.copy(AUTHORITY / "schools" / "glenside-school-ict-lead.yaml", roles / "glenside.yaml")
    out = tmp_path / "out"
    result = CliRunner().invoke(cli, ["build", str(roles), "-o", str(out), "--only", "jd"])
    assert result.exit_code == 1
    first, second = roles / "first-technician.yaml", roles / "second-technician.yaml"
    assert (f"{first}: not built: {second} would write the same documents "
            "(brookfield-academy/ict-technician-...); give one of them another title") in result.output
    assert f"{second}: not built: {first} would write the same documents" in result.output
    assert sorted(p.relative_to(out).as_posix() for p in out.rglob("*")) == [
        "glenside-school", "glenside-school/ict-lead-job-description.docx"]  # no empty Brookfield folder
    assert "first-technician.yaml, second-technician.yaml" in result.output  # in the school table


def test_stale_part_files_in_a_school_folder_are_removed(tmp_path):
    out = tmp_path / "out"
    stale = out / "glenside-school" / ".ict-lead-job-description.docx.k2x_9abc.part"
    stale.parent.mkdir(parents=True)
    stale.write_text("x")
    result = run("build", str(AUTHORITY / "schools"), "-o", str(out), "--only", "jd", "-j", "1")
    assert result.exit_code == 0, result.output
    assert not stale.exists()
    assert (out / "glenside-school" / "ict-lead-job-description.docx").is_file()


def test_thirty_schools_build_into_thirty_folders(tmp_path):
    standards = sorted((AUTHORITY / "standard-roles").glob("*.yaml"))
    roles = tmp_path / "roles"
    roles.mkdir()
    for n in range(30):
        standard = standards[n % len(standards)]
        (roles / f"post-{n:02}.yaml").write_text(
            f"extends: {standard}\nschool: School Number {n + 1} Primary\nlocation: Westshire\n"
            "hours_per_week: 37\nclosing_date: 2027-06-18\n")
    out = tmp_path / "out"
    result = run("build", str(roles), "-o", str(out), "--only", "jd", "-j", "2", "-q")
    assert result.exit_code == 0, result.output
    folders = sorted(p for p in out.iterdir())
    assert len(folders) == 30 and all(p.is_dir() for p in folders)
    assert all(len(list(p.iterdir())) == 1 for p in folders)
    assert (out / "school-number-6-primary" / "ict-network-manager-job-description.docx").is_file()
    assert "Built 30 of 30 roles" in result.output
    assert sum(1 for line in result.output.splitlines() if line.startswith("School Number ")) == 30


# --- letterheads: what is taken from them, .dotx and .doc (issue 16, item 4) ------------

LETTERHEAD = EXAMPLES / "letterhead" / "northfield-letterhead.docx"


def header_lines(path: Path) -> str:
    return "\n".join(p.text for p in Document(str(path)).sections[0].header.paragraphs)


def as_template(source: Path, target: Path) -> Path:
    """``source`` saved as Word saves a template (.dotx): the main part's content type differs."""
    import zipfile

    with zipfile.ZipFile(source) as zf, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as out:
        for info in zf.infolist():
            data = zf.read(info)
            if info.filename == "[Content_Types].xml":
                data = data.replace(b"wordprocessingml.document.main+xml", b"wordprocessingml.template.main+xml")
            out.writestr(info, data)
    return target


def test_a_dotx_letterhead_is_used(tmp_path):
    letterhead = as_template(LETTERHEAD, tmp_path / "northfield.dotx")
    result = run("build", str(TECHNICIAN), "-o", str(tmp_path / "out"), "--only", "jd,advert",
                 "--letterhead", str(letterhead))
    assert result.exit_code == 0, result.output
    for name in ("job-description", "advert"):
        assert "Northfield Road, Birmingham" in header_lines(tmp_path / "out" / f"ict-technician-{name}.docx")
    assert "warning" not in result.output


@pytest.mark.soffice
@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) is not installed")
def test_a_doc_letterhead_is_converted_with_libreoffice(tmp_path):
    import subprocess

    subprocess.run(["soffice", f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}", "--headless",
                    "--convert-to", "doc", "--outdir", str(tmp_path), str(LETTERHEAD)],
                   check=True, capture_output=True, timeout=180, env={**__import__("os").environ, "HOME": str(tmp_path)})
    letterhead = tmp_path / "northfield-letterhead.doc"
    assert letterhead.read_bytes()[:4] == b"\xd0\xcf\x11\xe0"  # a Word 97-2003 file, not a zip
    out = tmp_path / "out"
    result = run("build", str(TECHNICIAN), str(EXAMPLES / "senior-ict-technician.yaml"), "-o", str(out),
                 "--only", "jd,person-spec", "--letterhead", str(letterhead), "--layout", "flat")
    assert result.exit_code == 0, result.output
    for doc in sorted(out.glob("*.docx")):
        assert "Northfield Road, Birmingham" in header_lines(doc), doc.name
    assert sorted(p.name for p in tmp_path.iterdir() if p.suffix in (".doc", ".docx")) == [
        "northfield-letterhead.doc"]  # converted in a temporary folder, not beside it


def test_a_doc_letterhead_without_libreoffice_says_to_install_it(tmp_path, monkeypatch):
    monkeypatch.setattr("ictroles.renderers.pdf.find_soffice", lambda: None)
    letterhead = tmp_path / "old.doc"
    letterhead.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 504)
    result = CliRunner().invoke(cli, ["build", str(TECHNICIAN), "-o", str(tmp_path / "out"), "--only", "jd",
                                      "--letterhead", str(letterhead)])
    assert result.exit_code == 1
    assert f"letterhead '{letterhead}' is a Word 97-2003 document (.doc): LibreOffice is needed" in result.output
    assert "apt-get install" in result.output and "save it as a Word document (.docx)" in result.output
    assert "Traceback" not in result.output
    assert not (tmp_path / "out").exists() or not list((tmp_path / "out").iterdir())


def test_a_converted_doc_gets_the_same_checks_as_a_docx(tmp_path, monkeypatch):
    import io
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(LETTERHEAD) as zf, zipfile.ZipFile(buffer, "w") as out:
        for info in zf.infolist():
            data = zf.read(info)
            if info.filename == "word/document.xml":
                data = data.replace(b"?>", b'?><!DOCTYPE w:document [<!ENTITY x "y">]>', 1)
            out.writestr(info, data)
    monkeypatch.setattr("ictroles.renderers.pdf.find_soffice", lambda: "/usr/bin/true")
    monkeypatch.setattr("ictroles.renderers.pdf.convert_to_docx", lambda data, name: buffer.getvalue())
    letterhead = tmp_path / "converted.doc"
    letterhead.write_bytes(b"\xd0\xcf\x11\xe0")
    result = CliRunner().invoke(cli, ["build", str(TECHNICIAN), "-o", str(tmp_path / "out"), "--only", "jd",
                                      "--letterhead", str(letterhead)])
    assert result.exit_code == 1
    assert "carries a DOCTYPE (in word/document.xml)" in result.output


def test_a_letterhead_with_only_a_body_gets_a_warning(tmp_path):
    body_only = Document()
    body_only.add_paragraph("Ashdown Primary School")
    body_only.add_paragraph("1 School Lane, Ashdown, Westshire")
    letterhead = tmp_path / "home-made.docx"
    body_only.save(str(letterhead))
    out = tmp_path / "out"
    roles = [str(TECHNICIAN), str(EXAMPLES / "senior-ict-technician.yaml")]
    result = run("build", *roles, "-o", str(out), "--only", "jd,advert", "--letterhead", str(letterhead),
                 "--layout", "flat", "-j", "2")
    assert result.exit_code == 0, result.output  # a note, not an error
    warning = f"{letterhead}: warning: nothing but its styles was taken from this letterhead: its header and footer are empty."
    assert warning in result.output
    assert "Its body holds \u201cAshdown Primary School, 1 School Lane, Ashdown, Westshire\u201d" in result.output
    assert "move the school's name, address and logo into it" in result.output
    assert result.output.count(warning) == 1  # once for the batch, not once per role or document
    assert "Ashdown Primary School" not in doc_text(out / "ict-technician-job-description.docx")
    # The example letterhead has its name in the header: no warning.
    result = run("build", roles[0], "-o", str(tmp_path / "ok"), "--only", "jd", "--letterhead", str(LETTERHEAD))
    assert result.exit_code == 0 and "warning" not in result.output
    # Named by a role file, the warning names the role file.
    role = tmp_path / "role.yaml"
    role.write_text(TECHNICIAN.read_text() + "letterhead: home-made.docx\n")
    result = run("build", str(role), "-o", str(tmp_path / "field"), "--only", "jd")
    assert result.exit_code == 0, result.output
    assert f"{role}: {letterhead}: warning: nothing but its styles" in result.output
