"""A role being edited in the designer: the form's fields to role-file data and back.

The page's form is named after the role file's own fields (``salary.fte``, ``skills.<id>.level``),
so the page holds nothing a role file could not. :func:`apply_form` turns a submitted form into
the role file's data on top of what the file already says (its other fields, comments and
layout are kept when it is saved); :func:`resolve_draft` resolves it with the same library call
as ``ictroles validate``, so the page never re-derives levels, statements, pay or findings.
"""

from __future__ import annotations

import copy
import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ictroles.authoring.lint import Finding, lint_role
from ictroles.core.errors import IctrolesError, InvalidInputError, Problem
from ictroles.core.yamlio import SourceMap
from ictroles.framework.competences import Framework
from ictroles.framework.overlay import load_overlay
from ictroles.framework.standards import StandardsPack
from ictroles.roles.modernise import modernise_role
from ictroles.roles.resolve import ResolvedRole, resolve_data
from ictroles.roles.spec import load_role_data, merge_roles, resolve_path_fields

# The post's fields the form shows, in the order of the page, with what each is for.
TEXT_FIELDS: dict[str, str] = {
    "title": "The job title, as the advert and every document show it.",
    "school": "The school's name, as applicants know it.",
    "location": "Town or area, so applicants know where the post is.",
    "grade": "The pay grade or band (e.g. Grade 5).",
    "salary.fte": "Full-time yearly salary in pounds (the bottom of the range).",
    "salary.fte_to": "The top of the salary range, if there is one.",
    "salary.scale": "The pay scale points as HR writes them (e.g. NJC SCP 12-17).",
    "hours_per_week": "Hours a week the post works.",
    "weeks_per_year": "Weeks a year the post works: 52 for all year, 39 for term time only.",
    "paid_weeks": "Term-time posts: weeks paid a year, i.e. weeks worked plus paid holidays.",
    "contract": "Permanent, fixed term or casual.",
    "contract_note": "Anything to add about the contract (e.g. fixed term until 31 August 2028).",
    "responsible_to": "Who the post holder reports to.",
    "responsible_for": "Anyone the post holder manages.",
    "purpose": "One or two sentences on why the post exists (begin with 'To ...').",
    "about_school": "A short paragraph about the school for the advert.",
    "how_to_apply": "How applicants apply: the form, where to send it, visits.",
    "contact": "Who applicants contact with questions (an email or phone number).",
    "start_date": "When the post starts (free text, e.g. September 2027).",
    "closing_date": "The last day for applications.",
    "interview_date": "The day of interviews.",
}
NUMBER_FIELDS = {"salary.fte", "salary.fte_to", "hours_per_week", "weeks_per_year", "paid_weeks"}
DATE_FIELDS = {"closing_date", "interview_date"}
PARAGRAPH_FIELDS = {"purpose", "about_school", "how_to_apply"}
MAX_FIELD_CHARS = 5000  # a paragraph's limit in a role file
NOT_IN_POST = ""  # the level value meaning "not part of this post"
_PLAIN_NUMBER = re.compile(r"^\d+(\.\d+)?$")


@dataclass(frozen=True)
class Draft:
    """A role file's data as the page edits it."""

    path: Path  # the role file in the designer's folder (it may not exist yet)
    own: dict[str, Any]  # what the file itself says (without what it extends)
    parent: dict[str, Any] | None  # what the role it extends says, merged; None without extends

    @property
    def merged(self) -> dict[str, Any]:
        """The role as resolution sees it: the parent's data with the file's on top."""
        if self.parent is None:
            return copy.deepcopy(self.own)
        data, _ = merge_roles(copy.deepcopy(self.parent), SourceMap(), copy.deepcopy(self.own), SourceMap())
        return data


def load_draft(path: Path) -> Draft:
    """The draft for an existing role file (``own`` is the file itself; ``parent`` what it extends)."""
    from ictroles.core.yamlio import load_yaml

    own, _ = load_yaml(path, "role file")
    if not isinstance(own, dict):
        raise InvalidInputError([Problem(path, 1, "", "a role file must be a mapping of fields")])
    parent = None
    if isinstance(own.get("extends"), str):
        parent, _ = load_role_data(path.parent / own["extends"])
    return Draft(path, own, parent)


