"""The web advert: schema.org JobPosting JSON-LD and an accessible HTML page."""

from __future__ import annotations

import datetime as dt
import json
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest
from conftest import EXAMPLES

from ictroles.renderers.facts import key_duties
from ictroles.renderers.outputs import OUTPUTS, RenderOptions
from ictroles.renderers.web import render_web_advert
from ictroles.roles.modernise import modernise_role
from ictroles.roles.pay import money
from ictroles.roles.resolve import load_role

TODAY = dt.date(2027, 4, 20)


class Page(HTMLParser):
    """What a reader (or screen reader) gets from the page: lang, headings, text, JSON-LD."""

    def __init__(self) -> None:
        super().__init__()
        self.lang: str | None = None
        self.headings: list[tuple[str, str]] = []
        self.text: list[str] = []
        self.jsonld: list[str] = []
        self.links: dict[str, str] = {}  # link text -> href
        self._href: str | None = None
        self._tag: str | None = None
        self._in_jsonld = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        if tag == "html":
            self.lang = attributes.get("lang")
        if tag == "script" and attributes.get("type") == "application/ld+json":
            self._in_jsonld = True
        if tag == "a":
            self._href = attributes.get("href")
        self._tag = tag

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self._in_jsonld = False
        if tag == "a":
            self._href = None
        self._tag = None

    def handle_data(self, data: str) -> None:
        if self._href is not None:
            self.links[data] = self._href
        if self._in_jsonld:
            self.jsonld.append(data)
        elif self._tag in ("h1", "h2", "h3") and data.strip():
            self.headings.append((self._tag, data.strip()))
        if data.strip() and self._tag not in ("style", "script"):
            self.text.append(" ".join(data.split()))


def build(tmp_path: Path, example: str) -> tuple[Path, Path]:
    role = load_role(EXAMPLES / f"{example}.yaml")
    out = tmp_path / f"{role.slug}-advert.html"
    render_web_advert(role, out, RenderOptions(today=TODAY))
    return out, out.with_suffix(".jsonld")


def parse(path: Path) -> Page:
    page = Page()
    page.feed(path.read_text(encoding="utf-8"))
    return page


def test_registry_paths_match_what_the_renderer_writes(tmp_path: Path) -> None:
    html_path, jsonld_path = build(tmp_path, "ict-technician")
    assert OUTPUTS["advert-web"].paths(tmp_path, "ict-technician") == [html_path, jsonld_path]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["ict-technician-advert.html", "ict-technician-advert.jsonld"]


def test_jsonld_is_a_complete_job_posting(tmp_path: Path) -> None:
    _, jsonld_path = build(tmp_path, "ict-technician")
    posting = json.loads(jsonld_path.read_text(encoding="utf-8"))
    assert posting["@context"] == "https://schema.org" and posting["@type"] == "JobPosting"
    for key in ("title", "description", "hiringOrganization", "jobLocation", "employmentType",
                "baseSalary", "datePosted", "validThrough"):
        assert key in posting, key
    assert posting["title"] == "ICT Technician"
    assert isinstance(posting["description"], str) and "<li>" in posting["description"]
    assert posting["hiringOrganization"] == {"@type": "Organization", "name": "Northfield Academy"}
    assert posting["jobLocation"]["@type"] == "Place"
    assert posting["jobLocation"]["address"]["addressLocality"] == "Northfield, Birmingham"
    assert posting["employmentType"] == ["FULL_TIME"]
    assert posting["datePosted"] == "2027-04-20"
    assert dt.datetime.fromisoformat(posting["validThrough"]).date() == dt.date(2027, 5, 14)
    salary = posting["baseSalary"]
    assert salary["@type"] == "MonetaryAmount" and salary["currency"] == "GBP"
    value = salary["value"]
    assert value["@type"] == "QuantitativeValue" and value["unitText"] == "YEAR"
    assert isinstance(value["minValue"], int) and isinstance(value["maxValue"], int)


