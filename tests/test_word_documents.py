"""The three Word documents of every example role, read back as a reader sees them."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn

from ictroles.framework.competences import Framework
from ictroles.renderers.outputs import RenderOptions
from ictroles.renderers.word.advert import render_advert
from ictroles.renderers.word.job_description import render_job_description
from ictroles.renderers.word.person_spec import render_person_spec
from ictroles.roles.resolve import ResolvedRole, load_role

REPO = Path(__file__).resolve().parent.parent
EXAMPLES = sorted((REPO / "examples").glob("*.yaml"))
TODAY = dt.date(2027, 1, 15)


# -- reading documents back ----------------------------------------------------------------


def paragraphs(doc: docx.document.Document) -> list[tuple[str, str]]:
    """(style name, text) of every body paragraph, tables included, in reading order."""
    names = {s.style_id: s.name for s in doc.styles}
    out = []
    for p in doc.element.body.iter(qn("w:p")):
        style = p.find(f"{qn('w:pPr')}/{qn('w:pStyle')}")
        name = names.get(style.get(qn("w:val")), "") if style is not None else "Normal"
        out.append((name, "".join(t.text or "" for t in p.iter(qn("w:t")))))
    return out


def texts(doc: docx.document.Document) -> list[str]:
    """Text of every body paragraph."""
    return [t for _, t in paragraphs(doc)]


def headings(doc: docx.document.Document, level: int) -> list[str]:
    """Texts of the paragraphs in style Heading ``level``."""
    return [t for s, t in paragraphs(doc) if s == f"Heading {level}"]


def numbered(doc: docx.document.Document) -> list[tuple[str, str]]:
    """(numId, text) of every numbered-list paragraph, in order."""
    out = []
    numbering = doc.part.numbering_part.element
    decimal = set()
    for num in numbering.findall(qn("w:num")):
        aid = num.find(qn("w:abstractNumId")).get(qn("w:val"))
        abstract = next(a for a in numbering.findall(qn("w:abstractNum")) if a.get(qn("w:abstractNumId")) == aid)
        if abstract.find(f".//{qn('w:numFmt')}").get(qn("w:val")) == "decimal":
            decimal.add(num.get(qn("w:numId")))
    for p in doc.element.body.iter(qn("w:p")):
        num = p.find(f"{qn('w:pPr')}/{qn('w:numPr')}/{qn('w:numId')}")
        if num is not None and num.get(qn("w:val")) in decimal:
            out.append((num.get(qn("w:val")), "".join(t.text or "" for t in p.iter(qn("w:t")))))
    return out


def header_text(doc: docx.document.Document) -> str:
    """All text in the first section's header."""
    return "".join(t.text or "" for t in doc.sections[0].header._element.iter(qn("w:t")))


def footer_xml(doc: docx.document.Document) -> str:
    """The first section's footer as XML (for its fields)."""
    from lxml import etree

    return etree.tostring(doc.sections[0].footer._element, encoding="unicode")


def table_rows(doc: docx.document.Document) -> list[list[str]]:
    """Every row of every table, as cell texts."""
    return [[c.text for c in row.cells] for t in doc.tables for row in t.rows]


def build(role: ResolvedRole, tmp_path: Path, options: RenderOptions | None = None) -> dict[str, docx.document.Document]:
    """Render the three documents and open them again."""
    options = options or RenderOptions(today=TODAY)
    out = {}
    for kind, render in (("jd", render_job_description), ("ps", render_person_spec), ("advert", render_advert)):
        path = tmp_path / f"{role.slug}-{kind}.docx"
        render(role, path, options)
        out[kind] = docx.Document(str(path))
    return out


@pytest.fixture(scope="module")
def technician(framework: Framework) -> ResolvedRole:
    return load_role(REPO / "examples" / "ict-technician.yaml", framework)


