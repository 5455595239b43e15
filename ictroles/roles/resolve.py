"""Resolution: role file + scheme + framework -> the one resolved-role model.

Every renderer (text, JSON, Word, Excel, HTML) formats a :class:`ResolvedRole` and never
re-derives levels or statements.
"""

from __future__ import annotations

import os
import re
import stat
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from dataclasses import replace as dc_replace
from functools import cached_property
from pathlib import Path
from typing import Any

from ictroles.core.errors import IctrolesError, InvalidInputError, Problem
from ictroles.core.model import Model
from ictroles.core.validation import ProblemList, validate_data
from ictroles.core.yamlio import SourceMap
from ictroles.framework.competences import (
    FACET_CODES,
    FACETS,
    STATEMENT_ID,
    Facet,
    FocusArea,
    Framework,
    load_framework,
    matching,
    suggest,
    unknown_statement,
)
from ictroles.framework.duties import load_duties
from ictroles.framework.interview import load_interview
from ictroles.framework.schemes import LevelScheme, Statement, level_content, load_scheme, merge_identical
from ictroles.framework.standards import ResolvedStandard, StandardsPack, held_responsibilities, load_standards
from ictroles.roles.discovery import Skipped, role_files
from ictroles.roles.pay import Pay, compute_pay
from ictroles.roles.spec import RoleSpec, load_role_data

_RESERVED = {"con", "prn", "aux", "nul", *(f"com{i}" for i in range(10)), *(f"lpt{i}" for i in range(10))}


@dataclass(frozen=True)
class ResolvedSkill:
    """One skill of a role: chosen local level, what it draws on, and its statements."""

    id: str
    code: str
    name: str
    description: str
    focus: str
    focus_name: str
    level: str
    level_title: str
    native_levels: tuple[str, ...]
    activities: tuple[Statement, ...]
    knowledge: tuple[Statement, ...]
    examples: tuple[Statement, ...]
    next_level: str | None
    next_level_title: str | None
    next_level_knowledge: tuple[Statement, ...]
    # The concise layer (framework/duties.yaml, or the role file's own words): what the
    # documents people read say for this skill. None where the layer has no entry.
    duty: str | None = None
    criterion: str | None = None
    task: str | None = None
    duty_sources: tuple[str, ...] = ()  # the framework statement ids the duty is written from
    next_level_criterion: str | None = None
    # Open interview questions and what a good answer shows (framework/interview.yaml).
    questions: tuple[str, ...] = ()
    good_answer: str | None = None

    def statements(self, facet: Facet) -> tuple[Statement, ...]:
        """The statements of one facet."""
        return getattr(self, facet)

    @property
    def native_span(self) -> tuple[str, str]:
        """Lowest and highest native level this skill draws on."""
        return self.native_levels[0], self.native_levels[-1]

    @property
    def native_level(self) -> str:
        """The native level this skill counts as: the highest its chosen level draws on."""
        return self.native_levels[-1]


@dataclass(frozen=True)
class LevelSpread:
    """How far a role's skills spread over the framework's levels (each at its native_level)."""

    low: str
    high: str
    span: int  # consecutive native levels from low to high, inclusive
    lowest: tuple[ResolvedSkill, ...]
    highest: tuple[ResolvedSkill, ...]


@dataclass(frozen=True)
class ResolvedRole:
    """A role ready to render: metadata, scheme, pay and resolved skills in framework order."""

    spec: RoleSpec
    source: Path | None
    slug: str
    scheme: LevelScheme
    framework: Framework
    skills: tuple[ResolvedSkill, ...]
    pay: Pay | None
    # The standards of the standards pack the role takes on, in the pack's order, and the
    # pack itself (None when the role takes on none).
    standards: tuple[ResolvedStandard, ...] = ()
    standards_pack: StandardsPack | None = None

    @property
    def title(self) -> str:
        """The job title."""
        return self.spec.title

    @cached_property
    def by_focus(self) -> list[tuple[FocusArea, list[ResolvedSkill]]]:
        """Skills grouped under their focus areas, in framework order, empty areas left out."""
        groups = []
        for area in self.framework.focus_areas:
            skills = [s for s in self.skills if s.focus == area.id]
            if skills:
                groups.append((area, skills))
        return groups

    def skill(self, skill_id: str) -> ResolvedSkill | None:
        """The resolved skill with this id, if part of the role."""
        return next((s for s in self.skills if s.id == skill_id), None)

    def level_spread(self) -> LevelSpread | None:
        """The role's spread over native levels (None without skills); lint and grade both use it."""
        if not self.skills:
            return None
        rank = self.framework.level_index
        low = min(self.skills, key=lambda s: rank(s.native_level)).native_level
        high = max(self.skills, key=lambda s: rank(s.native_level)).native_level
        return LevelSpread(
            low, high, rank(high) - rank(low) + 1,
            tuple(s for s in self.skills if s.native_level == low),
            tuple(s for s in self.skills if s.native_level == high),
        )

    def all_statements(self) -> list[Statement]:
        """Every statement of the role, skill by skill, facet by facet."""
        return [st for s in self.skills for f in FACETS for st in s.statements(f)]


