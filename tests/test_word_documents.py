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


def duty_items(doc: docx.document.Document) -> list[tuple[str, str]]:
    """(label, duty) of every numbered paragraph: the grey label sits above the duty, after a
    line break; a paragraph without a break has an empty label."""
    out = []
    for _, text in numbered_lines(doc):
        label, _, duty = text.rpartition("\n")
        out.append((label, duty))
    return out


def numbered_lines(doc: docx.document.Document) -> list[tuple[str, str]]:
    """(numId, text with line breaks as newlines) of every numbered paragraph."""
    ids = {num for num, _ in numbered(doc)}
    out = []
    for p in doc.element.body.iter(qn("w:p")):
        num = p.find(f"{qn('w:pPr')}/{qn('w:numPr')}/{qn('w:numId')}")
        if num is None or num.get(qn("w:val")) not in ids:
            continue
        parts = []
        for el in p.iter(qn("w:t"), qn("w:br")):
            parts.append("\n" if el.tag == qn("w:br") else el.text or "")
        out.append((num.get(qn("w:val")), "".join(parts)))
    return out


def post_duties(role: ResolvedRole, jd: docx.document.Document) -> list[tuple[str, str]]:
    """The post's own numbered duties (before the duties every member of staff carries)."""
    items = duty_items(jd)
    n = sum(len([st for st in s.activities if st.origin == "custom"]) + 1 for s in role.skills)
    return items[: n + len(role.spec.additional_duties)]


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: p.stem)
def test_every_example_has_one_concise_duty_per_skill(example: Path, framework: Framework, tmp_path: Path) -> None:
    import difflib

    role = load_role(example, framework)
    docs = build(role, tmp_path)
    jd = docs["jd"]
    duties = post_duties(role, jd)
    texts_ = [d for _, d in duties]
    assert 8 <= len(duty_items(jd)) <= 24
    for skill in role.skills:
        assert texts_.count(skill.duty) == 1, skill.id
        assert (f"{skill.name} \u00b7 Level {skill.level}", skill.duty) in duties
    for text in role.spec.additional_duties:
        assert texts_.count(text) == 1
    for text in texts_:
        assert not text.startswith(("Understand", "Aware", "Know", "Confident", "Expert")), text
    for a, b in [(a, b) for n, a in enumerate(texts_) for b in texts_[n + 1:]]:
        assert difflib.SequenceMatcher(None, a, b).ratio() < 0.85, (a, b)
    # No framework statement is copied in as a duty: they stay in the appendix and workbook.
    framework_texts = {st.text for s in role.skills for st in s.activities if st.origin != "custom"}
    assert not framework_texts & set(texts_)
    assert len({num for num, _ in numbered(jd)}) == 1  # numbered continuously, never restarted
    assert jd.element.body.find(f".//{qn('w:lvlOverride')}") is None
    for doc in docs.values():
        assert texts(doc)[0] == role.title
        assert (role.spec.school or "") in header_text(doc)
        assert not any("\u2020" in t for t in texts(doc))  # no adaptation marks in what candidates read


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: p.stem)
def test_the_appendix_lists_every_chosen_statement_once_verbatim(example: Path, framework: Framework,
                                                               tmp_path: Path) -> None:
    role = load_role(example, framework)
    (tmp_path / "plain").mkdir()
    (tmp_path / "appendix").mkdir()
    plain = build(role, tmp_path / "plain")["jd"]
    assert "Appendix: competence profile" not in headings(plain, 1)
    jd = build(role, tmp_path / "appendix", RenderOptions(today=TODAY, appendix=True))["jd"]
    assert headings(jd, 1)[-1] == "Appendix: competence profile"
    appendix = texts(jd)[texts(jd).index("Appendix: competence profile"):]
    bullets = [t for t in appendix if t]
    for skill in role.skills:
        assert f"{skill.name} \u00b7 Level {skill.level}" in appendix
        for st in (*skill.activities, *skill.knowledge, *skill.examples):
            shown = [t for t in bullets if t.startswith(st.text + "  ")]
            assert len(shown) == 1, st.id
            if st.origin != "custom":
                assert shown[0].startswith(f"{st.text}  {'/'.join((st.id, *st.merged_ids))}")