# -- every example -------------------------------------------------------------------------


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: p.stem)
def test_every_example_lists_each_chosen_duty_exactly_once(example: Path, framework: Framework, tmp_path: Path) -> None:
    role = load_role(example, framework)
    docs = build(role, tmp_path)
    jd = docs["jd"]
    duties = [t for _, t in numbered(jd)]
    chosen = [st.text for s in role.skills for st in s.activities] + list(role.spec.additional_duties)
    for text in chosen:
        assert duties.count(text) == 1, text
    # Duties of the post come first, then the generic duties, all in one list.
    assert duties[: len(chosen)] == chosen
    chosen_texts = set(chosen)
    for skill in role.skills:
        for cell in framework.skills_by_id[skill.id].levels.values():
            for st in cell.activities:
                if st.text not in chosen_texts:
                    assert st.text not in duties, f"{st.id} is not part of the role"
    assert len({num for num, _ in numbered(jd)}) == 1  # numbered continuously, never restarted
    assert jd.element.body.find(f".//{qn('w:lvlOverride')}") is None
    for doc in docs.values():
        assert texts(doc)[0] == role.title
        assert (role.spec.school or "") in header_text(doc)


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: p.stem)
def test_every_example_shows_level_names_from_its_scheme(example: Path, framework: Framework, tmp_path: Path) -> None:
    role = load_role(example, framework)
    jd = build(role, tmp_path)["jd"]
    skill_headings = headings(jd, 3)
    for skill in role.skills:
        if skill.activities:
            assert f"{skill.name} \u2013 {skill.level_title}" in skill_headings


# -- job description -----------------------------------------------------------------------


def test_job_description_headings_in_order(technician: ResolvedRole, tmp_path: Path) -> None:
    jd = build(technician, tmp_path)["jd"]
    assert headings(jd, 1) == [
        "Purpose of the post",
        "Main duties and responsibilities",
        "Typical tasks",
        "Duties for all school staff",
    ]
    assert headings(jd, 2) == ["Technology focus", "Support focus", "Personal focus"]
    assert "Server & Network support \u2013 Senior ICT Technician" in headings(jd, 3)
    assert [s for s, t in paragraphs(jd) if t == "ICT Technician"][0] == "Title"


def test_job_description_title_block_leaves_out_empty_rows(technician: ResolvedRole, tmp_path: Path) -> None:
    rows = dict(tuple(r) for r in table_rows(build(technician, tmp_path)["jd"]))
    assert rows["Grade"] == "Grade 5"
    assert rows["Salary"] == "£26,409 \u2013 £28,163 a year (NJC SCP 12-17)"
    assert rows["Hours"] == "37 hours a week (full time)"
    assert rows["Responsible to"] == "Network Manager"
    assert rows["Working relationships"].startswith("Teaching and support staff; Pupils")
    five = load_role(REPO / "examples" / "five-level-network-manager.yaml")
    rows = dict(tuple(r) for r in table_rows(build(five, tmp_path)["jd"]))
    assert "Location" not in rows and "Weeks per year" not in rows


def test_job_description_generic_duties_clause_and_dates(technician: ResolvedRole, tmp_path: Path) -> None:
    jd = build(technician, tmp_path)["jd"]
    body = "\n".join(texts(jd))
    duties = [t for _, t in numbered(jd)]
    assert any(t.startswith("Safeguarding.") and "Designated Safeguarding Lead" in t for t in duties)
    assert any(t.startswith("Data protection and confidentiality.") and "UK GDPR" in t for t in duties)
    assert any(t.startswith("Health and safety.") for t in duties)
    assert any(t.startswith("Equality and inclusion.") for t in duties)
    assert "other duties commensurate with the grade" in body
    assert "Prepared: 20 April 2027" in body and "Review by: 20 April 2028" in body
    # Typical tasks are the Examples, as bullets.
    assert "Create automated installation scripts for networked PCs." in texts(jd)
    # A custom activity is a numbered duty like the framework's.
    assert "Keep the staff ICT help pages on the school intranet up to date." in duties


def test_prepared_date_defaults_to_today(framework: Framework, tmp_path: Path) -> None:
    role = load_role(REPO / "examples" / "senior-ict-technician.yaml", framework)
    jd = build(role, tmp_path)["jd"]
    assert "Prepared: 15 January 2027" in texts(jd)
    assert "Typical tasks" not in headings(jd, 1)  # only when the role asks for them


def test_header_and_footer(technician: ResolvedRole, tmp_path: Path) -> None:
    docs = build(technician, tmp_path)
    assert header_text(docs["jd"]) == "Northfield AcademyJob description"
    assert header_text(docs["ps"]) == "Northfield AcademyPerson specification"
    assert header_text(docs["advert"]) == "Northfield AcademyJob advert"
    for doc in docs.values():
        xml = footer_xml(doc)
        assert "Page " in xml and " of " in xml
        assert " PAGE " in xml and " NUMPAGES " in xml
        footer = "".join(t.text for t in doc.sections[0].footer._element.iter(qn("w:t")))
        assert "ICT Technician" in footer
        assert "20 April 2027" in footer  # the role's `prepared` date