def slugify(name: str) -> str:
    """A file-name stem safe on every OS: lowercase letters, digits and hyphens."""
    slug = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")[:80].strip("-")
    if not slug:
        return "role"
    if slug.split("-")[0] in _RESERVED and slug in _RESERVED:
        slug += "-role"
    return slug


def load_role(
    path: Path | str,
    framework: Framework | None = None,
    framework_path: Path | None = None,
    standards: StandardsPack | None = None,
) -> ResolvedRole:
    """Load, validate and resolve a role file in one call.

    ``standards`` is the standards pack the role's ``standards`` choose from (the bundled
    DfE pack when None).
    """
    path = Path(path)
    framework = framework or load_framework(framework_path)
    data, smap = load_role_data(path)
    return resolve_data(data, smap, path, framework, standards)


def resolve_data(data: dict[str, Any], smap: SourceMap, path: Path | None, framework: Framework,
                 standards: StandardsPack | None = None) -> ResolvedRole:
    """Validate merged role data and resolve it; every problem is reported at once."""
    try:
        spec = validate_data(RoleSpec, data, smap, path, "role file")
    except InvalidInputError as exc:
        # Report the skills' problems too, from the parts of the file that are well formed.
        problems = exc.problems + _semantic_problems_despite(exc.problems, data, smap, path, framework, standards)
        raise InvalidInputError(sorted(problems, key=lambda p: (str(p.file), p.line or 0))) from None
    return resolve_role(spec, framework, smap, path, standards)


def _semantic_problems_despite(schema_problems: list[Problem], data: Any, smap: SourceMap,
                               path: Path | None, framework: Framework,
                               standards: StandardsPack | None) -> list[Problem]:
    if not isinstance(data, dict):
        return []
    skills: dict[str, Any] = data["skills"] if isinstance(data.get("skills"), dict) else {}
    broken = {p.field.split(".")[0].split("[")[0] for p in schema_problems}
    broken_skills = {p.field.split(".")[1] for p in schema_problems
                     if p.field.startswith("skills.") and p.field.count(".") >= 1}
    broken_standards = {p.field.split(".")[1] for p in schema_problems
                        if p.field.startswith("standards.") and p.field.count(".") >= 1}
    if "scheme" in broken:
        return []
    # Everything that was well formed, so cross-field and skill checks still run.
    chosen: dict[str, Any] = data["standards"] if isinstance(data.get("standards"), dict) else {}
    reduced = {k: v for k, v in data.items() if k not in broken and k not in ("skills", "standards")}
    reduced["title"] = reduced.get("title") or "-"
    reduced["skills"] = {k: v for k, v in skills.items() if k not in broken_skills}
    # A skill with a bad field still has its id and level checked, in the same pass.
    bad_levels = {p.field.split(".")[1] for p in schema_problems
                  if p.field.startswith("skills.") and p.field.count(".") == 2 and p.field.endswith(".level")}
    for k in broken_skills - bad_levels:
        value = skills.get(k)
        if isinstance(value, dict) and isinstance(value.get("level"), str):
            reduced["skills"][k] = {"level": value["level"]}
    reduced["standards"] = {k: v for k, v in chosen.items() if k not in broken_standards}
    try:
        spec = RoleSpec.validate(reduced)
        resolve_role(spec, framework, smap, path, standards)
    except InvalidInputError as exc:
        return exc.problems
    except Exception:  # a best-effort extra pass: the schema problems are already reported
        return []
    return []


