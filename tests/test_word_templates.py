"""Custom wording, letterheads, awkward text and bad inputs for the Word documents."""

from __future__ import annotations

import shutil
from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn
from test_word_documents import EXAMPLES, TODAY, box_text, build, header_text, headings, numbered, table_rows, texts

from ictroles.core.errors import IctrolesError, InvalidInputError
from ictroles.framework.competences import Framework
from ictroles.renderers.outputs import RenderOptions
from ictroles.renderers.word.advert import render_advert
from ictroles.renderers.word.job_description import render_job_description
from ictroles.renderers.word.person_spec import render_person_spec
from ictroles.renderers.wording import Wording
from ictroles.roles.resolve import load_role

RENDERERS = (render_job_description, render_person_spec, render_advert)
TECHNICIAN = next(p for p in EXAMPLES if p.name == "ict-technician.yaml")


def test_templates_dir_overrides_wording_files(framework: Framework, write, tmp_path: Path) -> None:
    write("custom/generic-duties.yaml", """
        heading: Expectations of every colleague
        duties:
          - title: Safeguarding
            text: Tell the DSL at {school} about any worry, the same day.
    """)
    write("custom/wording/safer-recruitment-england.yaml", """
        heading: Safer recruitment at {school}
        paragraphs:
          - Westshire Council checks every appointment.
    """)
    role = load_role(TECHNICIAN, framework)
    docs = build(role, tmp_path, RenderOptions(templates_dir=tmp_path / "custom", today=TODAY))
    jd = docs["jd"]
    assert "Expectations of every colleague" in headings(jd, 1)
    assert "Duties for all school staff" not in headings(jd, 1)
    assert numbered(jd)[-1][1] == "Safeguarding. Tell the DSL at Northfield Academy about any worry, the same day."
    assert any("other duties commensurate with the grade" in t for t in texts(jd))  # built-in closing clause
    assert box_text(docs["advert"]).startswith("Safer recruitment at Northfield Academy")


def test_role_templates_field_is_used(framework: Framework, write, tmp_path: Path) -> None:
    write("school/templates/closing-clause.yaml", "text: This list of duties is a guide, not a contract.\n")
    path = write("school/role.yaml", """
        title: ICT Technician
        templates: templates
        skills: {desktop-application-support: B}
    """)
    jd = build(load_role(path, framework), tmp_path)["jd"]
    assert "This list of duties is a guide, not a contract." in texts(jd)


def test_bad_wording_files_name_the_file(framework: Framework, write, tmp_path: Path) -> None:
    role = load_role(TECHNICIAN, framework)
    write("bad1/generic-duties.yaml", "heading: Duties\nduty: []\n")
    with pytest.raises(InvalidInputError) as err:
        render_job_description(role, tmp_path / "a.docx", RenderOptions(templates_dir=tmp_path / "bad1"))
    assert "generic-duties.yaml" in str(err.value) and "unknown field" in str(err.value)
    write("bad2/closing-clause.yaml", "text: Ask {headteacher} for details.\n")
    with pytest.raises(InvalidInputError) as err:
        render_job_description(role, tmp_path / "b.docx", RenderOptions(templates_dir=tmp_path / "bad2"))
    assert "closing-clause.yaml" in str(err.value) and "{headteacher}" in str(err.value)
    with pytest.raises(InvalidInputError, match="does not exist"):
        render_job_description(role, tmp_path / "c.docx", RenderOptions(templates_dir=tmp_path / "missing"))
    assert not list(tmp_path.glob("*.docx")) and not list(tmp_path.glob(".*.part"))


def make_letterhead(path: Path, *, drop_styles: bool = False) -> Path:
    """A school letterhead as a school would make it: header and footer text, a body to ignore."""
    doc = docx.Document()
    doc.sections[0].header.paragraphs[0].text = "Oakfield Primary School, 1 High Street, Oakfield"
    doc.sections[0].footer.paragraphs[0].text = "Headteacher: Mr A. Smith"
    doc.add_paragraph("Dear parent,")
    if drop_styles:
        styles = doc.styles.element
        for style in list(styles.findall(qn("w:style"))):
            if style.get(qn("w:styleId")) not in ("Normal", "Header", "Footer", "DefaultParagraphFont", "TableNormal"):
                styles.remove(style)
    doc.save(str(path))
    return path


@pytest.mark.parametrize("drop_styles", [False, True], ids=["full-styles", "missing-styles"])
def test_letterhead_header_footer_and_styles(framework: Framework, tmp_path: Path, drop_styles: bool) -> None:
    letterhead = make_letterhead(tmp_path / "letterhead.docx", drop_styles=drop_styles)
    role = load_role(TECHNICIAN, framework)
    docs = build(role, tmp_path, RenderOptions(letterhead=letterhead, today=TODAY))
    for doc in docs.values():
        assert header_text(doc) == "Oakfield Primary School, 1 High Street, Oakfield"
        footer = "".join(t.text or "" for t in doc.sections[0].footer._element.iter(qn("w:t")))
        assert footer.startswith("Headteacher: Mr A. Smith")
        assert "Page " in footer  # page numbers added under the letterhead's footer
        assert "Dear parent," not in texts(doc)
        assert texts(doc)[0] == "ICT Technician"
    assert "Main duties and responsibilities" in headings(docs["jd"], 1)
    staff = len(Wording().generic_duties().duties)
    # A duty per skill, its own one, a duty per standard, staff duties.
    assert len(numbered(docs["jd"])) == len(role.skills) + 1 + len(role.standards) + staff


