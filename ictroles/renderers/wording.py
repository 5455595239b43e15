"""Generic wording of the documents (duties for all staff, safer recruitment, clauses...).

The wording lives in YAML files under ``templates/wording/``. A school or authority overrides
them field by field: a role's ``templates:`` folder, or ``--templates DIR``, may hold any of
the same files (either directly in the folder or in a ``wording/`` subfolder), each holding
only the fields it changes; everything else comes from the built-in file. Mappings merge key
by key; a list (the generic duties, a category's criteria) is replaced whole. Every problem
names the file and line the field came from.

Placeholders such as ``{school}`` are filled by :func:`fill`, which only substitutes plain
names (no attribute access, unlike ``str.format``), so wording files cannot reach Python.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Annotated, Any, Literal, TypeVar

from ictroles.core import resources
from ictroles.core.errors import InvalidInputError, Problem
from ictroles.core.model import MinItems, Model
from ictroles.core.validation import Line, Paragraph, Sentence, validate_data
from ictroles.core.yamlio import SourceMap, dotted, load_yaml
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
    # For the interview pack, when the criterion is assessed at interview (I).
    questions: list[Sentence] = []
    good_answer: Sentence | None = None


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


class InterviewQuestion(Model):
    """A question every interview asks, and what a good answer shows."""

    question: Sentence
    good_answer: Sentence


class InterviewWording(Model):
    """interview.yaml: the interview pack's and the shortlisting workbook's fixed wording."""

    intro: Paragraph | None = None
    scoring_heading: Line
    scores: Annotated[dict[Literal["0", "1", "2", "3"], Sentence], MinItems(4)]
    scoring_note: Paragraph | None = None
    safeguarding_heading: Line
    safeguarding_intro: Paragraph | None = None
    safeguarding: Annotated[list[InterviewQuestion], MinItems(1)]
    criteria_heading: Line
    criteria_intro: Paragraph | None = None
    fallback_question: Sentence
    fallback_good_answer: Sentence
    task_heading: Line
    task_intro: Paragraph | None = None
    look_for: list[Sentence] = []
    decision_heading: Line
    decision_lines: list[Line] = []
    shortlisting_instructions: list[Sentence] = []


# Placeholders every wording file may use, and those only one file's sentences are given.
PLACEHOLDERS = ("school", "title", "grade")
EXTRA_PLACEHOLDERS = {"advert.yaml": ("closing_date", "contact"), "interview.yaml": ("criterion",)}
# Files of a templates folder that are not wording: the Word base document, the web page.
OTHER_TEMPLATE_FILES = ("base.docx", "word/base.docx", "web/advert.html")

_MODELS: dict[str, type[Model]] = {
    "generic-duties.yaml": GenericDuties,
    "closing-clause.yaml": ClosingClause,
    "safer-recruitment-england.yaml": SaferRecruitment,
    "safer-recruitment-wales.yaml": SaferRecruitment,
    "person-spec.yaml": PersonSpecWording,
    "advert.yaml": AdvertWording,
    "job-description.yaml": JobDescriptionWording,
    "interview.yaml": InterviewWording,
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
        """Load and check one wording file: the school's fields over the built-in file's."""
        builtin = resources.templates_dir() / "wording" / name
        path = self.path(name)
        school = path if path != builtin else None
        return _load_cached(builtin, _stamp(builtin), school, _stamp(school), model)  # type: ignore[arg-type]

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

    def interview(self) -> InterviewWording:
        """The interview pack's safeguarding questions, scoring key and fixed wording."""
        return self.load("interview.yaml", InterviewWording)


def wording_for(templates_dir: Path | None, role_templates: str | None = None,
                role_file: Path | None = None) -> Wording:
    """The wording for a render: ``--templates`` wins over the role's ``templates:`` folder."""
    chosen = Path(templates_dir) if templates_dir else (Path(role_templates) if role_templates else None)
    if chosen is not None and not chosen.is_dir():
        where = role_file if (templates_dir is None and role_file) else chosen
        field = "templates" if (templates_dir is None and role_file) else ""
        raise InvalidInputError([Problem(where, None, field, f"templates folder '{chosen}' does not exist")])
    return Wording(chosen)


def _stamp(path: Path | None) -> tuple[int, int]:
    """When a file last changed, for the cache (a file that cannot be read is read again)."""
    try:
        stat = path.stat() if path is not None else None
    except OSError:  # gone, or a looping link: reading it says which
        return (-1, -1)
    return (stat.st_mtime_ns, stat.st_size) if stat else (0, 0)