def resolve_role(spec: RoleSpec, framework: Framework, smap: SourceMap | None = None,
                 path: Path | None = None, standards: StandardsPack | None = None) -> ResolvedRole:
    """Resolve a validated role spec against a framework, its scheme and a standards pack."""
    smap = smap or SourceMap()
    problems = ProblemList(smap, path)

    add = problems.add

    for loc, message in spec.cross_field_problems():
        add(loc, message)
    _check_path_fields(spec, add)
    base_dir = path.parent if path else None
    duties = load_duties(framework)
    interview = load_interview(framework)
    try:
        scheme = load_scheme(spec.scheme, framework, base_dir)
    except InvalidInputError as exc:
        src, line = smap.locate(("scheme",))
        for p in exc.problems:
            if p.file is None:
                problems.append(Problem(src or path, line, "scheme", p.message))
            else:
                problems.append(p)
        raise InvalidInputError(problems) from None

    skills: list[ResolvedSkill] = []
    statement_ids = {k.casefold(): k for k in framework.statements}
    canonical_skills: dict[str, Any] = {}
    for written_id, choice in spec.skills.items():
        # Ids, levels and statement ids are matched without regard to case; the role keeps
        # the framework's and the scheme's spelling from here on.
        loc = ("skills", written_id)
        sid = matching(written_id, framework.skills_by_id) or written_id
        skill = framework.skills_by_id.get(sid)
        if skill is None:
            add(loc, f"unknown skill '{sid}'" + suggest(sid, list(framework.skills_by_id))
                + " (`ictroles framework` lists the skills)")
            continue
        if sid in canonical_skills:
            add(loc, f"'{written_id}' is '{sid}' again, written in another case; give each skill once")
            continue
        level = matching(choice.level, scheme.labels)
        if level is None:
            add(loc + ("level",),
                f"level '{choice.level}' is not a level of scheme '{scheme.name}'; "
                f"choose one of {', '.join(scheme.labels)}" + suggest(choice.level, scheme.labels))
            continue
        include = [statement_ids.get(x.casefold(), x) for x in choice.include]
        exclude = [statement_ids.get(x.casefold(), x) for x in choice.exclude]
        choice = Model.replace(choice, level=level, include=include, exclude=exclude)  # SkillChoice.replace is a field
        canonical_skills[sid] = choice
        content = level_content(scheme, choice.level, skill, framework)
        chosen: dict[Facet, list[Statement]] = {f: list(content.statements[f]) for f in FACETS}
        present = {st.id for f in FACETS for st in chosen[f]} | {
            m for f in FACETS for st in chosen[f] for m in st.merged_ids
        }
        for i, stid in enumerate(choice.include):
            ref = framework.statements.get(stid)
            if ref is None:
                add(loc + ("include", i), unknown_statement(framework, stid))
            elif ref.skill.id != sid:
                add(loc + ("include", i), f"'{stid}' belongs to skill '{ref.skill.id}'; include it under that skill")
            elif stid in present:
                add(loc + ("include", i), f"'{stid}' is already part of level {choice.level}")
            else:
                chosen[ref.facet].append(
                    Statement(stid, ref.statement.text, ref.facet, "included", ref.level)
                )
                present.add(stid)
        for i, stid in enumerate(choice.exclude):
            ref = framework.statements.get(stid)
            if ref is None:
                add(loc + ("exclude", i), unknown_statement(framework, stid))
            elif stid not in present:
                add(loc + ("exclude", i), f"'{stid}' is not part of {sid} at level {choice.level}, so it cannot be excluded")
            else:
                chosen[ref.facet] = [
                    st for st in chosen[ref.facet] if st.id != stid and stid not in st.merged_ids
                ]
        for stid, text in choice.replace.items():
            _reword(chosen, framework, sid, choice.level, stid, text, choice.exclude, loc + ("replace", stid), add)
        for facet in FACETS:
            framework_text = {st.text: st.id for st in chosen[facet]}
            written: dict[str, int] = {}
            for i, text in enumerate(getattr(choice.add, facet)):
                # An identical statement would be merged into the one already there and its
                # custom id would vanish: say so here, at its own line.
                if text in framework_text:
                    add(loc + ("add", facet, i), f"is word for word the framework statement "
                        f"{framework_text[text]}, which level {choice.level} already has; remove it from add")
                    continue
                if text in written:
                    add(loc + ("add", facet, i), f"repeats add.{facet}[{written[text]}]; write it once")
                    continue
                written[text] = i
                sid_custom = f"{skill.code}.custom.{FACET_CODES[facet]}{i + 1}"
                chosen[facet].append(Statement(sid_custom, text, facet, "custom"))
        next_label = scheme.next_label(choice.level)
        next_knowledge: tuple[Statement, ...] = ()
        next_title = None
        next_cell = None
        if next_label:
            nxt = level_content(scheme, next_label, skill, framework)
            have = {st.text for st in chosen["knowledge"]}
            next_knowledge = tuple(st for st in nxt.statements["knowledge"] if st.text not in have)
            next_title = scheme.level(next_label).title
            if nxt.native_levels[-1] != content.native_levels[-1]:
                next_cell = duties.cell(sid, nxt.native_levels[-1])
        # A scheme level drawing on several native levels takes the highest one's entry, so a
        # merged level never carries two near-identical duties.
        cell = duties.cell(sid, content.native_levels[-1])
        asked = interview.cell(sid, content.native_levels[-1])
        skills.append(
            ResolvedSkill(
                id=sid,
                code=skill.code,
                name=skill.name,
                description=skill.description,
                focus=skill.focus,
                focus_name=framework.focus_by_id[skill.focus].name,
                level=choice.level,
                level_title=scheme.level(choice.level).title,
                native_levels=content.native_levels,
                activities=merge_identical(chosen["activities"]),
                knowledge=merge_identical(chosen["knowledge"]),
                examples=merge_identical(chosen["examples"]),
                next_level=next_label,
                next_level_title=next_title,
                next_level_knowledge=next_knowledge,
                duty=choice.duty or (cell.duty if cell else None),
                criterion=choice.criterion or (cell.criterion if cell else None),
                task=choice.task or (cell.task if cell else None),
                duty_sources=tuple(cell.draws_on) if cell and not choice.duty else (),
                next_level_criterion=next_cell.criterion if next_cell else None,
                questions=tuple(asked.questions) if asked else (),
                good_answer=asked.good_answer if asked else None,
            )
        )
    pack = (standards or load_standards(framework)) if spec.standards else standards
    canonical_standards: dict[str, Any] = {}
    chosen_standards = _resolve_standards(spec, framework, pack, add, canonical_standards) if pack else []
    in_role = [s.id for s in skills] + [s.id for s in chosen_standards]
    criteria = {matching(k, in_role) or k: v for k, v in spec.person_spec.criteria.items()}
    activities = [st.id for s in skills for st in s.activities]
    key_duties = [matching(d, [*in_role, *activities]) or d for d in spec.key_duties]
    spec = spec.replace(skills=canonical_skills if not problems else spec.skills,
                        standards=canonical_standards if not problems else spec.standards,
                        key_duties=key_duties,
                        person_spec=spec.person_spec.replace(criteria=criteria))
    _check_person_spec(spec, framework, skills, chosen_standards, add)
    _check_key_duties(spec, skills, chosen_standards, add)
    if problems:
        raise InvalidInputError(problems)
    order = {s.id: i for i, s in enumerate(framework.skills)}
    skills.sort(key=lambda s: order[s.id])
    pay = None
    if spec.salary is not None or spec.hours_per_week is not None or spec.weeks_per_year is not None:
        salary = spec.salary
        pay = compute_pay(
            fte_from=salary.fte if salary else None,
            fte_to=salary.fte_to if salary else None,
            scale=salary.scale if salary else None,
            hours=spec.hours_per_week,
            full_time_hours=spec.full_time_hours,
            weeks_worked=spec.weeks_per_year,
            paid_weeks=spec.paid_weeks,
        )
    stem = path.stem if path else spec.title
    return ResolvedRole(
        spec=spec,
        source=path,
        slug=slugify(stem),
        scheme=scheme,
        framework=framework,
        skills=tuple(skills),
        pay=pay,
        standards=tuple(chosen_standards),
        standards_pack=pack,
    )


