"""Interview questions: ictroles' own open questions for each skill at each native level.

``framework/interview.yaml`` is written for ictroles, not taken from the framework: for every
skill at every native level it holds one or two open questions a panel can ask and what a
good answer shows. Each entry names the framework statement ids it is written from, as the
concise duty layer does (:mod:`ictroles.framework.duties`).
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Annotated

from ictroles.core import resources
from ictroles.core.errors import InvalidInputError, Problem
from ictroles.core.model import After, MinItems, Model
from ictroles.core.validation import Line, Paragraph, ProblemList, Sentence, load_model
from ictroles.core.yamlio import SourceMap
from ictroles.framework.competences import Framework
from ictroles.framework.duties import fit_to_framework


def _one_or_two(questions: list[str]) -> list[str]:
    if len(questions) > 2:
        raise ValueError(f"has {len(questions)} questions; give one or two, so the pack stays short")
    return questions


class InterviewCell(Model):
    """One skill at one native level: the questions a panel asks and what a good answer shows."""

    questions: Annotated[list[Sentence], MinItems(1), After(_one_or_two)]
    good_answer: Sentence
    draws_on: Annotated[list[Line], MinItems(1)]


class InterviewLayer(Model):
    """Interview questions keyed by skill id, then native level."""

    name: Line
    description: Paragraph
    skills: dict[str, dict[str, InterviewCell]]

    def cell(self, skill_id: str, level: str) -> InterviewCell | None:
        """The entry for a skill at a native level, if the layer has one."""
        return self.skills.get(skill_id, {}).get(level)


def interview_file() -> Path:
    """The bundled interview questions."""
    return resources.data_dir("framework") / "interview.yaml"


@cache
def _load_unchanged(path: Path, mtime_ns: int) -> tuple[InterviewLayer, SourceMap]:
    return load_model(InterviewLayer, path, "interview questions")


def load_interview(framework: Framework, path: Path | None = None) -> InterviewLayer:
    """The interview questions for ``framework``, every id they name checked against it.

    As with the duty layer, a file given as ``path`` must fit the framework exactly; against a
    revised framework the bundled file's entries whose statements are gone are left out (the
    pack then asks the panel's own question for that criterion).
    """
    strict = path is not None
    path = path or interview_file()
    try:
        layer, smap = _load_unchanged(path.resolve(), path.stat().st_mtime_ns)
    except OSError:
        raise InvalidInputError([Problem(path, None, "", "interview questions file not found")]) from None
    kept, problems = fit_to_framework(layer.skills, framework, ProblemList(smap, path))
    if problems and strict:
        raise InvalidInputError(problems)
    return layer.replace(skills=kept) if problems else layer
