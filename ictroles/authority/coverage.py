"""Coverage of a school's support arrangement: who covers each competence, and the gaps.

The framework says a school needs access to every competence, from its own staff, the local
authority or a managed service provider. Roles and providers are both role files (a provider
file is a role file whose title names the service). A skill's covered level is the highest
native level (A-D) anyone's chosen level draws on. A gap is a skill nobody covers, or one
covered only below the level the school says it needs (a needs file, see docs/grades.md).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from ictroles.core.errors import InvalidInputError, Problem
from ictroles.core.model import Model
from ictroles.core.validation import Label, Line, ProblemList, load_model
from ictroles.framework.competences import Framework, matching, suggest
from ictroles.renderers.text import wrap as _wrap
from ictroles.roles.resolve import ResolvedRole

Status = Literal["covered", "below-need", "nobody"]


class NeedsFile(Model):
    """What a school says it needs: a minimum native level per skill (and a default)."""

    school: Line | None = None
    default: Label | None = None
    skills: dict[str, Label] = {}


@dataclass(frozen=True)
class Needs:
    """Minimum native level per skill the school needs (skills not listed: any level)."""

    source: Path | None
    school: str | None
    levels: dict[str, str]


def load_needs(path: Path, framework: Framework) -> Needs:
    """Load a needs file; bad skills or levels are reported as FILE:LINE: field: message."""
    path = Path(path)
    data, smap = load_model(NeedsFile, path, "needs file")
    problems = ProblemList(smap, path)
    level_ids = framework.level_ids
    skill_ids = list(framework.skills_by_id)

    add = problems.add

    def level(loc: tuple, text: str) -> str | None:
        value = text.strip().upper()
        if value not in level_ids:
            add(loc, f"unknown level '{text}'; needs are framework levels {', '.join(level_ids)}")
            return None
        return value

    levels: dict[str, str] = {}
    default = level(("default",), data.default) if data.default is not None else None
    if default:
        levels = {sid: default for sid in skill_ids}
    for written, text in data.skills.items():
        sid = matching(written, framework.skills_by_id) or written
        if sid not in framework.skills_by_id:
            add(("skills", sid), f"unknown skill '{sid}'" + suggest(sid, skill_ids)
                + " (`ictroles framework` lists the skills)")
            continue
        lv = level(("skills", sid), text)
        if lv:
            levels[sid] = lv
    if problems:
        raise InvalidInputError(problems)
    return Needs(path, data.school, levels)


@dataclass(frozen=True)
class Contributor:
    """A role or provider taking part in the arrangement."""

    name: str
    kind: Literal["role", "provider"]
    source: Path | None
    levels: dict[str, str]  # skill id -> highest native level it covers
    local_levels: dict[str, str]  # skill id -> its own (scheme) level label


@dataclass(frozen=True)
class SkillCoverage:
    """One competence: the highest level covered, by whom, what is needed, and the status."""

    id: str
    code: str
    name: str
    focus: str
    focus_name: str
    highest: str | None
    covered_by: tuple[str, ...]  # contributors at the highest level
    need: str | None
    status: Status

    @property
    def message(self) -> str:
        """What a reader should know about this skill's coverage, in one sentence."""
        if self.status == "nobody":
            need = f" (the school needs {self.need})" if self.need else ""
            return f"{self.name}: nobody covers it{need}"
        if self.status == "below-need":
            return (f"{self.name}: covered only to {self.highest} by "
                    f"{', '.join(self.covered_by)}; the school needs {self.need}")
        return f"{self.name}: {self.highest} by {', '.join(self.covered_by)}"


@dataclass(frozen=True)
class Coverage:
    """Coverage of every framework skill by a school's roles and providers."""

    contributors: tuple[Contributor, ...]
    skills: tuple[SkillCoverage, ...]
    needs: Needs | None
    school: str | None = None  # the school the roles are for, when coverage is per school

    @property
    def gaps(self) -> tuple[SkillCoverage, ...]:
        """Skills nobody covers, or covered below the level needed."""
        return tuple(s for s in self.skills if s.status != "covered")

    @property
    def summary(self) -> str:
        """One line: how many skills are covered and how many are gaps."""
        nobody = sum(1 for s in self.skills if s.status == "nobody")
        below = sum(1 for s in self.skills if s.status == "below-need")
        covered = len(self.skills) - nobody - below
        return (f"{covered} of {len(self.skills)} skills covered; {nobody} covered by nobody, "
                f"{below} covered below the level needed.")