# -- job description -----------------------------------------------------------------------


def test_job_description_headings_in_order(technician: ResolvedRole, tmp_path: Path) -> None:
    jd = build(technician, tmp_path)["jd"]
    assert headings(jd, 1) == [
        "Purpose of the post",
        "Main duties and responsibilities",
        "Duties for all school staff",
    ]
    # The standards pack's duties come after the framework's focus areas, under their own heading.
    assert headings(jd, 2) == ["Technology", "Support", "Personal", "Digital and technology standards"]
    network = next(s.duty for s in technician.skills if s.id == "server-network-support")
    assert ("Server & Network support \u00b7 Level C", network) in duty_items(jd)
    filtering = next(s for s in technician.standards if s.id == "filtering-monitoring")
    assert ("Filtering and monitoring standards \u00b7 Level C", filtering.duty) in duty_items(jd)
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
    # The role's own activity is a numbered duty under its skill.
    assert ("Communication Skills \u00b7 Level B", "Keep the staff ICT help pages on the school intranet up to date.") \
        in duty_items(jd)
    # The last duty is kept with the closing clause, and the clause with the dates.
    last = [p for p in jd.paragraphs if p.text.startswith("Professional development.")][0]
    assert last.paragraph_format.keep_with_next


def test_prepared_date_defaults_to_today(framework: Framework, tmp_path: Path) -> None:
    role = load_role(REPO / "examples" / "senior-ict-technician.yaml", framework)
    jd = build(role, tmp_path)["jd"]
    assert "Prepared: 15 January 2027\u2003\u2003Review by: 15 January 2028" in texts(jd)  # a year on by default


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


def test_modern_wording_shows_both_texts_in_the_appendix(technician: ResolvedRole, tmp_path: Path) -> None:
    skill = technician.skills[0]
    first = skill.activities[0]
    modern = replace(first, text="Install and test new peripherals such as visualisers.", original_text=first.text)
    role = replace(technician, skills=(replace(skill, activities=(modern, *skill.activities[1:])), *technician.skills[1:]))
    jd = build(role, tmp_path, RenderOptions(today=TODAY, appendix=True))["jd"]
    assert (f"Install and test new peripherals such as visualisers.  {first.id} "
            f"(framework text: \u201c{first.text}\u201d)") in texts(jd)
    assert not any("\u2020" in t for t in texts(jd))


# -- person specification ------------------------------------------------------------------


def spec_rows(doc: docx.document.Document) -> dict[str, list[str]]:
    """Criterion text -> [Essential, Desirable, How assessed] of the criteria table."""
    table = doc.tables[-1]
    return {r[0].rstrip("\u2020"): r[1:] for r in ([c.text for c in row.cells] for row in table.rows) if len(set(r)) > 1}


def test_person_spec_derived_criteria(technician: ResolvedRole, framework: Framework, tmp_path: Path) -> None:
    ps = build(technician, tmp_path)["ps"]
    rows = spec_rows(ps)
    skills = {s.id: s for s in technician.skills}
    # One Essential criterion per skill, assessed at interview and by a task where practical.
    for skill in technician.skills:
        assert rows[skill.criterion] == ["\u2713", "", "I, T" if skill.task else "I"], skill.id
    # A few Desirable ones: the next level of the role's highest-level skill comes first.
    assert rows[skills["server-network-support"].next_level_criterion] == ["", "\u2713", "I, T"]
    desirable = [r for r in rows.values() if r[1] == "\u2713"]
    assert 1 <= len(desirable) <= 5
    assert 15 <= len(rows) - 1 <= 25  # rows less the header
    # Knowledge statements are not copied in as criteria.
    assert not {st.text for s in technician.skills for st in s.knowledge} & set(rows)
    assert rows["Full, clean driving licence, to travel between the academy's two sites."] == ["", "\u2713", "A"]
    assert rows["Experience of providing ICT support to users in a busy organisation."] == ["\u2713", "", "A"]
    assert rows["Patient, calm and courteous with users of every level of confidence, including under pressure."] \
        == ["\u2713", "", "I, R"]
    assert rows["Satisfactory enhanced DBS check with children's barred list check, and other pre-employment "
                "checks."] == ["\u2713", "", "R"]
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


