"""The designer end to end in a real headless browser (Debian's chromium, driven by Playwright).

The real server runs in a thread on a free port over a folder holding the primary technician
example and an authority's standard role. Each test starts a new post from the "Primary school
ICT technician" starting point in its own browser context, so the tests do not depend on each
other's order. Every step leaves a screenshot under pytest's tmp folder; with
ICTROLES_SCREENSHOTS=DIR they are copied into DIR as well, for a person to look at.

Expected figures and words come from the library (compute_pay, load_role, skill_duties), never
from literals, so the page is checked against what `ictroles build` would write.
"""

from __future__ import annotations

import itertools
import os
import re
import shutil
import threading
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import docx
import openpyxl
import pytest
import yaml
from click.testing import CliRunner

import ictroles
from ictroles.cli import cli
from ictroles.renderers.word.job_description import skill_duties
from ictroles.roles.pay import compute_pay, money, paid_weeks_for
from ictroles.roles.resolve import ResolvedRole
from tests.conftest import EXAMPLES

sync_api = pytest.importorskip("playwright.sync_api", reason="Playwright for Python is not installed")
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
if not Path(CHROMIUM).exists():
    pytest.skip("Debian's chromium is not installed (apt-get install chromium); no browser is downloaded",
                allow_module_level=True)

from playwright.sync_api import Browser, Download, Page, expect  # noqa: E402
from werkzeug.serving import BaseWSGIServer, make_server  # noqa: E402

from ictroles.designer.app import create_app  # noqa: E402

STARTING_POINT = "Primary school ICT technician"
EXAMPLE = EXAMPLES / "primary-technician.yaml"
STANDARD_ROLE = EXAMPLES / "authority" / "standard-roles" / "ict-technician.yaml"
_numbers = itertools.count(1)


@dataclass
class Server:
    url: str
    folder: Path
    shots: Path


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """The designer over a folder with the primary example and a standard role, on a free port."""
    folder = tmp_path_factory.mktemp("designer-folder")
    shutil.copy(EXAMPLE, folder / EXAMPLE.name)
    shutil.copy(STANDARD_ROLE, folder / "westshire-ict-technician.yaml")
    httpd: BaseWSGIServer = make_server("127.0.0.1", 0, lambda environ, start: [], threaded=True)
    port = httpd.server_port
    httpd.app = create_app(folder, host="127.0.0.1", port=port)  # the app must know its port
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield Server(f"http://127.0.0.1:{port}", folder, tmp_path_factory.mktemp("screenshots"))
    finally:
        httpd.shutdown()
        thread.join(5)


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        try:
            yield b
        finally:
            b.close()


@pytest.fixture
def page(browser: Browser, server: Server) -> Iterator[Page]:
    """A fresh browser context (its own session) at a 1280x800 laptop screen."""
    context = browser.new_context(viewport={"width": 1280, "height": 800}, locale="en-GB",
                                  accept_downloads=True)
    context.set_default_timeout(10_000)
    pg = context.new_page()
    errors: list[str] = []
    pg.on("pageerror", lambda exc: errors.append(str(exc)))
    try:
        yield pg
        assert not errors, f"JavaScript errors in the page: {errors}"
    finally:
        context.close()


def shot(page: Page, server: Server, name: str, *, full_page: bool = False) -> Path:
    """A screenshot of the page as it is now, kept under tmp and in $ICTROLES_SCREENSHOTS."""
    path = server.shots / f"{next(_numbers):02d}-{name}.png"
    page.screenshot(path=str(path), full_page=full_page)
    target = os.environ.get("ICTROLES_SCREENSHOTS")
    if target:
        Path(target).mkdir(parents=True, exist_ok=True)
        shutil.copy(path, Path(target) / path.name)
    return path


CLOSING_DATE = "2027-04-23"


def new_post(page: Page, server: Server, title: str) -> Path:
    """Start a new post from the primary technician starting point; returns its role file."""
    page.goto(server.url + "/")
    page.get_by_label(STARTING_POINT).check()
    page.get_by_label("Job title").fill(title)
    page.get_by_label("School", exact=True).fill("Oak Lane Primary School")
    page.get_by_role("button", name="Start").click()
    page.wait_for_url("**/edit/*")
    expect(page.locator("#doc-jd .doc-title")).to_have_text(title)
    # A new post starts without the example's own dates and contact: lint asks for the
    # closing date at once, and giving it clears the message.
    closing = page.locator("#msg-closing_date")
    expect(closing).to_contain_text("closing date")
    page.locator("#f-closing_date").fill(CLOSING_DATE)
    expect(closing).to_be_empty()
    return server.folder / page.url.rsplit("/", 1)[-1]