def _contributors(roles: Sequence[ResolvedRole], providers: Sequence[ResolvedRole]) -> list[Contributor]:
    everyone = [(r, "role") for r in roles] + [(p, "provider") for p in providers]
    titles = Counter(r.title for r, _ in everyone)
    out = []
    for r, kind in everyone:
        # Two roles with the same title (two technicians) are told apart by their file.
        name = r.title if titles[r.title] == 1 or r.source is None else f"{r.title} ({r.source.stem})"
        out.append(Contributor(
            name=name, kind=kind, source=r.source,  # type: ignore[arg-type]
            levels={s.id: s.native_level for s in r.skills},
            local_levels={s.id: s.level for s in r.skills},
        ))
    return out


def coverage(roles: Sequence[ResolvedRole], providers: Sequence[ResolvedRole] = (),
             needs: Needs | None = None, school: str | None = None) -> Coverage:
    """Per framework skill: the highest native level covered, by whom, and the gaps."""
    everyone = [*roles, *providers]
    if not everyone:
        raise InvalidInputError([Problem(None, None, "", "give at least one role or provider file")])
    framework: Framework = everyone[0].framework
    contributors = _contributors(roles, providers)
    ids = framework.level_ids
    skills = []
    for skill in framework.skills:
        have = [(c, c.levels[skill.id]) for c in contributors if skill.id in c.levels]
        highest = max((lv for _, lv in have), key=ids.index, default=None)
        by = tuple(c.name for c, lv in have if lv == highest)
        need = needs.levels.get(skill.id) if needs else None
        status: Status
        if highest is None:
            status = "nobody"
        elif need is not None and ids.index(highest) < ids.index(need):
            status = "below-need"
        else:
            status = "covered"
        skills.append(SkillCoverage(
            id=skill.id, code=skill.code, name=skill.name, focus=skill.focus,
            focus_name=framework.focus_by_id[skill.focus].name,
            highest=highest, covered_by=by, need=need, status=status,
        ))
    return Coverage(tuple(contributors), tuple(skills), needs, school)


def coverage_json(cov: Coverage) -> dict[str, Any]:
    """Coverage as the documented JSON shape."""
    return {
        "school": _school_of(cov),
        "contributors": [
            {"name": c.name, "kind": c.kind, "file": str(c.source) if c.source else None,
             "levels": c.levels}
            for c in cov.contributors
        ],
        "needs_file": str(cov.needs.source) if cov.needs and cov.needs.source else None,
        "skills": [
            {"id": s.id, "name": s.name, "focus": s.focus_name, "highest": s.highest,
             "covered_by": list(s.covered_by), "need": s.need, "status": s.status}
            for s in cov.skills
        ],
        "gaps": [{"id": s.id, "status": s.status, "message": s.message} for s in cov.gaps],
        "summary": cov.summary,
    }


def coverage_text(cov: Coverage) -> str:
    """Coverage as text readable at 80 columns."""

    out: list[str] = []
    school = _school_of(cov)
    out.append("Support coverage" + (f": {school}" if school else ""))
    out.append("=" * len(out[0]))
    for c in cov.contributors:
        shown = c.name if c.source is None or c.source.stem in c.name else f"{c.name} ({c.source.name})"
        out += _wrap(f"{'Provider' if c.kind == 'provider' else 'Role'}: {shown}", "", "    ")
    out += _wrap("Levels are framework levels A-D; a level drawing on several counts as the highest.")
    out.append("")
    out.append(f"{'Skill':<32}{'Need':<6}{'Has':<5}Covered by")
    out.append("-" * 80)
    for area_id in dict.fromkeys(s.focus for s in cov.skills):
        area = [s for s in cov.skills if s.focus == area_id]
        out.append(area[0].focus_name.upper())
        for s in area:
            name = s.name if len(s.name) <= 29 else s.name[:28] + "…"
            by = ", ".join(s.covered_by) if s.covered_by else "NOBODY"
            mark = {"covered": "", "below-need": "  << below need", "nobody": "  << gap"}[s.status]
            first = f"  {name:<30}{s.need or '-':<6}{s.highest or '-':<5}"
            out += _wrap(by + mark, first, " " * len(first))
    out.append("")
    if cov.gaps:
        out.append("Gaps")
        for s in cov.gaps:
            out += _wrap(f"- {s.message}", "  ", "    ")
    else:
        out.append("No gaps: every competence is covered at the level needed.")
    out.append("")
    out += _wrap(cov.summary)
    return "\n".join(out) + "\n"


