"""Shared validation: records (``model.Model``) from located YAML, with errors as ``file:line: field``.

Also the text rules every user-supplied string obeys (no control characters, nothing that
cannot be stored in a Word or Excel file, bounded length).
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path
from typing import Annotated, Any, TypeVar, get_args

from ictroles.core.errors import InvalidInputError, Problem
from ictroles.core.model import After, Before, FieldError, Invalid, Model
from ictroles.core.yamlio import SourceMap, dotted, load_yaml

# Characters XML 1.0 (and so .docx/.xlsx) cannot hold, plus C0/C1 controls other than
# tab and newline, plus bidi overrides that can disguise text (isolates are allowed).
_BAD_CHARS = re.compile(
    "[\x00-\x08\x0b\x0c\x0d\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff\u202a-\u202e]"
)

M = TypeVar("M", bound=Model)


# Characters that show nothing on their own: zero-width spaces and joiners, word joiner,
# direction marks, Hangul fillers, braille blank. Text made only of these (and of combining
# marks with nothing to combine with) would print as a blank title or duty.
_INVISIBLE = set("\u115f\u1160\u17b4\u17b5\u180e\u2800\u3164\uffa0\ufeff")


def _invisible(ch: str) -> bool:
    return ch.isspace() or ch in _INVISIBLE or unicodedata.category(ch) in ("Cf", "Mn", "Me")


def check_text(value: str, *, max_len: int, multiline: bool) -> str:
    """Reject control characters and over-long text; normalise to NFC and trim."""
    bad = list(_BAD_CHARS.finditer(value))
    if len(bad) == 1:
        raise ValueError(
            f"contains the control character U+{ord(bad[0].group()):04X} at position {bad[0].start() + 1}; "
            "remove it (it cannot appear in a Word or Excel document)"
        )
    if bad:
        where = ", ".join(f"U+{ord(m.group()):04X} at position {m.start() + 1}" for m in bad[:10])
        more = f" and {len(bad) - 10} more" if len(bad) > 10 else ""
        raise ValueError(f"contains {len(bad)} control characters: {where}{more}; remove them "
                         "(they cannot appear in a Word or Excel document)")
    if not multiline and "\n" in value.strip():
        raise ValueError("must be a single line")
    value = unicodedata.normalize("NFC", value).strip()
    if not value:
        # A quoted "" or "  " would otherwise become an empty duty or heading in a document.
        raise ValueError("is empty; write the text or leave the field out")
    if all(_invisible(ch) for ch in value):
        raise ValueError("is blank: it holds only invisible characters (such as zero-width "
                         "spaces or direction marks); write the text or leave the field out")
    if len(value) > max_len:
        raise ValueError(f"is {len(value)} characters long; at most {max_len} are allowed")
    return value


def _text(max_len: int, multiline: bool = False) -> Any:
    return After(lambda v: check_text(v, max_len=max_len, multiline=multiline))


def _scalar_to_str(value: Any) -> Any:
    """Numbers written unquoted in hand-made data become their text (``1`` -> ``"1"``)."""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return str(value)
    return value


Line = Annotated[str, Before(_scalar_to_str), _text(200)]
Sentence = Annotated[str, Before(_scalar_to_str), _text(1000)]
Paragraph = Annotated[str, Before(_scalar_to_str), _text(5000, multiline=True)]
Label = Annotated[str, Before(_scalar_to_str), _text(20)]


def field_names(model: type[Model]) -> set[str]:
    """Every field name of ``model`` and of the records nested in it (for typo hints)."""
    names: set[str] = set()
    todo: list[Any] = [model]
    seen: set[Any] = set()
    while todo:
        tp = todo.pop()
        if tp in seen:
            continue
        seen.add(tp)
        if isinstance(tp, type) and issubclass(tp, Model):
            types = tp.field_types()
            names.update(types)
            todo.extend(types.values())
        else:
            todo.extend(get_args(tp))
    return names


def fields_at(model: type[Model], loc: tuple[str | int, ...]) -> set[str] | None:
    """The field names of the record found at ``loc`` inside ``model`` (None if there is none).

    ``("person_spec", "criteria", "x")`` leads through ``PersonSpec.criteria`` (a mapping) to a
    ``CriterionOverride``: a misspelt key there is compared with that record's fields only.
    """
    tp: Any = model
    for key in loc:
        record = _record_in(tp)
        if record is not None:
            types = record.field_types()
            if not isinstance(key, str) or key not in types:
                return None
            tp = types[key]
            continue
        args = [a for a in get_args(_unannotated(tp)) if a is not type(None)]
        if not args:
            return None
        tp = args[-1]  # a list's item type, a dict's value type
    record = _record_in(tp)
    return set(record.field_types()) if record is not None else None


def _unannotated(tp: Any) -> Any:
    while getattr(tp, "__metadata__", None) is not None:
        tp = get_args(tp)[0]
    return tp


def _record_in(tp: Any) -> type[Model] | None:
    """The record class ``tp`` stands for (through Annotated and Optional), if any."""
    tp = _unannotated(tp)
    if isinstance(tp, type) and issubclass(tp, Model):
        return tp
    options = [a for a in get_args(tp) if a is not type(None)]
    if len(options) == 1:
        return _record_in(options[0])
    return None


def unknown_field_hint(model: type[Model], loc: tuple[str | int, ...]) -> str:
    """``; did you mean 'text'?`` for a misspelt field, never the refused word itself."""
    import difflib  # only when a field is misspelt

    word = str(loc[-1])
    here = fields_at(model, loc[:-1])
    names = sorted((here if here is not None else field_names(model)) - {word})
    close = difflib.get_close_matches(word, names, n=1)
    if close:
        return f"; did you mean '{close[0]}'?"
    if here and len(here) <= 8:
        return f"; the fields here are {', '.join(sorted(here))}"
    return ""


def problems_from(
    errors: list[FieldError], smap: SourceMap, file: Path | None, model: type[Model] | None = None
) -> list[Problem]:
    """Turn a record's validation errors into located problems."""
    out = []
    for err in errors:
        src, line = smap.locate(err.loc)
        message = err.message
        if err.kind == "unknown" and model is not None and err.loc:
            message += unknown_field_hint(model, err.loc)
        out.append(Problem(src or file, line, dotted(err.loc), message))
    return out


