"""Compare roles skill by skill, across level schemes, by native framework levels.

A skill's position is the highest native level its chosen level draws on, so a three-level
role's "2" (framework C) and a four-level role's C are the same level. Statements are matched
by framework id (identical statements merged at a folded level count under every id they
stand for); a role's own custom statements are matched by their text.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Literal

from ictroles.core.errors import InvalidInputError, Problem
from ictroles.framework.schemes import Statement
from ictroles.renderers.text import wrap as _wrap
from ictroles.roles.changes import RoleChanges
from ictroles.roles.pay import money
from ictroles.roles.resolve import ResolvedRole, ResolvedSkill

Position = Literal["same", "higher-in-a", "higher-in-b", "only-in-a", "only-in-b"]


@dataclass(frozen=True)
class SkillComparison:
    """One skill in two roles: levels and the statements only one of them has."""

    id: str
    code: str
    name: str
    focus_name: str
    a_level: str | None  # local label in A
    a_native: tuple[str, ...]
    b_level: str | None
    b_native: tuple[str, ...]
    position: Position
    only_in_a: tuple[Statement, ...]
    only_in_b: tuple[Statement, ...]
    in_both: int


@dataclass(frozen=True)
class StandardComparison:
    """One standard of the standards pack in two roles: the level in each (None: not taken)."""

    id: str
    name: str
    a_level: str | None
    b_level: str | None


@dataclass(frozen=True)
class Comparison:
    """Two roles compared skill by skill, in framework order."""

    a: ResolvedRole
    b: ResolvedRole
    skills: tuple[SkillComparison, ...]
    standards: tuple[StandardComparison, ...] = ()  # the standards pack's, in either role

    def count(self, position: Position) -> int:
        """How many skills have this position."""
        return sum(1 for s in self.skills if s.position == position)

    @property
    def summary(self) -> str:
        """One line: skills at the same level, higher in each, only in each; statement counts."""
        only_a = sum(len(s.only_in_a) for s in self.skills)
        only_b = sum(len(s.only_in_b) for s in self.skills)
        return (
            f"{len(self.skills)} skills compared: {self.count('same')} at the same level, "
            f"{self.count('higher-in-a')} higher in role 1, {self.count('higher-in-b')} higher in role 2, "
            f"{self.count('only-in-a')} only in role 1, {self.count('only-in-b')} only in role 2; "
            f"{only_a} statements only in role 1, {only_b} only in role 2."
        )


def _keys(st: Statement) -> set[str]:
    if st.origin == "custom":
        return {"custom:" + " ".join(st.text.casefold().split())}
    return {st.id, *st.merged_ids}


def _statements(skill: ResolvedSkill | None) -> list[Statement]:
    if skill is None:
        return []
    return [*skill.activities, *skill.knowledge, *skill.examples]


def compare_roles(a: ResolvedRole, b: ResolvedRole) -> Comparison:
    """Compare role A with role B per skill: native levels and statements only in one."""
    framework = a.framework
    out: list[SkillComparison] = []
    for skill in framework.skills:
        sa, sb = a.skill(skill.id), b.skill(skill.id)
        if sa is None and sb is None:
            continue
        st_a, st_b = _statements(sa), _statements(sb)
        keys_a = set().union(*(_keys(s) for s in st_a)) if st_a else set()
        keys_b = set().union(*(_keys(s) for s in st_b)) if st_b else set()
        only_a = tuple(s for s in st_a if not _keys(s) & keys_b)
        only_b = tuple(s for s in st_b if not _keys(s) & keys_a)
        position: Position
        if sb is None:
            position = "only-in-a"
        elif sa is None:
            position = "only-in-b"
        else:
            pa = framework.level_index(sa.native_level)
            pb = framework.level_index(sb.native_level)
            position = "same" if pa == pb else ("higher-in-a" if pa > pb else "higher-in-b")
        out.append(SkillComparison(
            id=skill.id, code=skill.code, name=skill.name,
            focus_name=framework.focus_by_id[skill.focus].name,
            a_level=sa.level if sa else None, a_native=sa.native_levels if sa else (),
            b_level=sb.level if sb else None, b_native=sb.native_levels if sb else (),
            position=position, only_in_a=only_a, only_in_b=only_b,
            in_both=len(st_a) - len(only_a),
        ))
    ids = [s.id for s in a.standards] + [s.id for s in b.standards if s.id not in {x.id for x in a.standards}]
    pack = a.standards_pack or b.standards_pack
    order = [s.id for s in pack.standards] if pack else ids
    levels_a = {s.id: s for s in a.standards}
    levels_b = {s.id: s for s in b.standards}
    standards = tuple(
        StandardComparison(i, (levels_a.get(i) or levels_b[i]).name,
                           levels_a[i].level if i in levels_a else None,
                           levels_b[i].level if i in levels_b else None)
        for i in sorted(ids, key=order.index)
    )
    return Comparison(a, b, tuple(out), standards)


# --- two or more roles ------------------------------------------------------------------


@dataclass(frozen=True)
class RoleLevel:
    """One role's level for a skill or standard, and how it stands against role 1's."""

    level: str | None  # the role's own label (None: not part of the role)
    native: tuple[str, ...]  # the framework levels it draws on
    steps: int | None  # native levels above (+) or below (-) role 1; None when either lacks it

    def text(self, first: bool, role_one_has_it: bool) -> str:
        """``C (1 above)``, ``2 (C, same)``, ``B (not in 1)`` or ``-``; role 1 shows its level only."""
        if self.level is None:
            return "-"
        drawn = "+".join(self.native)
        shown = [drawn] if drawn and drawn != self.level else []
        if not first:
            if not role_one_has_it:
                shown.append("not in 1")
            elif self.steps == 0:
                shown.append("same")
            elif self.steps is not None:
                shown.append(f"{abs(self.steps)} {'above' if self.steps > 0 else 'below'}")
        return self.level + (f" ({', '.join(shown)})" if shown else "")


@dataclass(frozen=True)
class StatementPresence:
    """A statement some of the roles have and others do not, with its text."""

    id: str
    text: str
    facet: str
    roles: tuple[int, ...]  # which roles have it, numbered from 1


@dataclass(frozen=True)
class SkillRow:
    """One skill across the roles: each role's level and the statements not in all of them."""

    id: str
    name: str
    focus_name: str
    levels: tuple[RoleLevel, ...]
    statements: tuple[StatementPresence, ...]
    in_all: int  # statements every role has

    @property
    def same(self) -> bool:
        """True when every role has the skill at the same native level."""
        return all(lv.level is not None for lv in self.levels) and all(lv.steps == 0 for lv in self.levels)


