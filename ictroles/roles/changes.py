"""What a role that ``extends`` another changes: its fields, skills and standards, one by one.

A school writes only its differences from the authority's standard role; this lists them, so
a school can check what it overrides and an authority can see it across every school
(`ictroles show --changes`, `ictroles compare --against-standard`).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from ictroles.core.errors import InvalidInputError, Problem
from ictroles.core.files import resolve_path
from ictroles.core.yamlio import load_yaml
from ictroles.roles.spec import load_role_data

Kind = Literal["field", "skill", "standard"]
How = Literal["added", "removed", "changed", "level", "statements"]
_SHORT = 48  # longer values are summarised, not quoted


@dataclass(frozen=True)
class Change:
    """One override: a field, skill or standard added, removed or changed relative to the parent."""

    kind: Kind
    id: str  # a field path (salary.fte) or a skill or standard id
    how: How
    before: str | None
    after: str | None

    @property
    def text(self) -> str:
        """The change in a few words, e.g. ``skill server-network-support: level B -> C``."""
        what = self.id if self.kind == "field" else f"{self.kind} {self.id}"
        if self.how == "added":
            return f"{what}: added" + (f" at {self.after}" if self.kind != "field" else f" ({self.after})")
        if self.how == "removed":
            return f"{what}: removed (was {self.before})"
        if self.how == "level":
            return f"{what}: level {self.before} -> {self.after}"
        if self.how == "statements":
            return f"{what}: {self.after} (level {self.before} kept)"
        return f"{what}: {self.before} -> {self.after}"


@dataclass(frozen=True)
class RoleChanges:
    """A role file and what it changes relative to the role file it extends."""

    path: Path
    parent: Path
    title: str | None
    school: str | None
    changes: tuple[Change, ...]

    def of(self, kind: Kind, *hows: How) -> tuple[Change, ...]:
        """The changes of one kind (and, when given, of these sorts)."""
        return tuple(c for c in self.changes if c.kind == kind and (not hows or c.how in hows))

    def as_dict(self) -> dict[str, Any]:
        """The changes as plain data for JSON output."""
        return {"file": str(self.path), "extends": str(self.parent), "title": self.title, "school": self.school,
                "changes": [{"kind": c.kind, "id": c.id, "how": c.how, "before": c.before, "after": c.after,
                             "text": c.text} for c in self.changes]}


def _shown(value: Any) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, dict):
        if set(value) == {"level"}:
            return _shown(value["level"])
        return "{" + ", ".join(f"{k}: {_shown(v)}" for k, v in value.items()) + "}"
    if isinstance(value, list):
        return "[" + ", ".join(_shown(v) for v in value) + "]"
    text = " ".join(str(value).split())
    return text if len(text) <= _SHORT else text[: _SHORT - 1] + "…"


def _level(choice: Any) -> str | None:
    if isinstance(choice, dict):
        level = choice.get("level")
        return None if level is None else str(level)
    return None if choice is None else str(choice)


def _compared(a: Any, b: Any) -> bool:
    """Whether two YAML values say the same (numbers and text compared as people write them)."""
    if isinstance(a, dict) and isinstance(b, dict):
        return set(a) == set(b) and all(_compared(a[k], b[k]) for k in a)
    if isinstance(a, list) and isinstance(b, list):
        return len(a) == len(b) and all(_compared(x, y) for x, y in zip(a, b))
    return str(a).strip().casefold() == str(b).strip().casefold()


def _entries(kind: Kind, mine: dict[Any, Any], theirs: dict[Any, Any]) -> list[Change]:
    out: list[Change] = []
    by_fold = {str(k).casefold(): k for k in theirs}
    for key, choice in mine.items():
        base_key = by_fold.get(str(key).casefold())
        sid = str(base_key if base_key is not None else key)
        before = theirs.get(base_key) if base_key is not None else None
        if choice is None:
            if base_key is not None:
                out.append(Change(kind, sid, "removed", _level(before), None))
            continue
        if base_key is None:
            out.append(Change(kind, sid, "added", None, _level(choice)))
            continue
        lv_before, lv_after = _level(before), _level(choice)
        if lv_before is not None and lv_after is not None and lv_before.casefold() != lv_after.casefold():
            out.append(Change(kind, sid, "level", lv_before, lv_after))
        extra = {k: v for k, v in choice.items() if k != "level"} if isinstance(choice, dict) else {}
        if extra:
            out.append(Change(kind, sid, "statements", lv_after, "own " + ", ".join(extra)))
    return out


def role_changes(path: Path) -> RoleChanges | None:
    """What the role file at ``path`` changes relative to the file it extends (None: extends nothing)."""
    path = Path(path)
    data, smap = load_yaml(path, "role file")
    if not isinstance(data, dict) or not isinstance(data.get("extends"), str):
        return None
    try:
        parent = resolve_path(path.parent / data["extends"])
    except InvalidInputError as exc:
        src, line = smap.locate(("extends",))
        raise InvalidInputError([Problem(src, line, "extends", exc.problems[0].message)]) from None
    base, _ = load_role_data(parent)
    changes: list[Change] = []
    for key, value in data.items():
        if key in ("extends", "skills", "standards"):
            continue
        before = base.get(key)
        if key == "salary" and isinstance(value, dict) and isinstance(before, dict):
            for field, amount in value.items():
                old = before.get(field)
                if amount is None and old is not None:
                    changes.append(Change("field", f"salary.{field}", "removed", _shown(old), None))
                elif old is None and amount is not None:
                    changes.append(Change("field", f"salary.{field}", "added", None, _shown(amount)))
                elif amount is not None and not _compared(old, amount):
                    changes.append(Change("field", f"salary.{field}", "changed", _shown(old), _shown(amount)))
        elif before is None and value is not None:
            changes.append(Change("field", key, "added", None, _shown(value)))
        elif value is None and before is not None:
            changes.append(Change("field", key, "removed", _shown(before), None))
        elif before is not None and not _compared(before, value):
            changes.append(Change("field", key, "changed", _shown(before), _shown(value)))
    for key, kind in (("skills", "skill"), ("standards", "standard")):
        mine = data.get(key)
        if isinstance(mine, dict):
            theirs = base.get(key)
            changes += _entries(kind, mine, theirs if isinstance(theirs, dict) else {})  # type: ignore[arg-type]
    title = data.get("title", base.get("title"))
    school = data.get("school", base.get("school"))
    return RoleChanges(path, parent, None if title is None else str(title),
                       None if school is None else str(school), tuple(changes))


def changes_text(rc: RoleChanges) -> str:
    """The changes of one role as text, grouped as fields, skills and standards."""
    head = f"{rc.path.name} extends {rc.parent.name}"
    out = [head, "=" * len(head)]
    if rc.school or rc.title:
        out.append(", ".join(x for x in (rc.title, rc.school) if x))
    if not rc.changes:
        out += ["", "No changes: the role is the one it extends."]
    for kind, heading in (("field", "Fields"), ("skill", "Skills"), ("standard", "Standards")):
        found = rc.of(kind)  # type: ignore[arg-type]
        if found:
            out += ["", f"{heading} ({len(found)})"]
            out += [f"  - {c.text}" for c in found]
    return "\n".join(out) + "\n"