def open_skill(page: Page, skill_id: str) -> None:
    details = page.locator(f"#skill-{skill_id}")
    if details.get_attribute("open") is None:
        details.locator("> summary").click()
    expect(details).to_have_attribute("open", "")


def jd_duties(path: Path) -> list[str]:
    """The numbered paragraphs of a job description .docx, in order."""
    document = docx.Document(str(path))
    return [p.text for p in document.paragraphs if p._p.pPr is not None and p._p.pPr.numPr is not None]


def variant(tmp_path: Path, **skills: Any) -> ResolvedRole:
    """The example with some skills changed, resolved by the library (None removes a skill)."""
    data = yaml.safe_load(EXAMPLE.read_text(encoding="utf-8"))
    for skill_id, level in skills.items():
        if level is None:
            data["skills"].pop(skill_id)
        else:
            data["skills"][skill_id] = level
    path = tmp_path / f"variant-{next(_numbers)}.yaml"
    path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    return ictroles.load_role(path)


def statement_box(statement_id: str) -> str:
    """The CSS selector of a statement's checkbox (its id has dots in it)."""
    return "#s-" + statement_id.replace(".", "\\.")


def save(page: Page) -> None:
    page.locator("#save").click()
    expect(page.locator("#save-status")).to_contain_text("Saved")


# (1) The start page, and a new post from a starting point.
def test_start_page_lists_files_and_starting_points(page: Page, server: Server) -> None:
    page.goto(server.url + "/")
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    files = page.locator("ul.files")
    expect(files).to_contain_text("primary-technician.yaml")
    for label in ("Primary teaching assistant with ICT duties", STARTING_POINT, "ICT technician",
                  "Senior ICT technician", "Network manager"):
        expect(page.get_by_text(label, exact=True)).to_be_visible()
    expect(page.get_by_text("westshire-ict-technician.yaml", exact=False)).to_be_visible()  # a standard role
    shot(page, server, "start-page", full_page=True)

    path = new_post(page, server, "Willow Lane ICT Technician")
    assert path.exists()
    assert ictroles.load_role(path).title == "Willow Lane ICT Technician"
    expect(page.locator("#f-title")).to_have_value("Willow Lane ICT Technician")
    shot(page, server, "new-post-edit-page")


def test_blank_title_keeps_the_start_page(page: Page, server: Server) -> None:
    page.goto(server.url + "/")
    standard = page.locator("input[name=start][value='standard:westshire-ict-technician.yaml']")
    expect(standard).to_have_count(1)
    page.get_by_label("Job title").fill("   ")  # passes the browser's `required`, not the server
    page.get_by_role("button", name="Start").click()
    expect(page.get_by_role("alert")).to_contain_text("Give the post a title")
    expect(page.locator("#new-title-error")).to_contain_text("Give the post a title")  # beside the field
    shot(page, server, "start-blank-title")
    expect(page.locator("ul.files")).not_to_contain_text("westshire-ict-technician.yaml")
    expect(standard).to_have_count(1)


# (2) Hours and weeks: the actual pay follows as it is typed.
def test_pay_updates_for_a_term_time_post(page: Page, server: Server) -> None:
    new_post(page, server, "Pay Technician")
    example = ictroles.load_role(EXAMPLE)
    assert example.spec.salary is not None
    fte = example.spec.salary.fte
    full_time = example.spec.full_time_hours

    page.locator("#f-hours_per_week").fill(f"{full_time:g}")
    page.locator("#f-weeks_per_year").fill("52")
    page.locator("#f-paid_weeks").fill("")
    expect(page.locator("#pay-salary")).to_contain_text(f"{money(fte)} a year")
    expect(page.locator("#pay-salary")).not_to_contain_text("actual")

    page.locator("#f-hours_per_week").fill("25")
    page.locator("#f-weeks_per_year").fill("39")
    page.locator("#helper-holidays").fill("28")
    weeks = paid_weeks_for(39, 28)
    expect(page.locator("#paid-weeks-hint")).to_contain_text(f"{weeks:g} paid weeks")
    page.locator("#use-paid-weeks").click()
    expect(page.locator("#f-paid_weeks")).to_have_value(f"{weeks:g}")
    pay = compute_pay(fte, None, None, 25, full_time, 39, weeks)
    assert pay.actual_from is not None and pay.pro_rata
    expect(page.locator("#pay-salary")).to_contain_text(f"actual pay {money(pay.actual_from)} a year")
    expect(page.locator("#pay-advert")).to_contain_text(f"{money(pay.actual_from)} a year actual")
    page.locator(".pay").scroll_into_view_if_needed()
    shot(page, server, "pay-term-time")


