"""Shared validation: pydantic models from located YAML, with errors as ``file:line: field``.

Also the text rules every user-supplied string obeys (no control characters, nothing that
cannot be stored in a Word or Excel file, bounded length).
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from pathlib import Path
from typing import Annotated, Any, TypeVar, get_args

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    ValidationError,
)

from .errors import InvalidInputError, Problem
from .yamlio import SourceMap, dotted, load_yaml

# Characters XML 1.0 (and so .docx/.xlsx) cannot hold, plus C0/C1 controls other than
# tab and newline, plus bidi overrides that can disguise text (isolates are allowed).
_BAD_CHARS = re.compile(
    "[\x00-\x08\x0b\x0c\x0d\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff\u202a-\u202e]"
)

M = TypeVar("M", bound=BaseModel)


def check_text(value: str, *, max_len: int, multiline: bool) -> str:
    """Reject control characters and over-long text; normalise to NFC and trim."""
    bad = _BAD_CHARS.search(value)
    if bad:
        code = f"U+{ord(bad.group()):04X}"
        raise ValueError(
            f"contains the control character {code} at position {bad.start() + 1}; "
            "remove it (it cannot appear in a Word or Excel document)"
        )
    if not multiline and "\n" in value.strip():
        raise ValueError("must be a single line")
    value = unicodedata.normalize("NFC", value).strip()
    if not value:
        # A quoted "" or "  " would otherwise become an empty duty or heading in a document.
        raise ValueError("is empty; write the text or leave the field out")
    if len(value) > max_len:
        raise ValueError(f"is {len(value)} characters long; at most {max_len} are allowed")
    return value


def _text(max_len: int, multiline: bool = False) -> Any:
    return AfterValidator(lambda v: check_text(v, max_len=max_len, multiline=multiline))


def _scalar_to_str(value: Any) -> Any:
    """Numbers written unquoted in hand-made data become their text (``1`` -> ``"1"``)."""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return str(value)
    return value


Line = Annotated[str, BeforeValidator(_scalar_to_str), _text(200)]
Sentence = Annotated[str, BeforeValidator(_scalar_to_str), _text(1000)]
Paragraph = Annotated[str, BeforeValidator(_scalar_to_str), _text(5000, multiline=True)]
Label = Annotated[str, BeforeValidator(_scalar_to_str), _text(20)]


class StrictModel(BaseModel):
    """Base of every file-backed model: unknown fields are errors (catches typos)."""

    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)


_MESSAGES = {
    "extra_forbidden": "unknown field",
    "missing": "required field is missing",
}


# pydantic's wording, rewritten for people who do not write code.
_PLAIN = {
    "float_parsing": "should be a number, e.g. 37 or 26409",
    "float_type": "should be a number, e.g. 37 or 26409",
    "int_parsing": "should be a whole number",
    "bool_parsing": "should be yes or no",
    "bool_type": "should be yes or no",
    "dict_type": "should be a set of 'name: value' lines indented under it",
    "model_type": "should be a set of 'name: value' lines indented under it",
    "model_attributes_type": "should be a set of 'name: value' lines indented under it",
    "list_type": "should be a list: one '- item' line per item, or [a, b]",
    "string_type": "should be text",
    "date_type": "should be a date written as YYYY-MM-DD, e.g. 2027-03-14",
}


def _message(err: dict[str, Any]) -> str:
    kind = err["type"]
    if kind in _MESSAGES:
        return _MESSAGES[kind]
    ctx = err.get("ctx") or {}
    if kind in ("less_than_equal", "less_than") and ("le" in ctx or "lt" in ctx):
        return f"must be at most {ctx.get('le', ctx.get('lt'))} (got {err.get('input')})"
    if kind in ("greater_than", "greater_than_equal"):
        return f"must be more than {ctx.get('gt', ctx.get('ge'))} (got {err.get('input')})"
    msg = _PLAIN.get(kind, err["msg"])
    if kind == "value_error":
        msg = msg.removeprefix("Value error, ")
    got = err.get("input")
    if kind.endswith("_type") or kind.endswith("_parsing") or kind in ("enum", "literal_error"):
        if isinstance(got, (str, int, float)) and not isinstance(got, bool):
            shown = str(got)
            if len(shown) > 40:
                shown = shown[:37] + "..."
            msg += f" (got '{shown}')"
        elif isinstance(got, (dict, list)):
            msg += f" (got a {'mapping' if isinstance(got, dict) else 'list'})"
    return msg


def field_names(model: type[BaseModel]) -> set[str]:
    """Every field name of ``model`` and of the models nested in it (for typo hints)."""
    names: set[str] = set()
    todo: list[Any] = [model]
    seen: set[Any] = set()
    while todo:
        tp = todo.pop()
        if tp in seen:
            continue
        seen.add(tp)
        if isinstance(tp, type) and issubclass(tp, BaseModel):
            names.update(tp.model_fields)
            todo.extend(f.annotation for f in tp.model_fields.values())
        else:
            todo.extend(get_args(tp))
    return names


def problems_from(
    exc: ValidationError, smap: SourceMap, file: Path | None, model: type[BaseModel] | None = None
) -> list[Problem]:
    """Turn pydantic's errors into located problems."""
    out = []
    for err in exc.errors():
        loc = tuple(part for part in err["loc"] if not str(part).startswith("function-"))
        src, line = smap.locate(loc)
        message = _message(err)
        if err["type"] == "extra_forbidden" and model is not None and loc:
            close = difflib.get_close_matches(str(loc[-1]), sorted(field_names(model)), n=1)
            if close:
                message += f"; did you mean '{close[0]}'?"
        out.append(Problem(src or file, line, dotted(loc), message))
    return out


def validate_data(model: type[M], data: Any, smap: SourceMap, file: Path | None, what: str) -> M:
    """Validate loaded data against ``model``; raise every problem at once."""
    if not isinstance(data, dict):
        kind = "a list" if isinstance(data, list) else "a single value"
        raise InvalidInputError(
            [Problem(file, 1, "", f"a {what} must be a mapping of fields, not {kind}")]
        )
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        raise InvalidInputError(problems_from(exc, smap, file, model)) from None


def load_model(model: type[M], path: Path, what: str) -> tuple[M, SourceMap]:
    """Load a YAML file strictly and validate it against ``model``."""
    data, smap = load_yaml(path, what)
    return validate_data(model, data, smap, path, what), smap
