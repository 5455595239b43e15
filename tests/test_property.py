"""Property test: random valid and near-valid role files either fail cleanly or render well.

Hypothesis writes role files with random skills, levels (some invalid), include/exclude ids
(some wrong) and custom statements in arbitrary Unicode: RTL scripts, emoji, Welsh, text that
starts like a spreadsheet formula, XML-special characters. For each one:

* loading either succeeds or raises InvalidInputError naming the file (never another error);
* when it succeeds and the renderers exist, the job description and matrix reopen with
  python-docx and openpyxl, every duty and (when asked) typical task appears as exactly one
  paragraph, every custom statement reaches the workbook, and no workbook cell is a formula.

Bounded (max_examples, no deadline) so it runs in well under a minute on 2 cores.
"""

from __future__ import annotations

import re
import tempfile
from collections import Counter
from pathlib import Path

import yaml
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from ictroles.core.errors import InvalidInputError
from ictroles.framework.competences import FACETS, load_framework
from ictroles.renderers.outputs import OUTPUTS, RenderOptions
from ictroles.roles.resolve import ResolvedRole, load_role

FRAMEWORK = load_framework()
SKILL_IDS = [s.id for s in FRAMEWORK.skills]
LEVELS = list(FRAMEWORK.level_ids)


SPECIAL_TEXT = [
    "مراقبة الشبكة المدرسية وصيانتها",  # Arabic (RTL)
    "תמיכה טכנית בכיתות",  # Hebrew (RTL)
    "Cefnogi'r rhwydwaith ŵ ŷ Ŵ Ŷ yn Gymraeg",  # Welsh
    "Fix the projector 🙂👩‍💻🖥️",
    "=SUM(A1:A9)",
    "=cmd|' /C calc'!A0",
    "+44 121 496 0000",
    "-1 day backups",
    "@SUM(1+1)",
    "<&>\"'",
    "<w:t>not xml</w:t> ]]> &amp;",
    "Keep \u2067שלום\u2069 isolated",
    "Tab\tinside",
    "  padded with spaces  ",
    "x",
]

# Mostly printable text (any script); now and then anything at all, control characters included.
printable = st.text(st.characters(exclude_categories=("Cc", "Cs", "Co", "Cn")), min_size=1, max_size=60)
statement_text = st.one_of(
    st.sampled_from(SPECIAL_TEXT),
    printable,
    st.builds(lambda a, b: a + b, st.sampled_from(SPECIAL_TEXT), printable),
    st.text(max_size=30),
)


def _ids(skill_id: str, levels: list[str]) -> list[str]:
    code = FRAMEWORK.skills_by_id[skill_id].code
    return [i for i, ref in FRAMEWORK.statements.items() if i.startswith(code + ".") and ref.level in levels]


@st.composite
def role_documents(draw: st.DrawFn) -> dict:
    """A role file's data: mostly valid, sometimes wrong in one of many ways."""
    chosen = draw(st.lists(st.sampled_from(SKILL_IDS), unique=True, min_size=1, max_size=4))
    if draw(st.integers(0, 9)) == 0:
        chosen.append(draw(st.sampled_from(["no-such-skill", "Desktop-Application-Support", "ß"])))
    skills: dict = {}
    for sid in chosen:
        level = draw(st.sampled_from(LEVELS * 4 + ["E", "b", "AB", "1"]))
        choice: dict = {"level": level}
        if sid in FRAMEWORK.skills_by_id and level in LEVELS:
            # Mostly right: include from other levels, exclude from this level; sometimes wrong.
            wrong = ["XX.Q.A9", "not an id", next(iter(FRAMEWORK.statements))]
            others = _ids(sid, [lv for lv in LEVELS if lv != level])
            own = _ids(sid, [level])
            if others and draw(st.booleans()):
                choice["include"] = draw(st.lists(st.sampled_from(others + wrong[:1]), unique=True, max_size=2))
            if own and draw(st.booleans()):
                choice["exclude"] = draw(st.lists(st.sampled_from(own + wrong[1:2]), unique=True, max_size=2))
        if draw(st.booleans()):
            facets = draw(st.lists(st.sampled_from(FACETS), unique=True, min_size=1))
            choice["add"] = {f: draw(st.lists(statement_text, min_size=1, max_size=3)) for f in facets}
        skills[sid] = choice
    # Title and school never equal a statement, so a statement's paragraph count is its own.
    return {
        "title": draw(st.one_of(st.just("ICT Technician"), statement_text.map(lambda t: "Post: " + t))),
        "school": draw(st.sampled_from([None, "Ysgol Gymraeg Bro Ŵy", "مدرسة النور", "<Oak & Ash> \"Academy\"", "=Academy"])),
        "typical_tasks": draw(st.booleans()),
        "skills": skills,
    }


def _load(path: Path) -> ResolvedRole | None:
    """The resolved role, or None after checking the error is a clean one naming the file."""
    try:
        return load_role(path, FRAMEWORK)
    except InvalidInputError as exc:
        assert exc.problems and all(p.message for p in exc.problems)
        assert path.name in str(exc)
        return None


def _docx_paragraph_texts(path: Path) -> list[str]:
    import docx

    document = docx.Document(str(path))
    texts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            for cell in row.cells:
                texts.extend(p.text for p in cell.paragraphs)
    return texts