# (3) Levels: a new level's duty comes into the job description; "not part of this post" leaves it.
def test_levels_change_the_duties(page: Page, server: Server, tmp_path: Path) -> None:
    new_post(page, server, "Levels Technician")
    preview = page.locator("#doc-jd")
    before = {s.id: s for s in ictroles.load_role(EXAMPLE).skills}
    after = {s.id: s for s in variant(tmp_path, **{"server-network-support": "B"}).skills}
    old_duty = skill_duties(before["server-network-support"])[0]
    new_duty = skill_duties(after["server-network-support"])[0]
    assert old_duty != new_duty
    expect(preview).to_contain_text(old_duty)

    open_skill(page, "server-network-support")
    page.locator("#lv-server-network-support-B").check()
    expect(page.locator("[data-chosen-for='server-network-support']")).to_have_text("Level B")
    expect(preview).to_contain_text(new_duty)
    expect(preview).not_to_contain_text(old_duty)
    # the changed duty is brought into view in the preview, and marked
    item = preview.locator("li[data-skill='server-network-support']").first
    expect(item).to_have_class(re.compile(r"\bchanged\b"))
    pane, box = page.locator("aside.preview").bounding_box(), item.bounding_box()
    assert pane and box and pane["y"] <= box["y"] < pane["y"] + pane["height"], (pane, box)
    page.locator("#skill-server-network-support").scroll_into_view_if_needed()
    shot(page, server, "level-changed")

    gone = skill_duties(before["educational-awareness"])[0]
    expect(preview).to_contain_text(gone)
    open_skill(page, "educational-awareness")
    page.locator("#lv-educational-awareness-none").check()
    expect(preview).not_to_contain_text(gone)
    expect(page.locator("[data-chosen-for='educational-awareness']")).to_have_text("Not part of this post")
    page.locator("#skill-educational-awareness").scroll_into_view_if_needed()
    shot(page, server, "skill-not-in-post")


# (4) Statements: untick one and it is excluded in the saved file and the resolved role.
def test_untick_a_statement_excludes_it(page: Page, server: Server) -> None:
    path = new_post(page, server, "Statements Technician")
    skill = "desktop-application-support"
    example = {s.id: s for s in ictroles.load_role(EXAMPLE).skills}[skill]
    statement = example.activities[0]
    open_skill(page, skill)
    box = page.locator(statement_box(statement.id))
    expect(box).to_be_checked()
    box.uncheck()
    page.locator(f"#skill-{skill} .statement-list").first.scroll_into_view_if_needed()
    shot(page, server, "statement-unticked")
    save(page)

    saved = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert statement.id in saved["skills"][skill]["exclude"]
    assert saved["skills"][skill]["level"] == example.level
    role = ictroles.load_role(path)
    resolved = {s.id: s for s in role.skills}[skill]
    ids = {st.id for facet in ("activities", "knowledge", "examples") for st in resolved.statements(facet)}
    assert statement.id not in ids
    assert {st.id for st in example.activities[1:]} <= ids  # only that one left
    # the page, reloaded from the saved file, shows it unticked
    page.reload()
    open_skill(page, skill)
    expect(page.locator(statement_box(statement.id))).not_to_be_checked()


# (5) A lint finding shows next to its field, and goes when it is fixed.
def test_closing_date_lint_message_next_to_the_field(page: Page, server: Server) -> None:
    new_post(page, server, "Closing Date Technician")
    message = page.locator("#msg-closing_date")
    expect(message).to_be_empty()
    date = page.locator("#f-closing_date")
    original = date.input_value()
    assert original
    date.fill("")
    expect(message).to_contain_text("closing date")
    date.scroll_into_view_if_needed()
    shot(page, server, "closing-date-missing")
    date.fill(original)
    expect(message).to_be_empty()