@lru_cache(maxsize=64)
def _load_cached(builtin: Path, _b: tuple[int, int], school: Path | None, _s: tuple[int, int],
                 model: type[M]) -> M:
    data, smap = load_yaml(builtin, "wording file")
    if school is not None:
        own, own_map = load_yaml(school, "wording file")
        if not isinstance(own, dict):
            raise InvalidInputError([Problem(school, 1, "", (
                "a wording file must be a mapping of fields (heading: ..., text: ...); "
                f"copy the fields you change from {builtin.name} in ictroles' templates"))])
        data, smap = merge_wording(data, smap, own, own_map)
    problems = _placeholder_problems(data, smap, builtin.name, school or builtin)
    if problems:
        raise InvalidInputError(problems)
    return validate_data(model, data, smap, school or builtin, "wording file")


def merge_wording(base: Any, base_map: SourceMap, own: dict[str, Any], own_map: SourceMap,
                  at: tuple[str | int, ...] = ()) -> tuple[Any, SourceMap]:
    """The school's fields over the built-in ones: mappings key by key, anything else whole."""
    merged = dict(base) if isinstance(base, dict) else {}
    smap = SourceMap(base_map.lines) if not at else base_map
    for key, value in own.items():
        here = (*at, key)
        if isinstance(value, dict) and isinstance(merged.get(key), dict):
            merged[key], smap = merge_wording(merged[key], smap, value, own_map, here)
            smap.lines[here] = own_map.lines.get(here, smap.lines.get(here, (Path("."), 1)))
            continue
        merged[key] = value
        for old in [k for k in smap.lines if k[:len(here)] == here]:
            del smap.lines[old]
        smap.rebase(here, own_map, here)
    if not at:
        smap.lines[()] = own_map.lines.get((), smap.lines.get((), (Path("."), 1)))
    return merged, smap


def _placeholder_problems(data: Any, smap: SourceMap, name: str, file: Path) -> list[Problem]:
    """Each unknown ``{placeholder}``, at the file, line and field it is written in."""
    known = (*PLACEHOLDERS, *EXTRA_PLACEHOLDERS.get(name, ()))
    problems = []

    def walk(value: Any, at: tuple[str | int, ...]) -> None:
        if isinstance(value, dict):
            for k, v in value.items():
                walk(v, (*at, k))
        elif isinstance(value, list):
            for i, v in enumerate(value):
                walk(v, (*at, i))
        elif isinstance(value, str):
            for found in _PLACEHOLDER.findall(value):
                if found not in known:
                    src, line = smap.locate(at)
                    problems.append(Problem(src or file, line, dotted(at), (
                        f"unknown placeholder {{{found}}}; use one of "
                        + ", ".join("{" + k + "}" for k in sorted(known)))))

    walk(data, ())
    return problems


def recognised_template_files() -> list[str]:
    """The names a templates folder may hold."""
    return [*_MODELS, *OTHER_TEMPLATE_FILES]


def unknown_template_files(folder: Path | None) -> list[Path]:
    """Files of a templates folder that ictroles would not use (a misspelt name, most often)."""
    if folder is None or not folder.is_dir():
        return []
    known = set(recognised_template_files())
    unknown = []
    for sub in ("", "wording", "word", "web"):
        where = folder / sub if sub else folder
        if not where.is_dir():
            continue
        for path in sorted(where.iterdir()):
            if path.is_dir() or path.name.startswith(".") or path.name.lower().startswith("readme"):
                continue
            rel = path.name if sub in ("", "wording") else f"{sub}/{path.name}"
            if rel not in known:
                unknown.append(path)
    return unknown


def unknown_templates_note(folder: Path | None) -> str | None:
    """A warning naming the files of a templates folder that are not used, and those that are."""
    unknown = unknown_template_files(folder)
    if not unknown:
        return None
    import difflib

    names = recognised_template_files()
    lines = []
    for path in unknown:
        close = difflib.get_close_matches(path.name, names, n=1)
        lines.append(f"{path}: warning: not a file ictroles uses, so it is ignored"
                     + (f"; did you mean '{close[0]}'?" if close else ""))
    lines.append("  a templates folder may hold: " + ", ".join(names))
    return "\n".join(lines)


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
