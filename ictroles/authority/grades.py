"""Grade profiles: an authority's grades file and indicative grades for roles.

A grades file lists the authority's grades in order, lowest first. Each grade expects a range
of native framework levels (A-D) per skill: a default for every skill, overridden per focus
area, overridden per skill. A role's level for a skill is the highest native level its chosen
level draws on (a three-level role's "1" draws on A+B, so it counts as B).

The rule is the common "majority of responsibilities" rule: a role fits the grade whose ranges
hold the most of its skills, and the fit is clear when that is more than half of them. The
result is indicative only; local job evaluation decides a post's grade. See docs/grades.md.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated

from ictroles.core.errors import InvalidInputError
from ictroles.core.model import MinItems, Model, Range
from ictroles.core.validation import Label, Line, Paragraph, ProblemList, load_model
from ictroles.core.yamlio import SourceMap
from ictroles.framework.competences import Framework, matching, suggest
from ictroles.renderers.text import wrap as _wrap
from ictroles.roles.resolve import ResolvedRole

INDICATIVE_NOTE = (
    "Indicative only: this compares the roles' levels with the grades file. "
    "Local job evaluation decides a post's grade."
)
STANDARDS_NOTE = (
    "standards chosen from the standards pack do not change the indicative grade: "
    "the grade comes from the framework skills"
)
_RANGE = re.compile(r"^\s*([A-Za-z0-9]+)\s*(?:(?:-|–|to)\s*([A-Za-z0-9]+))?\s*$")


# ---------------------------------------------------------------- the grades file (schema)

class GradeLevels(Model):
    """Expected native level range per skill: default, per focus area, per skill."""

    default: Label
    focus: dict[str, Label] = {}
    skills: dict[str, Label] = {}


class GradeEntry(Model):
    """One grade as written in the grades file."""

    name: Line
    pay: Line | None = None
    aliases: list[Line] = []
    description: Paragraph | None = None
    levels: GradeLevels


class GradesFile(Model):
    """A grades file: the authority's grades in order, lowest first."""

    authority: Line | None = None
    note: Paragraph | None = None
    max_spread: Annotated[int, Range(ge=1, le=10)] = 3
    grades: Annotated[list[GradeEntry], MinItems(1)]


# ---------------------------------------------------------------- the grades (resolved)

@dataclass(frozen=True)
class GradeProfile:
    """A grade with its expected range resolved for every skill (as native level indexes)."""

    index: int
    name: str
    pay: str | None
    aliases: tuple[str, ...]
    ranges: dict[str, tuple[int, int]]

    def matches(self, declared: str) -> bool:
        """True when a role's declared grade text names this grade (case and spacing ignored)."""
        wanted = _norm(declared)
        return any(_norm(n) == wanted for n in (self.name, *self.aliases))


@dataclass(frozen=True)
class Grades:
    """An authority's grades, lowest first, ready to grade roles against."""

    source: Path | None
    authority: str | None
    note: str | None
    max_spread: int
    level_ids: tuple[str, ...]
    grades: tuple[GradeProfile, ...]

    def find(self, declared: str | None) -> GradeProfile | None:
        """The grade a declared grade text names, if any."""
        if not declared:
            return None
        return next((g for g in self.grades if g.matches(declared)), None)


def _norm(text: str) -> str:
    return " ".join(text.casefold().split())


def parse_range(text: str, level_ids: Sequence[str]) -> tuple[int, int]:
    """``"B-C"`` (or ``"B"``) -> native level indexes ``(1, 2)``; ValueError when malformed."""
    m = _RANGE.match(text)
    if not m:
        raise ValueError(f"'{text}' is not a level range; write one level (B) or two (B-C)")
    lo_id, hi_id = m.group(1).upper(), (m.group(2) or m.group(1)).upper()
    for lv in (lo_id, hi_id):
        if lv not in level_ids:
            raise ValueError(f"unknown level '{lv}'; the framework's levels are {', '.join(level_ids)}")
    lo, hi = level_ids.index(lo_id), level_ids.index(hi_id)
    if lo > hi:
        raise ValueError(f"'{text}' runs downwards; write the lower level first ({hi_id}-{lo_id})")
    return lo, hi


def load_grades(path: Path, framework: Framework) -> Grades:
    """Load and check a grades file; every problem is reported as FILE:LINE: field: message."""
    path = Path(path)
    data, smap = load_model(GradesFile, path, "grades file")
    return build_grades(data, framework, smap, path)