@dataclass(frozen=True)
class StandardRow:
    """One standard of the standards pack across the roles (framework levels, whatever the scheme)."""

    id: str
    name: str
    levels: tuple[RoleLevel, ...]


@dataclass(frozen=True)
class ManyComparison:
    """Two or more roles compared skill by skill against role 1, with their terms."""

    roles: tuple[ResolvedRole, ...]
    skills: tuple[SkillRow, ...]
    standards: tuple[StandardRow, ...]

    @property
    def summary(self) -> str:
        """One line: for two roles as :attr:`Comparison.summary`; for more, how many skills agree."""
        if len(self.roles) == 2:
            return compare_roles(*self.roles).summary
        same = sum(s.same for s in self.skills)
        differ = len(self.skills) - same
        statements = sum(len(s.statements) for s in self.skills)
        return (f"{len(self.skills)} skills compared across {len(self.roles)} roles: {same} at the same level "
                f"in every role, {differ} differ; {statements} statements are not in every role.")


def _native_steps(framework: Any, a: ResolvedSkill | Any | None, b: ResolvedSkill | Any | None) -> int | None:
    if a is None or b is None:
        return None
    return framework.level_index(b) - framework.level_index(a)


def compare_many(roles: Sequence[ResolvedRole]) -> ManyComparison:
    """Compare two or more roles skill by skill: levels against role 1, statements not in all."""
    if len(roles) < 2:
        raise InvalidInputError([Problem(None, None, "", "give two or more roles to compare "
                                         f"(got {len(roles)})")])
    framework = roles[0].framework
    rows: list[SkillRow] = []
    for skill in framework.skills:
        held = [r.skill(skill.id) for r in roles]
        if all(h is None for h in held):
            continue
        first = held[0].native_level if held[0] else None
        levels = tuple(RoleLevel(h.level if h else None, h.native_levels if h else (),
                                 _native_steps(framework, first, h.native_level if h else None))
                       for h in held)
        keyed = [set().union(*(_keys(st) for st in _statements(h))) if h else set() for h in held]
        found: list[StatementPresence] = []
        seen: set[str] = set()
        for h in held:
            for st in _statements(h):
                if _keys(st) & seen:
                    continue
                seen |= _keys(st)
                have = tuple(i for i, keys in enumerate(keyed, 1) if _keys(st) & keys)
                found.append(StatementPresence(st.id, st.text, st.facet, have))
        everyone = tuple(range(1, len(roles) + 1))
        rows.append(SkillRow(
            id=skill.id, name=skill.name, focus_name=framework.focus_by_id[skill.focus].name, levels=levels,
            statements=tuple(p for p in found if p.roles != everyone),
            in_all=sum(p.roles == everyone for p in found),
        ))
    pack = next((r.standards_pack for r in roles if r.standards_pack), None)
    taken = {s.id for r in roles for s in r.standards}
    standards: list[StandardRow] = []
    for std in (pack.standards if pack else []):
        if std.id not in taken:
            continue
        got = [next((s for s in r.standards if s.id == std.id), None) for r in roles]
        first_level = got[0].level if got[0] else None
        standards.append(StandardRow(std.id, std.name, tuple(
            RoleLevel(g.level if g else None, (), _native_steps(framework, first_level, g.level if g else None))
            for g in got)))
    return ManyComparison(tuple(roles), tuple(rows), tuple(standards))


