"""The designer's self-assessment page: choose a role, rate its statements, download the plan.

Expectations come from the page itself (the statements it lists and the ratings posted) and
from the data files, not from the code under test.
"""

from __future__ import annotations

import io
import random
import re
import shutil
import tempfile
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml
from conftest import EXAMPLES, REPO
from docx import Document
from openpyxl import load_workbook

from ictroles.designer.app import create_app

BASE = "http://127.0.0.1:8765"
ORIGIN = {"Origin": BASE}
PRIMARY = "primary-technician.yaml"
TECH = "ict-technician.yaml"
MET = {"confident", "could-teach"}
KEYS = ["not-yet", "developing", "confident", "could-teach"]
# Framework statement ids (DA.B.A4, CS.custom.A1) and DfE standards row ids (STD.cyber-security.B.ADD1).
ANY_ID = re.compile(r"\b(?:STD\.[a-z0-9-]+\.[A-D]\.(?:D|C|ADD[0-9]+)|[A-Z]{2}\.(?:[A-D]|custom)\.[AKE][0-9]+)\b")


class Page(HTMLParser):
    """What a test needs of a page: inputs, labels, headings, statement fieldsets, hidden values."""

    def __init__(self, html: str) -> None:
        super().__init__()
        self.inputs: list[dict[str, str]] = []
        self.labels: set[str] = set()
        self.headings: list[int] = []
        self.statements: list[dict[str, str]] = []  # data-id, data-above
        self.hidden: dict[str, str] = {}
        self.links: list[str] = []
        self.feed(html)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "input":
            if a.get("type") == "hidden":
                self.hidden[a["name"]] = a.get("value", "")
            else:
                self.inputs.append(a)
        elif tag == "label" and "for" in a:
            self.labels.add(a["for"])
        elif re.fullmatch(r"h[1-6]", tag):
            self.headings.append(int(tag[1]))
        elif tag == "fieldset" and "data-id" in a:
            self.statements.append(a)
        elif tag == "a" and "href" in a:
            self.links.append(a["href"])


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    for name in (PRIMARY, TECH):
        shutil.copy(EXAMPLES / name, tmp_path / name)
    return tmp_path


@pytest.fixture
def client(folder: Path):
    app = create_app(folder, port=8765)  # create_app registers the self-assessment pages
    assert "assess" in app.blueprints
    return app.test_client()


def get(client, path: str):
    return client.get(path, base_url=BASE)


def post(client, path: str, data: dict[str, str], headers: dict[str, str] | None = None):
    return client.post(path, data=data, base_url=BASE, headers=ORIGIN if headers is None else headers)


def open_page(client, name: str) -> Page:
    response = get(client, f"/assess/{name}")
    assert response.status_code == 200
    return Page(response.get_data(as_text=True))


def rate(page: Page, seed: int) -> dict[str, str]:
    """Random ratings for most statements (some left blank), as the browser would post them."""
    rng = random.Random(seed)
    data = {"csrf": page.hidden["csrf"], "items": page.hidden["items"], "person": "Jo Patel",
            "date": "2027-03-14"}
    for st in page.statements:
        choice = rng.choice(["confident"] * 6 + ["could-teach", "developing", "not-yet", ""])
        if choice:
            data[f"rating.{st['data-id']}"] = choice
        if rng.random() < 0.1:
            data[f"evidence.{st['data-id']}"] = "Ticket 4411"
    return data


def expected_gaps(page: Page, data: dict[str, str]) -> set[str]:
    """The role's own level's statements not rated Confident or Could teach others (blank: Not yet)."""
    return {st["data-id"] for st in page.statements
            if st["data-above"] == "no" and data.get(f"rating.{st['data-id']}") not in MET}


def standards_ids(name: str) -> list[str]:
    """The DfE standards rows a role's self-assessment asks about, from the role and pack files."""
    pack = yaml.safe_load((REPO / "framework" / "standards" / "dfe-england.yaml").read_text(encoding="utf-8"))
    order = [s["id"] for s in pack["standards"]]
    chosen = yaml.safe_load((EXAMPLES / name).read_text(encoding="utf-8")).get("standards") or {}
    ids = []
    for std_id in sorted(chosen, key=order.index):
        choice = chosen[std_id]
        choice = {"level": choice} if isinstance(choice, str) else choice
        level = choice["level"]
        ids.append(f"STD.{std_id}.{level}.D")
        ids += [f"STD.{std_id}.{level}.ADD{n}" for n, _ in enumerate(choice.get("add", []), 1)]
        ids.append(f"STD.{std_id}.{level}.C")
        if level != "D":
            ids.append(f"STD.{std_id}.{'ABCD'['ABCD'.index(level) + 1]}.D")
    return ids