def test_salary_agrees_with_the_role_pay(tmp_path: Path) -> None:
    """Full-time: the FTE range; term-time part-time: the actual pay, as the Word advert shows."""
    technician = load_role(EXAMPLES / "ict-technician.yaml")
    _, jsonld_path = build(tmp_path, "ict-technician")
    value = json.loads(jsonld_path.read_text())["baseSalary"]["value"]
    assert (value["minValue"], value["maxValue"]) == (round(technician.pay.fte_from), round(technician.pay.fte_to))

    assistant = load_role(EXAMPLES / "primary-teaching-assistant.yaml")
    assert assistant.pay.pro_rata
    html_path, jsonld_path = build(tmp_path, "primary-teaching-assistant")
    posting = json.loads(jsonld_path.read_text())
    assert posting["baseSalary"]["value"]["value"] == round(assistant.pay.actual_from)
    assert posting["employmentType"] == ["PART_TIME", "TEMPORARY"]
    text = " ".join(parse(html_path).text)
    assert f"{money(assistant.pay.actual_from)} a year actual ({money(assistant.pay.fte_from)} FTE" in text


def test_html_is_accessible_and_carries_the_same_jsonld(tmp_path: Path) -> None:
    html_path, jsonld_path = build(tmp_path, "ict-technician")
    page = parse(html_path)
    assert page.lang == "en-GB"
    levels = [tag for tag, _ in page.headings]
    assert levels[0] == "h1" and levels.count("h1") == 1 and set(levels[1:]) == {"h2"}
    titles = [t for _, t in page.headings]
    assert titles[0] == "ICT Technician"
    assert titles[1:] == ["Key facts", "About the role", "What you will do", "How to apply",
                          "Our commitment to safeguarding"]
    assert json.loads("".join(page.jsonld)) == json.loads(jsonld_path.read_text())
    text = " ".join(page.text)
    for fact in ("£26,409 \u2013 £28,163 a year", "37 hours a week", "Permanent", "Friday 14 May 2027",
                 "enhanced Disclosure and Barring Service (DBS) check", "Rehabilitation of Offenders Act 1974"):
        assert fact in text


def test_five_to_eight_key_duties(tmp_path: Path) -> None:
    role = load_role(EXAMPLES / "ict-technician.yaml")
    duties = key_duties(role)
    assert 5 <= len(duties) <= 8
    assert len(set(duties)) == len(duties)
    html_path, _ = build(tmp_path, "ict-technician")
    text = " ".join(parse(html_path).text)
    assert all(d in text for d in duties)
    # The Word advert lists the very same duties.
    from docx import Document

    from ictroles.renderers.word.advert import render_advert

    docx_path = tmp_path / "ict-technician-advert.docx"
    render_advert(role, docx_path, RenderOptions(today=TODAY))
    bullets = [p.text for p in Document(str(docx_path)).paragraphs if p.style.name == "List Bullet"]
    assert bullets == duties


def test_role_text_is_escaped(tmp_path: Path, write) -> None:
    role_file = write("evil.yaml", """
        title: "ICT <script>alert(1)</script> Technician"
        school: "Tom & Jerry's </script><b>School</b>"
        salary: {fte: 26409}
        hours_per_week: 37
        contract: permanent
        closing_date: 2027-05-14
        skills: {desktop-application-support: B}
    """)
    role = load_role(role_file)
    out = tmp_path / "evil-advert.html"
    render_web_advert(role, out, RenderOptions(today=TODAY))
    source = out.read_text()
    assert "<script>alert" not in source and "</script><b>" not in source
    page = parse(out)
    assert page.headings[0] == ("h1", "ICT <script>alert(1)</script> Technician")
    assert json.loads("".join(page.jsonld))["hiringOrganization"]["name"] == "Tom & Jerry's </script><b>School</b>"


def test_modernised_duties_are_marked_adapted(tmp_path: Path, write) -> None:
    role_file = write("r.yaml", """
        title: Technician
        key_duties: [DA.B.A6, DA.B.A1, DA.B.A2, DA.B.A3, DA.B.A4]
        skills: {desktop-application-support: B}
    """)
    role = modernise_role(load_role(role_file))
    out = tmp_path / "r-advert.html"
    render_web_advert(role, out, RenderOptions(today=TODAY))
    text = " ".join(parse(out).text)
    assert "install updates and patches" in text and "service packs" not in text
    assert "adapted" not in text and "\u2020" not in text  # no editorial marks in an advert


