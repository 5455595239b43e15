"""Hostile inputs of issue 14 (files read, path fields, messages): one clean message, no traceback.

Special files (FIFOs, devices) run the CLI in a subprocess with a timeout, so a regression
fails instead of hanging the suite. Everything else runs in-process through CliRunner.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from ictroles.cli import cli

REPO = Path(__file__).resolve().parent.parent
EXAMPLE = REPO / "examples" / "ict-technician.yaml"
GRADES = REPO / "examples" / "authority" / "grades.yaml"
NEEDS = REPO / "examples" / "authority" / "needs.yaml"
HAS_FIFO = hasattr(os, "mkfifo")
HAS_DEV_ZERO = Path("/dev/zero").exists()


def run(*args: str | Path) -> Result:
    """The CLI in-process; an unexpected exception stays on the result, it is not raised."""
    return CliRunner().invoke(cli, [str(a) for a in args])


def assert_clean(result: Result, *expect: str) -> None:
    """Exit 1, no traceback, every expected fragment in the output."""
    out = result.output
    assert result.exit_code == 1, out
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    assert "Traceback" not in out
    for fragment in expect:
        assert fragment in out, out


def run_subprocess(*args: str | Path, cwd: Path) -> subprocess.CompletedProcess[str]:
    """The CLI as a separate process that must finish within 10 seconds (a FIFO must not hang)."""
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    return subprocess.run([sys.executable, "-m", "ictroles", *map(str, args)], cwd=cwd, env=env,
                          capture_output=True, text=True, timeout=10)


def role(tmp_path: Path, text: str, name: str = "role.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


# ---------------------------------------------------------------- special files (item 1)

def _fifo_cases(tmp_path: Path) -> dict[str, tuple[list[str | Path], str]]:
    """command line -> the file its message must name, for a FIFO in every path field."""
    fifo = tmp_path / "pipe.yaml"
    os.mkfifo(fifo)
    os.mkfifo(tmp_path / "pipe.docx")
    extends = role(tmp_path, "extends: pipe.yaml\ntitle: T\n", "extends.yaml")
    scheme = role(tmp_path, "title: T\nscheme: pipe.yaml\n", "scheme.yaml")
    letterhead = role(tmp_path, "title: T\nletterhead: pipe.docx\nskills:\n  health-safety: B\n", "lh.yaml")
    out = tmp_path / "out"
    return {
        "role-file": (["validate", fifo], "pipe.yaml"),
        "extends": (["validate", extends], "pipe.yaml"),
        "scheme": (["validate", scheme], "pipe.yaml"),
        "letterhead-field": (["build", letterhead, "-o", out, "--jobs", "1", "--quiet", "--only", "jd"],
                             "pipe.docx"),
        "--letterhead": (["build", EXAMPLE, "-o", out, "--jobs", "1", "--letterhead", tmp_path / "pipe.docx"],
                         "pipe.docx"),
        "--framework": (["validate", EXAMPLE, "--framework", fifo], "pipe.yaml"),
        "--grades": (["grade", EXAMPLE, "--grades", fifo], "pipe.yaml"),
        "--needs": (["coverage", EXAMPLE, "--needs", fifo], "pipe.yaml"),
        "--provider": (["coverage", EXAMPLE, "--provider", fifo], "pipe.yaml"),
        "--standards-pack": (["validate", EXAMPLE, "--standards-pack", fifo], "pipe.yaml"),
        "--school": (["coverage", EXAMPLE, "--standards", "--school", fifo], "pipe.yaml"),
    }


FIFO_NAMES = ["role-file", "extends", "scheme", "letterhead-field", "--letterhead", "--framework",
              "--grades", "--needs", "--provider", "--standards-pack", "--school"]


@pytest.mark.skipif(not HAS_FIFO, reason="no FIFOs on this system")
@pytest.mark.parametrize("name", FIFO_NAMES)
def test_fifo_is_refused_not_read(name: str, tmp_path: Path) -> None:
    args, names = _fifo_cases(tmp_path)[name]
    done = run_subprocess(*args, cwd=tmp_path)
    assert done.returncode == 1, done.stdout + done.stderr
    assert "Traceback" not in done.stderr
    assert names in done.stderr and "not a regular file" in done.stderr, done.stderr


@pytest.mark.skipif(not HAS_DEV_ZERO, reason="no /dev/zero")
@pytest.mark.parametrize("option", ["--letterhead", "--framework"])
def test_dev_zero_is_refused(option: str, tmp_path: Path) -> None:
    # Through a link with the right suffix, so the name alone does not refuse it.
    zero = tmp_path / ("zero.docx" if option == "--letterhead" else "zero.yaml")
    zero.symlink_to("/dev/zero")
    args = ["build", EXAMPLE, "-o", tmp_path / "out", "--jobs", "1", option, zero]
    done = run_subprocess(*args, cwd=tmp_path)
    assert done.returncode == 1, done.stderr
    assert "Traceback" not in done.stderr and "not found" not in done.stderr
    assert zero.name in done.stderr and "not a regular file" in done.stderr, done.stderr


def test_dev_zero_by_name_as_letterhead(tmp_path: Path) -> None:
    result = run("build", EXAMPLE, "-o", tmp_path / "out", "--letterhead", "/dev/zero")
    assert_clean(result, "/dev/zero", "not a Word document")
    assert "not found" not in result.output


def test_folder_as_extends_or_scheme(tmp_path: Path) -> None:
    (tmp_path / "dir.yaml").mkdir()
    child = role(tmp_path, "extends: dir.yaml\ntitle: T\n", "child.yaml")
    assert_clean(run("validate", child), "dir.yaml", "is a folder, not a role file")
    uses = role(tmp_path, "title: T\nscheme: dir.yaml\n", "uses.yaml")
    assert_clean(run("validate", uses), "dir.yaml", "is a folder, not a scheme file")


# ---------------------------------------------------------------- symlink loops (item 2)

def _loop(tmp_path: Path, name: str) -> Path:
    a, b = tmp_path / name, tmp_path / ("other-" + name)
    a.symlink_to(b.name)
    b.symlink_to(a.name)
    return a


LOOP_FIELDS = {"extends": "loop.yaml", "scheme": "loop.yaml", "letterhead": "loop.docx", "templates": "loopdir"}


@pytest.mark.parametrize("field", sorted(LOOP_FIELDS))
def test_symlink_loop_in_path_field(field: str, tmp_path: Path) -> None:
    target = _loop(tmp_path, LOOP_FIELDS[field])
    path = role(tmp_path, f"title: T\n{field}: {target.name}\n")
    assert_clean(run("validate", path), "role.yaml:2", field, "loops back on itself")


@pytest.mark.parametrize("where", ["argument", "--framework", "--grades", "--letterhead"])
def test_symlink_loop_on_command_line(where: str, tmp_path: Path) -> None:
    loop = _loop(tmp_path, "loop.docx" if where == "--letterhead" else "loop.yaml")
    args: dict[str, list[str | Path]] = {
        "argument": ["validate", loop],
        "--framework": ["validate", EXAMPLE, "--framework", loop],
        "--grades": ["grade", EXAMPLE, "--grades", loop],
        "--letterhead": ["build", EXAMPLE, "-o", tmp_path / "out", "--jobs", "1", "--letterhead", loop],
    }
    assert_clean(run(*args[where]), loop.name, "loops back on itself")


# ---------------------------------------------------------------- scheme like extends (item 3)

@pytest.mark.parametrize("value", ["/etc/passwd", "../notes.txt", "./scheme"])
def test_scheme_path_must_be_yaml(value: str, tmp_path: Path) -> None:
    path = role(tmp_path, f"title: T\nscheme: {value}\n")
    assert_clean(run("validate", path), "role.yaml:2: scheme:", "is not a scheme file")


def test_wrong_kind_of_file_as_scheme_is_one_line(tmp_path: Path) -> None:
    (tmp_path / "other.yaml").write_text(EXAMPLE.read_text(encoding="utf-8"), encoding="utf-8")
    path = role(tmp_path, "title: T\nscheme: other.yaml\n")
    result = run("validate", path)
    assert_clean(result, "other.yaml:1: does not look like a scheme file")
    assert len(result.output.strip().splitlines()) == 1, result.output
    assert "Sutton" not in result.output and "purpose" not in result.output


# ---------------------------------------------------------------- encodings and messages (item 8)

@pytest.mark.parametrize("bom", ["utf-16-le", "utf-16-be"])
def test_utf16_gets_a_hint(bom: str, tmp_path: Path) -> None:
    path = tmp_path / "role.yaml"
    path.write_bytes(("\ufefftitle: ICT Technician\n").encode(bom))
    assert_clean(run("validate", path), "role.yaml", "save it as UTF-8")


def test_file_name_with_newline_and_escape_cannot_forge_a_line(tmp_path: Path) -> None:
    path = role(tmp_path, "titel: T\n", "evil\n x-ok.yaml: valid\x1b[2J.yaml")
    result = run("validate", path)
    assert_clean(result, "evil\\n x-ok.yaml: valid\\x1b[2J.yaml:1: titel: unknown field")
    assert "\x1b" not in result.output and not any(line.startswith(" x-ok.yaml") for line in result.output.splitlines())


def test_key_with_escape_is_shown_escaped(tmp_path: Path) -> None:
    path = role(tmp_path, 'title: T\nskills:\n  "evil\\e[31m": B\n')
    result = run("validate", path)
    assert_clean(result, "role.yaml:3", "\\x1b[31m")
    assert "\x1b" not in result.output


# ---------------------------------------------------------------- hostile letterheads (item 4)

def _letterhead(path: Path, footer: str = "Headteacher: Mr A. Smith") -> Path:
    import docx

    doc = docx.Document()
    doc.sections[0].header.paragraphs[0].text = "Oakfield Primary School"
    doc.sections[0].footer.paragraphs[0].text = footer
    doc.save(str(path))
    return path


def _rewrite(path: Path, change: dict[str, bytes | None], extra: int = 0) -> Path:
    """Rewrite a .docx's parts (None drops one); ``extra`` adds that many tiny parts."""
    import zipfile

    with zipfile.ZipFile(path) as zf:
        parts = {name: zf.read(name) for name in zf.namelist()}
    for name, data in change.items():
        if data is None:
            parts.pop(name, None)
        else:
            parts[name] = data
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in parts.items():
            zf.writestr(name, data)
        for i in range(extra):
            zf.writestr(f"customXml/extra{i}.bin", b"")
    return path