def _resolve_standards(spec: RoleSpec, framework: Framework, pack: StandardsPack, add: Any,
                       canonical: dict[str, Any]) -> list[ResolvedStandard]:
    """The role's standards in the pack's order; unknown ids and levels are problems.

    ``canonical`` receives each choice under the pack's spelling of its id and levels.
    """
    order = framework.level_ids
    resolved: dict[str, ResolvedStandard] = {}
    for written_id, choice in spec.standards.items():
        loc = ("standards", written_id)
        std_id = matching(written_id, pack.by_id) or written_id
        std = pack.by_id.get(std_id)
        if std is None:
            add(loc, f"'{std_id}' is not a standard of {pack.name}" + suggest(std_id, list(pack.by_id))
                + " (`ictroles standards` lists them)")
            continue
        if std_id in canonical:
            add(loc, f"'{written_id}' is '{std_id}' again, written in another case; give each standard once")
            continue
        level = matching(choice.level, std.levels)
        if level is None:
            add(loc + ("level",), f"level '{choice.level}' is not a level of the standards; "
                f"choose one of {', '.join(order)} (standards use the framework's levels, whatever the scheme)"
                + suggest(choice.level, list(order)))
            continue
        ids = [r.id for r in std.responsibilities]
        exclude = [matching(rid, ids) or rid for rid in choice.exclude]
        for i, rid in enumerate(exclude):
            if rid not in ids:
                add(loc + ("exclude", i), f"'{rid}' is not a responsibility of {std_id}; "
                    f"its responsibilities are {', '.join(ids)}" + suggest(rid, ids))
        choice = choice.replace(level=level, exclude=exclude)
        canonical[std_id] = choice
        cell = std.levels[choice.level]
        resolved[std_id] = ResolvedStandard(
            id=std.id, name=std.name, core=std.core, url=std.url, level=choice.level,
            duty=choice.duty or cell.duty, criterion=choice.criterion or cell.criterion,
            added=tuple(choice.add),
            responsibilities=held_responsibilities(std, choice.level, order, tuple(choice.exclude)),
            skills=tuple(std.skills),
        )
    return [resolved[s.id] for s in pack.standards if s.id in resolved]


