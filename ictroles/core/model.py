"""Typed, frozen records for what ictroles reads from files, with every problem found at once.

Every file ictroles reads (framework, schemes, role files, grades, needs, wording) is
declared as a ``Model`` subclass with annotated fields, much as with pydantic::

    class Salary(Model):
        fte: Annotated[float, Range(gt=0, le=1_000_000)] | None = None
        scale: Line | None = None

``Salary.validate(data)`` checks loaded data against the annotations and returns the record,
or raises ``Invalid`` listing every problem as (field path, message) in plain English.
Building a record in code (``Salary(fte="26409")``) runs the same checks, so no record ever
holds a value its annotations do not allow.

The rule for records: what a file holds is a ``Model``; values the code builds from them
(resolved roles, statements, problems, build results) are frozen dataclasses.

The feature set is frozen at what the files use (text, numbers, yes/no, dates, choices,
lists, mappings, nested records, ``Before``/``After`` functions, ``Range``, ``MinItems``).
If it ever has to grow, move to pydantic v2 instead of extending this module.
"""

from __future__ import annotations

import copy
import datetime as dt
import enum
import math
import re
import types
import typing
from collections.abc import Callable
from typing import Annotated, Any, ClassVar, Literal, Union, get_args, get_origin

_MISSING: Any = object()
_FAIL: Any = object()

Path_ = tuple[str | int, ...]
Check = Callable[[Any, Path_, list["FieldError"]], Any]

MAPPING_EXPECTED = "should be a set of 'name: value' lines indented under it"
LIST_EXPECTED = "should be a list: one '- item' line per item, or [a, b]"
NUMBER_EXPECTED = "should be a number, e.g. 37 or 26409"


class FieldError(typing.NamedTuple):
    """One problem: where (field path), what kind, and the plain-English message."""

    loc: Path_
    kind: str  # "missing", "unknown", "type" or "value"
    message: str


class Invalid(ValueError):
    """Data that does not fit a model; ``errors`` holds every problem found."""

    def __init__(self, errors: list[FieldError]):
        super().__init__("; ".join(f"{'.'.join(map(str, e.loc))}: {e.message}" for e in errors))
        self.errors = errors


# ------------------------------------------------------------------ annotation metadata

class Before:
    """Run ``fn`` on the raw value before the type check; ValueError is the message."""

    def __init__(self, fn: Callable[[Any], Any]):
        self.fn = fn


class After:
    """Run ``fn`` on the checked value; it may return a new value; ValueError is the message."""

    def __init__(self, fn: Callable[[Any], Any]):
        self.fn = fn


class Range:
    """Numeric bounds: greater than ``gt`` (or at least ``ge``), at most ``le``."""

    def __init__(self, *, gt: float | None = None, ge: float | None = None, le: float | None = None):
        self.gt, self.ge, self.le = gt, ge, le

    def message(self, value: float, raw: Any) -> str | None:
        if self.gt is not None and not value > self.gt:
            return f"must be more than {_number(self.gt)} (got {_shown(raw)})"
        if self.ge is not None and not value >= self.ge:
            return f"must be at least {_number(self.ge)} (got {_shown(raw)})"
        if self.le is not None and not value <= self.le:
            return f"must be at most {_number(self.le)} (got {_shown(raw)})"
        return None


def _number(value: float) -> str:
    """A limit as people write it: 60, 52.143, 1,000,000 (never 1e+06)."""
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,}"


class MinItems:
    """A list that must hold at least ``n`` items."""

    def __init__(self, n: int):
        self.n = n


# ------------------------------------------------------------------ the record base class

