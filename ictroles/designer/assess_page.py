"""The designer's self-assessment page: rate a role's statements in the browser, download the plan.

Routes under ``/assess``: choose a role file of the designer's folder, rate each statement the
role's self-assessment asks about (grouped by skill, then the role's DfE standards) with an
optional evidence note, and download the development plan (Word or Excel) or the blank form to
fill in offline. Everything is built by :mod:`ictroles.assess`, exactly as ``ictroles assess``
builds it (``assessment_items``, ``make_plan``, ``render_plan_word``, ``render_plan_excel``,
``write_form``), in a temporary folder removed before the response is sent.

Self-assessments are personal data: the page stores nothing (no file, no session value, no
log of the answers), says so, and its responses are marked not to be cached. The app's own
guards apply: the Host check, and the per-session token and Origin check on every POST.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from flask import Blueprint, Flask, Response, abort, current_app, render_template, request, send_file

from ictroles.assess.model import (
    LEVEL_RULE,
    RATING_MEANINGS,
    RATINGS,
    STANDARDS_NOTE,
    AssessedStatement,
    Rating,
    SelfAssessment,
    assessment_items,
    load_assessed_role,
)
from ictroles.core.errors import IctrolesError, InvalidInputError
from ictroles.roles.resolve import ResolvedRole, slugify

MAX_NAME = 200
MAX_EVIDENCE = 500
FORMATS = {"docx": "Word", "xlsx": "Excel"}
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"

bp = Blueprint("assess", __name__, url_prefix="/assess")


def register(app: Flask) -> None:
    """Add the self-assessment pages to a designer app made by ``create_app``."""
    app.register_blueprint(bp)


@bp.after_request
def _no_store(response: Response) -> Response:
    # The ratings and the plans are personal data: no browser or proxy keeps a copy.
    response.headers["Cache-Control"] = "no-store"
    return response


@dataclass(frozen=True)
class Group:
    """The statements of one skill (or one DfE standard), as the page lists them."""

    id: str
    name: str
    level: str  # the level the role needs
    standard: bool
    items: tuple[tuple[int, AssessedStatement], ...]  # (index on the page, statement)


def _designer() -> Any:
    return current_app.extensions["ictroles"]


def _role(name: str) -> ResolvedRole:
    designer = _designer()
    path = designer.role_path(name)
    if not path.is_file():
        abort(404, f"there is no role file {name} in this folder")
    return load_assessed_role(path, designer.framework, designer.standards)


def _groups(role: ResolvedRole, items: tuple[AssessedStatement, ...]) -> list[Group]:
    needed = {s.id: s.level for s in role.skills} | {s.id: s.level for s in role.standards}
    groups: dict[tuple[bool, str], list[tuple[int, AssessedStatement]]] = {}
    for n, item in enumerate(items):
        groups.setdefault((item.standard, item.skill_id), []).append((n, item))
    return [Group(key, rows[0][1].skill_name, needed.get(key, rows[0][1].level), standard, tuple(rows))
            for (standard, key), rows in groups.items()]


def _fingerprint(items: tuple[AssessedStatement, ...]) -> str:
    """Which statements the page asked about, so a role file changed meanwhile is noticed."""
    return hashlib.sha256("\n".join(i.id for i in items).encode("utf-8")).hexdigest()[:16]


def _page(name: str, role: ResolvedRole, *, errors: tuple[str, ...] = (), values: dict[str, str] | None = None,
          ratings: dict[str, str] | None = None, evidence: dict[str, str] | None = None, status: int = 200) -> Any:
    items = assessment_items(role)
    groups = _groups(role, items)
    today = _designer().today or dt.date.today()
    return render_template(
        "assess_form.html", name=name, role=role, skill_groups=[g for g in groups if not g.standard],
        standard_groups=[g for g in groups if g.standard], ratings=RATINGS, meanings=RATING_MEANINGS,
        level_rule=LEVEL_RULE, standards_note=STANDARDS_NOTE, fingerprint=_fingerprint(items), errors=errors,
        values=values or {"person": "", "date": today.isoformat()}, chosen=ratings or {}, evidence=evidence or {},
        pack_name=role.standards_pack.name if role.standards_pack is not None and role.standards else "",
    ), status


@bp.get("/")
def choose() -> str:
    """Choose the role to assess against: the role files of the designer's folder."""
    return render_template("assess_choose.html", files=_designer().role_files(), folder=_designer().folder)