def test_adapted_statements_are_marked(technician: ResolvedRole, tmp_path: Path) -> None:
    skill = technician.skills[0]
    first = skill.activities[0]
    modern = replace(first, text="Install and test new peripherals such as visualisers.", original_text=first.text)
    role = replace(technician, skills=(replace(skill, activities=(modern, *skill.activities[1:])), *technician.skills[1:]))
    jd = build(role, tmp_path)["jd"]
    assert "Install and test new peripherals such as visualisers.\u2020" in [t for _, t in numbered(jd)]
    assert any(t.startswith("\u2020 Wording adapted from the ICT Competences Framework") for t in texts(jd))


# -- person specification ------------------------------------------------------------------


def spec_rows(doc: docx.document.Document) -> dict[str, list[str]]:
    """Criterion text -> [Essential, Desirable, How assessed] of the criteria table."""
    table = doc.tables[-1]
    return {r[0].rstrip("\u2020"): r[1:] for r in ([c.text for c in row.cells] for row in table.rows) if len(set(r)) > 1}


def test_person_spec_derived_criteria(technician: ResolvedRole, framework: Framework, tmp_path: Path) -> None:
    ps = build(technician, tmp_path)["ps"]
    rows = spec_rows(ps)
    text = lambda sid: framework.statements[sid].statement.text  # noqa: E731
    assert rows[text("DA.B.K1")] == ["\u2713", "", "A, I"]  # chosen level: essential
    assert rows[text("DA.C.K1")] == ["", "\u2713", "A, I"]  # next level: desirable
    assert rows[text("SN.C.K1")] == ["\u2713", "", "A, I"]  # server support is chosen at C
    assert text("SN.D.K1") in rows
    assert rows["Full, clean driving licence, to travel between the academy's two sites."] == ["", "\u2713", "A"]
    table = ps.tables[-1]
    assert [c.text for c in table.rows[0].cells] == ["Criterion", "Essential", "Desirable", "How assessed"]
    assert table.rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None  # repeated on every page
    assert all(r._tr.trPr.find(qn("w:cantSplit")) is not None for r in table.rows)
    categories = [row.cells[0].text for row in table.rows if len({c._tc for c in row.cells}) == 1]
    assert categories == ["Qualifications", "Experience", "Knowledge and skills", "Personal qualities",
                          "Suitability to work with children"]
    first_category = next(row for row in table.rows if row.cells[0].text == "Qualifications")
    assert first_category.cells[0]._tc.tcPr.find(qn("w:shd")) is not None  # shaded
    key = next(t for t in texts(ps) if t.startswith("How assessed:"))
    assert "A application form" in key and "I interview" in key and "T task or test" in key and "R references" in key


def test_person_spec_overrides(framework: Framework, write, tmp_path: Path) -> None:
    path = write("role.yaml", """
        title: ICT Technician
        school: Test School
        skills:
          desktop-application-support: B
        person_spec:
          defaults: false
          criteria:
            DA.B.K1: {category: experience, essential: false, assessed: [T, I]}
            DA.B.K2: {omit: true}
            DA.C.K1: {essential: true}
          add:
            - text: Holds a current first aid certificate.
              category: qualifications
              essential: false
              assessed: [A]
    """)
    role = load_role(path, framework)
    ps = build(role, tmp_path)["ps"]
    rows = spec_rows(ps)
    text = lambda sid: framework.statements[sid].statement.text  # noqa: E731
    assert rows[text("DA.B.K1")] == ["", "\u2713", "T, I"]
    assert text("DA.B.K2") not in rows
    assert rows[text("DA.C.K1")] == ["\u2713", "", "A, I"]
    assert rows["Holds a current first aid certificate."] == ["", "\u2713", "A"]
    categories = [row.cells[0].text for row in ps.tables[-1].rows if len({c._tc for c in row.cells}) == 1]
    assert categories == ["Qualifications", "Experience", "Knowledge and skills"]
    order = [r.cells[0].text for r in ps.tables[-1].rows]
    assert order.index("Experience") < order.index(text("DA.B.K1")) < order.index("Knowledge and skills")


# -- advert --------------------------------------------------------------------------------


def facts(doc: docx.document.Document) -> dict[str, str]:
    """The key-facts strip: label -> value."""
    out = {}
    for row in doc.tables[0].rows:
        for cell in row.cells:
            if "\n" in cell.text:
                label, value = cell.text.split("\n", 1)
                out[label] = value
    return out