def build_grades(data: GradesFile, framework: Framework, smap: SourceMap | None = None,
                 path: Path | None = None) -> Grades:
    """Resolve a validated grades file against the framework (ranges for every skill)."""
    smap = smap or SourceMap()
    problems = ProblemList(smap, path)

    add = problems.add

    level_ids = framework.level_ids
    focus_ids = list(framework.focus_by_id)
    skill_ids = list(framework.skills_by_id)

    def rng(loc: tuple, text: str) -> tuple[int, int] | None:
        try:
            return parse_range(text, level_ids)
        except ValueError as exc:
            add(loc, str(exc))
            return None

    seen: dict[str, int] = {}
    profiles: list[GradeProfile] = []
    for gi, entry in enumerate(data.grades):
        loc = ("grades", gi)
        for name in (entry.name, *entry.aliases):
            key = _norm(name)
            if key in seen:
                add(loc + ("name",), f"'{name}' already names grade {seen[key] + 1} of the file")
            seen.setdefault(key, gi)
        default = rng(loc + ("levels", "default"), entry.levels.default)
        by_focus: dict[str, tuple[int, int] | None] = {}
        for written, text in entry.levels.focus.items():
            fid = matching(written, framework.focus_by_id) or written
            if fid not in framework.focus_by_id:
                add(loc + ("levels", "focus", fid),
                    f"unknown focus area '{fid}'; use one of {', '.join(focus_ids)}" + suggest(fid, focus_ids))
                continue
            by_focus[fid] = rng(loc + ("levels", "focus", fid), text)
        by_skill: dict[str, tuple[int, int] | None] = {}
        for written, text in entry.levels.skills.items():
            sid = matching(written, framework.skills_by_id) or written
            if sid not in framework.skills_by_id:
                add(loc + ("levels", "skills", sid),
                    f"unknown skill '{sid}'" + suggest(sid, skill_ids) + " (`ictroles framework` lists the skills)")
                continue
            by_skill[sid] = rng(loc + ("levels", "skills", sid), text)
        ranges: dict[str, tuple[int, int]] = {}
        for skill in framework.skills:
            chosen = by_skill.get(skill.id) or by_focus.get(skill.focus) or default
            if chosen is not None:
                ranges[skill.id] = chosen
        profiles.append(GradeProfile(gi, entry.name, entry.pay, tuple(entry.aliases), ranges))
    if problems:
        raise InvalidInputError(problems)
    return Grades(path, data.authority, data.note, data.max_spread, level_ids, tuple(profiles))


# ---------------------------------------------------------------- grading

@dataclass(frozen=True)
class GradeFit:
    """How one role's skills sit against one grade's ranges."""

    grade: str
    index: int
    inside: tuple[str, ...]  # skill ids whose level is within the grade's range
    above: tuple[str, ...]
    below: tuple[str, ...]
    distance: int  # total levels outside the ranges (0 when every skill fits)
    width: int  # total width of the ranges over the role's skills (narrower = more precise)

    @property
    def counts(self) -> tuple[int, int, int]:
        """(inside, above, below)."""
        return len(self.inside), len(self.above), len(self.below)


@dataclass(frozen=True)
class Flag:
    """A finding about a role (not an error): kind and a sentence saying what was found."""

    kind: str  # over-graded, under-graded, no-majority, spread, consistency, unknown-grade, no-skills
    message: str


@dataclass(frozen=True)
class GradeResult:
    """The indicative grade of one role, why, and the flags raised."""

    role: ResolvedRole
    levels: dict[str, str]  # skill id -> native level used for grading (highest drawn on)
    fits: tuple[GradeFit, ...]  # one per grade, in grade order
    best: GradeFit | None
    majority: bool
    tied_with: tuple[str, ...]
    declared: str | None
    declared_grade: str | None  # the grade the declared text names, when it names one
    flags: tuple[Flag, ...] = field(default=())

    @property
    def skill_count(self) -> int:
        """How many skills the role has."""
        return len(self.levels)

    def reason(self) -> str:
        """One sentence: why the best-fitting grade was chosen."""
        if self.best is None:
            return "the role has no skills, so no grade can be suggested"
        inside, above, below = self.best.counts
        n = self.skill_count
        text = (f"{inside} of {n} skills sit inside its ranges ({above} above, {below} below)"
                + ("; a majority" if self.majority else "; not a majority, so the fit is weak"))
        if self.tied_with:
            text += (f"; {', '.join(self.tied_with)} hold as many, but {self.best.grade} is closer "
                     "(fewer levels outside, then narrower ranges)")
        return text


def role_levels(role: ResolvedRole) -> dict[str, str]:
    """Skill id -> the highest native level the role's chosen level draws on."""
    return {s.id: s.native_level for s in role.skills}