def test_emails_web_addresses_and_the_documents_are_links(tmp_path: Path) -> None:
    html_path, _ = build(tmp_path, "ict-technician")
    page = parse(html_path)
    assert page.links["recruitment@northfield.example.sch.uk"] == "mailto:recruitment@northfield.example.sch.uk"
    assert page.links["northfield.example.sch.uk/vacancies"] == "https://northfield.example.sch.uk/vacancies"
    assert page.links["job description"] == "ict-technician-job-description.docx"
    assert page.links["person specification"] == "ict-technician-person-specification.docx"
    text = " ".join(page.text)
    assert "return the completed form to recruitment@northfield.example.sch.uk . We do not accept CVs." in text


def test_linkify_escapes_everything_else() -> None:
    from ictroles.renderers.web import linkify

    assert str(linkify("Mail <b>x@y.org</b>.")) == 'Mail &lt;b&gt;<a href="mailto:x@y.org">x@y.org</a>&lt;/b&gt;.'
    assert str(linkify("See https://a.example.com/p?q=1&r=2.")) == (
        'See <a href="https://a.example.com/p?q=1&amp;r=2">https://a.example.com/p?q=1&amp;r=2</a>.')


@pytest.mark.skipif(shutil.which("chromium") is None,
                    reason="Debian's chromium is not installed (apt-get install chromium); .ci/run installs it")
def test_page_renders_in_a_headless_browser(tmp_path: Path) -> None:
    html_path, _ = build(tmp_path, "ict-technician")
    shot = tmp_path / "advert.png"
    subprocess.run(
        ["chromium", "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         f"--user-data-dir={tmp_path / 'profile'}", f"--screenshot={shot}", "--window-size=1000,1400",
         html_path.resolve().as_uri()],
        check=True, capture_output=True, timeout=120,
    )
    assert shot.is_file()
    image_module = pytest.importorskip("PIL.Image", reason="Pillow (in the test extra) reads the screenshot")
    image = image_module.open(shot).convert("L")
    assert image.size == (1000, 1400)
    dark = sum(image.histogram()[:128])  # pixels darker than mid-grey
    # Text and the coloured heading cover a real share of the page; a blank page has none.
    assert dark > 5000


def test_jsonld_salary_is_the_figure_the_word_advert_prints(tmp_path: Path) -> None:
    import docx

    role = load_role(EXAMPLES / "primary-teaching-assistant.yaml")
    word = tmp_path / "advert.docx"
    OUTPUTS["advert"].load()(role, word, RenderOptions(today=TODAY))
    document = docx.Document(str(word))
    cells = [c.text for t in document.tables for r in t.rows for c in r.cells]
    words = " ".join([p.text for p in document.paragraphs] + cells)
    _, jsonld_path = build(tmp_path, "primary-teaching-assistant")
    value = json.loads(jsonld_path.read_text())["baseSalary"]["value"]["value"]
    assert money(value) in words and money(role.pay.fte_from) in words


@pytest.mark.parametrize(
    "template, message",
    [
        ('{{ "".__class__.__mro__ }}', "unsafe"),
        ("{{ nosuch }}", "'nosuch' is undefined"),
        ("{% for %}", ":2: template error: Expected an expression"),
    ],
)
def test_a_schools_broken_or_hostile_template_is_a_clean_error(tmp_path: Path, template: str, message: str) -> None:
    from click.testing import CliRunner

    from ictroles.cli import cli

    (tmp_path / "tpl" / "web").mkdir(parents=True)
    (tmp_path / "tpl" / "web" / "advert.html").write_text(f"<html>\n{template}</html>\n")
    out = tmp_path / "out"
    result = CliRunner().invoke(cli, ["build", str(EXAMPLES / "ict-technician.yaml"), "--templates",
                                      str(tmp_path / "tpl"), "--only", "advert-web", "-o", str(out)])
    assert result.exit_code == 1
    assert "advert.html" in result.output and message in result.output
    assert "unexpected error" not in result.output and "Traceback" not in result.output
    assert not list(out.iterdir())
