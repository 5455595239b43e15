"""The role designer's routes, with Flask's test client: pages, previews, saving, downloads and
the refusals a local server must make (Host, forgery, paths out of the folder, sizes)."""

from __future__ import annotations

import io
import re
import shutil
import zipfile
from collections.abc import Callable
from html import escape as html_escape
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import docx
import openpyxl
import pytest
from click.testing import Result
from flask.testing import FlaskClient

from ictroles.core.yamlio import load_yaml
from ictroles.designer.app import create_app
from ictroles.renderers.facts import salary_text
from ictroles.roles.resolve import load_role
from tests.conftest import EXAMPLES

PORT = 8765
BASE = f"http://127.0.0.1:{PORT}"


class FormReader(HTMLParser):
    """The fields a browser would submit for the page's role form (checked boxes, selected
    options, text), in document order."""

    def __init__(self) -> None:
        super().__init__()
        self.fields: list[tuple[str, str]] = []
        self._textarea: str | None = None
        self._text: list[str] = []
        self._select: str | None = None
        self._first_option: str | None = None
        self._selected = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        name = a.get("name")
        if tag == "input" and name:
            kind = a.get("type", "text")
            if kind in ("checkbox", "radio"):
                if "checked" in a:
                    self.fields.append((name, a.get("value", "on")))
            elif kind not in ("submit", "button"):
                self.fields.append((name, a.get("value", "")))
        elif tag == "textarea" and name:
            self._textarea, self._text = name, []
        elif tag == "select" and name:
            self._select, self._first_option, self._selected = name, None, False
        elif tag == "option" and self._select:
            if self._first_option is None:
                self._first_option = a.get("value", "")
            if "selected" in a:
                self.fields.append((self._select, a.get("value", "")))
                self._selected = True

    def handle_data(self, data: str) -> None:
        if self._textarea:
            self._text.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "textarea" and self._textarea:
            self.fields.append((self._textarea, "".join(self._text)))
            self._textarea = None
        elif tag == "select" and self._select:
            if not self._selected:
                self.fields.append((self._select, self._first_option or ""))
            self._select = None


def form_of(html: str) -> list[tuple[str, str]]:
    reader = FormReader()
    reader.feed(html)
    return reader.fields


def changed(fields: list[tuple[str, str]], **values: str) -> list[tuple[str, str]]:
    """The form with some single-valued fields changed (names with dots as __)."""
    wanted = {k.replace("__", "."): v for k, v in values.items()}
    out = [(k, wanted.pop(k) if k in wanted else v) for k, v in fields]
    return out + list(wanted.items())


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    work = tmp_path / "roles"
    work.mkdir()
    shutil.copy(EXAMPLES / "primary-technician.yaml", work)
    shutil.copy(EXAMPLES / "authority" / "standard-roles" / "ict-technician.yaml", work / "standard-technician.yaml")
    return work


@pytest.fixture
def client(folder: Path) -> FlaskClient:
    app = create_app(folder, port=PORT)
    app.testing = True
    return app.test_client()


def page(client: FlaskClient, name: str = "primary-technician.yaml") -> tuple[str, list[tuple[str, str]], str]:
    html = client.get(f"/edit/{name}", base_url=BASE).get_data(as_text=True)
    fields = form_of(html)
    token = dict(fields)["csrf"]
    return html, fields, token


def post(client: FlaskClient, url: str, fields: list[tuple[str, str]], token: str | None = None,
         **headers: str) -> Any:
    data: dict[str, list[str]] = {}
    for k, v in fields:
        data.setdefault(k, []).append(v)
    hdrs = {"Origin": BASE, **headers}
    if token:
        hdrs["X-CSRF-Token"] = token
    return client.post(url, base_url=BASE, data=data, headers=hdrs)


# -- pages ------------------------------------------------------------------------------------


def test_the_start_page_lists_the_files_and_starting_points(client: FlaskClient, folder: Path) -> None:
    (folder / "oak-lane-technician.yaml").write_text("extends: standard-technician.yaml\nschool: Oak Lane\n",
                                                     encoding="utf-8")
    html = client.get("/", base_url=BASE).get_data(as_text=True)
    assert 'href="/edit/oak-lane-technician.yaml"' in html  # a post with no title of its own is listed
    assert "ICT Technician" in html and "primary-technician.yaml" in html
    assert "Primary teaching assistant with ICT duties" in html
    assert "Your authority's standard role (standard-technician.yaml)" in html