def fit_grade(levels: dict[str, str], grade: GradeProfile, level_ids: Sequence[str]) -> GradeFit:
    """Count a role's skills inside, above and below one grade's ranges."""
    inside, above, below = [], [], []
    distance = width = 0
    for sid, level in levels.items():
        pos = level_ids.index(level)
        lo, hi = grade.ranges[sid]
        width += hi - lo
        if pos > hi:
            above.append(sid)
            distance += pos - hi
        elif pos < lo:
            below.append(sid)
            distance += lo - pos
        else:
            inside.append(sid)
    return GradeFit(grade.name, grade.index, tuple(inside), tuple(above), tuple(below), distance, width)


def _rank(fit: GradeFit) -> tuple[int, int, int, int]:
    # Most skills inside first (the majority rule); then fewest levels outside; then the
    # narrowest ranges (they describe the role more precisely); then the lower grade.
    return (-len(fit.inside), fit.distance, fit.width, fit.index)


def grade_roles(roles: Sequence[ResolvedRole], grades: Grades) -> list[GradeResult]:
    """The indicative grade of each role, with over/under-grading, spread and consistency flags."""
    results = [_grade_one(role, grades) for role in roles]
    return _add_consistency_flags(results, grades)


def _grade_one(role: ResolvedRole, grades: Grades) -> GradeResult:
    levels = role_levels(role)
    fits = tuple(fit_grade(levels, g, grades.level_ids) for g in grades.grades)
    flags: list[Flag] = []
    declared = role.spec.grade
    named = grades.find(declared)
    if not levels:
        flags.append(Flag("no-skills", "the role lists no skills, so no grade can be suggested"))
        return GradeResult(role, levels, fits, None, False, (), declared,
                           named.name if named else None, tuple(flags))
    ranked = sorted(fits, key=_rank)
    best = ranked[0]
    tied = tuple(f.grade for f in ranked[1:] if len(f.inside) == len(best.inside))
    majority = len(best.inside) * 2 > len(levels)
    if not majority:
        flags.append(Flag(
            "no-majority",
            f"no grade holds a majority of the role's {len(levels)} skills; the best, "
            f"{best.grade}, holds {len(best.inside)}: look at this role by hand",
        ))
    if declared and named is None:
        src = grades.source.name if grades.source else "the grades file"
        flags.append(Flag("unknown-grade",
                          f"declares '{declared}', which is not a grade in {src}, so it cannot be checked"))
    elif named is not None and named.index != best.index:
        kind = "over-graded" if named.index > best.index else "under-graded"
        d_in, d_above, d_below = fits[named.index].counts
        flags.append(Flag(
            kind,
            f"possibly {kind}: declares {named.name}, but its levels fit {best.grade} best "
            f"({named.name} holds {d_in} of {len(levels)} skills, {d_above} above, {d_below} below)",
        ))
    spread = _spread_flag(role, grades)
    if spread:
        flags.append(spread)
    return GradeResult(role, levels, fits, best, majority, tied, declared,
                       named.name if named else None, tuple(flags))


def _spread_flag(role: ResolvedRole, grades: Grades) -> Flag | None:
    spread = role.level_spread()
    if spread is None or spread.span <= grades.max_spread:
        return None
    lowest = ", ".join(sk.name for sk in spread.lowest)
    highest = ", ".join(sk.name for sk in spread.highest)
    return Flag(
        "spread",
        f"spread: levels span {spread.span} consecutive levels ({spread.low} to {spread.high}), more "
        f"than {grades.max_spread}: {lowest} at {spread.low}; {highest} at {spread.high}",
    )


def describe_role(role: ResolvedRole) -> str:
    """'Title, School (file.yaml)' for messages that point at another role."""
    text = role.title + (f", {role.spec.school}" if role.spec.school else "")
    return text + (f" ({role.source.name})" if role.source else "")


def _add_consistency_flags(results: list[GradeResult], grades: Grades) -> list[GradeResult]:
    # Roles with the same skills at the same native levels should carry the same grade.
    groups: dict[tuple[tuple[str, str], ...], list[int]] = defaultdict(list)
    for i, r in enumerate(results):
        if r.levels and r.declared:
            groups[tuple(sorted(r.levels.items()))].append(i)
    out = list(results)
    for members in groups.values():
        declared = {_declared_key(results[i], grades) for i in members}
        if len(declared) < 2:
            continue
        for i in members:
            mine = _declared_key(results[i], grades)
            others = [
                f"{describe_role(results[j].role)}, which declares {results[j].declared}"
                for j in members if j != i and _declared_key(results[j], grades) != mine
            ]
            flag = Flag(
                "consistency",
                "inconsistent grades: same skills at the same levels as "
                f"{'; '.join(others)}",
            )
            r = out[i]
            out[i] = GradeResult(r.role, r.levels, r.fits, r.best, r.majority, r.tied_with,
                                 r.declared, r.declared_grade, (*r.flags, flag))
    return out