# ------------------------------------------------------------------------------------ pages

def test_choose_lists_the_folders_role_files(client):
    response = get(client, "/assess/")
    assert response.status_code == 200
    page = Page(response.get_data(as_text=True))
    assert {"/assess/primary-technician.yaml", "/assess/ict-technician.yaml"} <= set(page.links)
    assert "Personal data" in response.get_data(as_text=True)


def test_the_page_lists_every_statement_with_four_ratings_and_evidence(client):
    response = get(client, f"/assess/{PRIMARY}")
    html = response.get_data(as_text=True)
    page = Page(html)
    assert response.headers["Cache-Control"] == "no-store"
    ids = [st["data-id"] for st in page.statements]
    assert len(ids) == len(set(ids)) and len(ids) > 100
    assert [i for i in ids if i.startswith("STD.")] == standards_ids(PRIMARY)
    assert "Check each week that the school&#39;s backups ran" in html  # the school's added duty
    for stid in ids:
        radios = [i for i in page.inputs if i.get("name") == f"rating.{stid}"]
        assert sorted(r["value"] for r in radios) == sorted(KEYS), stid
        assert [i for i in page.inputs if i.get("name") == f"evidence.{stid}"], stid
    # Every visible input has a label tied to it, and headings never skip a level.
    assert all(i.get("id") in page.labels for i in page.inputs)
    assert page.headings[0] == 1 and all(b - a <= 1 for a, b in zip(page.headings, page.headings[1:]))
    assert {"person", "date"} <= {i.get("name") for i in page.inputs}
    assert "This page stores nothing" in html and "Personal data" in html
    assert "DfE digital and technology standards (England)" in html and "Not part of the ICT Competences Framework" in html
    assert f"/assess/{PRIMARY}/form.xlsx" in page.links


def test_the_blank_form_is_the_one_the_command_writes(client):
    page = open_page(client, PRIMARY)
    response = get(client, f"/assess/{PRIMARY}/form.xlsx")
    assert response.status_code == 200 and "attachment" in response.headers["Content-Disposition"]
    ws = load_workbook(io.BytesIO(response.data))["Self-assessment"]
    ids = [ws.cell(r, 7).value for r in range(7, ws.max_row + 1) if ws.cell(r, 7).value]
    assert ids == [st["data-id"] for st in page.statements]


# ------------------------------------------------------------------------------------ the plan

@pytest.mark.parametrize(("name", "seed"), [(PRIMARY, 1), (PRIMARY, 2), (TECH, 3)])
def test_the_word_plan_names_the_person_and_lists_the_gaps_the_ratings_imply(client, folder, name, seed):
    page = open_page(client, name)
    data = rate(page, seed)
    before = sorted(p.name for p in folder.iterdir())
    response = post(client, f"/assess/{name}/plan", {**data, "format": "docx"})
    assert response.status_code == 200, response.get_data(as_text=True)[:500]
    assert response.headers["Content-Disposition"] == "attachment; filename=jo-patel-plan.docx"
    assert response.headers["Cache-Control"] == "no-store"
    doc = Document(io.BytesIO(response.data))
    text = "\n".join(p.text for p in doc.paragraphs)
    cells = "\n".join(c.text for t in doc.tables for row in t.rows for c in row.cells)
    assert "Jo Patel" in text and "Jo Patel" in cells
    assert set(ANY_ID.findall(text)) == expected_gaps(page, data)
    assert sorted(p.name for p in folder.iterdir()) == before, "nothing is stored"