# (6) A bad value: its message next to the field, and Save refuses.
def test_invalid_salary_is_refused(page: Page, server: Server) -> None:
    path = new_post(page, server, "Salary Technician")
    before = path.read_bytes()
    salary = page.locator("#f-salary\\.fte")
    salary.fill("abc")
    message = page.locator("#msg-salary\\.fte")
    expect(message).not_to_be_empty()
    expect(page.locator("#pay-salary")).to_have_text("—")
    expect(page.locator("#preview-stale")).to_be_visible()  # the preview shown is the last good one
    # Nothing to download while the form has a problem: the buttons say so instead of leaving the page.
    expect(page.locator("#downloads-blocked")).to_be_visible()
    expect(page.get_by_role("button", name="Job description")).to_be_disabled()
    page.locator("#save").click()
    expect(page.locator("#save-status")).to_contain_text("Not saved")
    assert path.read_bytes() == before
    salary.scroll_into_view_if_needed()
    shot(page, server, "salary-invalid")
    salary.fill("25584")
    expect(message).to_be_empty()
    expect(page.locator("#preview-stale")).to_be_hidden()
    expect(page.get_by_role("button", name="Job description")).to_be_enabled()


# (7) Save, then the command line builds what the page downloads.
def test_saved_file_builds_the_downloaded_documents(page: Page, server: Server, tmp_path: Path) -> None:
    path = new_post(page, server, "Build Technician")
    page.locator("#f-hours_per_week").fill("30")
    open_skill(page, "server-network-support")
    page.locator("#lv-server-network-support-B").check()
    expect(page.locator("[data-chosen-for='server-network-support']")).to_have_text("Level B")
    save(page)
    page.locator("#save").scroll_into_view_if_needed()
    shot(page, server, "saved")

    runner = CliRunner()
    result = runner.invoke(cli, ["validate", str(path)], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    out = tmp_path / "built"
    result = runner.invoke(cli, ["build", str(path), "-o", str(out), "-q", "-j", "1"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    built_jd = [p for p in out.rglob("*.docx") if "job-description" in p.name or p.name.endswith("-jd.docx")]
    assert len(built_jd) == 1, sorted(p.name for p in out.rglob("*"))

    with page.expect_download() as info:
        page.get_by_role("button", name="Job description", exact=True).click()
    downloaded = _keep(info.value, tmp_path)
    assert downloaded.suffix == ".docx"
    duties = jd_duties(downloaded)
    assert duties and duties == jd_duties(built_jd[0])
    assert any(skill_duties(s)[0] in d for s in ictroles.load_role(path).skills for d in duties)

    with page.expect_download() as info:
        page.get_by_role("button", name="Everything (zip)").click()
    pack = _keep(info.value, tmp_path)
    unpacked = tmp_path / "pack"
    with zipfile.ZipFile(pack) as zf:
        names = zf.namelist()
        zf.extractall(unpacked)
    assert sum(n.endswith(".docx") for n in names) >= 3, names
    assert sum(n.endswith(".xlsx") for n in names) >= 1, names
    for name in names:
        if name.endswith(".docx"):
            assert docx.Document(str(unpacked / name)).paragraphs
        elif name.endswith(".xlsx"):
            assert openpyxl.load_workbook(unpacked / name).worksheets
    zipped_jd = [n for n in names if n.endswith(".docx") and downloaded.name == n]
    assert zipped_jd, (downloaded.name, names)
    assert jd_duties(unpacked / zipped_jd[0]) == duties


def _keep(download: Download, folder: Path) -> Path:
    target = folder / download.suggested_filename
    download.save_as(str(target))
    return target


# (8) The keyboard alone reaches the fields and the preview's tabs, with focus always visible.
def test_keyboard_reaches_title_and_preview_tabs(page: Page, server: Server) -> None:
    new_post(page, server, "Keyboard Technician")
    page.goto(page.url)
    page.locator("body").focus()
    reached: dict[str, dict[str, str]] = {}
    for _ in range(600):
        page.keyboard.press("Tab")
        focused = page.evaluate("""() => {
            const el = document.activeElement; const s = getComputedStyle(el);
            return {id: el.id, role: el.getAttribute('role') || '', tag: el.tagName,
                    outline: s.outlineStyle, width: s.outlineWidth, shadow: s.boxShadow};
        }""")
        if focused["tag"] == "BODY":
            continue
        visible = (focused["outline"] != "none" and focused["width"] != "0px") or focused["shadow"] != "none"
        assert visible, f"no visible focus on {focused}"
        if focused["id"] == "f-title" and "title" not in reached:
            reached["title"] = focused
            shot(page, server, "keyboard-title-focused")
        if focused["role"] == "tab":
            reached["tab"] = focused
            break
    assert set(reached) == {"title", "tab"}, reached
    page.keyboard.press("ArrowRight")
    expect(page.locator("#tab-ps")).to_be_focused()
    expect(page.locator("#tab-ps")).to_have_attribute("aria-selected", "true")
    expect(page.locator("#doc-ps")).to_be_visible()
    shot(page, server, "keyboard-preview-tab")

    # a skip link takes the keyboard past the long form to the preview in a few key presses
    page.goto(page.url)
    page.locator("body").focus()
    for _ in range(5):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.textContent") == "Skip to the preview":
            break
    expect(page.get_by_role("link", name="Skip to the preview")).to_be_focused()
    expect(page.get_by_role("link", name="Skip to the preview")).to_be_in_viewport()
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    expect(page.locator("#preview [role=tab][aria-selected=true]")).to_be_focused()  # the tab shown last


# (9) axe-core's rules on the start and edit pages: nothing serious or critical.
def _axe_problems(page: Page) -> list[str]:
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page)
    return [f"{v['id']} ({v['impact']}): {v['help']} at " + ", ".join(str(n["target"]) for n in v["nodes"][:5])
            for v in results.response["violations"] if v["impact"] in ("serious", "critical")]


def test_accessibility_start_and_edit_pages(page: Page, server: Server) -> None:
    pytest.importorskip("axe_playwright_python", reason="axe-playwright-python is not installed")
    page.goto(server.url + "/")
    problems = _axe_problems(page)
    new_post(page, server, "Accessible Technician")
    open_skill(page, "desktop-application-support")
    problems += _axe_problems(page)
    page.locator("#tab-ps").click()
    problems += _axe_problems(page)
    # the web advert, which the preview shows in a sandboxed frame axe cannot enter: on its own
    page.locator("#tab-ad").click()
    advert = page.locator("#doc-ad iframe").get_attribute("srcdoc")
    assert advert
    page.set_content(advert)
    problems += [f"web advert: {p}" for p in _axe_problems(page)]
    assert not problems, "\n".join(problems)


# (10) The edit page on a 1280x800 laptop screen: the preview is beside the form.
def test_edit_page_on_a_laptop_screen(page: Page, server: Server) -> None:
    new_post(page, server, "Laptop Technician")
    form = page.locator("#role-form").bounding_box()
    preview = page.locator("aside.preview").bounding_box()
    assert form and preview
    assert preview["x"] >= form["x"] + form["width"], (form, preview)  # beside, not below
    assert preview["y"] < 300 and preview["width"] > 400, preview
    assert page.evaluate("document.documentElement.scrollWidth") <= 1280  # no sideways scrolling
    shot(page, server, "laptop-1280x800")
    page.locator("#f-hours_per_week").scroll_into_view_if_needed()
    shot(page, server, "laptop-scrolled")
    preview_box = page.locator("aside.preview").bounding_box()
    assert preview_box and preview_box["y"] >= 0  # the preview stays in view (sticky)
    page.locator("#tab-ad").click()
    expect(page.locator("#doc-ad iframe")).to_be_visible()
    shot(page, server, "laptop-advert-tab")


# The self-assessment page (issue 17): rate a few statements, download the plan, and the page
# passes the same accessibility rules.
def test_self_assessment_page_gives_a_plan(page: Page, server: Server, tmp_path: Path) -> None:
    page.goto(server.url + "/")
    page.get_by_role("link", name="start a self-assessment").click()
    page.get_by_role("link", name="ICT Technician").first.click()
    page.locator("#person").fill("Sam Jones")
    page.locator("#date").fill("2027-01-15")
    first = page.locator("fieldset.statement").first
    statement_id = first.get_attribute("data-id")
    first.locator("input[value=developing]").check()
    shot(page, server, "self-assessment")
    problems = _axe_problems(page) if _has_axe() else []
    assert not problems, "\n".join(problems)
    with page.expect_download() as info:
        page.get_by_role("button", name=re.compile("Word")).first.click()
    plan = _keep(info.value, tmp_path)
    text = "\n".join(p.text for p in docx.Document(str(plan)).paragraphs)
    assert "Sam Jones" in text
    assert statement_id


def _has_axe() -> bool:
    try:
        import axe_playwright_python  # noqa: F401
    except ImportError:
        return False
    return True
