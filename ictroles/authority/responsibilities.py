"""Who does what for a school's digital and technology standards, and what nobody holds.

The standards pack (the DfE's for England by default) lists each standard's
responsibilities, each with a responsible party and those who support it: the school's
named roles (SLT digital lead, DSL, governor, ...) or the IT service provider. A school file
names who holds the school's roles; the role files (technicians, a teaching assistant with
ICT duties) and provider files (the managed service, the local authority) hold the IT
service provider's part of the standards they take on, from the level the pack gives. A
responsibility is a gap when its responsible party is held by nobody; a supporting party
held by nobody is reported too, as unsupported. Gaps in core standards are the problems.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from ictroles.core.errors import InvalidInputError
from ictroles.core.model import Model
from ictroles.core.validation import Line, ProblemList, load_model
from ictroles.framework.competences import matching, suggest
from ictroles.framework.standards import IT, Responsibility, StandardsPack
from ictroles.renderers.text import wrap as _wrap
from ictroles.roles.resolve import ResolvedRole

Part = Literal["responsible", "supports", "none"]
Status = Literal["held", "unsupported", "gap"]


class SchoolFile(Model):
    """Who holds a school's non-technical responsibilities, by the pack's role ids."""

    school: Line | None = None
    holders: dict[str, Line] = {}


@dataclass(frozen=True)
class School:
    """A school file, read: the school's name and who holds each named role."""

    source: Path | None
    name: str | None
    holders: dict[str, str]


def load_school(path: Path, pack: StandardsPack) -> School:
    """Load a school file; a holder under a role the pack does not name is a located problem."""
    path = Path(path)
    data, smap = load_model(SchoolFile, path, "school file")
    problems = ProblemList(smap, path)
    holders = {matching(key, pack.roles) or key: name for key, name in data.holders.items()}
    for key in data.holders:
        if matching(key, pack.roles) is None:
            problems.add(("holders", key), f"'{key}' is not one of the roles the {pack.short_name} name"
                         + suggest(key, list(pack.roles)) + f"; use {', '.join(pack.roles)}")
    if problems:
        raise InvalidInputError(problems)
    return School(path, data.school, holders)


@dataclass(frozen=True)
class Column:
    """One column of the responsibility matrix: a school role, a role file or a provider."""

    key: str
    name: str
    kind: Literal["school-role", "role", "provider"]
    holder: str | None = None  # a school role's holder, from the school file
    source: Path | None = None


@dataclass(frozen=True)
class Row:
    """One responsibility: each column's part, and whether anyone holds it."""

    standard_id: str
    standard_name: str
    core: bool
    responsibility: Responsibility
    parts: dict[str, Part]  # column key -> part
    status: Status
    missing: tuple[str, ...]  # parties the responsibility names that nobody holds

    def message(self, pack: StandardsPack) -> str:
        """What nobody holds, in one sentence."""
        who = ", ".join(pack.party_name(p) for p in self.missing)
        if self.status == "gap":
            return f"{self.standard_name}: nobody is responsible for \"{self.responsibility.text}\" ({who})"
        return f"{self.standard_name}: \"{self.responsibility.text}\" has no {who} supporting it"


@dataclass(frozen=True)
class Responsibilities:
    """The responsibility matrix of a school."""

    pack: StandardsPack
    school: School | None
    columns: tuple[Column, ...]
    rows: tuple[Row, ...]

    @property
    def gaps(self) -> tuple[Row, ...]:
        """Responsibilities nobody is responsible for."""
        return tuple(r for r in self.rows if r.status == "gap")

    @property
    def problems(self) -> tuple[Row, ...]:
        """Gaps in core standards: what --strict fails on."""
        return tuple(r for r in self.gaps if r.core)

    @property
    def summary(self) -> str:
        """One line of counts."""
        unsupported = sum(r.status == "unsupported" for r in self.rows)
        return (f"{len(self.rows)} responsibilities in {len({r.standard_id for r in self.rows})} standards: "
                f"{len(self.rows) - len(self.gaps) - unsupported} held, {len(self.gaps)} with nobody "
                f"responsible ({len(self.problems)} in core standards), {unsupported} without the support "
                "they need.")


def responsibilities(pack: StandardsPack, roles: Sequence[ResolvedRole], providers: Sequence[ResolvedRole] = (),
                     school: School | None = None) -> Responsibilities:
    """Who does what, standard by standard, for a school's roles, providers and named holders."""
    holders = school.holders if school else {}
    named = [p for p in pack.roles if any(p in r.parties for s in pack.standards for r in s.responsibilities)]
    columns = [Column(p, pack.roles[p], "school-role", holders.get(p)) for p in named]
    everyone = [(r, "role") for r in roles] + [(p, "provider") for p in providers]
    titles = Counter(r.title for r, _ in everyone)
    for i, (r, kind) in enumerate(everyone):
        name = r.title if titles[r.title] == 1 or r.source is None else f"{r.title} ({r.source.stem})"
        columns.append(Column(f"{kind}:{i}", name, kind, source=r.source))  # type: ignore[arg-type]
    holds = {f"{kind}:{i}": {(s.id, h.id) for s in r.standards for h in s.responsibilities}
             for i, (r, kind) in enumerate(everyone)}
    rows = []
    for std in pack.standards:
        for resp in std.responsibilities:
            parts: dict[str, Part] = {}
            for col in columns:
                if col.kind == "school-role":
                    parts[col.key] = resp.role_of(col.key)
                else:
                    parts[col.key] = resp.role_of(IT) if (std.id, resp.id) in holds[col.key] else "none"

            it_held = any(parts[c.key] != "none" for c in columns if c.kind != "school-role")
            missing = tuple(p for p in resp.parties if not (it_held if p == IT else holders.get(p)))
            status: Status = "gap" if resp.responsible in missing else "unsupported" if missing else "held"
            rows.append(Row(std.id, std.name, std.core, resp, parts, status, missing))
    return Responsibilities(pack, school, tuple(columns), tuple(rows))