def get_path(data: Mapping[str, Any], dotted: str) -> Any:
    """The value at ``a.b`` in nested mappings, or None."""
    value: Any = data
    for part in dotted.split("."):
        if not isinstance(value, Mapping):
            return None
        value = value.get(part)
    return value


def _set_path(data: dict[str, Any], dotted: str, value: Any) -> None:
    parts = dotted.split(".")
    for part in parts[:-1]:
        child = data.get(part)
        if not isinstance(child, dict):
            child = data[part] = {}
        data = child
    if value is None:
        data.pop(parts[-1], None)
    else:
        data[parts[-1]] = value


def field_value(text: str, name: str) -> Any:
    """A form field's text as the value a hand-written role file would hold (None: unset)."""
    text = text.replace("\r\n", "\n").strip()
    if not text:
        return None
    if name in NUMBER_FIELDS and _PLAIN_NUMBER.match(text.replace(",", "").removeprefix("£")):
        number = float(text.replace(",", "").removeprefix("£"))
        return int(number) if number.is_integer() else number
    if name in DATE_FIELDS:
        try:
            return dt.date.fromisoformat(text)
        except ValueError:
            return text  # the schema words the problem
    if name not in PARAGRAPH_FIELDS:
        return " ".join(text.split()) if "\n" in text else text
    return text


def form_changes(form: Mapping[str, list[str]], framework: Framework, pack: StandardsPack | None) -> dict[str, Any]:
    """What the form says, as {dotted field: value or None}; skills and standards as choices.

    ``form`` maps each field name to its submitted values (checkboxes submit many).
    """
    def one(name: str) -> str:
        values = form.get(name) or [""]
        return values[0][:MAX_FIELD_CHARS + 1]

    changes: dict[str, Any] = {}
    for name in TEXT_FIELDS:
        if name in form:
            changes[name] = field_value(one(name), name)
    skills: dict[str, Any] = {}
    for skill in framework.skills:
        key = f"skills.{skill.id}"
        if f"{key}.level" not in form:
            continue
        level = one(f"{key}.level").strip()
        if level == NOT_IN_POST:
            skills[skill.id] = None
            continue
        shown = [s for s in one(f"{key}.shown").split() if s]
        kept = set(form.get(f"{key}.statement", []))
        choice: dict[str, Any] = {"level": level}
        exclude = [s for s in shown if s not in kept]
        include = [s for s in form.get(f"{key}.include", []) if s]
        added = [line.strip() for line in one(f"{key}.add").splitlines() if line.strip()]
        if exclude:
            choice["exclude"] = exclude
        if include:
            choice["include"] = include
        if added:
            choice["add"] = {"activities": added}
        skills[skill.id] = choice
    changes["skills"] = skills
    if pack is not None:
        standards: dict[str, Any] = {}
        for std in pack.standards:
            name = f"standards.{std.id}.level"
            if name in form:
                level = one(name).strip()
                standards[std.id] = {"level": level} if level else None
        changes["standards"] = standards
    return changes


def _compact(choice: Any) -> Any:
    """``{level: C}`` is written ``C``, as people write it."""
    if isinstance(choice, dict) and set(choice) == {"level"}:
        return choice["level"]
    return choice


def apply_changes(draft: Draft, changes: dict[str, Any]) -> dict[str, Any]:
    """The file's own data with the form's changes: a field equal to what the parent says,
    and not set by the file, is left to the parent; a skill or standard left out is removed."""
    own = copy.deepcopy(draft.own)
    parent = draft.parent or {}
    for name, value in changes.items():
        if name in ("skills", "standards"):
            mine: dict[str, Any] = own[name] if isinstance(own.get(name), dict) else {}
            theirs: dict[str, Any] = parent[name] if isinstance(parent.get(name), dict) else {}
            merged: dict[str, Any] = dict(mine)
            controlled = SKILL_FORM_KEYS if name == "skills" else STANDARD_FORM_KEYS
            for item_id, choice in value.items():
                if choice is None:
                    if item_id in theirs:
                        merged[item_id] = None  # removes the parent's skill
                    else:
                        merged.pop(item_id, None)
                    continue
                if item_id not in mine and _same(theirs.get(item_id), choice):
                    continue
                result = _merge_choice(mine.get(item_id), choice, controlled)
                if item_id in mine and _same(mine[item_id], result):
                    continue  # keep the file's own way of writing it
                merged[item_id] = result
            if merged or name in own:
                own[name] = merged
            continue
        if get_path(own, name) is None and value is not None and get_path(parent, name) == value:
            continue
        _set_path(own, name, value)
    if isinstance(own.get("salary"), dict) and not own["salary"]:
        del own["salary"]
    return own