def _reword(chosen: dict[Facet, list[Statement]], framework: Framework, sid: str, level: str, stid: str,
            text: str, excluded: list[str], loc: tuple[str, ...], add: Any) -> None:
    """Put the school's wording in place of statement ``stid``: same position and id, marked
    "adapted", with the framework's text kept beside it."""
    ref = framework.statements.get(stid)
    if ref is None:
        add(loc, unknown_statement(framework, stid))
        return
    if ref.skill.id != sid:
        add(loc, f"'{stid}' belongs to skill '{ref.skill.id}'; reword it under that skill")
        return
    if stid in excluded:
        add(loc, f"'{stid}' is also excluded; reword it or exclude it, not both")
        return
    statements = chosen[ref.facet]
    at = next((i for i, st in enumerate(statements) if st.id == stid or stid in st.merged_ids), None)
    if at is None:
        add(loc, f"'{stid}' is not part of {sid} at level {level}; include it first to reword it")
        return
    old = statements[at]
    if " ".join(text.split()) == " ".join(old.text.split()):
        add(loc, f"is word for word the framework's text of {stid}; remove it from replace")
        return
    statements[at] = dc_replace(old, text=text, origin="adapted", original_text=old.text)


def _check_path_fields(spec: RoleSpec, add: Any) -> None:
    """What build will need of ``letterhead:`` and ``templates:``, checked without reading them."""
    for key, want_folder in (("letterhead", False), ("templates", True)):
        value = getattr(spec, key)
        if value is None:
            continue
        try:
            mode = os.stat(value).st_mode
        except FileNotFoundError:
            add((key,), f"{'templates folder' if want_folder else 'letterhead'} '{value}' does not exist")
            continue
        except OSError as exc:
            add((key,), f"'{value}' cannot be used ({exc.strerror or exc})")
            continue
        if want_folder and not stat.S_ISDIR(mode):
            add((key,), f"'{value}' is not a folder; templates names a folder of wording and template files")
        elif not want_folder and stat.S_ISDIR(mode):
            add((key,), f"'{value}' is a folder; letterhead names a .docx file")
        elif not want_folder and not stat.S_ISREG(mode):
            add((key,), f"'{value}' is not a regular file (a device, pipe or socket); letterhead names a .docx file")


def _check_person_spec(spec: RoleSpec, framework: Framework, skills: list[ResolvedSkill],
                       standards: list[ResolvedStandard], add: Any) -> None:
    in_role = {s.id for s in skills} | {s.id for s in standards}
    for key in spec.person_spec.criteria:
        loc = ("person_spec", "criteria", key)
        ref = framework.statements.get(key)
        if ref is not None:
            add(loc, f"criteria are one per skill now: write the skill id '{ref.skill.id}' instead of '{key}'")
        elif STATEMENT_ID.match(key):
            add(loc, unknown_statement(framework, key))
        elif key not in in_role:
            add(loc, f"'{key}' is not a skill or standard of this role" + suggest(key, sorted(in_role)))


