"""The role designer: a local web page where a headteacher builds a post's documents.

A Flask app over the role files of one folder. Every page and action calls the library the
command line calls: the draft is resolved by :func:`ictroles.designer.draft.resolve_draft`
(``resolve_data`` and ``lint_role``), previews format the resolved role, downloads use the
output registry, and saving writes an ordinary role file in the folder.

Security, as for any local server: the app answers only requests whose Host is the address it
serves (no DNS rebinding), every POST carries the page's per-session token and, when the
browser sends one, an Origin of that address (no cross-site forgery), file names in requests
are single names in the folder (nothing climbs out, through links either), and requests and
fields are size-limited. It has no accounts: on any address other than loopback, anyone who
can reach it can edit the folder's role files.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import secrets
import tempfile
import zipfile
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from flask import Flask, Response, abort, jsonify, redirect, render_template, request, send_file, session, url_for
from werkzeug.exceptions import HTTPException

from ictroles.core import resources
from ictroles.core.errors import IctrolesError, InvalidInputError, Problem
from ictroles.core.files import read_capped
from ictroles.core.yamlio import MAX_FILE_BYTES, load_yaml
from ictroles.designer import draft as drafts
from ictroles.designer.saving import render_role_yaml, save_role_file
from ictroles.framework.competences import FACET_NAMES, FACETS, Framework, load_framework
from ictroles.framework.duties import load_duties
from ictroles.framework.overlay import load_overlay
from ictroles.framework.schemes import LevelScheme, level_content, load_scheme
from ictroles.framework.standards import StandardsPack, load_standards
from ictroles.roles.modernise import modernise_statement
from ictroles.roles.resolve import ResolvedRole, slugify
from ictroles.roles.spec import load_role_data

# A starting point's fields that describe the example's own school, left out of a new post.
EXAMPLE_ONLY_FIELDS = ("school", "location", "about_school", "how_to_apply", "contact", "closing_date",
                       "interview_date", "start_date", "responsible_for", "prepared", "review", "version")
MAX_REQUEST_BYTES = 512_000  # a whole form; a role file is at most 1 MB and far smaller in practice
SAFE_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9 ._-]{0,95}\.ya?ml$")
DOWNLOADS = {"jd": "jd", "person-spec": "person-spec", "advert": "advert", "matrix": "matrix",
             "advert-web": "advert-web"}

# The starting points a new post can begin from: bundled examples, one plain sentence each.
STARTING_POINTS: dict[str, tuple[str, str]] = {
    "primary-teaching-assistant.yaml": (
        "Primary teaching assistant with ICT duties",
        "A teaching assistant in a primary school who also looks after classroom computers and tablets."),
    "primary-technician.yaml": (
        "Primary school ICT technician",
        "A part-time, term-time technician who keeps a primary school's devices working and safe."),
    "ict-technician.yaml": (
        "ICT technician",
        "A full-time technician in a secondary school or academy: devices, network and support requests."),
    "senior-ict-technician.yaml": (
        "Senior ICT technician",
        "Runs day-to-day ICT in a secondary school and supervises other technicians."),
    "secondary-network-manager.yaml": (
        "Network manager",
        "Leads a secondary school's ICT service, its infrastructure and the DfE technology standards."),
}


@dataclass
class Designer:
    """What the app serves: the folder, the framework and the standards pack."""

    folder: Path
    framework: Framework
    standards: StandardsPack
    allowed_hosts: frozenset[str]
    today: dt.date | None = None
    messages: list[str] = field(default_factory=list)

    def role_path(self, name: str) -> Path:
        """The role file ``name`` in the folder; anything else is refused (404)."""
        if not SAFE_NAME.match(name) or name.startswith("."):
            abort(404)
        path = self.folder / name
        try:
            real = path.resolve(strict=False)
        except (OSError, RuntimeError):
            abort(404)
        if real.parent != self.folder or (path.exists() and not path.is_file()):
            abort(404)  # a link out of the folder, or not a file
        return path

    def role_files(self) -> list[tuple[str, str, bool]]:
        """(file name, title, standard role?) of every role file in the folder (found as every
        command finds them: grades, needs, school and provider files are left out)."""
        from ictroles.roles.discovery import role_files

        out = []
        for path in role_files([self.folder])[0]:
            try:
                if path.resolve().parent != self.folder:
                    continue  # a link out of the folder
                own, _ = load_yaml(path, "role file")
                merged = load_role_data(path)[0] if isinstance(own, dict) and "extends" in own else own
            except (IctrolesError, OSError, RuntimeError):
                continue  # a broken file: `ictroles validate` says why
            if isinstance(merged, dict) and isinstance(merged.get("title"), str):
                out.append((path.name, merged["title"], str(own.get("standard", "")).lower() == "true"))
        return out


def create_app(folder: Path, *, host: str = "127.0.0.1", port: int = 8765,
               framework: Framework | None = None, standards: StandardsPack | None = None,
               today: dt.date | None = None) -> Flask:
    """The designer for the role files of ``folder``, answering requests for ``host:port``."""
    folder = Path(folder).resolve()
    framework = framework or load_framework()
    app = Flask(__name__, template_folder=str(Path(__file__).parent / "templates"),
                static_folder=str(Path(__file__).parent / "static"))
    app.config.update(
        SECRET_KEY=secrets.token_hex(32),  # a fresh key each run: sessions end with the server
        MAX_CONTENT_LENGTH=MAX_REQUEST_BYTES,
        MAX_FORM_MEMORY_SIZE=MAX_REQUEST_BYTES,
        SESSION_COOKIE_SAMESITE="Strict",
        SESSION_COOKIE_HTTPONLY=True,
    )
    hosts = {f"{host}:{port}"}
    if host in ("127.0.0.1", "localhost", "::1"):
        hosts |= {f"127.0.0.1:{port}", f"localhost:{port}", f"[::1]:{port}"}
    designer = Designer(folder, framework, standards or load_standards(framework), frozenset(hosts), today)
    app.extensions["ictroles"] = designer
    app.jinja_env.autoescape = True
    app.jinja_env.globals.update(FACET_NAMES=FACET_NAMES, csrf_token=_csrf_token)

    @app.before_request
    def guard() -> None:
        if request.host not in designer.allowed_hosts:
            abort(400, "this designer answers only at its own address")
        if request.method not in ("GET", "HEAD", "OPTIONS"):
            origin = request.headers.get("Origin")
            if origin is not None and origin.split("://", 1)[-1] not in designer.allowed_hosts:
                abort(403, "a page from another site cannot change these role files")
            sent = request.headers.get("X-CSRF-Token") or request.form.get("csrf")
            expected = session.get("csrf")
            if not expected or not sent or not secrets.compare_digest(sent, expected):
                abort(403, "this page is out of date; reload it and try again")

    @app.after_request
    def headers(response: Response) -> Response:
        response.headers["Content-Security-Policy"] = (
            "default-src 'self'; frame-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; "
            "script-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'")
        response.headers["X-Content-Type-Options"] = "nosniff"
        # same-origin: the browser sends our Origin with form posts (with no-referrer Chromium
        # sends "Origin: null", which the forgery check refuses) and no referrer to other sites.
        response.headers["Referrer-Policy"] = "same-origin"
        return response

    @app.errorhandler(HTTPException)
    def http_error(exc: HTTPException) -> Any:
        if request.path.startswith(("/preview", "/save", "/fragment")):
            return jsonify(ok=False, error=exc.description), exc.code
        return render_template("error.html", code=exc.code, message=exc.description), exc.code

    @app.errorhandler(Exception)
    def unexpected(exc: Exception) -> Any:  # never a traceback in the browser
        app.logger.exception("unexpected error")
        message = "Something went wrong that ictroles did not expect; the role file was not changed."
        if request.path.startswith(("/preview", "/save", "/fragment")):
            return jsonify(ok=False, error=message), 500
        return render_template("error.html", code=500, message=message), 500

    def start_page(error: str | None = None, chosen: str | None = None, title: str = "") -> str:
        files = designer.role_files()
        return render_template(
            "start.html", files=[f for f in files if not f[2]], standard_roles=[f for f in files if f[2]],
            starting_points=STARTING_POINTS, folder=designer.folder, error=error, chosen=chosen, title=title)

    @app.get("/")
    def start() -> str:
        return start_page()

    @app.post("/new")
    def new() -> Any:
        start_from = request.form.get("start", "")
        title = " ".join(request.form.get("title", "").split())[:200]
        school = " ".join(request.form.get("school", "").split())[:200]
        if not title:
            return start_page("Give the post a title, e.g. ICT Technician.", start_from), 400
        if start_from.startswith("standard:"):
            parent = designer.role_path(start_from.removeprefix("standard:"))
            text = f"# A post built on the standard role {parent.name}.\nextends: {parent.name}\ntitle: {_quoted(title)}\n"
            if school:
                text += f"school: {_quoted(school)}\n"
        elif start_from in STARTING_POINTS:
            example = resources.examples_dir() / start_from
            original = read_capped(example, MAX_FILE_BYTES, "example").decode("utf-8")
            data, _ = load_yaml(example, "example", text=original)
            # The example's own school, contact and dates must never reach another school's
            # advert: they start empty (lint then asks for the closing date and the rest).
            for key in EXAMPLE_ONLY_FIELDS:
                data.pop(key, None)
            data["title"] = title
            if school:
                data["school"] = school
            text, _ = render_role_yaml(data, original)
        else:
            abort(400, "choose a starting point")
        name = _free_name(designer.folder, slugify(title))
        path = designer.role_path(name)
        from ictroles.core.files import atomic_write

        with atomic_write(path) as tmp:
            tmp.write_text(text, encoding="utf-8")
        return redirect(url_for("edit", name=name))

    @app.get("/edit/<name>")
    def edit(name: str) -> str:
        path = designer.role_path(name)
        if not path.exists():
            abort(404, f"there is no role file {name} in this folder")
        try:
            draft = drafts.load_draft(path)
        except InvalidInputError as exc:
            return render_template("broken.html", name=name, problems=[str(p) for p in exc.problems])
        data = draft.merged
        checked = drafts.resolve_draft(draft.own, path, draft.parent, framework, designer.standards, designer.today)
        scheme = _scheme(data, path, framework)
        return render_template(
            "edit.html", name=name, data=data, checked=checked, messages=checked.by_field(framework),
            fields=drafts.TEXT_FIELDS, get=drafts.get_path, skills=_skill_views(data, scheme, framework),
            standards=_standard_views(data, designer.standards), pack=designer.standards,
            preview=_preview(checked.role), extends=draft.own.get("extends"),
            pay=_pay_texts(checked.role))

    @app.get("/fragment/<name>/skill/<skill_id>")
    def skill_fragment(name: str, skill_id: str) -> Any:
        path = designer.role_path(name)
        skill = framework.skills_by_id.get(skill_id)
        if skill is None:
            abort(404)
        draft = drafts.load_draft(path) if path.exists() else None
        data = draft.merged if draft else {}
        scheme = _scheme(data, path, framework)
        level = request.args.get("level", "")
        if level and level not in scheme.labels:
            abort(400, f"'{level}' is not a level of this role's scheme")
        view = _skill_view(skill_id, {"level": level} if level else None, scheme, framework)
        return render_template("skill_statements.html", skill=view)

    @app.post("/preview/<name>")
    def preview(name: str) -> Any:
        path = designer.role_path(name)
        draft, own = _draft_from_form(path)
        checked = drafts.resolve_draft(own, path, draft.parent, framework, designer.standards, designer.today)
        return jsonify(ok=checked.role is not None, messages=checked.by_field(framework), preview=_preview(checked.role),
                       pay=_pay_texts(checked.role), paid_weeks=_paid_weeks_hint(request.form))

    @app.post("/save/<name>")
    def save(name: str) -> Any:
        path = designer.role_path(name)
        draft, own = _draft_from_form(path)
        checked = drafts.resolve_draft(own, path, draft.parent, framework, designer.standards, designer.today)
        if checked.role is None:
            return jsonify(ok=False, messages=checked.by_field(framework),
                           error="Not saved: fix the problems marked in the form first."), 400
        note = save_role_file(path, own)
        return jsonify(ok=True, note=note, saved=path.name,
                       message=f"Saved {path.name}. `ictroles build {path.name}` builds the same documents.")

    @app.post("/download/<name>/<kind>")
    def download(name: str, kind: str) -> Any:
        path = designer.role_path(name)
        if kind not in (*DOWNLOADS, "pack", "pdf"):
            abort(404)
        draft, own = _draft_from_form(path)
        checked = drafts.resolve_draft(own, path, draft.parent, framework, designer.standards, designer.today)
        if checked.role is None:
            return render_template("error.html", code=400, message="Fix the problems marked in the form first: "
                                   + "; ".join(str(p) for p in checked.problems)), 400
        with tempfile.TemporaryDirectory(prefix="ictroles-designer-") as tmp:
            files = _render(checked, path, Path(tmp), kind)
            if len(files) == 1:
                data = files[0].read_bytes()
                return send_file(io.BytesIO(data), as_attachment=True, download_name=files[0].name)
            buffer = io.BytesIO()
            with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as zf:
                for f in files:
                    zf.write(f, f.name)
            buffer.seek(0)
            return send_file(buffer, as_attachment=True, download_name=f"{path.stem}-pack.zip",
                             mimetype="application/zip")

    from ictroles.designer.assess_page import register as register_assess

    register_assess(app)  # /assess/: a self-assessment against one of the folder's roles
    return app


def _csrf_token() -> str:
    token = session.get("csrf")
    if not token:
        token = session["csrf"] = secrets.token_urlsafe(32)
    return str(token)


def _quoted(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _free_name(folder: Path, stem: str) -> str:
    name = f"{stem}.yaml"
    n = 2
    while (folder / name).exists():
        name = f"{stem}-{n}.yaml"
        n += 1
    return name


def _designer() -> Designer:
    from flask import current_app

    designer: Designer = current_app.extensions["ictroles"]
    return designer


def _draft_from_form(path: Path) -> tuple[drafts.Draft, dict[str, Any]]:
    designer = _designer()
    try:
        draft = drafts.load_draft(path) if path.exists() else drafts.Draft(path, {}, None)
    except InvalidInputError as exc:
        abort(400, "; ".join(str(p) for p in exc.problems))
    form: Mapping[str, list[str]] = {k: request.form.getlist(k) for k in request.form}
    changes = drafts.form_changes(form, designer.framework, designer.standards)
    return draft, drafts.apply_changes(draft, changes)


def _scheme(data: dict[str, Any], path: Path, framework: Framework) -> LevelScheme:
    try:
        return load_scheme(data.get("scheme") or "four", framework, path.parent)
    except IctrolesError:
        return load_scheme("four", framework)


@dataclass(frozen=True)
class LevelChoice:
    label: str
    title: str
    duty: str


@dataclass(frozen=True)
class StatementChoice:
    id: str
    text: str
    facet: str
    checked: bool


@dataclass(frozen=True)
class SkillView:
    id: str
    name: str
    description: str
    focus_name: str
    level: str
    levels: tuple[LevelChoice, ...]
    statements: tuple[StatementChoice, ...]  # the chosen level's, ticked unless excluded
    others: tuple[StatementChoice, ...]  # other levels' Activities and Knowledge, ticked if included
    added: str


def _skill_views(data: dict[str, Any], scheme: LevelScheme, framework: Framework) -> list[SkillView]:
    chosen: dict[str, Any] = data["skills"] if isinstance(data.get("skills"), dict) else {}
    return [_skill_view(s.id, chosen.get(s.id), scheme, framework) for s in framework.skills]


def _skill_view(skill_id: str, choice: Any, scheme: LevelScheme, framework: Framework) -> SkillView:
    skill = framework.skills_by_id[skill_id]
    duties = load_duties(framework)
    overlay = load_overlay()
    if isinstance(choice, str):
        choice = {"level": choice}
    choice = choice if isinstance(choice, dict) else {}
    level = str(choice.get("level") or "")
    if level not in scheme.labels:
        level = ""
    levels = []
    for lv in scheme.levels:
        content = level_content(scheme, lv.label, skill, framework)
        cell = duties.cell(skill_id, content.native_levels[-1])
        levels.append(LevelChoice(lv.label, lv.title, cell.duty if cell else ""))
    statements: list[StatementChoice] = []
    others: list[StatementChoice] = []
    exclude = {str(x) for x in choice.get("exclude") or []}
    include = {str(x) for x in choice.get("include") or []}
    if level:
        content = level_content(scheme, level, skill, framework)
        present = set()
        for facet in FACETS:
            for st in content.statements[facet]:
                present.add(st.id)
                statements.append(StatementChoice(st.id, modernise_statement(st, overlay).text, facet,
                                                  st.id not in exclude))
        others = [StatementChoice(st.id, st.text, facet, st.id in include)
                  for other in framework.level_ids for facet in ("activities", "knowledge")
                  for st in skill.levels[other].facet(facet) if st.id not in present]
    add = choice.get("add") if isinstance(choice.get("add"), dict) else {}
    added = "\n".join(str(x) for x in (add.get("activities") or []))
    return SkillView(skill.id, skill.name, skill.description, framework.focus_by_id[skill.focus].name,
                     level, tuple(levels), tuple(statements), tuple(others), added)


@dataclass(frozen=True)
class StandardView:
    id: str
    name: str
    core: bool
    summary: str
    url: str
    level: str
    levels: tuple[LevelChoice, ...]


def _standard_views(data: dict[str, Any], pack: StandardsPack) -> list[StandardView]:
    chosen: dict[str, Any] = data["standards"] if isinstance(data.get("standards"), dict) else {}
    views = []
    for std in pack.standards:
        choice = chosen.get(std.id)
        level = choice if isinstance(choice, str) else (choice or {}).get("level", "") if isinstance(choice, dict) else ""
        views.append(StandardView(std.id, std.name, std.core, std.summary, std.url, str(level or ""),
                                  tuple(LevelChoice(lv, f"Level {lv}", c.duty) for lv, c in std.levels.items())))
    return views


def _pay_texts(role: ResolvedRole | None) -> dict[str, str]:
    if role is None:
        return {}
    from ictroles.renderers.facts import advert_salary, salary_text

    return {"salary": salary_text(role), "advert": advert_salary(role)}


def _paid_weeks_hint(form: Any) -> str:
    """Weeks worked plus paid holiday days (the helper's fields) as paid weeks, from pay.py."""
    from ictroles.roles.pay import paid_weeks_for

    try:
        weeks = float(form.get("weeks_per_year", "") or 0)
        days = float(form.get("helper.holiday_days", "") or 0)
    except ValueError:
        return ""
    if not weeks or not days or weeks >= 52:
        return ""
    return f"{paid_weeks_for(weeks, days):g}"


def _preview(role: ResolvedRole | None) -> str:
    if role is None:
        return ""
    from ictroles.designer.preview import preview_html

    return preview_html(role)


def _render(checked: drafts.Checked, path: Path, out: Path, kind: str) -> list[Path]:
    """The documents of ``kind`` (one, "pack" for all, "pdf" for the PDFs) of the checked draft."""
    from dataclasses import replace

    from ictroles.renderers.outputs import DEFAULT_KINDS, OUTPUTS, RenderOptions

    role = checked.role
    assert role is not None
    role = replace(role, slug=path.stem)
    errors = [f for f in checked.findings if f.severity == "error"]
    options = RenderOptions(today=_designer().today or dt.date.today(),
                            draft_notes=tuple(f"{f.where}: {f.message}" for f in errors))
    kinds = [kind] if kind in DOWNLOADS else [*DEFAULT_KINDS, "advert-web"]
    written: list[Path] = []
    for k in kinds:
        output = OUTPUTS[k]
        paths = output.paths(out, role.slug)
        output.load()(role, paths[0], options)
        written.extend(paths)
    if kind in ("pack", "pdf"):
        from ictroles.renderers.pdf import convert_all_to_pdf, find_soffice

        if find_soffice():
            pdfs = convert_all_to_pdf([p for p in written if p.suffix in (".docx", ".xlsx")])
            written = pdfs if kind == "pdf" else written + pdfs
        elif kind == "pdf":
            raise InvalidInputError([Problem(None, None, "", "PDFs need LibreOffice, which is not installed")])
    return written