def _check_job_description(role: ResolvedRole, folder: Path) -> None:
    out = folder / "jd.docx"
    OUTPUTS["jd"].load()(role, out, RenderOptions())
    paragraphs = _docx_paragraph_texts(out)
    # Each skill is one concise duty; the role's own activities follow it, each once.
    duties = [p.rpartition("\n")[2] for p in paragraphs]
    for skill in role.skills:
        assert duties.count(skill.duty) == 1, skill.id
    own = Counter(a.text for s in role.skills for a in s.activities if a.origin == "custom")
    for text, times in own.items():
        assert duties.count(text) == times, text


def _check_matrix(role: ResolvedRole, folder: Path) -> None:
    import openpyxl

    out = folder / "matrix.xlsx"
    OUTPUTS["matrix"].load()(role, out, RenderOptions())
    workbook = openpyxl.load_workbook(out)
    strings = []
    for ws in workbook.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                assert cell.data_type != "f", (ws.title, cell.coordinate, cell.value)
                if isinstance(cell.value, str):
                    strings.append(cell.value)
    everything = "\n".join(strings)
    for stmt in role.all_statements():
        if stmt.origin == "custom":
            assert stmt.text in everything, stmt.text


@settings(
    max_examples=100,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(data=role_documents())
def test_random_role_files_fail_cleanly_or_render(data: dict) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        path = folder / "role.yaml"
        path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
        role = _load(path)
        event("valid role" if role else "clean error")
        if role is None:
            return
        # What the file said survives loading: custom statements keep their (NFC, trimmed) text.
        assert len(role.skills) == len(data["skills"])
        _check_job_description(role, folder)
        _check_matrix(role, folder)


# ---------------------------------------------------------------- hostile text in every field

HOSTILE_PIECES = [
    "\x07", "\x1b[31m", "\x00", "\x7f", "\x85", "\u2028", "\n", "\r\n", "\t",  # controls and breaks
    "\u200b", "\u2060", "\u3164", "\u115f", "\u0301", "\u200e", "\u200f", "\ufeff",  # invisible
    "\u202e", "\u2066", "\u2069",  # direction overrides and isolates
    "ICT Technician", "مدرسة", "=HYPERLINK(\"x\")", "../../etc/passwd", "C:\\x", "{school}",
]
hostile_text = st.one_of(
    st.lists(st.sampled_from(HOSTILE_PIECES), min_size=1, max_size=6).map("".join),
    st.builds(lambda piece, n: piece * n, st.sampled_from(HOSTILE_PIECES + ["x", "é"]), st.integers(1, 6000)),
    st.text(max_size=40),
)
TEXT_FIELDS = ["title", "school", "location", "grade", "contract_note", "responsible_to", "responsible_for",
               "purpose", "about_school", "start_date", "closing_date", "how_to_apply", "contact", "version",
               "scheme", "templates", "letterhead", "extends"]
LIST_FIELDS = ["working_relationships", "key_duties", "additional_duties"]
_RAW_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


@st.composite
def hostile_role_documents(draw: st.DrawFn) -> dict:
    """A role whose text fields (one or several, at every depth) hold hostile Unicode."""
    sid = draw(st.sampled_from(SKILL_IDS))
    data: dict = {"title": "ICT Technician", "skills": {sid: {"level": "B"}}}
    for name in draw(st.lists(st.sampled_from(TEXT_FIELDS), unique=True, min_size=1, max_size=4)):
        data[name] = draw(hostile_text)
    for name in draw(st.lists(st.sampled_from(LIST_FIELDS), unique=True, max_size=2)):
        data[name] = draw(st.lists(hostile_text, min_size=1, max_size=3))
    skill = data["skills"][sid]
    for name in draw(st.lists(st.sampled_from(["duty", "criterion", "task", "activities", "knowledge"]),
                              unique=True, max_size=2)):
        if name in ("activities", "knowledge"):
            skill.setdefault("add", {})[name] = draw(st.lists(hostile_text, min_size=1, max_size=2))
        else:
            skill[name] = draw(hostile_text)
    if draw(st.booleans()):
        data["salary"] = {"fte": 26000, "scale": draw(hostile_text)}
    if draw(st.booleans()):
        data["person_spec"] = {"add": [{"text": draw(hostile_text), "category": "experience"}]}
    if draw(st.integers(0, 4)) == 0:
        data["skills"][draw(hostile_text)] = "B"  # a hostile key, not only values
    return data


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(data=hostile_role_documents())
def test_hostile_text_in_every_field_fails_cleanly_or_renders(data: dict) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        path = folder / "role.yaml"
        path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
        try:
            role = load_role(path, FRAMEWORK)
        except InvalidInputError as exc:
            shown = str(exc)
            assert exc.problems and path.name in shown
            # Every message line starts with the file: nothing in the file forged a line,
            # and no control character reaches the terminal.
            assert all(line.startswith(str(path)) for line in shown.splitlines()), shown
            assert not _RAW_CONTROL.search(shown), repr(shown)
            event("clean error")
            return
        event("valid role")
        assert role.title.strip() and not all(not ch.isprintable() or ch.isspace() for ch in role.title)
        OUTPUTS["jd"].load()(role, folder / "jd.docx", RenderOptions())