def _check_key_duties(spec: RoleSpec, skills: list[ResolvedSkill], standards: list[ResolvedStandard],
                      add: Any) -> None:
    choices = {st.id for s in skills for st in s.activities} | {s.id for s in skills} | {s.id for s in standards}
    first: dict[str, int] = {}
    for i, stid in enumerate(spec.key_duties):
        if stid in first:
            add(("key_duties", i), f"'{stid}' is listed twice (also key_duties[{first[stid]}]); "
                "list each key duty once")
            continue
        first[stid] = i
        if stid not in choices:
            add(("key_duties", i), f"'{stid}' is not one of this role's skills, standards or Activities; "
                "key duties are chosen from them")


def load_roles(inputs: Iterable[Path], framework: Framework,
               skip: Iterable[Path | None] = (), standards: StandardsPack | None = None,
               on_skip: Callable[[Skipped], None] | None = None) -> list[ResolvedRole]:
    """Load every role file named by ``inputs``; raise one error listing every problem.

    ``on_skip`` hears of each file in a folder left out as another kind of file (a needs file).
    """
    files, problems = role_files(inputs, skip, on_skip)
    roles: list[ResolvedRole] = []
    for path in files:
        try:
            roles.append(load_role(path, framework, standards=standards))
        except InvalidInputError as exc:
            problems.extend(exc.problems)
        except IctrolesError as exc:
            problems.append(Problem(path, None, "", str(exc)))
    if problems:
        raise InvalidInputError(problems)
    if not roles:
        raise InvalidInputError([Problem(None, None, "", "no role files given")])
    return roles


def role_problems(path: Path, framework: Framework, standards: StandardsPack | None = None) -> list[Problem]:
    """Every problem in a role file (empty when valid)."""
    try:
        load_role(path, framework, standards=standards)
    except InvalidInputError as exc:
        return exc.problems
    except IctrolesError as exc:
        return [Problem(path, None, "", str(exc))]
    return []


@dataclass(frozen=True)
class FileCheck:
    """One role file checked: its problems (none when valid)."""

    path: Path
    problems: tuple[Problem, ...]

    @property
    def valid(self) -> bool:
        """True when the file has no problems."""
        return not self.problems

    def as_dict(self) -> dict[str, Any]:
        """The check as plain data for JSON output."""
        return {"file": str(self.path), "valid": self.valid,
                "problems": [{"file": str(p.file) if p.file else None, "line": p.line, "field": p.field,
                              "message": p.message, "text": str(p)} for p in self.problems]}


@dataclass(frozen=True)
class CheckReport:
    """Every role file named by files and folders, checked, with what was not found or skipped."""

    checks: tuple[FileCheck, ...]
    missing: tuple[Problem, ...]  # a file or folder that is not there, a folder without roles
    skipped: tuple[Skipped, ...]

    @property
    def ok(self) -> bool:
        """True when every file is valid and every input was found."""
        return not self.missing and all(c.valid for c in self.checks)

    @property
    def summary(self) -> str:
        """``12 files: 9 valid, 3 with problems`` (and what was skipped or not found)."""
        valid = sum(c.valid for c in self.checks)
        return files_summary(len(self.checks), f"{valid} valid, {len(self.checks) - valid} with problems",
                             self.missing, self.skipped)

    def as_dict(self) -> dict[str, Any]:
        """The report as plain data for JSON output."""
        valid = sum(c.valid for c in self.checks)
        return {"files": [c.as_dict() for c in self.checks],
                "not_found": [str(p) for p in self.missing],
                "skipped": [{"file": str(s.path), "kind": s.kind, "note": s.note} for s in self.skipped],
                "summary": {"files": len(self.checks), "valid": valid, "with_problems": len(self.checks) - valid,
                            "not_found": len(self.missing), "skipped": len(self.skipped), "text": self.summary}}


def files_summary(total: int, counts: str, missing: Sequence[Problem] = (), skipped: Sequence[Skipped] = ()) -> str:
    """One line across many files, as validate and lint end: ``12 files: 9 valid, 3 with problems``."""
    text = f"{total} file{'s' if total != 1 else ''}: {counts}"
    if skipped:
        text += f"; {len(skipped)} skipped (not role files)"
    if missing:
        text += f"; {len(missing)} not found or empty"
    return text


def check_roles(inputs: Iterable[Path], framework: Framework, standards: StandardsPack | None = None) -> CheckReport:
    """Check every role file named by ``inputs`` (files or folders) in one pass each."""
    skipped: list[Skipped] = []
    files, missing = role_files(inputs, on_skip=skipped.append)
    checks = tuple(FileCheck(path, tuple(role_problems(path, framework, standards))) for path in files)
    return CheckReport(checks, tuple(missing), tuple(skipped))