NO_SCHOOL = "No school named"


def responsibilities_by_school(pack: StandardsPack, roles: Sequence[ResolvedRole],
                               providers: Sequence[ResolvedRole] = (),
                               schools: Sequence[School] = ()) -> list[Responsibilities]:
    """One matrix per school: the roles grouped by their ``school``, each with the school file
    of the same name (a single school takes the one school file given, whatever its name).
    The providers serve every school."""
    groups: dict[str, list[ResolvedRole]] = {}
    for r in roles:
        groups.setdefault(r.spec.school or NO_SCHOOL, []).append(r)
    by_name = {(s.name or "").casefold(): s for s in schools}
    out = []
    for name, members in sorted(groups.items(), key=lambda kv: (kv[0] == NO_SCHOOL, kv[0].casefold())):
        school = by_name.get(name.casefold())
        if school is None and len(groups) == 1 and len(schools) == 1:
            school = schools[0]
        if school is None:
            school = School(None, None if name == NO_SCHOOL else name, {})
        out.append(responsibilities(pack, members, providers, school))
    return out


def unmatched_schools(results: Sequence[Responsibilities], schools: Sequence[School]) -> list[str]:
    """Warnings for school files that name a school none of the roles is for."""
    used = {id(r.school) for r in results}
    return [f"{s.source}: names the school '{s.name}', but none of the role files is for it; "
            "its holders were not used" for s in schools if id(s) not in used]


PART_TEXT = {"responsible": "responsible", "supports": "supports", "none": ""}


def responsibilities_json(res: Responsibilities) -> dict[str, Any]:
    """The matrix as the documented JSON shape."""
    return {
        "pack": res.pack.name,
        "school": res.school.name if res.school else None,
        "school_file": str(res.school.source) if res.school and res.school.source else None,
        "columns": [{"key": c.key, "name": c.name, "kind": c.kind, "holder": c.holder,
                     "file": str(c.source) if c.source else None} for c in res.columns],
        "standards": [
            {"id": std.id, "name": std.name, "core": std.core,
             "responsibilities": [
                 {"id": r.responsibility.id, "text": r.responsibility.text, "status": r.status,
                  "missing": list(r.missing), "parts": r.parts}
                 for r in res.rows if r.standard_id == std.id]}
            for std in res.pack.standards
        ],
        "gaps": [{"standard": r.standard_id, "responsibility": r.responsibility.id, "core": r.core,
                  "message": r.message(res.pack)} for r in res.rows if r.status != "held"],
        "summary": res.summary,
    }


def responsibilities_text(res: Responsibilities) -> str:
    """The matrix as text readable at 80 columns: standard by standard, who holds each part."""
    pack = res.pack
    school = res.school.name if res.school and res.school.name else None
    out = ["Who does what" + (f": {school}" if school else "")]
    out.append("=" * len(out[0]))
    out += _wrap(f"{pack.name}, as summarised for ictroles; not part of the ICT Competences Framework.")
    for col in res.columns:
        if col.kind == "school-role":
            out += _wrap(f"{col.name}: {col.holder or 'NOBODY NAMED'}", "", "    ")
        else:
            label = "Provider" if col.kind == "provider" else "Role"
            out += _wrap(f"{label}: {col.name}" + (f" ({col.source.name})" if col.source else ""), "", "    ")
    names = {c.key: c.name if c.kind != "school-role" else f"{c.name} ({c.holder or 'nobody named'})"
             for c in res.columns}
    held = {c.key: c.kind != "school-role" or bool(c.holder) for c in res.columns}
    for std in pack.standards:
        rows = [r for r in res.rows if r.standard_id == std.id]
        out.append("")
        out.append(f"{std.name.upper()}" + (" (core)" if std.core else ""))
        for r in rows:
            mark = {"held": "", "unsupported": "  << unsupported", "gap": "  << GAP"}[r.status]
            out += _wrap(f"- {r.responsibility.text}{mark}", "  ", "    ")
            # A school role nobody is named for holds nothing, though the pack gives it the part.
            held_lead = [names[k] for k, part in r.parts.items() if part == "responsible" and held[k]]
            helping = [names[k] for k, part in r.parts.items() if part == "supports"]
            out += _wrap("Responsible: " + (", ".join(held_lead) or "NOBODY"), "      ", "        ")
            if helping:
                out += _wrap("Supports: " + ", ".join(helping), "      ", "        ")
    out.append("")
    unsupported = [r for r in res.rows if r.status == "unsupported"]
    if res.gaps:
        out.append("Nobody responsible")
        for r in res.gaps:
            out += _wrap(f"- {r.message(pack)}" + (" [core]" if r.core else ""), "  ", "    ")
    if unsupported:
        out.append("Support missing")
        for r in unsupported:
            out += _wrap(f"- {r.message(pack)}", "  ", "    ")
    if not res.gaps and not unsupported:
        out.append("No gaps: every responsibility has someone responsible and the support it needs.")
    out.append("")
    out += _wrap(res.summary)
    return "\n".join(out) + "\n"
