"""Creating a role file: from answers, an example or another role, as commented YAML.

The wizard (``ictroles new``) gathers answers into a :class:`RoleSpec`; :func:`role_file_text`
writes it as a commented role file a headteacher can read and edit, and
:func:`write_role_file` checks that file loads before moving it into place, so an interrupted
or failed run never leaves a file behind.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import textwrap
from pathlib import Path
from typing import Any

import yaml

from ictroles.core import resources
from ictroles.core.errors import IctrolesError, InvalidInputError, Problem
from ictroles.core.files import atomic_write, check_output_file
from ictroles.framework.competences import FACETS, Framework, Skill
from ictroles.framework.schemes import LevelScheme, builtin_schemes, level_content
from ictroles.roles.resolve import load_role
from ictroles.roles.spec import RoleSpec

WIDTH = 92
# Text that can be written as a plain YAML scalar: no leading indicator, no ': ' or ' #'.
_PLAIN = re.compile(r"^[A-Za-z0-9£(][^\n:#]*$")
_SUMMARY_WORDS = 14


def find_source(ref: str) -> Path:
    """An example name (``ict-technician``) or a path, as the role file to start from."""
    path = Path(ref)
    if path.is_file():
        return path
    examples = resources.examples_dir()
    for candidate in (examples / f"{ref}.yaml", examples / ref, examples / "standard-roles" / f"{ref}.yaml"):
        if candidate.is_file():
            return candidate
    names = sorted(p.stem for p in examples.glob("*.yaml"))
    raise InvalidInputError([Problem(None, None, "--from",
                                     f"'{ref}' is neither a role file nor a bundled example; "
                                     f"examples are: {', '.join(names)}")])


def spec_from_file(path: Path, framework: Framework) -> RoleSpec:
    """The validated spec of an existing role (its ``extends`` chain merged in)."""
    return load_role(path, framework).spec


def default_spec(title: str = "ICT Technician") -> RoleSpec:
    """A starting point when no example is given: the advert facts of a typical post."""
    return RoleSpec(title=title, hours_per_week=37, weeks_per_year=52, contract="permanent")


def with_levels(spec: RoleSpec, levels: dict[str, str | None], framework: Framework,
                scheme: LevelScheme) -> RoleSpec:
    """The spec with new skill levels (None: skill left out), keeping what still fits.

    Includes and excludes that no longer make sense at the new level are dropped; key duties
    and person-specification overrides naming statements no longer in the role are dropped.
    """
    skills: dict[str, Any] = {}
    for skill in framework.skills:
        label = levels.get(skill.id, _level_of(spec, skill.id))
        if label is None:
            continue
        old = spec.skills.get(skill.id)
        content = level_content(scheme, label, skill, framework)
        present = {st.id for f in FACETS for st in content.statements[f]}
        present |= {m for f in FACETS for st in content.statements[f] for m in st.merged_ids}
        choice: dict[str, Any] = {"level": label}
        if old is not None:
            include = [s for s in old.include if s not in present and s.startswith(skill.code + ".")]
            exclude = [s for s in old.exclude if s in present]
            if include:
                choice["include"] = include
            if exclude:
                choice["exclude"] = exclude
            if any(getattr(old.add, f) for f in FACETS):
                choice["add"] = old.add.dump()
        skills[skill.id] = choice
    data = spec.dump(exclude_defaults=True)
    data["skills"] = skills
    data.pop("key_duties", None)
    data.get("person_spec", {}).pop("criteria", None)
    draft = RoleSpec.validate(data)
    # Keep key duties and criteria changes that still name skills or Activities of the role.
    from ictroles.roles.resolve import resolve_role

    resolved = resolve_role(draft, framework)
    skill_ids = {s.id for s in resolved.skills}
    activities = {st.id for s in resolved.skills for st in s.activities}
    data["key_duties"] = [d for d in spec.key_duties if d in activities | skill_ids]
    criteria = {k: v.dump(exclude_defaults=True) for k, v in spec.person_spec.criteria.items()
                if k in skill_ids}
    if criteria:
        data.setdefault("person_spec", {})["criteria"] = criteria
    return RoleSpec.validate(data)


def _level_of(spec: RoleSpec, skill_id: str) -> str | None:
    choice = spec.skills.get(skill_id)
    return choice.level if choice else None


def level_summary(scheme: LevelScheme, label: str, skill: Skill, framework: Framework) -> str:
    """A one-line summary of a skill at a level: its concise duty (as the designer shows it),
    or, for a revised framework without one, its first statement in modern wording; shortened."""
    from ictroles.framework.duties import load_duties
    from ictroles.framework.overlay import load_overlay
    from ictroles.roles.modernise import modernise_statement

    content = level_content(scheme, label, skill, framework)
    cell = load_duties(framework).cell(skill.id, content.native_levels[-1])
    if cell is not None:
        return shorten(cell.duty)
    overlay = load_overlay()
    for facet in FACETS:
        if content.statements[facet]:
            return shorten(modernise_statement(content.statements[facet][0], overlay).text)
    return ""


def shorten(text: str, words: int = _SUMMARY_WORDS) -> str:
    """The first few words of a text, with an ellipsis when cut."""
    parts = text.split()
    return text if len(parts) <= words else " ".join(parts[:words]).rstrip(",;") + "..."


def scheme_choices() -> dict[str, Path]:
    """Built-in level schemes by name."""
    return builtin_schemes()


# --- the role file as commented YAML -------------------------------------------------------

def role_file_text(spec: RoleSpec, framework: Framework, scheme: LevelScheme,
                   today: dt.date | None = None) -> str:
    """The spec as a commented role file (every value round-trips through the loader)."""
    today = today or dt.date.today()
    data = spec.dump(exclude_defaults=True)
    data.pop("extends", None)
    out: list[str] = [
        f"# {spec.title}" + (f" at {spec.school}" if spec.school else "") + ": a role file for ictroles.",
        f"# Created by `ictroles new` on {today.isoformat()}. Every field is explained by `ictroles docs role-file`;",
        "# lines starting with # are notes or suggestions: remove the # to use one.",
        "",
        "# About the post",
    ]
    emitted: set[str] = {"extends", "skills", "scheme"}

    def field(name: str, comment: str = "", placeholder: str | None = None) -> None:
        emitted.add(name)
        if name in data:
            out.extend(_yaml_field(name, data[name], comment))
        elif placeholder is not None:
            out.append(f"# {name}: {placeholder}" + (f"    # {comment}" if comment else ""))

    field("title")
    field("school", placeholder="Northfield Academy")
    field("location", "town and county, shown in the advert", placeholder="Northfield, Birmingham")
    field("grade", placeholder="Grade 5")
    field("responsible_to", placeholder="Network Manager")
    field("responsible_for", placeholder="No line management responsibility")
    field("working_relationships")
    field("purpose", "one short paragraph: why the post exists",
          placeholder="To provide day-to-day technical support for the school's ICT systems.")
    field("about_school", placeholder="A sentence or two about the school for the advert.")
    out += ["", "# Pay and hours: adverts show the actual pay and the full-time equivalent (FTE)"]
    field("salary", placeholder="{fte: 26409, fte_to: 28163, scale: NJC SCP 12-17}")
    field("hours_per_week", "37 is full time (36 in London)", placeholder="37")
    field("full_time_hours")
    field("weeks_per_year", "52 for all-year posts; about 39 for term time only", placeholder="52")
    field("paid_weeks", "term-time posts: weeks worked + paid holidays and bank holidays",
          placeholder="44.2" if (spec.weeks_per_year or 52) < 52 else None)
    field("contract", "permanent, fixed-term or casual", placeholder="permanent")
    field("contract_note")
    out += ["", "# The advert"]
    field("start_date", placeholder="September 2027 or as soon as possible")
    field("closing_date", "YYYY-MM-DD", placeholder="2027-05-14")
    field("interview_date", "YYYY-MM-DD", placeholder="2027-05-21")
    field("how_to_apply", placeholder="Download the application pack from ... and email it to ...")
    field("contact")
    field("safer_recruitment")
    field("key_duties")
    rest = [k for k in data if k not in emitted]
    if rest:
        out += ["", "# Documents"]
        for name in rest:
            field(name)
    out += ["", *_skills_block(spec, framework, scheme)]
    return "\n".join(out).rstrip() + "\n"


def _skills_block(spec: RoleSpec, framework: Framework, scheme: LevelScheme) -> list[str]:
    scheme_ref = spec.scheme
    lines = [
        f"# Level scheme: {scheme.title}.",
        f"scheme: {_scalar(scheme_ref)}",
        "",
        "# The level of each skill: " + "; ".join(f"{lv.label} = {lv.title}" for lv in scheme.levels) + ".",
        "# A skill that is commented out is not part of this role. `ictroles framework` shows every",
        "# statement; include, exclude and add adjust a level (see `ictroles docs role-file`).",
        "skills:",
    ]
    for area in framework.focus_areas:
        lines.append(f"  # {area.name}")
        for skill in framework.skills_in(area.id):
            choice = spec.skills.get(skill.id)
            if choice is None:
                lines.append(f"  # {skill.id}: {scheme.labels[0]}    # {skill.name}: not part of this role")
                continue
            title = scheme.level(choice.level).title
            extra = choice.dump(exclude_defaults=True)
            extra.pop("level", None)
            if not extra:
                lines.append(f"  {skill.id}: {_scalar(choice.level)}    # {skill.name}: {title}")
                continue
            lines.append(f"  {skill.id}:    # {skill.name}: {title}")
            lines.append(f"    level: {_scalar(choice.level)}")
            for key, value in extra.items():
                lines.extend(_yaml_field(key, value, indent=4))
    return lines


def _yaml_field(name: str, value: Any, comment: str = "", indent: int = 0) -> list[str]:
    pad = " " * indent
    note = f"    # {comment}" if comment else ""
    if isinstance(value, str) and "\n" not in value and len(value) + len(name) + indent > WIDTH - 2 \
            and value == value.strip():
        body = textwrap.wrap(value, WIDTH - indent - 2, break_long_words=False, break_on_hyphens=False)
        return [f"{pad}{name}: >-{note}", *(f"{pad}  {line}" for line in body)]
    if isinstance(value, (str, int, float, bool)):
        return [f"{pad}{name}: {_scalar(value)}{note}"]
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        if all(re.fullmatch(r"[A-Z]{2}\.[A-Za-z0-9]+\.[AKE]\d+", v) for v in value):
            return [f"{pad}{name}: [{', '.join(value)}]{note}"]
        return [f"{pad}{name}:{note}", *(f"{pad}  - {_scalar(v)}" for v in value)]
    dumped = yaml.safe_dump(_whole_numbers(value), sort_keys=False, allow_unicode=True, width=WIDTH - indent - 2,
                            default_flow_style=False)
    return [f"{pad}{name}:{note}", *(f"{pad}  {line}" for line in dumped.rstrip("\n").splitlines())]


def _whole_numbers(value: Any) -> Any:
    """26409.0 -> 26409, so numbers read as a person wrote them."""
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, dict):
        return {k: _whole_numbers(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_whole_numbers(v) for v in value]
    return value


def _scalar(value: Any) -> str:
    """A scalar as YAML: plain when that reads back unchanged, else double-quoted."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    if isinstance(value, int):
        return str(value)
    text = str(value)
    if _PLAIN.match(text) and text == text.strip() and not text.endswith(("-", "?")):
        return text
    return json.dumps(text, ensure_ascii=False)


# --- writing -------------------------------------------------------------------------------

def write_role_file(text: str, path: Path, framework: Framework, force: bool = False) -> None:
    """Write a role file atomically after checking it loads; refuse to overwrite unless forced."""
    path = Path(path)
    check_output_file(path, force)
    with atomic_write(path) as tmp:
        tmp.write_text(text, encoding="utf-8")
        try:
            load_role(tmp, framework)
        except IctrolesError as exc:
            # A bug in the writer, not the user's input: say so rather than leave a broken file.
            raise IctrolesError(f"{path}: the new role file would not load, so it was not written:\n{exc}") from None