@bp.get("/<name>")
def page(name: str) -> Any:
    """The self-assessment page for one role file."""
    try:
        role = _role(name)
    except InvalidInputError as exc:
        return render_template("broken.html", name=name, problems=[str(p) for p in exc.problems]), 400
    return _page(name, role)


@bp.get("/<name>/form.xlsx")
def blank_form(name: str) -> Any:
    """The blank self-assessment form (Excel), the same as `ictroles assess form` writes."""
    from ictroles.assess.form import write_form

    role = _role(name)
    with tempfile.TemporaryDirectory(prefix="ictroles-assess-") as tmp:
        out = Path(tmp) / f"{Path(name).stem}-self-assessment.xlsx"
        write_form(role, out, _designer().today)
        data = out.read_bytes()
    return send_file(io.BytesIO(data), as_attachment=True, download_name=out.name, mimetype=XLSX)


@bp.post("/<name>/plan")
def plan(name: str) -> Any:
    """The development plan from the ratings posted: Word (format=docx) or Excel (format=xlsx)."""
    from ictroles.assess.plan import make_plan
    from ictroles.assess.plan_excel import render_plan_excel
    from ictroles.assess.plan_word import render_plan_word

    try:
        role = _role(name)
    except InvalidInputError as exc:
        return render_template("broken.html", name=name, problems=[str(p) for p in exc.problems]), 400
    form = request.form
    kind = form.get("format", "docx")
    if kind not in FORMATS:
        abort(400, "choose the Word or the Excel plan")
    items = assessment_items(role)
    person = " ".join(form.get("person", "").split())
    date_text = form.get("date", "").strip()
    ratings: dict[str, Rating] = {}
    evidence: dict[str, str] = {}
    errors: list[str] = []
    for item in items:
        raw = form.get(f"rating.{item.id}", "")
        if raw:
            if raw not in RATINGS:
                abort(400, f"'{raw[:40]}' is not one of the ratings")
            ratings[item.id] = raw
        note = " ".join(form.get(f"evidence.{item.id}", "").split())
        if note:
            evidence[item.id] = note[:MAX_EVIDENCE]
    if form.get("items") != _fingerprint(items):
        errors.append(f"{name} has changed since this page was opened; the statements below are the role's "
                      "current ones: check the ratings and download again.")
    if not person:
        errors.append("Type the person's name: the plan is made out to them.")
    elif len(person) > MAX_NAME:
        errors.append(f"The name is longer than {MAX_NAME} characters.")
    try:
        day = dt.date.fromisoformat(date_text)
    except ValueError:
        day = None
        errors.append("Give the date of the self-assessment, e.g. 2027-03-14." if not date_text
                      else f"'{date_text[:20]}' is not a date; give it as 2027-03-14.")
    if errors:
        return _page(name, role, errors=tuple(errors), values={"person": person[:MAX_NAME], "date": date_text[:20]},
                     ratings=dict(ratings), evidence=evidence, status=400)
    path = _designer().role_path(name)
    assessment = SelfAssessment(person, day, path, ratings, evidence, role_file=name, role_title=role.title,
                                asked=frozenset(item.id for item in items))
    try:
        the_plan = make_plan(assessment, role)
        with tempfile.TemporaryDirectory(prefix="ictroles-assess-") as tmp:
            out = Path(tmp) / f"{slugify(person)}-plan.{kind}"
            if kind == "docx":
                render_plan_word(the_plan, role, out, _designer().today)
            else:
                render_plan_excel(the_plan, out)
            data = out.read_bytes()
    except IctrolesError as exc:
        abort(400, str(exc))
    return send_file(io.BytesIO(data), as_attachment=True, download_name=out.name,
                     mimetype=DOCX if kind == "docx" else XLSX)
