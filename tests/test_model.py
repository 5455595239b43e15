"""ictroles.core.model: records validated from loaded data, every problem reported at once."""

from __future__ import annotations

import datetime as dt
import enum
from typing import Annotated, Literal

import pytest

from ictroles.core.model import After, Before, Invalid, MinItems, Model, Range


class Colour(enum.StrEnum):
    red = "red"
    dark_blue = "dark-blue"


def _upper(value):
    return value.upper() if isinstance(value, str) else value


def _no_x(value: str) -> str:
    if "x" in value:
        raise ValueError("must not contain x")
    return value


class Inner(Model):
    name: str
    tags: list[str] = []


class Point(Model):
    x: int
    label: str = ""


class Outer(Model):
    title: Annotated[str, After(_no_x)]
    hours: Annotated[float, Range(gt=0, le=60)] | None = None
    count: Annotated[int, Range(ge=1, le=10)] = 3
    ok: bool = False
    when: dt.date | None = None
    grade: Annotated[Literal["A", "B"], Before(_upper)] = "A"
    colour: Colour | None = None
    inner: Inner | None = None
    items: Annotated[list[Inner], MinItems(1)] = [Inner(name="first")]
    by_key: dict[str, Inner] = {}

    def check(self) -> None:
        if self.hours is not None and self.hours > 40 and self.ok:
            raise ValueError("hours over 40 cannot be ok")


def errors_of(data) -> list[tuple[tuple, str]]:
    with pytest.raises(Invalid) as info:
        Outer.validate(data)
    return [(e.loc, e.message) for e in info.value.errors]


def test_valid_data_is_converted_to_typed_values():
    rec = Outer.validate({
        "title": "Technician", "hours": "37.5", "count": "4", "ok": "Yes", "when": "2027-03-14",
        "grade": "b", "colour": "dark-blue", "inner": {"name": "n", "tags": ["a"]},
        "by_key": {"k": {"name": "v"}},
    })
    assert (rec.hours, rec.count, rec.ok, rec.when, rec.grade) == (37.5, 4, True, dt.date(2027, 3, 14), "B")
    assert rec.colour is Colour.dark_blue
    assert rec.inner == Inner(name="n", tags=["a"])
    assert rec.by_key["k"].name == "v"
    assert rec.items == [Inner(name="first")]


def test_every_problem_is_reported_with_its_path():
    found = errors_of({
        "hours": "lots", "count": "11", "ok": "maybe", "when": "14/03/2027", "grade": "c",
        "colour": "green", "inner": ["x"], "items": [], "by_key": {"k": {"nme": "v"}}, "extra": 1,
    })
    assert found == [
        (("title",), "required field is missing"),
        (("hours",), "should be a number, e.g. 37 or 26409 (got 'lots')"),
        (("count",), "must be at most 10 (got 11)"),
        (("ok",), "should be yes or no (got 'maybe')"),
        (("when",), "should be a date written as YYYY-MM-DD, e.g. 2027-03-14 (got '14/03/2027')"),
        (("grade",), "should be 'A' or 'B' (got 'C')"),
        (("colour",), "should be 'red' or 'dark-blue' (got 'green')"),
        (("inner",), "should be a set of 'name: value' lines indented under it (got a list)"),
        (("items",), "must have at least 1 item"),
        (("by_key", "k", "name"), "required field is missing"),
        (("by_key", "k", "nme"), "unknown field"),
        (("extra",), "unknown field"),
    ]


def test_whole_numbers_may_be_written_with_a_point_zero():
    assert Outer.validate({"title": "t", "count": "4.0"}).count == 4
    assert errors_of({"title": "t", "count": "4.5"}) == [(("count",), "should be a whole number (got '4.5')")]


def test_limits_are_written_as_people_write_numbers():
    class Pay(Model):
        fte: Annotated[float, Range(gt=0, le=1_000_000)]

    with pytest.raises(Invalid) as info:
        Pay.validate({"fte": "2000000"})
    assert info.value.errors[0].message == "must be at most 1,000,000 (got 2000000)"


@pytest.mark.parametrize("value", ["nan", "inf", "-inf", "1e400", "\uff13\uff17", "\u0663\u0667", True, [1]])
def test_numbers_must_be_finite_numbers(value):
    assert errors_of({"title": "t", "hours": value})[0][1].startswith("should be a number")


def test_value_errors_from_validators_become_messages():
    assert errors_of({"title": "taxi"}) == [(("title",), "must not contain x")]


def test_cross_field_check_runs_once_fields_are_valid():
    assert errors_of({"title": "t", "hours": 50, "ok": True}) == [((), "hours over 40 cannot be ok")]
    assert Outer.validate({"title": "t", "hours": 50}).hours == 50.0


def test_records_are_frozen_compared_by_value_and_copied_with_replace():
    a = Inner(name="n")
    with pytest.raises(AttributeError):
        a.name = "m"  # type: ignore[misc]
    assert a == Inner("n", []) and a != Inner("m")
    assert hash(Point(1, "a")) == hash(Point(x=1, label="a"))  # hashable when its values are
    assert len({Point(1), Point(1), Point(2)}) == 2
    b = a.replace(name="m")
    assert (a.name, b.name) == ("n", "m")
    assert Inner(name="n").tags is not Inner(name="n").tags  # list defaults are not shared


def test_dump_gives_plain_data_and_can_leave_out_defaults():
    rec = Outer.validate({"title": "t", "when": "2027-03-14", "colour": "red", "inner": {"name": "n"}})
    assert rec.dump(exclude_defaults=True) == {
        "title": "t", "when": "2027-03-14", "colour": "red", "inner": {"name": "n"},
    }
    assert rec.dump()["items"] == [{"name": "first", "tags": []}]
    assert "title" not in rec.dump(exclude={"title"})


def test_constructing_without_a_required_field_is_a_programming_error():
    with pytest.raises(TypeError):
        Inner()
    with pytest.raises(TypeError):
        Inner(name="n", colour="red")


def test_construction_checks_values_as_validate_does():
    # A record built in code converts and checks its values exactly as one read from a file.
    rec = Outer(title="t", colour="dark-blue", when="2027-03-14", hours="37.5")
    assert rec.colour is Colour.dark_blue and rec.when == dt.date(2027, 3, 14) and rec.hours == 37.5
    with pytest.raises(Invalid) as info:
        Outer(title="tax", colour="green", count=0)
    messages = {e.loc: e.message for e in info.value.errors}
    assert messages[("title",)] == "must not contain x"
    assert messages[("colour",)].startswith("should be 'red' or 'dark-blue'")
    assert messages[("count",)].startswith("must be at least 1")
    with pytest.raises(Invalid):
        Inner(name="n").replace(tags="not a list")


def test_a_role_spec_built_in_code_holds_its_enum():
    from ictroles.roles.spec import Contract, RoleSpec

    spec = RoleSpec(title="ICT Technician", contract="permanent")
    assert spec.contract is Contract.permanent