def role_terms(role: ResolvedRole) -> dict[str, str]:
    """A role's grade, pay, hours and weeks as short text for tables (empty when not stated)."""
    spec, pay = role.spec, role.pay
    fte = actual = ""
    if pay and pay.fte_from is not None:
        fte = money(pay.fte_from) + (f"-{money(pay.fte_to)}" if pay.fte_to else "")
        if pay.pro_rata and pay.actual_from is not None:
            actual = money(pay.actual_from) + (f"-{money(pay.actual_to)}" if pay.actual_to else "")
        elif not pay.pro_rata:
            actual = fte
    weeks = ""
    if spec.weeks_per_year is not None:
        weeks = f"{spec.weeks_per_year:g}" + (f" ({spec.paid_weeks:g} paid)" if spec.paid_weeks else "")
    return {
        "grade": spec.grade or "",
        "scale": spec.salary.scale if spec.salary and spec.salary.scale else "",
        "fte": fte,
        "actual": actual,
        "hours": f"{spec.hours_per_week:g} of {spec.full_time_hours:g}" if spec.hours_per_week else "",
        "weeks": weeks,
    }


TERMS = (("grade", "Grade"), ("scale", "Pay scale"), ("fte", "Salary (FTE)"), ("actual", "Actual pay"),
         ("hours", "Hours a week"), ("weeks", "Weeks a year"))


def _role_json(n: int, r: ResolvedRole) -> dict[str, Any]:
    spec, pay = r.spec, r.pay
    return {
        "role": n, "file": str(r.source) if r.source else None, "title": r.title, "school": spec.school,
        "scheme": r.scheme.name, "grade": spec.grade,
        "salary": {"fte": pay.fte_from if pay else None, "fte_to": pay.fte_to if pay else None,
                   "scale": pay.scale if pay else None},
        "actual_pay": {"from": round(pay.actual_from) if pay and pay.actual_from else None,
                       "to": round(pay.actual_to) if pay and pay.actual_to else None},
        "hours_per_week": spec.hours_per_week, "full_time_hours": spec.full_time_hours,
        "weeks_per_year": spec.weeks_per_year, "paid_weeks": spec.paid_weeks,
    }


