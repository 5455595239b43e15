"""The concise duty layer: ictroles' own short wording of each skill at each native level.

``framework/duties.yaml`` is written for ictroles, not taken from the framework: for every
skill at every native level it holds one job-description duty, one person-specification
criterion and, for practical skills, one task a panel could set (assessment T). Each entry
names the framework statement ids it draws on, so the documents people read are written from
the framework's statements while the statements themselves stay in the appendix and workbook.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Annotated, Protocol, TypeVar

from ictroles.core import resources
from ictroles.core.errors import InvalidInputError, Problem
from ictroles.core.model import MinItems, Model
from ictroles.core.validation import Line, Paragraph, ProblemList, Sentence, load_model
from ictroles.core.yamlio import SourceMap
from ictroles.framework.competences import Framework


class DutyCell(Model):
    """One skill at one native level, in a job description's words."""

    duty: Sentence
    criterion: Sentence
    task: Sentence | None = None
    draws_on: Annotated[list[Line], MinItems(1)]


class DutyLayer(Model):
    """Concise duties keyed by skill id, then native level."""

    name: Line
    description: Paragraph
    skills: dict[str, dict[str, DutyCell]]

    def cell(self, skill_id: str, level: str) -> DutyCell | None:
        """The entry for a skill at a native level, if the layer has one."""
        return self.skills.get(skill_id, {}).get(level)


class _DrawsOn(Protocol):
    draws_on: list[str]


C = TypeVar("C", bound=_DrawsOn)


def fit_to_framework(skills: dict[str, dict[str, C]], framework: Framework,
                     problems: ProblemList) -> tuple[dict[str, dict[str, C]], ProblemList]:
    """The entries (skill -> native level -> entry) whose skill, level and every statement id
    in ``draws_on`` are the framework's; each that is not is a located problem.

    Shared by the layers written for ictroles beside the framework (concise duties, interview
    questions): a layer given on purpose must fit exactly, the bundled one is trimmed to fit a
    revised framework.
    """
    kept: dict[str, dict[str, C]] = {}
    for skill_id, levels in skills.items():
        if skill_id not in framework.skills_by_id:
            problems.add(("skills", skill_id), f"'{skill_id}' is not a skill of {framework.name}")
            continue
        for level, cell in levels.items():
            if level not in framework.level_ids:
                problems.add(("skills", skill_id, level), f"'{level}' is not a level of {framework.name}")
                continue
            wrong = [(i, sid) for i, sid in enumerate(cell.draws_on)
                     if sid not in framework.statements or framework.statements[sid].skill.id != skill_id
                     or framework.statements[sid].level != level]
            for i, sid in wrong:
                problems.add(("skills", skill_id, level, "draws_on", i),
                             f"'{sid}' is not a statement of {skill_id} at level {level}")
            if not wrong:
                kept.setdefault(skill_id, {})[level] = cell
    return kept, problems


def duties_file() -> Path:
    """The bundled duty layer."""
    return resources.data_dir("framework") / "duties.yaml"


@cache
def _load_unchanged(path: Path, mtime_ns: int) -> tuple[DutyLayer, SourceMap]:
    return load_model(DutyLayer, path, "duty layer")


def load_duties(framework: Framework, path: Path | None = None) -> DutyLayer:
    """The duty layer for ``framework``, every id it names checked against it.

    A layer given as ``path`` must fit the framework exactly. The bundled layer is written for
    the bundled framework; against a revised framework (``--framework``) only the entries
    whose statements are all still there are used, and a skill without one lists its
    framework statements instead.
    """
    strict = path is not None
    path = path or duties_file()
    try:
        layer, smap = _load_unchanged(path.resolve(), path.stat().st_mtime_ns)
    except OSError:
        raise InvalidInputError([Problem(path, None, "", "duty layer file not found")]) from None
    kept, problems = fit_to_framework(layer.skills, framework, ProblemList(smap, path))
    if problems and strict:
        raise InvalidInputError(problems)
    return layer.replace(skills=kept) if problems else layer