def test_the_edit_page_shows_the_post_and_a_sensible_level_per_skill(client: FlaskClient) -> None:
    html, fields, _ = page(client)
    values = dict(fields)
    assert values["title"] == "ICT Technician" and values["hours_per_week"] == "25"
    assert values["skills.server-network-support.level"] == "A"
    assert values["skills.strategy-planning.level"] == ""  # not part of this post
    assert values["standards.filtering-monitoring.level"] == "B"
    role = load_role(EXAMPLES / "primary-technician.yaml")
    assert role.skill("desktop-application-support").duty.split()[0] in html  # its duty in the preview


# -- preview ----------------------------------------------------------------------------------


def test_a_change_updates_pay_preview_and_messages(client: FlaskClient, folder: Path) -> None:
    _, fields, token = page(client)
    reply = post(client, "/preview/primary-technician.yaml", changed(fields, hours_per_week="30"), token).get_json()
    assert reply["ok"]
    role = load_role(folder / "primary-technician.yaml")
    from dataclasses import replace

    from ictroles.roles.pay import compute_pay
    pay = compute_pay(25584, None, "NJC SCP 7-9", 30, 37, 39, 43.6)
    assert reply["pay"]["salary"] == salary_text(replace(role, pay=pay))
    # The role file is not changed by a preview.
    assert load_yaml(folder / "primary-technician.yaml")[0]["hours_per_week"] == "25"


def test_problems_and_lint_findings_come_back_by_field(client: FlaskClient) -> None:
    _, fields, token = page(client)
    reply = post(client, "/preview/primary-technician.yaml",
                 changed(fields, salary__fte="abc", closing_date=""), token).get_json()
    assert not reply["ok"]
    assert any("abc" in m for m in reply["messages"]["salary.fte"])
    reply = post(client, "/preview/primary-technician.yaml", changed(fields, closing_date=""), token).get_json()
    assert reply["ok"] and any("closing date" in m for m in reply["messages"]["closing_date"])


def test_a_level_change_and_an_unticked_statement_reach_the_preview(client: FlaskClient) -> None:
    _, fields, token = page(client)
    role = load_role(EXAMPLES / "primary-technician.yaml")
    levels = changed(fields, **{"skills.strategy-planning.level".replace(".", "__"): "B"})
    reply = post(client, "/preview/primary-technician.yaml", levels, token).get_json()
    from ictroles.framework.duties import load_duties
    duty = load_duties(role.framework).cell("strategy-planning", "B").duty
    assert html_escape(duty) in reply["preview"]
    gone = [(k, v) for k, v in fields if k != "skills.desktop-application-support.level"]
    gone.append(("skills.desktop-application-support.level", ""))
    reply = post(client, "/preview/primary-technician.yaml", gone, token).get_json()
    assert html_escape(role.skill("desktop-application-support").duty) not in reply["preview"]
    assert html_escape(role.skill("health-safety").duty) in reply["preview"]


def test_the_statements_fragment_follows_the_level(client: FlaskClient) -> None:
    html = client.get("/fragment/primary-technician.yaml/skill/health-safety?level=C", base_url=BASE).get_data(as_text=True)
    assert 'value="HS.C.A1"' in html and "HS.B.A1" not in html.split("other levels")[0]
    assert client.get("/fragment/primary-technician.yaml/skill/health-safety?level=Z", base_url=BASE).status_code == 400
    assert client.get("/fragment/primary-technician.yaml/skill/nope", base_url=BASE).status_code == 404


# -- saving -----------------------------------------------------------------------------------


def test_saving_keeps_comments_and_writes_only_what_changed(client: FlaskClient, folder: Path) -> None:
    _, fields, token = page(client)
    reply = post(client, "/save/primary-technician.yaml", changed(fields, hours_per_week="30"), token)
    assert reply.status_code == 200 and reply.get_json()["ok"], reply.get_json()
    text = (folder / "primary-technician.yaml").read_text(encoding="utf-8")
    original = (EXAMPLES / "primary-technician.yaml").read_text(encoding="utf-8")
    # Everything but the change is exactly as written: comments, long lines, the long-form
    # standard with its own duty.
    changed_lines = [(a, b) for a, b in zip(original.splitlines(), text.splitlines()) if a != b]
    assert changed_lines == [("hours_per_week: 25", "hours_per_week: 30")]
    assert len(text.splitlines()) == len(original.splitlines())
    assert load_role(folder / "primary-technician.yaml").spec.hours_per_week == 30