def _levels_json(levels: Sequence[RoleLevel]) -> list[dict[str, Any]]:
    has_first = levels[0].level is not None
    return [{"role": n, "level": lv.level, "native_levels": list(lv.native), "steps": lv.steps,
             "text": lv.text(n == 1, has_first)} for n, lv in enumerate(levels, 1)]


def comparison_json(cmp: ManyComparison) -> dict[str, Any]:
    """The comparison as the documented JSON shape (levels against role 1, steps in native levels)."""
    return {
        "roles": [_role_json(n, r) for n, r in enumerate(cmp.roles, 1)],
        "skills": [
            {"id": s.id, "name": s.name, "focus": s.focus_name, "levels": _levels_json(s.levels),
             "same_in_all": s.same, "in_all": s.in_all,
             "statements": [{"id": p.id, "text": p.text, "facet": p.facet, "roles": list(p.roles)}
                            for p in s.statements]}
            for s in cmp.skills
        ],
        "standards": [{"id": s.id, "name": s.name, "levels": _levels_json(s.levels)} for s in cmp.standards],
        "summary": cmp.summary,
    }


def _who(r: ResolvedRole) -> str:
    bits = [r.title]
    if r.spec.school:
        bits.append(r.spec.school)
    bits.append(f"{r.scheme.name}-level scheme")
    return ", ".join(bits) + (f" ({r.source.name})" if r.source else "")


def _in_roles(roles: tuple[int, ...], total: int) -> str:
    if total == 2:
        return f"only in {roles[0]}"
    return ("only in " if len(roles) == 1 else "in ") + ", ".join(map(str, roles)) + (" only" if len(roles) > 1 else "")


def comparison_text(cmp: ManyComparison) -> str:
    """The comparison as text: terms, then each skill's level in every role against role 1,
    with the statements not in every role written out."""
    n = len(cmp.roles)
    out: list[str] = []
    # Roles are numbered, not lettered: A-D are the framework's levels.
    for i, r in enumerate(cmp.roles, 1):
        out += _wrap(f"Role {i}: {_who(r)}", "", "        ")
    out += _wrap("Levels are compared as framework levels A-D; a level drawing on several counts as "
                 "the highest. Each role's level says how it stands against role 1's.")
    name_w = 34 if n == 2 else 26
    cells = [[lv.text(i == 0, s.levels[0].level is not None) for i, lv in enumerate(s.levels)] for s in cmp.skills]
    terms = [role_terms(r) for r in cmp.roles]
    widest = max([len(c) for row in cells for c in row] + [len(t[k]) for t in terms for k, _ in TERMS] + [6])
    col_w = widest + 2
    heading = "".join(f"{'Role ' + str(i):<{col_w}}" for i in range(1, n + 1)).rstrip()
    out.append("")
    out.append(f"{'Terms':<{name_w}}{heading}")
    out.append("-" * min(80, name_w + col_w * n))
    for key, label in TERMS:
        if any(t[key] for t in terms):
            out.append((f"{label:<{name_w}}" + "".join(f"{t[key] or '-':<{col_w}}" for t in terms)).rstrip())
    out.append("")
    out.append(f"{'Skill':<{name_w}}{heading}")
    out.append("-" * min(80, name_w + col_w * n))
    for s, row in zip(cmp.skills, cells):
        name = s.name if len(s.name) < name_w else s.name[: name_w - 2] + "…"
        out.append((f"{name:<{name_w}}" + "".join(f"{c:<{col_w}}" for c in row)).rstrip())
        groups: dict[tuple[int, ...], list[StatementPresence]] = {}
        for p in s.statements:
            groups.setdefault(p.roles, []).append(p)
        for roles, found in sorted(groups.items()):
            out.append(f"    {_in_roles(roles, n)}:")
            for p in found:
                out += _wrap(f"{p.id}  {p.text}", "      ", " " * (8 + len(p.id)))
    if cmp.standards:
        pack = next((r.standards_pack for r in cmp.roles if r.standards_pack), None)
        out.append("")
        out += _wrap(f"{pack.name if pack else 'Standards'} (not part of the framework):")
        for st in cmp.standards:
            name = st.name if len(st.name) < name_w else st.name[: name_w - 2] + "…"
            has_first = st.levels[0].level is not None
            out.append((f"{name:<{name_w}}" + "".join(
                f"{lv.text(i == 0, has_first):<{col_w}}" for i, lv in enumerate(st.levels))).rstrip())
    out.append("")
    out += _wrap(cmp.summary)
    return "\n".join(out) + "\n"