def test_letterhead_from_role_file(framework: Framework, write, tmp_path: Path) -> None:
    (tmp_path / "brand").mkdir()
    make_letterhead(tmp_path / "brand" / "letterhead.docx")
    path = write("role.yaml", """
        title: ICT Technician
        letterhead: brand/letterhead.docx
        skills: {desktop-application-support: B}
    """)
    jd = build(load_role(path, framework), tmp_path)["jd"]
    assert header_text(jd).startswith("Oakfield Primary School")


def test_bad_letterheads_give_clear_errors(framework: Framework, write, tmp_path: Path) -> None:
    role = load_role(TECHNICIAN, framework)
    fake = write("letterhead.docx", "This is a text file, not a Word document.\n")
    template = tmp_path / "letterhead.dotx"
    shutil.copy(make_letterhead(tmp_path / "real.docx"), template)
    renamed_template = tmp_path / "renamed.docx"
    d = docx.Document()
    d.save(str(renamed_template))
    _retype_as_template(renamed_template)
    cases = {
        fake: "not a valid .docx",
        tmp_path / "missing.docx": "does not exist",
        write("letterhead.dotm", "x"): "macro-enabled or Word 97-2003 template (.dotm)",
        write("letterhead.pdf", "%PDF-1.4"): "not a Word document",
    }
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    for letterhead, message in cases.items():
        for render in RENDERERS:
            with pytest.raises(IctrolesError) as err:
                render(role, out_dir / "doc.docx", RenderOptions(letterhead=letterhead))
            assert message in str(err.value), str(err.value)
            assert str(letterhead) in str(err.value)
    assert not list(out_dir.iterdir())  # nothing half-written
    # A Word template (.dotx), or one saved under a .docx name, is a letterhead like any other.
    for letterhead in (template, renamed_template):
        render_advert(role, out_dir / "advert.docx", RenderOptions(letterhead=letterhead))
        (out_dir / "advert.docx").unlink()


def test_bad_letterhead_in_role_file_names_the_role_file(framework: Framework, write, tmp_path: Path) -> None:
    write("lh.docx", "not a zip")
    path = write("role.yaml", "title: X\nletterhead: lh.docx\nskills: {health-safety: A}\n")
    with pytest.raises(InvalidInputError) as err:
        render_advert(load_role(path, framework), tmp_path / "a.docx", RenderOptions())
    problem = err.value.problems[0]
    assert problem.file == path and problem.field == "letterhead"


def _retype_as_template(path: Path) -> None:
    """Rewrite a .docx's content type to that of a .dotx (what Word writes for templates)."""
    import zipfile

    data = {}
    with zipfile.ZipFile(path) as zf:
        for name in zf.namelist():
            data[name] = zf.read(name)
    data["[Content_Types].xml"] = data["[Content_Types].xml"].replace(
        b"wordprocessingml.document.main+xml", b"wordprocessingml.template.main+xml")
    with zipfile.ZipFile(path, "w") as zf:
        for name, content in data.items():
            zf.writestr(name, content)


def test_school_names_with_markup_characters(framework: Framework, write, tmp_path: Path) -> None:
    school = "St Mary's & St John's <Federation>"
    path = write("role.yaml", f"""
        title: "ICT Technician & Network <Assistant>"
        school: "{school}"
        purpose: To keep Smith & Jones' "systems" running <24/7>.
        skills:
          desktop-application-support:
            level: B
            add:
              activities: ["Support the R&D <lab> team's devices."]
    """)
    docs = build(load_role(path, framework), tmp_path)
    for doc in docs.values():
        assert header_text(doc).startswith(school)
        assert texts(doc)[0] == "ICT Technician & Network <Assistant>"
    assert any(t.endswith("Support the R&D <lab> team's devices.") for _, t in numbered(docs["jd"]))
    assert box_text(docs["advert"]).startswith("Our commitment to safeguarding\n" + school)
    assert any("Smith & Jones' \"systems\" running <24/7>." in t for t in texts(docs["jd"]))


