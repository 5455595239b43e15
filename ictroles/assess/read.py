"""Reading a filled self-assessment back: a form workbook or a YAML file, checked row by row.

Every problem is reported at once and located: a form's as ``sheet 'Self-assessment', row 12,
column E (Rating)``, a YAML file's as FILE:LINE: field. A form is checked against what its
hidden metadata sheet recorded when it was made (rows deleted, reordered or with edited ids,
ratings typed by hand) and against the role and framework it is now read with.
"""

from __future__ import annotations

import datetime as dt
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from openpyxl import load_workbook
from openpyxl.worksheet.worksheet import Worksheet

from ictroles.assess.form import (
    COLUMNS,
    DATE_CELL,
    EVIDENCE_COL,
    FORMAT,
    FORMAT_VERSION,
    ID_COL,
    META_IDS_ROW,
    META_SHEET,
    NAME_CELL,
    RATING_COL,
    RATINGS_SHEET,
)
from ictroles.assess.model import (
    RATINGS,
    AssessedStatement,
    Rating,
    SelfAssessment,
    assessment_items,
    load_yaml_assessment,
    ratings_from_yaml,
)
from ictroles.core.errors import InvalidInputError, Problem
from ictroles.framework.competences import Framework
from ictroles.roles.resolve import ResolvedRole

_BY_WORD: dict[str, Rating] = {label.casefold(): key for key, label in RATINGS.items()}
_BY_WORD.update({key.replace("-", " "): key for key in RATINGS})  # "not yet", "could teach"
_CHOICES = ", ".join(RATINGS.values())
FORM_SUFFIXES = (".xlsx", ".xlsm")
YAML_SUFFIXES = (".yaml", ".yml")


@dataclass(frozen=True)
class FormRecord:
    """What a form's metadata sheet says it was made for."""

    role_title: str
    role_file: str
    school: str
    framework: str
    framework_version: str
    ids: tuple[str, ...]


def where(sheet: str, row: int, col: int | None = None, what: str | None = None) -> str:
    """A cell's location as a person finds it: sheet 'Self-assessment', row 12, column E (Rating)."""
    text = f"sheet '{sheet}', row {row}"
    if col is not None:
        text += f", column {'ABCDEFGHIJ'[col - 1]}"
    return text + (f" ({what})" if what else "")


def read_form(path: Path) -> tuple[SelfAssessment, FormRecord]:
    """The answers of a filled form and what it was made for; raises with every problem found."""
    path = Path(path)
    wb = _open(path)
    if META_SHEET not in wb.sheetnames or RATINGS_SHEET not in wb.sheetnames:
        raise _one(path, "", "was not made by `ictroles assess form` (it has no "
                   f"'{RATINGS_SHEET}' and '{META_SHEET}' sheets); make a form with `ictroles assess form ROLE.yaml`")
    meta_ws = wb[META_SHEET]
    meta = {str(r[0]): "" if r[1] is None else str(r[1])
            for r in meta_ws.iter_rows(min_row=1, max_row=META_IDS_ROW - 2, max_col=2, values_only=True)
            if r[0] is not None}
    if meta.get("format") != FORMAT or meta.get("format_version") != FORMAT_VERSION:
        raise _one(path, f"sheet '{META_SHEET}'", "is not a form this version of ictroles can read; "
                   "make a new one with `ictroles assess form`")
    first = int(meta.get("first_row") or 0)
    count = int(meta.get("statements") or 0)
    ids = tuple(str(r[0]) for r in meta_ws.iter_rows(min_row=META_IDS_ROW, max_row=META_IDS_ROW + count - 1,
                                                       max_col=1, values_only=True))
    record = FormRecord(meta.get("role_title", ""), meta.get("role_file", ""), meta.get("school", ""),
                        meta.get("framework", ""), meta.get("framework_version", ""), ids)
    ws = wb[RATINGS_SHEET]
    problems: list[Problem] = []

    def add(field: str, message: str) -> None:
        problems.append(Problem(path, None, field, message))

    name = _text(ws[NAME_CELL].value)
    if not name:
        add(f"sheet '{RATINGS_SHEET}', cell {NAME_CELL} (your name)", "is empty; type the person's name")
    day = _date(ws[DATE_CELL].value)
    if day is None:
        add(f"sheet '{RATINGS_SHEET}', cell {DATE_CELL} (date)",
            f"'{_text(ws[DATE_CELL].value)}' is not a date; type it as 14/03/2027" if _text(ws[DATE_CELL].value)
            else "is empty; type the date the form was filled in, e.g. 14/03/2027")
    _check_header(ws, first, add)
    found = _row_ids(ws, first)
    _check_rows(found, ids, first, add)
    ratings: dict[str, Rating] = {}
    evidence: dict[str, str] = {}
    for row, stid in found:
        if stid not in ids:
            continue
        raw = _text(ws.cell(row=row, column=RATING_COL).value)
        if raw:
            rating = _BY_WORD.get(" ".join(raw.casefold().split()))
            if rating is None:
                add(where(RATINGS_SHEET, row, RATING_COL, "Rating"),
                    f"'{raw}' is not one of the ratings; choose {_CHOICES} from the cell's list")
            else:
                ratings[stid] = rating
        note = _text(ws.cell(row=row, column=EVIDENCE_COL).value)
        if note:
            evidence[stid] = note
    if problems:
        raise InvalidInputError(problems)
    assessment = SelfAssessment(name, day, path, ratings, evidence, record.role_file or None, record.role_title,
                                frozenset(ids))
    return assessment, record


