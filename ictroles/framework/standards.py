"""Standards packs: a government's digital and technology standards for schools, as data.

``framework/standards/dfe-england.yaml`` summarises the Department for Education's "Meeting
digital and technology standards in schools and colleges" (England) for ictroles. It is not
part of the 2005 framework, and every document that uses it says so: each standard has a
summary, the school roles the guidance names (SLT digital lead, DSL, governor), the
responsibilities a governors' matrix would list, one duty and one person-specification
criterion per level A-D in the words of the concise duty layer, and a crosswalk to the
framework skills it extends. ``--standards-pack FILE`` loads another pack of the same shape
(a local authority's own, or another nation's).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import cache, cached_property
from pathlib import Path
from typing import Annotated, Literal

from ictroles.core import resources
from ictroles.core.errors import InvalidInputError, Problem
from ictroles.core.model import MinItems, Model
from ictroles.core.validation import Label, Line, Paragraph, ProblemList, Sentence, load_model
from ictroles.core.yamlio import SourceMap
from ictroles.framework.competences import Framework, suggest

IT = "it"  # the IT service provider: a staff technician, a managed service or the authority
Country = Literal["england", "wales", "scotland", "northern-ireland"]


class StandardLevel(Model):
    """What one standard asks of a technician at one level."""

    duty: Sentence
    criterion: Sentence


class Responsibility(Model):
    """One row of a governors' responsibility matrix: who is responsible, who supports."""

    id: Line
    text: Sentence
    responsible: Label
    supports: list[Label] = []
    # Where the IT service provider is responsible or supports: the lowest technician level
    # of the standard that carries it.
    from_level: Label | None = None

    @property
    def parties(self) -> tuple[str, ...]:
        """Everyone named: the responsible party first."""
        return (self.responsible, *self.supports)

    def role_of(self, party: str) -> Literal["responsible", "supports", "none"]:
        """'responsible', 'supports' or 'none' for one party."""
        if party == self.responsible:
            return "responsible"
        return "supports" if party in self.supports else "none"


class Standard(Model):
    """One standard of a pack."""

    id: Line
    name: Line
    core: bool
    url: Line
    summary: Paragraph
    skills: Annotated[list[Line], MinItems(1)]  # the framework skills it extends
    responsibilities: Annotated[list[Responsibility], MinItems(1)]
    levels: dict[str, StandardLevel]
    verified: bool = True  # False where the summary could not be checked against the guidance


class StandardsPack(Model):
    """A set of standards, labelled as what it is (never as part of the framework)."""

    name: Line
    short_name: Line
    country: Country
    publisher: Line
    source: Line
    read_on: dt.date
    description: Paragraph
    roles: dict[str, Line]  # the school's named, non-technical roles
    standards: Annotated[list[Standard], MinItems(1)]

    @cached_property
    def by_id(self) -> dict[str, Standard]:
        """Standards by id."""
        return {s.id: s for s in self.standards}

    def party_name(self, party: str) -> str:
        """A responsibility party's name as documents print it."""
        return "IT service provider" if party == IT else self.roles.get(party, party)


def standards_file() -> Path:
    """The bundled pack: the DfE's standards for England."""
    return resources.data_dir("framework") / "standards" / "dfe-england.yaml"


@cache
def _load_unchanged(path: Path, mtime_ns: int) -> tuple[StandardsPack, SourceMap]:
    return load_model(StandardsPack, path, "standards pack")


def load_standards(framework: Framework, path: Path | None = None) -> StandardsPack:
    """The standards pack at ``path`` (the bundled DfE pack by default), checked against the framework.

    Every crosswalk entry must name a framework skill, every standard have the framework's
    levels, and every responsibility name a role of the pack or the IT service provider.
    """
    path = Path(path) if path else standards_file()
    try:
        pack, smap = _load_unchanged(path.resolve(), path.stat().st_mtime_ns)
    except OSError:
        raise InvalidInputError([Problem(path, None, "", "standards pack file not found")]) from None
    problems = ProblemList(smap, path)
    levels = framework.level_ids
    parties = {*pack.roles, IT}
    seen: set[str] = set()
    for i, std in enumerate(pack.standards):
        loc: tuple[str | int, ...] = ("standards", i)
        if std.id in seen:
            problems.add(loc + ("id",), f"'{std.id}' is repeated; every standard needs its own id")
        seen.add(std.id)
        for j, sid in enumerate(std.skills):
            if sid not in framework.skills_by_id:
                problems.add(loc + ("skills", j), f"'{sid}' is not a skill of {framework.name}"
                             + suggest(sid, list(framework.skills_by_id)))
        if sorted(std.levels) != sorted(levels):
            problems.add(loc + ("levels",), f"must give exactly the levels {', '.join(levels)}")
        ids: set[str] = set()
        for j, resp in enumerate(std.responsibilities):
            rloc = loc + ("responsibilities", j)
            if resp.id in ids:
                problems.add(rloc + ("id",), f"'{resp.id}' is repeated in {std.id}")
            ids.add(resp.id)
            for field, party in [("responsible", resp.responsible), *(("supports", p) for p in resp.supports)]:
                if party not in parties:
                    problems.add(rloc + (field,), f"'{party}' is not one of the pack's roles "
                                 f"({', '.join(sorted(parties))})")
            if IT in resp.parties and resp.from_level not in levels:
                problems.add(rloc + ("from_level",), "the IT service provider's part needs from_level, "
                             f"one of {', '.join(levels)}")
        if not any(IT in r.parties for r in std.responsibilities):
            problems.add(loc + ("responsibilities",), "no responsibility names the IT service provider ('it')")
    if problems:
        raise InvalidInputError(problems)
    return pack


@dataclass(frozen=True)
class ResolvedStandard:
    """One standard a role takes on, at a level, with what it holds and what it adds."""

    id: str
    name: str
    core: bool
    url: str
    level: str
    duty: str
    criterion: str
    added: tuple[str, ...]  # the role's own duties for this standard
    responsibilities: tuple[Responsibility, ...]  # the IT provider's rows the role holds
    skills: tuple[str, ...]  # the framework skills the standard extends (the crosswalk)

    @property
    def duties(self) -> tuple[str, ...]:
        """The job description's duties for the standard: its level duty, then the role's own."""
        return (self.duty, *self.added)


def held_responsibilities(standard: Standard, level: str, order: tuple[str, ...],
                          exclude: tuple[str, ...] = ()) -> tuple[Responsibility, ...]:
    """The IT service provider's responsibilities a role at ``level`` holds."""
    rank = order.index(level)
    return tuple(
        r for r in standard.responsibilities
        if IT in r.parties and r.from_level in order and order.index(r.from_level) <= rank
        and r.id not in exclude
    )