def test_any_unicode_renders(framework: Framework, write, tmp_path: Path) -> None:
    path = write("role.yaml", """
        title: "Technegydd TGCh \U0001F409"
        school: "Ysgol Gymraeg Llŷn · مدرسة النور · 学校"
        location: "Pwllheli 🏫"
        purpose: "To keep ŵ ŷ and עברית text working, with emoji 👍🏽 and combining e\u0301."
        additional_duties: ["Cefnogi staff gyda'r dechnoleg ddiweddaraf 💻."]
        contact: "Mrs Ŵ. Jones"
        skills: {desktop-application-support: A}
    """)
    docs = build(load_role(path, framework), tmp_path)
    assert texts(docs["jd"])[0] == "Technegydd TGCh \U0001F409"
    assert "Cefnogi staff gyda'r dechnoleg ddiweddaraf 💻." in [t for _, t in numbered(docs["jd"])]
    assert header_text(docs["ps"]).startswith("Ysgol Gymraeg Llŷn · مدرسة النور · 学校")


def test_output_path_that_is_a_folder(framework: Framework, tmp_path: Path) -> None:
    role = load_role(TECHNICIAN, framework)
    (tmp_path / "jd.docx").mkdir()
    with pytest.raises(IctrolesError, match="is a folder"):
        render_job_description(role, tmp_path / "jd.docx", RenderOptions())


def test_a_letterhead_naming_another_school_is_pointed_out(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from ictroles.cli import cli

    letterhead = make_letterhead(tmp_path / "letterhead.docx", drop_styles=False)  # Oakfield Primary School
    result = CliRunner().invoke(cli, ["build", str(TECHNICIAN), "-o", str(tmp_path / "out"), "--only", "jd",
                                      "--letterhead", str(letterhead)])
    assert result.exit_code == 0, result.output
    assert ("warning: the letterhead names \u201cOakfield Primary School, 1 High Street, Oakfield\u201d, "
            "not Northfield Academy") in result.output
    own = TECHNICIAN.parent / "letterhead" / "northfield-letterhead.docx"
    result = CliRunner().invoke(cli, ["build", str(TECHNICIAN), "-o", str(tmp_path / "own"), "--only", "jd",
                                      "--letterhead", str(own)])
    assert result.exit_code == 0 and "warning" not in result.output


# -- a school's wording file changes only what it holds --------------------------------------

def test_wording_merges_field_by_field(framework: Framework, write, tmp_path: Path) -> None:
    write("school/job-description.yaml", "duties_heading: What the post holder does\n")
    write("school/wording/advert.yaml", 'closing: "Send your form by {closing_date}."\n')
    write("school/person-spec.yaml", "categories:\n  personal: Personal qualities and attitudes\n")
    role = load_role(TECHNICIAN, framework)
    docs = build(role, tmp_path, RenderOptions(templates_dir=tmp_path / "school", today=TODAY))
    jd_headings = headings(docs["jd"], 1)
    assert "What the post holder does" in jd_headings
    assert "Main duties and responsibilities" not in jd_headings
    assert "Purpose of the post" in jd_headings  # the other headings: the built-in file's
    advert = texts(docs["advert"])
    assert "Send your form by Friday 14 May 2027." in advert
    assert "How to apply" in headings(docs["advert"], 1)
    ps_rows = [r[0] for r in table_rows(docs["ps"])]
    assert "Personal qualities and attitudes" in ps_rows
    assert "Suitability to work with children" in ps_rows  # the other categories are kept


def test_wording_problem_names_file_line_and_field(framework: Framework, write, tmp_path: Path) -> None:
    role = load_role(TECHNICIAN, framework)
    school = write("school/advert.yaml", """
        about_heading: About us
        contact: "Ring {headteacher} for a chat."
        """)
    with pytest.raises(InvalidInputError) as err:
        render_advert(role, tmp_path / "a.docx", RenderOptions(templates_dir=school.parent, today=TODAY))
    (problem,) = err.value.problems
    assert (problem.file, problem.line, problem.field) == (school, 2, "contact")
    assert "unknown placeholder {headteacher}" in problem.message
    bad = write("school2/job-description.yaml", "purpose_heading: Purpose\nduties_headng: Duties\n")
    with pytest.raises(InvalidInputError) as err:
        render_job_description(role, tmp_path / "b.docx", RenderOptions(templates_dir=bad.parent, today=TODAY))
    (problem,) = err.value.problems
    assert (problem.file, problem.line, problem.field) == (bad, 2, "duties_headng")
    assert "did you mean 'duties_heading'?" in problem.message


def test_unknown_file_in_templates_folder_is_a_warning(run, write, tmp_path: Path) -> None:
    write("school/generic-duty.yaml", "heading: Duties\n")
    write("school/closing-clause.yaml", "text: A guide, not a contract.\n")
    result = run("build", TECHNICIAN, "--templates", tmp_path / "school", "-o", tmp_path / "out", "--only", "jd")
    assert result.exit_code == 0, result.output
    assert "generic-duty.yaml: warning: not a file ictroles uses, so it is ignored; " \
           "did you mean 'generic-duties.yaml'?" in result.output
    assert "a templates folder may hold: generic-duties.yaml, closing-clause.yaml" in result.output
    assert "closing-clause.yaml: warning" not in result.output