def test_an_unticked_statement_is_saved_as_excluded(client: FlaskClient, folder: Path) -> None:
    _, fields, token = page(client)
    fields = [(k, v) for k, v in fields if (k, v) != ("skills.health-safety.statement", "HS.B.A1")]
    assert post(client, "/save/primary-technician.yaml", fields, token).get_json()["ok"]
    data, _ = load_yaml(folder / "primary-technician.yaml")
    assert data["skills"]["health-safety"] == {"level": "B", "exclude": ["HS.B.A1"]}
    role = load_role(folder / "primary-technician.yaml")
    assert "HS.B.A1" not in {st.id for st in role.skill("health-safety").activities}


def test_an_invalid_draft_is_not_saved(client: FlaskClient, folder: Path) -> None:
    before = (folder / "primary-technician.yaml").read_bytes()
    _, fields, token = page(client)
    reply = post(client, "/save/primary-technician.yaml", changed(fields, hours_per_week="90"), token)
    assert reply.status_code == 400 and "hours_per_week" in reply.get_json()["messages"]
    assert (folder / "primary-technician.yaml").read_bytes() == before


def test_saved_file_builds_the_documents_the_page_downloads(client: FlaskClient, folder: Path, tmp_path: Path,
                                                           run: Callable[..., Result]) -> None:
    _, fields, token = page(client)
    form = changed(fields, hours_per_week="30")
    assert post(client, "/save/primary-technician.yaml", form, token).get_json()["ok"]
    download = post(client, "/download/primary-technician.yaml/jd", form, token)
    assert download.status_code == 200
    assert "primary-technician-job-description.docx" in download.headers["Content-Disposition"]
    page_doc = docx.Document(io.BytesIO(download.data))
    assert run("validate", folder / "primary-technician.yaml").exit_code == 0
    out = tmp_path / "built"
    result = run("build", folder / "primary-technician.yaml", "-o", out, "--only", "jd")
    assert result.exit_code == 0, result.output
    built = docx.Document(str(out / "primary-technician-job-description.docx"))

    def body(d: Any) -> list[str]:
        return [p.text for p in d.paragraphs if not re.match(r"Prepared:", p.text)]

    assert body(page_doc) == body(built)


def test_the_pack_downloads_as_a_zip(client: FlaskClient) -> None:
    _, fields, token = page(client)
    reply = post(client, "/download/primary-technician.yaml/pack", fields, token)
    assert reply.status_code == 200 and reply.mimetype == "application/zip"
    names = zipfile.ZipFile(io.BytesIO(reply.data)).namelist()
    assert {"primary-technician-job-description.docx", "primary-technician-matrix.xlsx",
            "primary-technician-advert.html"} <= set(names)
    book = openpyxl.load_workbook(io.BytesIO(zipfile.ZipFile(io.BytesIO(reply.data)).read("primary-technician-matrix.xlsx")))
    assert "DfE standards" in book.sheetnames


def test_new_posts_from_a_starting_point_and_a_standard_role(client: FlaskClient, folder: Path) -> None:
    token = dict(form_of(client.get("/", base_url=BASE).get_data(as_text=True)))["csrf"]
    reply = post(client, "/new", [("csrf", token), ("start", "primary-teaching-assistant.yaml"),
                                  ("title", "Teaching Assistant: ICT"), ("school", "Oak Lane Primary School")])
    assert reply.status_code == 302 and reply.headers["Location"].endswith("/edit/teaching-assistant-ict.yaml")
    new = load_role(folder / "teaching-assistant-ict.yaml")
    example = load_role(EXAMPLES / "primary-teaching-assistant.yaml")
    assert (new.title, new.spec.school) == ("Teaching Assistant: ICT", "Oak Lane Primary School")
    # The example's own school details never reach the new post; its levels do.
    assert new.spec.contact is None and new.spec.closing_date is None and new.spec.location is None
    assert [(s.id, s.level) for s in new.skills] == [(s.id, s.level) for s in example.skills]
    text = (folder / "teaching-assistant-ict.yaml").read_text(encoding="utf-8")
    assert text.splitlines()[0] == (EXAMPLES / "primary-teaching-assistant.yaml").read_text().splitlines()[0]
    reply = post(client, "/new", [("csrf", token), ("start", "standard:standard-technician.yaml"),
                                  ("title", "ICT Technician")])
    name = reply.headers["Location"].rsplit("/", 1)[-1]
    assert name == "ict-technician.yaml"
    data, _ = load_yaml(folder / name)
    assert data["extends"] == "standard-technician.yaml"