class Model:
    """A frozen record; ``validate`` builds one from loaded data, unknown fields are errors.

    Construct directly with fields in order or by name (checked the same way); list and dict
    defaults are copied.
    """

    _fields: ClassVar[dict[str, Any]] = {}  # field name -> default (or _MISSING)
    _checker: ClassVar[Check | None] = None

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        fields = dict(cls._fields)
        # Every annotated public name is a field; names starting with "_" are the base's own.
        for name in cls.__dict__.get("__annotations__", {}):
            if not name.startswith("_"):
                fields[name] = cls.__dict__.get(name, _MISSING)
        cls._fields = fields
        cls._checker = None

    def __init__(self, *args: Any, **values: Any):
        """Build a record from field values, checked exactly as ``validate`` checks a file's.

        A wrong value raises ``Invalid``; a missing or unknown field is a programming error
        (TypeError). A record is never left holding what its annotations do not allow.
        """
        fields = self._fields
        if args:
            if len(args) > len(fields):
                raise TypeError(f"{type(self).__name__}() takes at most {len(fields)} values")
            values.update(zip(fields, args))
        for name in values:
            if name not in fields:
                raise TypeError(f"{type(self).__name__}() has no field {name}")
        for name, default in fields.items():
            if name not in values and default is _MISSING:
                raise TypeError(f"{type(self).__name__}() needs {name}")
        errors: list[FieldError] = []
        record = _checker_for(type(self))(values, (), errors)
        if errors or record is _FAIL:
            raise Invalid(errors)
        self.__dict__.update(record.__dict__)

    def __setattr__(self, name: str, value: Any) -> None:
        raise AttributeError(f"{type(self).__name__} is read-only")

    def __eq__(self, other: object) -> bool:
        return type(other) is type(self) and all(
            getattr(self, n) == getattr(other, n) for n in self._fields
        )

    def __hash__(self) -> int:
        return hash(tuple(getattr(self, n) for n in self._fields))

    def __repr__(self) -> str:
        parts = ", ".join(f"{n}={getattr(self, n)!r}" for n in self._fields)
        return f"{type(self).__name__}({parts})"

    @classmethod
    def validate(cls, data: Any) -> typing.Self:
        """The record ``data`` describes; raises ``Invalid`` with every problem."""
        errors: list[FieldError] = []
        result = _checker_for(cls)(data, (), errors)
        if errors or result is _FAIL:
            raise Invalid(errors)
        return result

    @classmethod
    def field_types(cls) -> dict[str, Any]:
        """Each field's annotation, resolved in the module that declares it."""
        hints = typing.get_type_hints(cls, include_extras=True)
        return {name: hints[name] for name in cls._fields}

    @classmethod
    def check_field(cls, name: str, value: Any) -> Any:
        """One field's value converted and checked by the field's own rule; raises ``Invalid``.

        For forms and prompts that ask for one field at a time: the same rule, and the same
        message, as when the field is read from a file.
        """
        errors: list[FieldError] = []
        result = _compile(cls.field_types()[name])(value, (name,), errors)
        if errors or result is _FAIL:
            raise Invalid(errors)
        return result

    def replace(self, **changes: Any) -> typing.Self:
        """A copy with some fields changed (checked like any new record)."""
        values = {n: getattr(self, n) for n in self._fields}
        values.update(changes)
        return type(self)(**values)

    def dump(self, *, exclude_defaults: bool = False, exclude: set[str] | frozenset[str] = frozenset()) -> dict[str, Any]:
        """Plain data (text, numbers, lists, mappings) as a file would hold it."""
        out = {}
        for name, default in self._fields.items():
            if name in exclude:
                continue
            value = getattr(self, name)
            if exclude_defaults and default is not _MISSING and value == default:
                continue
            out[name] = _plain(value, exclude_defaults)
        return out

    def check(self) -> None:
        """Checks across fields, run once the fields are valid; raise ValueError to fail."""


def _fresh(default: Any) -> Any:
    return copy.copy(default) if isinstance(default, (list, dict, set)) else default


def _plain(value: Any, exclude_defaults: bool) -> Any:
    if isinstance(value, Model):
        return value.dump(exclude_defaults=exclude_defaults)
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, dict):
        return {k: _plain(v, exclude_defaults) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v, exclude_defaults) for v in value]
    return value


# ------------------------------------------------------------------ checking values

def _shown(value: Any) -> str:
    text = str(value)
    return text if len(text) <= 40 else text[:37] + "..."


def _got(value: Any) -> str:
    if isinstance(value, bool) or value is None:
        return ""
    if isinstance(value, (str, int, float)):
        return f" (got '{_shown(value)}')"
    if isinstance(value, dict):
        return " (got a mapping)"
    if isinstance(value, (list, tuple)):
        return " (got a list)"
    return ""


def _choices(values: list[Any]) -> str:
    quoted = [f"'{v}'" for v in values]
    return quoted[0] if len(quoted) == 1 else ", ".join(quoted[:-1]) + " or " + quoted[-1]