def test_the_excel_plan_lists_the_same_gaps(client):
    page = open_page(client, PRIMARY)
    data = rate(page, 4)
    response = post(client, f"/assess/{PRIMARY}/plan", {**data, "format": "xlsx"})
    assert response.status_code == 200
    assert response.headers["Content-Disposition"] == "attachment; filename=jo-patel-plan.xlsx"
    wb = load_workbook(io.BytesIO(response.data))
    plan = wb["Plan"]
    planned = {plan.cell(r, 12).value for r in range(7, plan.max_row + 1)
               if plan.cell(r, 1).value in ("Essential for the role", "Desirable for the role")}
    std = wb["DfE standards"]
    planned |= {std.cell(r, 12).value for r in range(6, std.max_row + 1)} - {None, ""}
    assert planned == expected_gaps(page, data)
    assert "Jo Patel" in plan["A1"].value


def test_everyone_confident_has_nothing_to_develop(client):
    page = open_page(client, PRIMARY)
    data = {**rate(page, 5), **{f"rating.{st['data-id']}": "confident" for st in page.statements}}
    doc = Document(io.BytesIO(post(client, f"/assess/{PRIMARY}/plan", {**data, "format": "docx"}).data))
    text = "\n".join(p.text for p in doc.paragraphs)
    skills = len(yaml.safe_load((EXAMPLES / PRIMARY).read_text(encoding="utf-8"))["skills"])
    assert f"Jo Patel meets all {skills} skills" in text and "All of the role's DfE standards are met." in text
    assert not ANY_ID.findall(text)


# ------------------------------------------------------------------------------------ refusals

def test_a_missing_name_or_date_shows_the_page_again_with_the_ratings_kept(client):
    page = open_page(client, PRIMARY)
    data = {**rate(page, 6), "person": " ", "date": "14/03/2027"}
    response = post(client, f"/assess/{PRIMARY}/plan", {**data, "format": "docx"})
    assert response.status_code == 400
    html = response.get_data(as_text=True)
    assert "The plan was not made" in html and "Type the person&#39;s name" in html and "is not a date" in html
    again = Page(html)
    rated = next(k for k in data if k.startswith("rating."))
    kept = [i for i in again.inputs if i.get("name") == rated and "checked" in i]
    assert [i["value"] for i in kept] == [data[rated]]


def test_posts_need_the_pages_token_and_origin(client):
    page = open_page(client, PRIMARY)
    data = {**rate(page, 7), "format": "docx"}
    assert post(client, f"/assess/{PRIMARY}/plan", {**data, "csrf": "forged"}).status_code == 403
    assert post(client, f"/assess/{PRIMARY}/plan", data, headers={"Origin": "http://evil.example"}).status_code == 403
    assert post(client, f"/assess/{PRIMARY}/plan", data).status_code == 200


def test_a_rating_that_is_not_one_of_the_four_is_refused(client):
    page = open_page(client, PRIMARY)
    data = {**rate(page, 8), "format": "docx", f"rating.{page.statements[0]['data-id']}": "brilliant"}
    assert post(client, f"/assess/{PRIMARY}/plan", data).status_code == 400


def test_a_role_file_changed_since_the_page_was_opened_is_noticed(client):
    page = open_page(client, PRIMARY)
    data = {**rate(page, 9), "format": "docx", "items": "0000000000000000"}
    response = post(client, f"/assess/{PRIMARY}/plan", data)
    assert response.status_code == 400 and "has changed since this page was opened" in response.get_data(as_text=True)


def test_names_outside_the_folder_are_not_found(client, folder):
    (folder.parent / "outside.yaml").write_text("title: Outside\n", encoding="utf-8")
    for path in ("/assess/missing.yaml", "/assess/..%2Foutside.yaml", "/assess/.hidden.yaml",
                 "/assess/missing.yaml/form.xlsx"):
        assert get(client, path).status_code == 404, path


def test_a_broken_role_file_is_explained(client, folder):
    (folder / "broken.yaml").write_text("title: Broken\nskills:\n  server-network-suport: C\n", encoding="utf-8")
    response = get(client, "/assess/broken.yaml")
    assert response.status_code == 400 and "server-network-suport" in response.get_data(as_text=True)


def test_nothing_is_left_in_the_temporary_folder(client):
    leftovers = set(Path(tempfile.gettempdir()).glob("ictroles-assess-*"))
    page = open_page(client, PRIMARY)
    post(client, f"/assess/{PRIMARY}/plan", {**rate(page, 10), "format": "docx"})
    get(client, f"/assess/{PRIMARY}/form.xlsx")
    assert set(Path(tempfile.gettempdir()).glob("ictroles-assess-*")) == leftovers