def _declared_key(result: GradeResult, grades: Grades) -> str:
    return _norm(result.declared_grade or result.declared or "")


# ---------------------------------------------------------------- views

def grades_json(results: Iterable[GradeResult], grades: Grades) -> dict:
    """The grading results as the documented JSON shape."""
    return {
        "indicative": INDICATIVE_NOTE,
        "standards_note": STANDARDS_NOTE[0].upper() + STANDARDS_NOTE[1:] + ".",
        "grades_file": str(grades.source) if grades.source else None,
        "authority": grades.authority,
        "grades": [{"name": g.name, "pay": g.pay} for g in grades.grades],
        "roles": [
            {
                "file": str(r.role.source) if r.role.source else None,
                "title": r.role.title,
                "school": r.role.spec.school,
                "scheme": r.role.scheme.name,
                "levels": r.levels,
                "standards": {s.id: s.level for s in r.role.standards},
                "best_fit": r.best.grade if r.best else None,
                "majority": r.majority,
                "reason": r.reason(),
                "tied_with": list(r.tied_with),
                "declared": r.declared,
                "declared_grade": r.declared_grade,
                "fits": [
                    {"grade": f.grade, "inside": len(f.inside), "above": len(f.above),
                     "below": len(f.below), "above_skills": list(f.above), "below_skills": list(f.below)}
                    for f in r.fits
                ],
                "flags": [{"kind": fl.kind, "message": fl.message} for fl in r.flags],
            }
            for r in results
        ],
    }


def grades_text(results: Sequence[GradeResult], grades: Grades) -> str:
    """The grading results as text readable at 80 columns."""
    out: list[str] = []
    who = grades.authority or "Indicative grades"
    src = f" ({grades.source.name})" if grades.source else ""
    out.append(f"Indicative grades: {who}{src}")
    out.append("=" * min(80, len(out[0])))
    out += _wrap(INDICATIVE_NOTE)
    name_w = max([len(g.name) for g in grades.grades] + [5]) + 2
    for r in results:
        out.append("")
        head = r.role.title + (f", {r.role.spec.school}" if r.role.spec.school else "")
        out += _wrap(head)
        if r.role.source:
            out += _wrap(f"file: {r.role.source}", "  ", "    ")
        if r.best is not None:
            out += _wrap(f"Best fit: {r.best.grade}: {r.reason()}", "  ", "    ")
        if r.declared:
            if r.declared_grade and r.best is not None and r.declared_grade == r.best.grade:
                verdict = "agrees with the best fit"
            elif r.declared_grade is None:
                verdict = "not a grade in the grades file"
            else:
                verdict = "differs from the best fit"
            if r.declared_grade and _norm(r.declared_grade) != _norm(r.declared):
                verdict = f"= {r.declared_grade}; {verdict}"
            out += _wrap(f"Declared: {r.declared} ({verdict})", "  ", "    ")
        else:
            out.append("  Declared: none")
        if r.levels:
            out.append(f"  {'Grade':<{name_w}}{'Inside':>7}{'Above':>7}{'Below':>7}")
            for f in r.fits:
                mark = " <- best fit" if r.best is not None and f.index == r.best.index else ""
                i, a, b = f.counts
                out.append(f"  {f.grade:<{name_w}}{i:>7}{a:>7}{b:>7}{mark}")
        if r.role.standards:
            chosen = ", ".join(f"{s.id} {s.level}" for s in r.role.standards)
            out += _wrap(f"Standards: {chosen} ({STANDARDS_NOTE})", "  ", "    ")
        for fl in r.flags:
            out += _wrap(f"! {fl.message}", "  ", "    ")
    out.append("")
    out += _wrap(summary_line(results))
    return "\n".join(out) + "\n"




def summary_line(results: Sequence[GradeResult]) -> str:
    """'8 roles: 6 agree with their declared grade, 1 possibly over-graded, ...'."""
    kinds: dict[str, int] = defaultdict(int)
    for r in results:
        for fl in r.flags:
            kinds[fl.kind] += 1
    agree = sum(1 for r in results if r.best and r.declared_grade == r.best.grade)
    parts = [f"{agree} agree with their declared grade"]
    labels = {
        "over-graded": "possibly over-graded",
        "under-graded": "possibly under-graded",
        "unknown-grade": "declare a grade not in the file",
        "no-majority": "without a majority fit",
        "spread": "spread flag(s)",
        "consistency": "consistency flag(s)",
    }
    for kind, label in labels.items():
        if kinds.get(kind):
            parts.append(f"{kinds[kind]} {label}")
    n = len(results)
    return f"{n} role{'s' if n != 1 else ''}: " + ", ".join(parts) + "."