def _checker_for(cls: type[Model]) -> Check:
    checker = cls.__dict__.get("_checker")
    if checker is None:
        checker = _model_checker(cls)
        cls._checker = checker
    return checker


def _model_checker(cls: type[Model]) -> Check:
    plans: dict[str, tuple[Check, Any]] = {}
    types_ = cls.field_types()

    def check(value: Any, loc: Path_, errors: list[FieldError]) -> Any:
        if isinstance(value, cls):
            return value
        if not isinstance(value, dict):
            errors.append(FieldError(loc, "type", MAPPING_EXPECTED + _got(value)))
            return _FAIL
        if not plans:  # built on first use, so records may refer to each other
            for name, default in cls._fields.items():
                plans[name] = (_compile(types_[name]), default)
        ok = True
        out: dict[str, Any] = {}
        for name, (plan, default) in plans.items():
            if name in value:
                result = plan(value[name], loc + (name,), errors)
                if result is _FAIL:
                    ok = False
                else:
                    out[name] = result
            elif default is _MISSING:
                errors.append(FieldError(loc + (name,), "missing", "required field is missing"))
                ok = False
            else:
                out[name] = _fresh(default)
        for key in value:
            if key not in plans:
                errors.append(FieldError(loc + (key,), "unknown", "unknown field"))
                ok = False
        if not ok:
            return _FAIL
        record = cls.__new__(cls)
        record.__dict__.update(out)
        try:
            record.check()
        except ValueError as exc:
            errors.append(FieldError(loc, "value", str(exc)))
            return _FAIL
        return record

    return check


def _compile(tp: Any) -> Check:
    """A function that checks (and converts) one value against the annotation ``tp``."""
    origin = get_origin(tp)
    if origin is Annotated:
        return _annotated(tp)
    if origin in (Union, types.UnionType):
        args = [a for a in get_args(tp) if a is not type(None)]
        if len(args) != 1:
            raise TypeError(f"only 'X | None' unions are supported, not {tp}")
        inner = _compile(args[0])
        return lambda v, loc, errors: None if v is None else inner(v, loc, errors)
    if origin is Literal:
        return _literal(list(get_args(tp)))
    if origin is list:
        return _list(_compile(get_args(tp)[0]))
    if origin is dict:
        key_tp, value_tp = get_args(tp)
        return _dict(_compile(key_tp), _compile(value_tp))
    if isinstance(tp, type):
        if issubclass(tp, Model):
            return lambda v, loc, errors: _checker_for(tp)(v, loc, errors)
        if issubclass(tp, enum.Enum):
            return _enum(tp)
        simple = _SIMPLE.get(tp)
        if simple is not None:
            return _simple(*simple)
    if tp is Any:
        return lambda v, loc, errors: v
    raise TypeError(f"unsupported annotation {tp!r}")


def _annotated(tp: Any) -> Check:
    inner_tp, *meta = get_args(tp)
    inner = _compile(inner_tp)
    befores = [m.fn for m in meta if isinstance(m, Before)]
    afters = [m.fn for m in meta if isinstance(m, After)]
    ranges = [m for m in meta if isinstance(m, Range)]
    min_items = [m.n for m in meta if isinstance(m, MinItems)]

    def check(value: Any, loc: Path_, errors: list[FieldError]) -> Any:
        raw = value
        value = _apply(befores, value, loc, errors)
        if value is _FAIL:
            return _FAIL
        value = inner(value, loc, errors)
        if value is _FAIL:
            return _FAIL
        for r in ranges:
            message = r.message(value, raw)
            if message:
                errors.append(FieldError(loc, "value", message))
                return _FAIL
        for n in min_items:
            if len(value) < n:
                errors.append(FieldError(loc, "value", f"must have at least {n} item{'s' if n > 1 else ''}"))
                return _FAIL
        return _apply(afters, value, loc, errors)

    return check


def _apply(functions: list[Callable[[Any], Any]], value: Any, loc: Path_, errors: list[FieldError]) -> Any:
    """Run ``Before``/``After`` functions in turn; a ValueError becomes the field's message."""
    try:
        for fn in functions:
            value = fn(value)
    except ValueError as exc:
        errors.append(FieldError(loc, "value", str(exc)))
        return _FAIL
    return value