def _same(a: Any, b: Any) -> bool:
    def norm(choice: Any) -> Any:
        if isinstance(choice, str):
            return {"level": choice}
        if isinstance(choice, dict):
            return {k: v for k, v in choice.items() if v not in ([], {}, None)}
        return choice
    return bool(norm(a) == norm(b))


# What the form sets for a skill or standard; anything else a file writes there (a skill's
# own duty:, criterion:, task:, added knowledge; a standard's exclude:, add:) is kept.
SKILL_FORM_KEYS = frozenset({"level", "exclude", "include", "add"})
STANDARD_FORM_KEYS = frozenset({"level"})


def _merge_choice(before: Any, after: dict[str, Any], controlled: frozenset[str]) -> Any:
    """The form's choice for one skill or standard, keeping what the file says beyond it."""
    if not isinstance(before, dict):
        return _compact(after)
    result = {k: v for k, v in before.items() if k not in controlled}
    for key, value in after.items():
        if key != "add":
            result[key] = value
    if "add" in controlled:  # the form edits the added activities; added knowledge stays
        kept = {k: v for k, v in (before.get("add") or {}).items() if k != "activities"} \
            if isinstance(before.get("add"), dict) else {}
        add = {**kept, **after.get("add", {})}
        if add:
            result["add"] = add
    return _compact(result)


@dataclass(frozen=True)
class Checked:
    """A draft resolved: the role (None when it has problems), problems and lint findings by field."""

    role: ResolvedRole | None
    problems: tuple[Problem, ...]
    findings: tuple[Finding, ...]

    def by_field(self, framework: Framework) -> dict[str, list[str]]:
        """Messages keyed by the form field they concern ('' for the role as a whole)."""
        out: dict[str, list[str]] = {}
        for p in self.problems:
            out.setdefault(form_field(p.field, framework), []).append(p.message)
        for f in self.findings:
            out.setdefault(form_field(f.where, framework), []).append(
                f"{f.severity}: {f.message}. {f.suggestion[:1].upper()}{f.suggestion[1:]}.")
        return out


def form_field(where: str, framework: Framework) -> str:
    """The form field a problem or finding concerns: ``skills.x.exclude[0]`` -> ``skills.x``,
    a statement id -> its skill, ``salary`` -> ``salary.fte``; '' when the form has no such field."""
    where = re.sub(r"\[\d+\]", "", where)
    parts = where.split(".")
    if parts[0] in ("skills", "standards") and len(parts) >= 2:
        return ".".join(parts[:3]) if len(parts) >= 3 and parts[2] == "level" else ".".join(parts[:2])
    if parts[0] == "salary":
        return ".".join(parts[:2]) if len(parts) >= 2 else "salary.fte"
    by_code = {s.code: s.id for s in framework.skills}
    if len(parts) >= 2 and parts[0] in by_code:  # a statement id: the skill that brings it in
        return f"skills.{by_code[parts[0]]}"
    if where in framework.skills_by_id:
        return f"skills.{where}"
    if where in TEXT_FIELDS or where in ("skills", "standards"):
        return where
    return ""


def resolve_draft(data: dict[str, Any], path: Path, parent: dict[str, Any] | None, framework: Framework,
                  pack: StandardsPack | None, today: dt.date | None = None) -> Checked:
    """Resolve and lint the draft exactly as ``ictroles build`` would (modern wording applied)."""
    own = copy.deepcopy(data)
    try:
        resolve_path_fields(own, SourceMap(), path)  # the file's own paths, as load_role_data does
    except InvalidInputError as exc:
        return Checked(None, tuple(exc.problems), ())
    merged = own
    if parent is not None:
        merged, _ = merge_roles(copy.deepcopy(parent), SourceMap(), own, SourceMap())
    merged.pop("extends", None)
    try:
        role = resolve_data(merged, SourceMap(), path, framework, pack)
    except InvalidInputError as exc:
        return Checked(None, tuple(exc.problems), ())
    except IctrolesError as exc:
        return Checked(None, (Problem(path, None, "", str(exc)),), ())
    overlay = load_overlay()
    findings = tuple(lint_role(role, overlay, today))
    return Checked(modernise_role(role, overlay), (), findings)
