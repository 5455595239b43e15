"""Generic wording of the documents (duties for all staff, safer recruitment, clauses...).

The wording lives in YAML files under ``templates/wording/``. A school or authority overrides
them file by file: a role's ``templates:`` folder, or ``--templates DIR``, may hold any of the
same files (either directly in the folder or in a ``wording/`` subfolder); files it does not
hold come from the built-in set.

Placeholders such as ``{school}`` are filled by :func:`fill`, which only substitutes plain
names (no attribute access, unlike ``str.format``), so wording files cannot reach Python.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Annotated, Literal, TypeVar

from ictroles.core import resources
from ictroles.core.errors import InvalidInputError, Problem
from ictroles.core.model import MinItems, Model
from ictroles.core.validation import Line, Paragraph, Sentence, load_model
from ictroles.roles.spec import Assessment, Category

Level = Literal["A", "B", "C", "D"]
M = TypeVar("M", bound=Model)


class GenericDuty(Model):
    """One duty every member of staff carries."""

    title: Line
    text: Paragraph


class GenericDuties(Model):
    """generic-duties.yaml."""

    heading: Line
    intro: Sentence | None = None
    duties: list[GenericDuty]


class ClosingClause(Model):
    """closing-clause.yaml."""

    text: Paragraph


class SaferRecruitment(Model):
    """safer-recruitment-england.yaml / safer-recruitment-wales.yaml."""

    heading: Line
    paragraphs: Annotated[list[Paragraph], MinItems(1)]


class StandardCriterion(Model):
    """A criterion the person specification carries for every role (within a level range)."""

    text: Sentence
    essential: bool = True
    assessed: list[Assessment] = ["A", "I"]
    min_level: Level | None = None
    max_level: Level | None = None


class PersonSpecWording(Model):
    """person-spec.yaml."""

    intro: Paragraph | None = None
    categories: dict[Category, Line]
    assessment: dict[Assessment, Line]
    criteria: dict[Category, list[StandardCriterion]] = {}


class AdvertWording(Model):
    """advert.yaml."""

    about_heading: Line
    duties_heading: Line
    duties_intro: Sentence | None = None
    apply_heading: Line
    how_to_apply_default: Paragraph
    documents: Paragraph | None = None
    contact: Sentence | None = None
    closing: Sentence | None = None
    equality: Paragraph | None = None


class JobDescriptionWording(Model):
    """job-description.yaml."""

    purpose_heading: Line
    duties_heading: Line
    duties_intro: Paragraph | None = None
    additional_heading: Line
    tasks_heading: Line | None = None  # no longer printed: the Examples are in the appendix
    tasks_intro: Sentence | None = None  # no longer printed
    relationships_label: Line = "Working relationships"
    adapted_note: Paragraph | None = None  # no longer printed: documents carry no marks


_MODELS: dict[str, type[Model]] = {
    "generic-duties.yaml": GenericDuties,
    "closing-clause.yaml": ClosingClause,
    "safer-recruitment-england.yaml": SaferRecruitment,
    "safer-recruitment-wales.yaml": SaferRecruitment,
    "person-spec.yaml": PersonSpecWording,
    "advert.yaml": AdvertWording,
    "job-description.yaml": JobDescriptionWording,
}


@dataclass(frozen=True)
class Wording:
    """Where a document's wording comes from: an optional override folder over the built-in one."""

    override_dir: Path | None = None

    def path(self, name: str) -> Path:
        """The file that supplies ``name``: the override's copy if it has one, else the built-in."""
        if self.override_dir is not None:
            for candidate in (self.override_dir / "wording" / name, self.override_dir / name):
                if _present(candidate):
                    return candidate
        return resources.templates_dir() / "wording" / name

    def word_template(self, name: str = "base.docx") -> Path:
        """The Word file whose styles and page setup the documents start from."""
        if self.override_dir is not None:
            for candidate in (self.override_dir / "word" / name, self.override_dir / name):
                if _present(candidate):
                    return candidate
        return resources.templates_dir() / "word" / name

    def load(self, name: str, model: type[M]) -> M:
        """Load and check one wording file."""
        path = self.path(name)
        try:
            stat = path.stat()
        except OSError:  # gone, or a looping link: reading it says which
            return load_model(model, path, "wording file")[0]
        return _load_cached(path, stat.st_mtime_ns, stat.st_size, model)  # type: ignore[arg-type]  # classes hash

    def generic_duties(self) -> GenericDuties:
        """Duties every member of school staff carries."""
        return self.load("generic-duties.yaml", GenericDuties)

    def closing_clause(self) -> ClosingClause:
        """The 'not exhaustive / other duties' clause."""
        return self.load("closing-clause.yaml", ClosingClause)

    def safer_recruitment(self, nation: str) -> SaferRecruitment:
        """The safer-recruitment block for 'england' or 'wales'."""
        return self.load(f"safer-recruitment-{nation}.yaml", SaferRecruitment)

    def person_spec(self) -> PersonSpecWording:
        """Categories, assessment key and standard criteria of the person specification."""
        return self.load("person-spec.yaml", PersonSpecWording)

    def advert(self) -> AdvertWording:
        """Headings and fixed sentences of the advert."""
        return self.load("advert.yaml", AdvertWording)

    def job_description(self) -> JobDescriptionWording:
        """Headings and fixed sentences of the job description."""
        return self.load("job-description.yaml", JobDescriptionWording)


def wording_for(templates_dir: Path | None, role_templates: str | None = None,
                role_file: Path | None = None) -> Wording:
    """The wording for a render: ``--templates`` wins over the role's ``templates:`` folder."""
    chosen = Path(templates_dir) if templates_dir else (Path(role_templates) if role_templates else None)
    if chosen is not None and not chosen.is_dir():
        where = role_file if (templates_dir is None and role_file) else chosen
        field = "templates" if (templates_dir is None and role_file) else ""
        raise InvalidInputError([Problem(where, None, field, f"templates folder '{chosen}' does not exist")])
    return Wording(chosen)


@lru_cache(maxsize=64)
def _load_cached(path: Path, _mtime: int, _size: int, model: type[M]) -> M:
    return load_model(model, path, "wording file")[0]


def _present(path: Path) -> bool:
    """A school's file is there (a folder, pipe or looping link too: reading it refuses them)."""
    return (path.exists() and not path.is_dir()) or path.is_symlink()


_PLACEHOLDER = re.compile(r"\{([a-z_]+)\}")


def fill(text: str, values: dict[str, str], source: Path | None = None) -> str:
    """Replace ``{name}`` placeholders with their values; an unknown name is an error."""

    def sub(match: re.Match[str]) -> str:
        name = match.group(1)
        if name not in values:
            known = ", ".join("{" + k + "}" for k in sorted(values))
            raise InvalidInputError(
                [Problem(source, None, "", f"unknown placeholder {{{name}}}; use one of {known}")]
            )
        value = values[name]
        # A default such as "the school" starts a sentence with a capital.
        before = text[: match.start()].rstrip()
        if value[:1].islower() and (not before or before[-1] in ".!?:"):
            value = value[0].upper() + value[1:]
        return value

    return _PLACEHOLDER.sub(sub, text)