def _list(item: Check) -> Check:
    def check(value: Any, loc: Path_, errors: list[FieldError]) -> Any:
        if not isinstance(value, (list, tuple)):
            errors.append(FieldError(loc, "type", LIST_EXPECTED + _got(value)))
            return _FAIL
        out = [item(v, loc + (i,), errors) for i, v in enumerate(value)]
        return _FAIL if any(v is _FAIL for v in out) else out

    return check


def _dict(key: Check, item: Check) -> Check:
    def check(value: Any, loc: Path_, errors: list[FieldError]) -> Any:
        if not isinstance(value, dict):
            errors.append(FieldError(loc, "type", MAPPING_EXPECTED + _got(value)))
            return _FAIL
        out = {}
        ok = True
        for k, v in value.items():
            checked_key = key(k, loc + (k,), errors)
            checked = item(v, loc + (k,), errors)
            if checked_key is _FAIL or checked is _FAIL:
                ok = False
            else:
                out[checked_key] = checked
        return out if ok else _FAIL

    return check


def _literal(allowed: list[Any]) -> Check:
    message = f"should be {_choices(allowed)}"

    def check(value: Any, loc: Path_, errors: list[FieldError]) -> Any:
        if isinstance(value, str) and value in allowed:
            return value
        errors.append(FieldError(loc, "type", message + _got(value)))
        return _FAIL

    return check


def _enum(tp: type[enum.Enum]) -> Check:
    message = f"should be {_choices([m.value for m in tp])}"

    def check(value: Any, loc: Path_, errors: list[FieldError]) -> Any:
        try:
            return tp(value)
        except ValueError:
            errors.append(FieldError(loc, "type", message + _got(value)))
            return _FAIL

    return check


def _to_str(value: Any) -> Any:
    return value if isinstance(value, str) else _FAIL


def _to_float(value: Any) -> Any:
    if isinstance(value, bool):
        return _FAIL
    if isinstance(value, str):
        if not value.isascii():  # float() reads any script's digits; files use 0-9
            return _FAIL
        try:
            value = float(value.strip())
        except ValueError:
            return _FAIL
    if isinstance(value, (int, float)) and math.isfinite(value):
        return float(value)
    return _FAIL


def to_number(value: Any) -> float | None:
    """A finite number from a number or from its digits (0-9) as text; None when it is not one."""
    result = _to_float(value)
    return None if result is _FAIL else result


def _to_int(value: Any) -> Any:
    if isinstance(value, bool):
        return _FAIL
    if isinstance(value, int):
        return value
    number = _to_float(value)  # "3" and "3.0" are both 3
    if number is not _FAIL and number.is_integer():
        return int(number)
    return _FAIL


_TRUE = {"yes", "y", "true", "t", "on", "1"}
_FALSE = {"no", "n", "false", "f", "off", "0"}


def _to_bool(value: Any) -> Any:
    if isinstance(value, bool):
        return value
    if isinstance(value, int) and value in (0, 1):
        return bool(value)
    if isinstance(value, str):
        word = value.strip().lower()
        if word in _TRUE:
            return True
        if word in _FALSE:
            return False
    return _FAIL


_YYYY_MM_DD = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def parse_date(text: str) -> dt.date:
    """A date written as YYYY-MM-DD only; raises ValueError.

    ``date.fromisoformat`` also takes ``20270514`` and week dates such as ``2027-W20-1``,
    which people do not mean as dates in a role file.
    """
    text = text.strip()
    if not _YYYY_MM_DD.fullmatch(text):
        raise ValueError(f"{text!r} is not YYYY-MM-DD")
    return dt.date.fromisoformat(text)


def _to_date(value: Any) -> Any:
    if isinstance(value, dt.datetime):
        return _FAIL
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return parse_date(value)
        except ValueError:
            return _FAIL
    return _FAIL


_SIMPLE: dict[type, tuple[Callable[[Any], Any], str]] = {
    str: (_to_str, "should be text"),
    float: (_to_float, NUMBER_EXPECTED),
    int: (_to_int, "should be a whole number"),
    bool: (_to_bool, "should be yes or no"),
    dt.date: (_to_date, "should be a date written as YYYY-MM-DD, e.g. 2027-03-14"),
}


def _simple(convert: Callable[[Any], Any], message: str) -> Check:
    def check(value: Any, loc: Path_, errors: list[FieldError]) -> Any:
        result = convert(value)
        if result is _FAIL:
            errors.append(FieldError(loc, "type", message + _got(value)))
        return result

    return check