def test_advert_term_time_pay(framework: Framework, tmp_path: Path) -> None:
    role = load_role(REPO / "examples" / "primary-teaching-assistant.yaml", framework)
    ad = build(role, tmp_path)["advert"]
    actual = 24404 * 25 / 37 * 44.2 / 52.143
    assert round(actual) == 13977
    f = facts(ad)
    assert f["Salary"] == f"£{round(actual):,} a year actual (£24,404 FTE, NJC SCP 4-5)"
    assert f["Hours"] == "25 hours a week, 39 weeks a year (term time)"
    assert f["Contract"] == "Fixed term until 31 August 2028"
    assert f["Closing date"] == "Friday 11 June 2027"
    assert f["Interviews"] == "Friday 18 June 2027"
    assert f["Start date"] == "1 September 2027"
    working = next(t for t in texts(ad) if t.startswith("Actual salary worked out as"))
    assert "£24,404 FTE x 25/37 hours x 44.2/52.143 paid weeks = £13,977" in working


def test_advert_term_time_without_paid_weeks_says_pro_rata(framework: Framework, write, tmp_path: Path) -> None:
    path = write("role.yaml", """
        title: ICT Technician
        salary: {fte: 25000}
        hours_per_week: 37
        weeks_per_year: 39
        skills: {desktop-application-support: B}
    """)
    ad = build(load_role(path, framework), tmp_path)["advert"]
    assert facts(ad)["Salary"] == "£25,000 FTE, paid pro rata"
    assert not any(t.startswith("Actual salary worked out") for t in texts(ad))


def test_advert_full_time_pay_and_sections(technician: ResolvedRole, tmp_path: Path) -> None:
    ad = build(technician, tmp_path)["advert"]
    assert facts(ad)["Salary"] == "£26,409 \u2013 £28,163 a year (NJC SCP 12-17)"
    assert headings(ad, 1) == ["About the role", "What you will do", "How to apply"]
    body = texts(ad)
    assert body[body.index("About the role") + 1].startswith("We are looking for an ICT Technician to provide")
    bullets = [t for s, t in paragraphs(ad) if s == "List Bullet"]
    assert 5 <= len(bullets) <= 8
    activities = {st.text for s in technician.skills for st in s.activities}
    assert set(bullets) <= activities
    assert "The closing date for applications is Friday 14 May 2027." in body


def test_advert_key_duties_chosen_by_role(framework: Framework, write, tmp_path: Path) -> None:
    path = write("role.yaml", """
        title: ICT Technician
        skills: {desktop-application-support: B, server-network-support: C}
        key_duties: [SN.C.A6, DA.B.A4]
    """)
    role = load_role(path, framework)
    ad = build(role, tmp_path)["advert"]
    bullets = [t for s, t in paragraphs(ad) if s == "List Bullet"]
    assert bullets == [framework.statements["SN.C.A6"].statement.text, framework.statements["DA.B.A4"].statement.text]


def box_text(doc: docx.document.Document) -> str:
    """The safer-recruitment box (the advert's last table)."""
    return doc.tables[-1].cell(0, 0).text


def test_advert_safer_recruitment_england(technician: ResolvedRole, tmp_path: Path) -> None:
    ad = build(technician, tmp_path)["advert"]
    box = box_text(ad)
    assert box.startswith("Our commitment to safeguarding")
    assert "Northfield Academy is committed to safeguarding" in box
    assert "Keeping children safe in education" in box
    assert "enhanced Disclosure and Barring Service (DBS) check" in box and "barred list" in box
    assert "Rehabilitation of Offenders Act 1974" in box
    assert "online searches on shortlisted candidates" in box
    assert "obtained before interview" in box
    borders = ad.tables[-1]._tbl.tblPr.find(qn("w:tblBorders"))
    assert borders is not None and ad.tables[-1].cell(0, 0)._tc.tcPr.find(qn("w:shd")) is not None


def test_advert_safer_recruitment_wales(framework: Framework, write, tmp_path: Path) -> None:
    path = write("role.yaml", """
        title: Technegydd TGCh
        school: Ysgol Gymraeg Aberystwyth
        safer_recruitment: wales
        skills: {desktop-application-support: B}
    """)
    box = box_text(build(load_role(path, framework), tmp_path)["advert"])
    assert "Keeping learners safe" in box
    assert "Keeping children safe in education" not in box
    assert "barred list" in box and "Rehabilitation of Offenders Act 1974" in box
    assert "Welsh" in box