def _with_doctype(path: Path) -> Path:
    import zipfile

    with zipfile.ZipFile(path) as zf:
        xml = zf.read("word/document.xml").decode()
    head, rest = xml.split("?>", 1)
    xml = head + '?><!DOCTYPE w:document [<!ENTITY school "Oakfield">]>' + rest.replace(
        "Oakfield", "&school;", 1)
    return _rewrite(path, {"word/document.xml": xml.encode()})


def _hostile_letterheads(tmp_path: Path) -> dict[str, tuple[Path, str]]:
    def fresh(name: str) -> Path:
        return _letterhead(tmp_path / f"{name}.docx")

    no_body = '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"/>'
    return {
        "zero-bomb": (_rewrite(fresh("bomb"), {"word/media/logo.png": bytes(40_000_000)}),
                      "unpacked; at most 20 MB"),
        "many-small-bombs": (_rewrite(fresh("bombs"), {f"word/media/p{i}.png": bytes(15_000_000) for i in range(4)}),
                             "unpacks to"),
        "too-many-parts": (_rewrite(fresh("parts"), {}, extra=2100), "a Word document may have at most 2000"),
        "doctype": (_with_doctype(fresh("dtd")), "carries a DOCTYPE"),
        "no-body": (_rewrite(fresh("nobody"), {"word/document.xml": no_body.encode()}), "has no body"),
        "main-part-not-document": (_rewrite(fresh("xlsx"), {"[Content_Types].xml": _content_types_of_workbook(
            tmp_path / "xlsx.docx")}), "not a Word document"),
    }