class ProblemList(list[Problem]):
    """Problems found in one file, each located through the file's source map.

    ``add(("skills", "x", "level"), "unknown level 'E'")`` records the problem at the line the
    field (or its nearest written parent) is on; raise ``InvalidInputError(problems)`` once
    every check has run, so a user sees them all at once.
    """

    def __init__(self, smap: SourceMap, path: Path | None):
        super().__init__()
        self.smap = smap
        self.path = path

    def add(self, loc: tuple[str | int, ...], message: str) -> None:
        """Record ``message`` against the field at ``loc``."""
        src, line = self.smap.locate(loc)
        self.append(Problem(src or self.path, line, dotted(loc), message))


def validate_data(model: type[M], data: Any, smap: SourceMap, file: Path | None, what: str) -> M:
    """Validate loaded data against ``model``; raise every problem at once."""
    if not isinstance(data, dict):
        kind = "a list" if isinstance(data, list) else "a single value"
        raise InvalidInputError(
            [Problem(file, 1, "", f"a {what} must be a mapping of fields, not {kind}")]
        )
    unknown = [key for key in data if key not in model._fields]
    if len(unknown) >= 5 and len(unknown) > len(data) - len(unknown):
        # Another kind of file given by mistake: one line, not every key it holds.
        fields = ", ".join(name for name in model._fields)
        raise InvalidInputError([Problem(file, 1, "", (
            f"does not look like a {what}: {len(unknown)} of its {len(data)} top-level fields "
            f"are not {what} fields (a {what} has {fields}); check the file named")[:400])])
    try:
        return model.validate(data)
    except Invalid as exc:
        raise InvalidInputError(problems_from(exc.errors, smap, file, model)) from None


def load_model(model: type[M], path: Path, what: str) -> tuple[M, SourceMap]:
    """Load a YAML file strictly and validate it against ``model``."""
    data, smap = load_yaml(path, what)
    return validate_data(model, data, smap, path, what), smap
