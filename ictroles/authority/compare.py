"""Compare two roles skill by skill, across level schemes, by native framework levels.

A skill's position is the highest native level its chosen level draws on, so a three-level
role's "2" (framework C) and a four-level role's C are the same level. Statements are matched
by framework id (identical statements merged at a folded level count under every id they
stand for); a role's own custom statements are matched by their text.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

from ictroles.framework.schemes import Statement
from ictroles.renderers.text import wrap as _wrap
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


def _level_text(label: str | None, native: tuple[str, ...]) -> str:
    if label is None:
        return "-"
    drawn = "+".join(native)
    return label if drawn == label else f"{label} ({drawn})"


_POSITION_TEXT = {
    "same": "same",
    "higher-in-a": "1 higher",
    "higher-in-b": "2 higher",
    "only-in-a": "only in 1",
    "only-in-b": "only in 2",
}


def comparison_json(cmp: Comparison) -> dict[str, Any]:
    """The comparison as the documented JSON shape."""

    def role(r: ResolvedRole) -> dict[str, Any]:
        return {"file": str(r.source) if r.source else None, "title": r.title,
                "school": r.spec.school, "scheme": r.scheme.name, "grade": r.spec.grade}

    return {
        "a": role(cmp.a),
        "b": role(cmp.b),
        "skills": [
            {
                "id": s.id, "name": s.name, "focus": s.focus_name,
                "a": {"level": s.a_level, "native_levels": list(s.a_native)},
                "b": {"level": s.b_level, "native_levels": list(s.b_native)},
                "position": s.position,
                "only_in_a": [{"id": st.id, "text": st.text} for st in s.only_in_a],
                "only_in_b": [{"id": st.id, "text": st.text} for st in s.only_in_b],
                "in_both": s.in_both,
            }
            for s in cmp.skills
        ],
        "standards": [{"id": s.id, "name": s.name, "a": s.a_level, "b": s.b_level} for s in cmp.standards],
        "summary": cmp.summary,
    }


def comparison_text(cmp: Comparison) -> str:
    """The comparison side by side, readable at 80 columns (statement ids, not full text)."""

    def who(r: ResolvedRole) -> str:
        bits = [r.title]
        if r.spec.school:
            bits.append(r.spec.school)
        bits.append(f"{r.scheme.name}-level scheme")
        return ", ".join(bits) + (f" ({r.source.name})" if r.source else "")

    out: list[str] = []
    # Roles are numbered, not lettered: A-D are the framework's levels.
    out += _wrap(f"Role 1: {who(cmp.a)}", "", "        ")
    out += _wrap(f"Role 2: {who(cmp.b)}", "", "        ")
    out += _wrap("Levels are compared as framework levels A-D; a level drawing on several "
                 "counts as the highest.")
    out.append("")
    out.append(f"{'Skill':<34}{'Role 1':<12}{'Role 2':<12}Level")
    out.append("-" * 68)
    for s in cmp.skills:
        name = s.name if len(s.name) <= 33 else s.name[:32] + "…"
        out.append(f"{name:<34}{_level_text(s.a_level, s.a_native):<12}"
                   f"{_level_text(s.b_level, s.b_native):<12}{_POSITION_TEXT[s.position]}")
        for label, sts in (("only in 1", s.only_in_a), ("only in 2", s.only_in_b)):
            if sts:
                out += _wrap(f"{label}: {', '.join(st.id for st in sts)}", "    ", " " * 15)
    if cmp.standards:
        pack = cmp.a.standards_pack or cmp.b.standards_pack
        out.append("")
        out += _wrap(f"{pack.name if pack else 'Standards'} (not part of the framework):")
        for st in cmp.standards:
            name = st.name if len(st.name) <= 33 else st.name[:32] + "…"
            out.append(f"{name:<34}{st.a_level or '-':<12}{st.b_level or '-':<12}")
    out.append("")
    out += _wrap(cmp.summary)
    return "\n".join(out) + "\n"