def _content_types_of_workbook(path: Path) -> bytes:
    import zipfile

    with zipfile.ZipFile(path) as zf:
        text = zf.read("[Content_Types].xml").decode()
    return text.replace("wordprocessingml.document.main+xml", "spreadsheetml.sheet.main+xml").encode()


HOSTILE_LETTERHEADS = ["zero-bomb", "many-small-bombs", "too-many-parts", "doctype", "no-body",
                       "main-part-not-document"]


@pytest.mark.parametrize("name", HOSTILE_LETTERHEADS)
def test_hostile_letterhead_is_refused(name: str, tmp_path: Path) -> None:
    letterhead, expect = _hostile_letterheads(tmp_path)[name]
    out = tmp_path / "out"
    result = run("build", EXAMPLE, "-o", out, "--jobs", "1", "--letterhead", letterhead)
    assert_clean(result, letterhead.name, expect)
    assert not out.exists() or not [p for p in out.rglob("*") if p.is_file()]


@pytest.mark.parametrize("name", ["zero-bomb", "doctype"])
def test_hostile_word_template_in_templates_folder(name: str, tmp_path: Path) -> None:
    letterhead, expect = _hostile_letterheads(tmp_path)[name]
    (tmp_path / "tpl" / "word").mkdir(parents=True)
    letterhead.rename(tmp_path / "tpl" / "word" / "base.docx")
    out = tmp_path / "out"
    result = run("build", EXAMPLE, "-o", out, "--jobs", "1", "--templates", tmp_path / "tpl", "--only", "jd")
    assert_clean(result, "base.docx", expect)