@pytest.mark.parametrize(("example", "essential"), [
    ("primary-teaching-assistant.yaml", "A level 2 or 3 teaching assistant qualification, or working towards one."),
    ("network-manager.yaml", "A degree or professional qualification in a relevant field, or equivalent "
                             "experience of managing ICT services."),
])
def test_each_level_of_post_has_its_own_qualifications(example: str, essential: str, framework: Framework,
                                                      tmp_path: Path) -> None:
    rows = spec_rows(build(load_role(REPO / "examples" / example, framework), tmp_path)["ps"])
    assert rows[essential] == ["\u2713", "", "A"]


def test_person_spec_overrides(framework: Framework, write, tmp_path: Path) -> None:
    path = write("role.yaml", """
        title: ICT Technician
        school: Test School
        skills:
          desktop-application-support: B
          server-network-support: B
          health-safety: B
        person_spec:
          defaults: false
          criteria:
            desktop-application-support: {category: experience, essential: false, assessed: [T, I]}
            server-network-support: {omit: true}
            health-safety: {text: Knows the school's ICT health and safety rules.}
          add:
            - text: Holds a current first aid certificate.
              category: qualifications
              essential: false
              assessed: [A]
    """)
    role = load_role(path, framework)
    skills = {s.id: s for s in role.skills}
    ps = build(role, tmp_path)["ps"]
    rows = spec_rows(ps)
    assert rows[skills["desktop-application-support"].criterion] == ["", "\u2713", "T, I"]
    assert skills["server-network-support"].criterion not in rows
    assert rows["Knows the school's ICT health and safety rules."] == ["\u2713", "", "I, T"]
    assert rows["Holds a current first aid certificate."] == ["", "\u2713", "A"]
    categories = [row.cells[0].text for row in ps.tables[-1].rows if len({c._tc for c in row.cells}) == 1]
    # defaults: false leaves out the standard criteria, never the safeguarding ones.
    assert categories == ["Qualifications", "Experience", "Knowledge and skills", "Suitability to work with children"]
    order = [r.cells[0].text for r in ps.tables[-1].rows]
    assert order.index("Experience") < order.index(skills["desktop-application-support"].criterion) \
        < order.index("Knowledge and skills")


def test_a_criterion_named_by_statement_id_points_to_the_skill(framework: Framework, write) -> None:
    from ictroles.core.errors import InvalidInputError

    path = write("role.yaml", """
        title: ICT Technician
        skills: {desktop-application-support: B}
        person_spec:
          criteria:
            DA.B.K1: {omit: true}
    """)
    with pytest.raises(InvalidInputError) as info:
        load_role(path, framework)
    assert ("person_spec.criteria.DA.B.K1: criteria are one per skill now: write the skill id "
            "'desktop-application-support' instead of 'DA.B.K1'") in str(info.value)


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
    assert set(bullets) <= {s.duty for s in technician.skills}  # concise duties, never Knowledge
    assert "The closing date for applications is Friday 14 May 2027." in body


def test_advert_key_duties_chosen_by_role(framework: Framework, write, tmp_path: Path) -> None:
    path = write("role.yaml", """
        title: ICT Technician
        skills: {desktop-application-support: B, server-network-support: C}
        key_duties: [server-network-support, DA.B.A4]
    """)
    role = load_role(path, framework)
    ad = build(role, tmp_path)["advert"]
    bullets = [t for s, t in paragraphs(ad) if s == "List Bullet"]
    assert bullets == [role.skills[1].duty, framework.statements["DA.B.A4"].statement.text]


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


@pytest.mark.parametrize("drop", [(), ("interview_date",), ("interview_date", "start_date"),
                                  ("interview_date", "start_date", "contract")])
def test_the_key_facts_grid_has_no_empty_cell(technician: ResolvedRole, tmp_path: Path, drop: tuple[str, ...]) -> None:
    role = replace(technician, spec=technician.spec.replace(**{name: None for name in drop}))
    ad = build(role, tmp_path)["advert"]
    grid = ad.tables[0]
    assert all(cell.text.strip() for row in grid.rows for cell in row.cells)
    assert len({c._tc for row in grid.rows for c in row.cells}) == 6 - len(drop)