def _school_of(cov: Coverage) -> str | None:
    return cov.school or (cov.needs.school if cov.needs and cov.needs.school else None)


NO_SCHOOL = "No school given"


@dataclass(frozen=True)
class AuthorityCoverage:
    """Coverage school by school (roles grouped by their ``school``), with what they share."""

    schools: tuple[Coverage, ...]
    warnings: tuple[str, ...]

    def gaps_by_skill(self) -> list[tuple[str, int, int]]:
        """Per skill (framework order): its name, schools where nobody covers it, schools below need."""
        if not self.schools:
            return []
        out = []
        for i, s in enumerate(self.schools[0].skills):
            statuses = [c.skills[i].status for c in self.schools]
            out.append((s.name, statuses.count("nobody"), statuses.count("below-need")))
        return out

    @property
    def summary(self) -> str:
        """One line across the authority."""
        with_gaps = sum(bool(c.gaps) for c in self.schools)
        return (f"{len(self.schools)} schools: {len(self.schools) - with_gaps} with every competence covered "
                f"at the level needed, {with_gaps} with gaps.")


def school_needs_warnings(roles: Sequence[ResolvedRole], needs: Needs | None) -> list[str]:
    """A warning when the needs file names a school none of the roles is for."""
    if needs is None or not needs.school:
        return []
    schools = sorted({r.spec.school for r in roles if r.spec.school})
    if not schools or any(s.casefold() == needs.school.casefold() for s in schools):
        return []
    return [f"the needs file {needs.source.name if needs.source else ''} is for '{needs.school}', but the roles "
            f"are for {', '.join(repr(s) for s in schools)}; check you gave the right needs file"]


def coverage_by_school(roles: Sequence[ResolvedRole], providers: Sequence[ResolvedRole] = (),
                       needs: Needs | None = None) -> AuthorityCoverage:
    """Each school's coverage from its own roles (by the ``school`` field) and the providers.

    A needs file that names a school applies to that school only; one that names none, or
    a school none of the roles is for (a warning), applies to every school.
    """
    groups: dict[str, list[ResolvedRole]] = {}
    for r in roles:
        groups.setdefault(r.spec.school or NO_SCHOOL, []).append(r)
    warnings = school_needs_warnings(roles, needs)
    named = needs.school.casefold() if needs and needs.school and not warnings else None
    schools = tuple(
        coverage(members, providers, needs if named is None or name.casefold() == named else None, name)
        for name, members in sorted(groups.items(), key=lambda kv: (kv[0] == NO_SCHOOL, kv[0].casefold()))
    )
    return AuthorityCoverage(schools, tuple(warnings))


def authority_coverage_json(auth: AuthorityCoverage) -> dict[str, Any]:
    """Coverage per school and across the authority, as the documented JSON shape."""
    return {
        "schools": [coverage_json(c) for c in auth.schools],
        "by_skill": [{"skill": name, "schools_nobody": nobody, "schools_below_need": below}
                     for name, nobody, below in auth.gaps_by_skill()],
        "warnings": list(auth.warnings),
        "summary": auth.summary,
    }


def authority_coverage_text(auth: AuthorityCoverage) -> str:
    """A short table of schools, the skills most often gaps, then each school's coverage."""
    out = ["Support coverage by school", "=" * 26]
    out.append(f"{'School':<40}{'Roles':>6}{'Covered':>9}{'Gaps':>6}{'Below':>7}")
    out.append("-" * 68)
    for c in auth.schools:
        nobody = sum(s.status == "nobody" for s in c.skills)
        below = sum(s.status == "below-need" for s in c.skills)
        name = (c.school or NO_SCHOOL)
        name = name if len(name) < 39 else name[:37] + "…"
        roles = sum(x.kind == "role" for x in c.contributors)
        out.append(f"{name:<40}{roles:>6}{len(c.skills) - nobody - below:>9}{nobody:>6}{below:>7}")
    out.append("")
    common = [(n, k, b) for n, k, b in auth.gaps_by_skill() if k or b]
    if common:
        out += _wrap("Gaps across the authority: in how many schools nobody covers a skill, "
                     "or it is covered below the level needed")
        for name, nobody, below in sorted(common, key=lambda t: (-(t[1] + t[2]), t[0])):
            out.append(f"  {name:<36}{nobody:>3} nobody  {below:>3} below need")
        out.append("")
    out += _wrap(auth.summary)
    for c in auth.schools:
        out += ["", ""]
        out += coverage_text(c).rstrip("\n").split("\n")
    return "\n".join(out) + "\n"