# -- refusals -----------------------------------------------------------------------------------


def test_a_foreign_host_is_refused(client: FlaskClient) -> None:
    assert client.get("/", base_url="http://evil.example:8765").status_code == 400
    assert client.get("/", base_url=f"http://localhost:{PORT}").status_code == 200


def test_state_changing_requests_need_the_token_and_our_origin(client: FlaskClient, folder: Path) -> None:
    before = (folder / "primary-technician.yaml").read_bytes()
    _, fields, token = page(client)
    no_token = [(k, v) for k, v in fields if k != "csrf"]
    assert post(client, "/save/primary-technician.yaml", no_token).status_code == 403
    assert post(client, "/save/primary-technician.yaml", no_token, "forged").status_code == 403
    assert post(client, "/save/primary-technician.yaml", fields, token, Origin="http://evil.example").status_code == 403
    assert (folder / "primary-technician.yaml").read_bytes() == before
    assert post(client, "/save/primary-technician.yaml", fields, token).status_code == 200


@pytest.mark.parametrize("name", ["..%2Fsecret.yaml", "../secret.yaml", ".hidden.yaml", "notes.txt", "link.yaml"])
def test_paths_never_leave_the_folder(client: FlaskClient, folder: Path, name: str) -> None:
    (folder.parent / "secret.yaml").write_text("title: Secret\n", encoding="utf-8")
    (folder / "link.yaml").symlink_to(folder.parent / "secret.yaml")
    response = client.get(f"/edit/{name}", base_url=BASE)
    assert response.status_code == 404
    assert "Secret" not in response.get_data(as_text=True)


def test_oversized_requests_are_refused(client: FlaskClient) -> None:
    _, fields, token = page(client)
    big = changed(fields, purpose="x" * 600_000)
    assert post(client, "/preview/primary-technician.yaml", big, token).status_code == 413


def test_the_browser_never_sees_a_traceback(client: FlaskClient, folder: Path) -> None:
    (folder / "broken.yaml").write_text("title: [unclosed\n", encoding="utf-8")
    response = client.get("/edit/broken.yaml", base_url=BASE)
    text = response.get_data(as_text=True)
    assert response.status_code == 200 and "cannot be opened" in text and "Traceback" not in text
    assert "broken.yaml:2: not valid YAML" in text


def test_serve_warns_off_loopback_and_reports_a_busy_port(run: Callable[..., Result], tmp_path: Path,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    import socket

    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        result = run("serve", tmp_path, "--no-browser", "--port", port)
        assert result.exit_code == 1 and f"cannot serve on 127.0.0.1:{port}" in result.output
        result = run("serve", tmp_path, "--no-browser", "--port", port, "--host", "0.0.0.0")
        assert "anyone who can reach this computer" in result.output


def test_findings_about_skills_and_statements_land_at_their_skill(client: FlaskClient) -> None:
    _, fields, token = page(client)
    # Without filtering and monitoring, lint asks for it: beside the standards.
    bare = [(k, "" if k in ("standards.filtering-monitoring.level", "standards.cyber-security.level") else v)
            for k, v in fields]
    bare = [(k, "B") if k == "skills.server-network-support.level" else (k, v) for k, v in bare]
    reply = post(client, "/preview/primary-technician.yaml", bare, token).get_json()
    assert any("filtering and monitoring" in m for m in reply["messages"]["standards"])
    # A dated word in the post's own duties for a skill is shown at that skill.
    own = changed(fields, **{"skills__health-safety__add": "Look after the floppy disk drives."})
    reply = post(client, "/preview/primary-technician.yaml", own, token).get_json()
    assert any("floppy" in m for m in reply["messages"]["skills.health-safety"]), reply["messages"]