def test_a_document_that_would_not_reopen_is_not_left(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from ictroles.renderers.word import common

    def fails_on_reopen(data: bytes) -> None:
        raise ValueError("broken package")

    monkeypatch.setattr(common, "reopen", fails_on_reopen)
    out = tmp_path / "out"
    result = run("build", EXAMPLE, "-o", out, "--jobs", "1", "--only", "jd")
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert "would not open" in result.output, result.output
    assert not [p for p in out.rglob("*") if p.is_file()]


# ---------------------------------------------------------------- page numbers (item 5)

def _footer_text(path: Path) -> tuple[str, list[str]]:
    import docx
    from docx.oxml.ns import qn

    footer = docx.Document(str(path)).sections[0].footer._element
    text = "".join(t.text or "" for t in footer.iter(qn("w:t")))
    return text, [t.text or "" for t in footer.iter(qn("w:instrText"))]


def test_footer_with_the_word_page_still_gets_page_numbers(tmp_path: Path) -> None:
    letterhead = _letterhead(tmp_path / "lh.docx", footer="PAGE-ONE Academy Trust, Pageant Road")
    out = tmp_path / "out"
    result = run("build", EXAMPLE, "-o", out, "--jobs", "1", "--only", "jd", "--letterhead", letterhead)
    assert result.exit_code == 0, result.output
    text, codes = _footer_text(next(out.rglob("*.docx")))
    assert text.startswith("PAGE-ONE Academy Trust") and "Page " in text
    assert any(code.strip() == "PAGE" for code in codes)


def test_footer_with_a_page_field_is_left_alone(tmp_path: Path) -> None:
    import docx
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    path = _letterhead(tmp_path / "lh.docx", footer="Oakfield ")
    doc = docx.Document(str(path))
    doc.sections[0].footer.paragraphs[0]._p.append(
        parse_xml(f'<w:fldSimple {nsdecls("w")} w:instr=" PAGE \\* MERGEFORMAT "><w:r><w:t>1</w:t></w:r></w:fldSimple>'))
    doc.save(str(path))
    out = tmp_path / "out"
    assert run("build", EXAMPLE, "-o", out, "--jobs", "1", "--only", "jd", "--letterhead", path).exit_code == 0
    text, codes = _footer_text(next(out.rglob("*.docx")))
    assert "Page " not in text and codes == []


# ---------------------------------------------------------------- school templates (item 6)

@pytest.mark.parametrize("template, expect", [
    ("{{ range(10**9)|list }}", "OverflowError"),
    ("{{ 1 // 0 }}", "ZeroDivisionError"),
    ("{% macro m() %}{{ m() }}{% endmacro %}{{ m() }}", "RecursionError"),
])
def test_template_that_raises_is_one_message(template: str, expect: str, tmp_path: Path) -> None:
    (tmp_path / "tpl" / "web").mkdir(parents=True)
    (tmp_path / "tpl" / "web" / "advert.html").write_text(template, encoding="utf-8")
    out = tmp_path / "out"
    result = run("build", EXAMPLE, "-o", out, "--templates", tmp_path / "tpl", "--only", "advert-web")
    assert_clean(result, "tpl/web/advert.html: template error", expect)
    assert "unexpected error" not in result.output


@pytest.mark.skipif(not HAS_FIFO, reason="no FIFOs on this system")
def test_template_that_is_a_fifo(tmp_path: Path) -> None:
    (tmp_path / "tpl" / "web").mkdir(parents=True)
    os.mkfifo(tmp_path / "tpl" / "web" / "advert.html")
    done = run_subprocess("build", EXAMPLE, "-o", tmp_path / "out", "--templates", tmp_path / "tpl",
                          "--only", "advert-web", cwd=tmp_path)
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert "advert.html" in done.stderr and "not a regular file" in done.stderr, done.stderr


@pytest.mark.skipif(not HAS_FIFO, reason="no FIFOs on this system")
def test_wording_file_that_is_a_fifo(tmp_path: Path) -> None:
    (tmp_path / "tpl").mkdir()
    os.mkfifo(tmp_path / "tpl" / "closing-clause.yaml")
    done = run_subprocess("build", EXAMPLE, "-o", tmp_path / "out", "--templates", tmp_path / "tpl",
                          "--only", "jd", cwd=tmp_path)
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert "closing-clause.yaml" in done.stderr and "not a regular file" in done.stderr, done.stderr


# ---------------------------------------------------------------- validate checks paths (item 9)

def test_validate_checks_letterhead_and_templates_paths(tmp_path: Path) -> None:
    (tmp_path / "brand.docx").mkdir()
    (tmp_path / "templates.txt").write_text("not a folder", encoding="utf-8")
    path = role(tmp_path, "title: T\nletterhead: brand.docx\ntemplates: templates.txt\n"
                "skills:\n  health-safety: B\n")
    result = run("validate", path)
    assert_clean(result, "role.yaml:2: letterhead:", "is a folder; letterhead names a .docx file",
                 "role.yaml:3: templates:", "is not a folder")


# ---------------------------------------------------------------- invisible text, controls (item 8)

INVISIBLE = {
    "zero-width-space": "\\u200b", "word-joiner": "\\u2060\\u2060", "hangul-filler": "\\u3164",
    "hangul-choseong-filler": "\\u115f", "lone-combining-mark": "\\u0301", "direction-marks": "\\u200e \\u200f",
}


@pytest.mark.parametrize("name", sorted(INVISIBLE))
def test_invisible_only_text_is_blank(name: str, tmp_path: Path) -> None:
    path = role(tmp_path, f'title: "{INVISIBLE[name]}"\nworking_relationships:\n  - "{INVISIBLE[name]}"\n')
    assert_clean(run("validate", path), "role.yaml:1: title: is blank: it holds only invisible characters",
                 "role.yaml:3: working_relationships[0]: is blank")


def test_invisible_characters_inside_real_text_are_kept(tmp_path: Path) -> None:
    path = role(tmp_path, 'title: "ICT\\u200bTechnician"\n')
    assert run("validate", path).exit_code == 0


def test_every_raw_control_character_in_its_own_field(tmp_path: Path) -> None:
    path = role(tmp_path, "title: ICT\x07 Technician\nschool: Oak\x1b School\npurpose: >\n"
                "  Line one\n  line\x01 two\nlocation: Oakfield\n")
    result = run("validate", path)
    assert_clean(result, "role.yaml:1: title: contains the control character U+0007",
                 "role.yaml:2: school: contains the control character U+001B",
                 "role.yaml:5: purpose: contains the control character U+0001")
    assert "location" not in result.output


def test_every_escaped_control_character_in_one_field(tmp_path: Path) -> None:
    path = role(tmp_path, 'title: T\nschool: "a\\x07b\\x1bc"\nlocation: "d\\x0ce"\n')
    assert_clean(run("validate", path),
                 "role.yaml:2: school: contains 2 control characters: U+0007 at position 2, U+001B at position 4",
                 "role.yaml:3: location: contains the control character U+000C")


# ---------------------------------------------------------------- custom frameworks (item 7)

def _framework_variant(tmp_path: Path, change: str) -> Path:
    import yaml

    data = yaml.safe_load((REPO / "framework" / "framework.yaml").read_text(encoding="utf-8"))
    if change == "no-skills":
        data["skills"] = []
    elif change == "all-cells-empty":
        for skill in data["skills"]:
            for cell in skill["levels"].values():
                cell.update(activities=[], knowledge=[], examples=[])
    else:
        data["skills"][0]["levels"]["B"] = {"activities": [], "knowledge": [], "examples": []}
    path = tmp_path / f"framework-{change}.yaml"
    path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    return path


@pytest.mark.parametrize("change, expect", [
    ("no-skills", "a framework needs skills; this one's 'skills' list is empty"),
    ("all-cells-empty", "every level of every skill needs at least one statement; none at "
                        "desktop-application-support at A, B, C, D"),
    ("one-cell-empty", "none at desktop-application-support at B"),
])
def test_framework_without_statements_is_blamed_on_the_framework(change: str, expect: str, tmp_path: Path) -> None:
    framework = _framework_variant(tmp_path, change)
    result = run("validate", EXAMPLE, "--framework", framework)
    assert_clean(result, framework.name, expect)
    assert "schemes" not in result.output and "four.yaml" not in result.output


# ---------------------------------------------------------------- dates and salary (item 10)

@pytest.mark.parametrize("value", ["20270514", "2027-W20-1", "2027-W20", "2027-136", " 2027-5-14"])
def test_only_yyyy_mm_dd_dates(value: str, tmp_path: Path) -> None:
    path = role(tmp_path, f'title: T\nclosing_date: "{value}"\n')
    assert_clean(run("validate", path), "role.yaml:2: closing_date:", "is not a date; write it as YYYY-MM-DD")


def test_yyyy_mm_dd_is_a_date(tmp_path: Path) -> None:
    assert run("validate", role(tmp_path, "title: T\nclosing_date: 2027-05-14\n")).exit_code == 0


@pytest.mark.parametrize("value", ["0", "£0", "0.00", "£0.00"])
def test_salary_of_nothing_is_refused(value: str, tmp_path: Path) -> None:
    path = role(tmp_path, f'title: T\nsalary:\n  fte: "{value}"\n')
    assert_clean(run("validate", path), "role.yaml:3: salary.fte: must be more than 0")


# ---------------------------------------------------------------- per-skill scheme order (item 11)

SCHEME_WITH_SKILL_RULE = """\
name: odd
title: Odd
rationale: A per-skill rule out of order.
levels:
  - {label: "1", title: One, description: One., draws_on: [A]}
  - label: "2"
    title: Two
    description: Two.
    draws_on: [B]
    skills:
      health-safety: {draws_on: [%s]}
  - {label: "3", title: Three, description: Three., draws_on: [C]}
  - {label: "4", title: Four, description: Four., draws_on: [D]}
"""


def test_per_skill_rule_must_keep_level_order(tmp_path: Path) -> None:
    (tmp_path / "odd.yaml").write_text(SCHEME_WITH_SKILL_RULE % "D", encoding="utf-8")
    path = role(tmp_path, "title: T\nscheme: odd.yaml\n")
    assert_clean(run("validate", path), "odd.yaml:12: levels[2].draws_on: levels must be in order for skill "
                 "'health-safety' too: '3' draws on lower framework levels than '2' below it")


def test_per_skill_rule_in_order_is_fine(tmp_path: Path) -> None:
    (tmp_path / "odd.yaml").write_text(SCHEME_WITH_SKILL_RULE % "B, C", encoding="utf-8")
    assert run("validate", role(tmp_path, "title: T\nscheme: odd.yaml\n")).exit_code == 0


# ---------------------------------------------------------------- repeated statements (item 12)

HS_B_A1 = "Ensure basic safety checks are carried out and escalate problems as required."


def test_custom_statement_identical_to_the_framework_one(tmp_path: Path) -> None:
    path = role(tmp_path, f"title: T\nskills:\n  health-safety:\n    level: B\n    add:\n      activities:\n"
                f"        - Check the fire doors.\n        - {HS_B_A1}\n")
    result = run("validate", path)
    assert_clean(result, "role.yaml:8: skills.health-safety.add.activities[1]: is word for word the framework "
                 "statement HS.B.A1, which level B already has; remove it from add")
    assert "key duties" not in result.output


def test_custom_statement_repeated(tmp_path: Path) -> None:
    path = role(tmp_path, "title: T\nskills:\n  health-safety:\n    level: B\n    add:\n      knowledge:\n"
                "        - Fire regulations.\n        - Ladders.\n        - Fire regulations.\n")
    assert_clean(run("validate", path),
                 "role.yaml:9: skills.health-safety.add.knowledge[2]: repeats add.knowledge[0]; write it once")


def test_repeated_key_duty_is_an_error(tmp_path: Path) -> None:
    path = role(tmp_path, "title: T\nskills:\n  health-safety: B\nkey_duties:\n  - health-safety\n"
                "  - HS.B.A1\n  - health-safety\n")
    assert_clean(run("validate", path), "role.yaml:7: key_duties[2]: 'health-safety' is listed twice "
                 "(also key_duties[0]); list each key duty once")


# ---------------------------------------------------------------- modern wording by text (item 13)

def test_overlay_texts_are_the_bundled_framework_texts() -> None:
    from ictroles.framework.competences import load_framework
    from ictroles.framework.overlay import load_overlay

    load_overlay(framework=load_framework())  # raises when an entry's text has drifted


def _revised_framework(tmp_path: Path) -> Path:
    """The bundled framework with DA.A.E1 (which has a modern wording) reworded."""
    text = (REPO / "framework" / "framework.yaml").read_text(encoding="utf-8")
    assert "Check floppy disk and CD-ROM drives are working." in text
    path = tmp_path / "revised.yaml"
    path.write_text(text.replace("Check floppy disk and CD-ROM drives are working.",
                                 "Check the interactive panels are working."), encoding="utf-8")
    return path


def test_modernise_leaves_a_revised_statement_alone(tmp_path: Path) -> None:
    from ictroles import load_role
    from ictroles.framework.competences import load_framework

    path = role(tmp_path, "title: T\nskills:\n  desktop-application-support: A\n")
    bundled = load_role(path)
    assert any(st.id == "DA.A.E1" and st.adapted for st in bundled.all_statements())
    revised = load_role(path, framework=load_framework(_revised_framework(tmp_path)))
    [st] = [st for st in revised.all_statements() if st.id == "DA.A.E1"]
    assert st.text == "Check the interactive panels are working." and not st.adapted


def test_lint_does_not_flag_a_revised_statement(tmp_path: Path) -> None:
    path = role(tmp_path, "title: T\nskills:\n  desktop-application-support: A\n")
    revised = run("lint", path, "--original-wording", "--framework", _revised_framework(tmp_path))
    assert "DA.A.E1" not in revised.output, revised.output
    assert "DA.A.E1" in run("lint", path, "--original-wording").output


def test_valid_and_lint_lines_escape_the_file_name(tmp_path: Path) -> None:
    path = role(tmp_path, "title: T\n", "ok\n forged.yaml: valid\x1b[0m.yaml")
    for result in (run("validate", path), run("lint", path)):
        assert "\x1b" not in result.output and "ok\\n forged.yaml" in result.output, result.output
        assert not any(line.startswith(" forged.yaml") for line in result.output.splitlines())


def test_looping_word_template_beside_a_letterhead(tmp_path: Path) -> None:
    (tmp_path / "tpl" / "word").mkdir(parents=True)
    _loop(tmp_path / "tpl" / "word", "base.docx")
    letterhead = _letterhead(tmp_path / "lh.docx")
    # Only the styles a letterhead lacks are read from the template, so drop them all.
    import docx
    from docx.oxml.ns import qn

    doc = docx.Document(str(letterhead))
    for style in list(doc.styles.element.findall(qn("w:style"))):
        if style.get(qn("w:styleId")) not in ("Normal", "Header", "Footer"):
            doc.styles.element.remove(style)
    doc.save(str(letterhead))
    result = run("build", EXAMPLE, "-o", tmp_path / "out", "--only", "jd", "--letterhead", letterhead,
                 "--templates", tmp_path / "tpl")
    assert_clean(result, "base.docx", "loops back on itself")