def check_form_matches(record: FormRecord, role: ResolvedRole, path: Path) -> None:
    """Refuse a form made for another role, another framework, or the role as it used to be."""
    problems = []
    fw = role.framework
    if (record.framework, record.framework_version) != (fw.name, fw.version or ""):
        problems.append(Problem(path, None, "", f"was made with {_framework(record.framework, record.framework_version)}, "
                                f"but the role is read with {_framework(fw.name, fw.version or '')}; make a new form "
                                "with `ictroles assess form` and fill it in again"))
    role_file = role.source.name if role.source else ""
    if record.role_title != role.title or (record.role_file and role_file and record.role_file != role_file):
        problems.append(Problem(path, None, "", f"was made for '{record.role_title}' ({record.role_file}), not "
                                f"'{role.title}' ({role_file}); give --role the role file the form was made for"))
    if not problems:
        expected = [item.id for item in assessment_items(role)]
        if list(record.ids) != expected:
            gone = [i for i in record.ids if i not in expected]
            new = [i for i in expected if i not in record.ids]
            detail = "; ".join(x for x in (
                f"the form asks about {_some(gone)} which the role no longer has" if gone else "",
                f"the role now has {_some(new)} which the form does not ask about" if new else "",
            ) if x) or "the statements are in another order"
            problems.append(Problem(path, None, "", f"'{role.title}' has changed since the form was made ({detail}); "
                                    "make a new form with `ictroles assess form`"))
    if problems:
        raise InvalidInputError(problems)


def load_assessment(path: Path, role: ResolvedRole, framework: Framework,
                    extra: tuple[AssessedStatement, ...] = ()) -> SelfAssessment:
    """A filled form or a YAML self-assessment, checked against the role it was made for."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix in FORM_SUFFIXES:
        assessment, record = read_form(path)
        check_form_matches(record, role, path)
        return assessment
    if suffix in YAML_SUFFIXES:
        data, smap = load_yaml_assessment(path, framework)
        return ratings_from_yaml(data, smap, path, role, extra)
    raise _one(path, "", "is neither a filled form (.xlsx) nor a YAML self-assessment (.yaml)")


def _open(path: Path) -> Any:
    if not path.exists():
        raise _one(path, "", "file not found")
    if path.is_dir():
        raise _one(path, "", "is a folder, not a self-assessment form")
    try:
        return load_workbook(path, data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError):
        raise _one(path, "", "cannot be read as an Excel workbook (.xlsx); save it from Excel or "
                   "LibreOffice as 'Excel 2007-365 (.xlsx)'") from None


def _check_header(ws: Worksheet, first: int, add: Any) -> None:
    for col, title in enumerate(COLUMNS, 1):
        got = _text(ws.cell(row=first - 1, column=col).value)
        if got != title:
            add(where(RATINGS_SHEET, first - 1, col), f"should be the heading '{title}' (found '{got}'); "
                "columns were moved or rows inserted above the statements")
            return


def _row_ids(ws: Worksheet, first: int) -> list[tuple[int, str]]:
    """(row, id) of every statement row, down to the last row with an id or a statement."""
    found = []
    for row in range(first, ws.max_row + 1):
        stid = _text(ws.cell(row=row, column=ID_COL).value)
        statement = _text(ws.cell(row=row, column=4).value)
        if stid or statement:
            found.append((row, stid))
    return found


def _check_rows(found: list[tuple[int, str]], ids: tuple[str, ...], first: int, add: Any) -> None:
    expected = set(ids)
    seen: dict[str, int] = {}
    for row, stid in found:
        at = where(RATINGS_SHEET, row, ID_COL, "Id")
        if not stid:
            add(at, "the hidden id is empty; it must not be edited (make a new form and copy the ratings in)")
        elif stid not in expected:
            add(at, f"'{stid}' is not a statement id this form was made with; the hidden id column must "
                "not be edited")
        elif stid in seen:
            add(at, f"'{stid}' is here and at row {seen[stid]}; a row was copied over another")
        else:
            seen[stid] = row
    missing = [stid for stid in ids if stid not in seen]
    for stid in missing:
        add(where(RATINGS_SHEET, first + ids.index(stid)),
            f"the row for '{stid}' is missing (it was row {first + ids.index(stid)} when the form was made); "
            "rows must not be deleted")
    if missing or len(seen) != len(found):
        return
    for row, stid in found:
        want = ids[row - first] if row - first < len(ids) else None
        if stid != want:
            add(where(RATINGS_SHEET, row, ID_COL, "Id"),
                f"holds '{stid}' where '{want}' belongs: the rows were reordered (sorted?); undo the sort, "
                "or make a new form and copy the ratings in")
            return  # one reordering moves many rows: the first is enough to say so


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def _date(value: Any) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = _text(value)
    for fmt in ("%d/%m/%Y", "%Y-%m-%d", "%d.%m.%Y", "%d-%m-%Y", "%d/%m/%y"):
        try:
            return dt.datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    return None


def _framework(name: str, version: str) -> str:
    return f"{name} version {version}" if version else name


def _some(ids: list[str]) -> str:
    shown = ", ".join(ids[:4])
    return shown + (f" and {len(ids) - 4} more" if len(ids) > 4 else "")


def _one(path: Path, field: str, message: str) -> InvalidInputError:
    return InvalidInputError([Problem(path, None, field, message)])