# --- a folder of school roles against the roles they extend --------------------------------


def against_standard_json(changes: Sequence[RoleChanges], not_extending: Sequence[str] = ()) -> dict[str, Any]:
    """Each role's changes relative to the file it extends, and how often each is changed."""
    return {"roles": [c.as_dict() for c in changes], "not_extending": list(not_extending),
            "most_changed": [{"what": w, "roles": k} for w, k in most_changed(changes)],
            "summary": against_standard_summary(changes, not_extending)}


def most_changed(changes: Sequence[RoleChanges]) -> list[tuple[str, int]]:
    """What the roles change most often (a field, or a skill/standard and how), most first."""
    counts: Counter[str] = Counter()
    for rc in changes:
        seen = set()
        for c in rc.changes:
            what = c.id if c.kind == "field" else f"{c.kind} {c.id} ({'level' if c.how == 'level' else c.how})"
            if what not in seen:
                seen.add(what)
                counts[what] += 1
    return sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))


def against_standard_summary(changes: Sequence[RoleChanges], not_extending: Sequence[str] = ()) -> str:
    """One line: how many roles, how many change skills or standards."""
    skills = sum(bool(rc.of("skill")) for rc in changes)
    standards = sum(bool(rc.of("standard")) for rc in changes)
    text = (f"{len(changes)} roles extend a standard role: {skills} change skills, {standards} change "
            f"standards, {sum(not rc.changes for rc in changes)} change nothing")
    if not_extending:
        text += f"; {len(not_extending)} extend nothing and are left out"
    return text + "."


def against_standard_text(changes: Sequence[RoleChanges], not_extending: Sequence[str] = ()) -> str:
    """Per role: what it extends and changes; then what is changed most often."""
    out = ["Changes against the standard roles", "=" * 34]
    for rc in changes:
        out.append("")
        out += _wrap(f"{rc.school or 'No school given'}: {rc.title or '-'} ({rc.path.name})", "", "    ")
        fields = [c for c in rc.of("field")]
        out += _wrap(f"extends {rc.parent.name}; {len(fields)} field(s), "
                     f"skills: {len(rc.of('skill', 'added'))} added, {len(rc.of('skill', 'removed'))} removed, "
                     f"{len(rc.of('skill', 'level'))} at another level; standards: {len(rc.of('standard'))} changed",
                     "  ", "    ")
        if fields:
            out += _wrap("fields: " + ", ".join(c.id for c in fields), "  ", "    ")
        for c in [*rc.of("skill"), *rc.of("standard")]:
            out += _wrap(c.text, "  - ", "    ")
    if not_extending:
        out.append("")
        out += _wrap("Left out (they extend nothing): " + ", ".join(not_extending))
    common = most_changed(changes)
    if common:
        out += ["", "Changed most often"]
        for what, k in common[:12]:
            out += _wrap(f"{k:>3} of {len(changes)}  {what}", "  ", " " * 12)
    out.append("")
    out += _wrap(against_standard_summary(changes, not_extending))
    return "\n".join(out) + "\n"
