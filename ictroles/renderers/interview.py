"""The panel's documents: the interview pack (.docx) and the shortlisting workbook (.xlsx).

Both come from the person specification (:mod:`ictroles.renderers.personspec`): the
interview pack asks about each Essential criterion assessed at interview (I) and sets the
practical task of each one assessed by task (T); the shortlisting workbook scores the criteria
assessed on the application form (A). The questions are data: each skill's in
``framework/interview.yaml``, the standard criteria's in ``person-spec.yaml`` and the
safeguarding set and scoring key in ``templates/wording/interview.yaml``.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ictroles.renderers.outputs import RenderOptions, companion_path
from ictroles.renderers.personspec import Criterion, PersonSpecification, person_specification, placeholder_values
from ictroles.renderers.wording import InterviewQuestion, InterviewWording, Wording, fill, wording_for
from ictroles.roles.resolve import ResolvedRole

SHORTLISTING_SUFFIX = "shortlisting.xlsx"


@dataclass(frozen=True)
class Question:
    """Questions the panel asks about one criterion, and what a good answer shows."""

    label: str  # the skill, standard or category the criterion belongs to ("" for safeguarding)
    questions: tuple[str, ...]
    good_answer: str
    criterion: str | None = None  # shown when the question does not say what it assesses


@dataclass(frozen=True)
class Task:
    """A practical task for one criterion and what the panel looks for."""

    label: str
    task: str
    look_for: str  # the criterion the task gives evidence of


@dataclass(frozen=True)
class InterviewPack:
    """Everything the interview pack and the shortlisting workbook show."""

    criteria_questions: tuple[Question, ...]
    tasks: tuple[Task, ...]
    safeguarding: tuple[Question, ...]
    shortlist: tuple[Criterion, ...]  # criteria assessed on the application form, Essential first
    text: InterviewWording
    categories: dict[str, str]  # the person specification's category headings, by id


def interview_pack(role: ResolvedRole, wording: Wording) -> InterviewPack:
    """The role's interview pack, from its person specification and the interview wording."""
    text = wording.interview()
    source = wording.path("interview.yaml")
    values = placeholder_values(role)
    spec = person_specification(role, wording)
    criteria = spec.criteria()
    asked = []
    for crit in criteria:
        # Suitability to work with children is asked about in the safeguarding set.
        if not crit.essential or "I" not in crit.assessed or crit.category == "suitability":
            continue
        label = _label(role, crit, spec_headings(spec))
        if crit.questions:
            # A criterion also assessed by a task needs one question; the task gives the rest.
            questions = crit.questions[:1] if "T" in crit.assessed else crit.questions
            asked.append(Question(label, questions, crit.good_answer or crit.text))
            continue
        named = {**values, "criterion": crit.text}
        asked.append(Question(label, (fill(text.fallback_question, named, source),),
                              fill(text.fallback_good_answer, named, source), crit.text))
    tasks = []
    for crit in criteria:
        if not crit.essential or "T" not in crit.assessed:
            continue
        skill = role.skill(crit.skill_id) if crit.skill_id else None
        if skill is None or not skill.task:
            continue
        tasks.append(Task(f"{skill.name} \u00b7 Level {skill.level}", skill.task, crit.text))
    safeguarding = tuple(_safeguarding(q, values, source) for q in text.safeguarding)
    shortlist = tuple(c for c in criteria if "A" in c.assessed)
    shortlist = tuple(sorted(shortlist, key=lambda c: not c.essential))
    categories = spec_headings(spec)
    return InterviewPack(tuple(asked), tuple(tasks), safeguarding, shortlist, text, categories)


def _safeguarding(q: InterviewQuestion, values: dict[str, str], source: Path) -> Question:
    return Question("", (fill(q.question, values, source),), fill(q.good_answer, values, source))


def spec_headings(spec: PersonSpecification) -> dict[str, str]:
    """The person specification's category headings, by category id."""
    return {block.id: block.heading for block in spec.categories}


def _label(role: ResolvedRole, crit: Criterion, headings: dict[str, str]) -> str:
    """What a question is about, in a few words: the skill and level, the standard, or the category."""
    skill = role.skill(crit.skill_id) if crit.skill_id else None
    if skill is not None:
        return f"{skill.name} \u00b7 Level {skill.level}"
    standard = next((s for s in role.standards if s.id == crit.standard_id), None)
    if standard is not None:
        return f"{standard.name} \u00b7 Level {standard.level}"
    return headings.get(crit.category, crit.category.title())


def render_interview(role: ResolvedRole, out_path: Path, options: RenderOptions) -> None:
    """Write the interview pack (``out_path``, .docx) and the shortlisting workbook beside it."""
    from ictroles.renderers.excel.shortlisting import render_shortlisting
    from ictroles.renderers.word.interview import render_interview_pack

    wording = wording_for(options.templates_dir, role.spec.templates, role.source)
    pack = interview_pack(role, wording)
    render_shortlisting(role, pack, companion_path(Path(out_path), "interview-pack.docx", SHORTLISTING_SUFFIX),
                        options)
    render_interview_pack(role, pack, Path(out_path), options)
