"""The strict YAML loader's rules: what a role, scheme or grades file may and may not hold.

libyaml composes the files it can judge; the pure-Python loader words every refusal. The
messages a person reads are checked here and, through the commands, in test_bad_inputs.py.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ictroles.core import yamlio
from ictroles.core.errors import InvalidInputError

ROOT = Path(__file__).resolve().parent.parent
YAML_FILES = sorted(
    p for p in ROOT.glob("**/*.y*ml")
    if ".git" not in p.parts and "bad_inputs" not in p.parts and p.suffix in (".yaml", ".yml")
)


def load(text: str):
    return yamlio.load_yaml(Path("x.yaml"), text=text)


def refusal(text: str) -> str:
    with pytest.raises(InvalidInputError) as info:
        load(text)
    return str(info.value)


def test_every_scalar_stays_text_as_written():
    data, _ = load("a: no\nb: 3.10\nc: 2026-01-31\nd: ''\ne: 037\n")
    assert data == {"a": "no", "b": "3.10", "c": "2026-01-31", "d": "", "e": "037"}


@pytest.mark.parametrize("written", ["", "~", "null", "Null", "NULL"])
def test_empty_and_null_are_none_unless_quoted(written: str):
    assert load(f"a: {written}\n")[0] == {"a": None}
    assert load(f"a: '{written}'\n")[0] == {"a": written}


def test_every_key_and_item_remembers_its_line():
    _, smap = load("title: X\nskills:\n  server-network-support: B\nlist:\n  - one\n  - two\n")
    assert smap.locate(("title",)) == (Path("x.yaml"), 1)
    assert smap.locate(("skills", "server-network-support")) == (Path("x.yaml"), 3)
    assert smap.locate(("list", 1)) == (Path("x.yaml"), 6)
    assert smap.locate(("list", 1, "deeper")) == (Path("x.yaml"), 6)  # nearest located ancestor


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("a: &x 1\nb: *x\n", "x.yaml:2: YAML aliases (*name) are not allowed"),
        ("a: !!python/object 1\n", "x.yaml:1: a: YAML tags such as '!!python/object' are not allowed"),
        ("a: !include other.yaml\n", "YAML tags such as '!include' are not allowed"),
        ("a: !!int 3\n", "YAML tags such as '!!int' are not allowed"),
        ("a: 1\nb: 2\na: 3\n", "x.yaml:3: a: duplicate key 'a' (first at line 1)"),
        ("<<: {a: 1}\n", "x.yaml:1: YAML merge keys (<<) are not allowed"),
        ("a: 1\n---\nb: 2\n", "x.yaml:2: not valid YAML: expected a single document"),
        ("a:\n\t- b\n", "x.yaml:2: not valid YAML:"),
        ("title: X\t\n", "use spaces, not tabs"),
        ("k: [a,\tb]\n", "use spaces, not tabs"),
        ("a: b: c\n", "text containing ': ' must be in quotes"),
        ("? [a]\n: 1\n", "a key must be plain text"),
        ("title: bell\x07\n", "x.yaml:1: title: contains the control character U+0007; remove it"),
        ("# header\n\ufeff# pasted\ntitle: X\n", "x.yaml:3: not valid YAML"),
        ("   \n", "file is empty"),
    ],
)
def test_refusals_name_the_line_and_say_what_to_do(text: str, expected: str):
    assert expected in refusal(text)


@pytest.mark.parametrize("depth", [38, 39, 40, 41])
def test_nesting_is_capped(depth: int):
    text = "[" * depth + "x" + "]" * depth + "\n"
    if depth < yamlio.MAX_DEPTH:
        value = load(text)[0]
        for _ in range(depth):
            value = value[0]
        assert value == "x"
    else:
        assert "nested more than 40 levels deep" in refusal(text)


def test_a_very_deep_file_is_refused_not_crashed():
    # libyaml composes recursively in C: this would overflow the stack if it were composed.
    assert "nested more than 40 levels deep" in refusal("[" * 200_000)


def test_size_cap_and_binary_files(tmp_path: Path):
    big = tmp_path / "big.yaml"
    big.write_text("a: " + "x" * yamlio.MAX_FILE_BYTES + "\n")
    with pytest.raises(InvalidInputError, match="big.yaml: is 1.0 MB; a file may be at most 1 MB"):
        yamlio.load_yaml(big)
    binary = tmp_path / "bin.yaml"
    binary.write_bytes(b"a: \x00\x01")
    with pytest.raises(InvalidInputError, match="is a binary file"):
        yamlio.load_yaml(binary)


@pytest.mark.parametrize("path", YAML_FILES, ids=lambda p: str(p.relative_to(ROOT)))
def test_every_yaml_file_of_the_repository_loads_as_plain_text_data(path: Path):
    data, smap = yamlio.load_yaml(path)

    def plain(value) -> bool:
        if isinstance(value, dict):
            return all(isinstance(k, str) and plain(v) for k, v in value.items())
        if isinstance(value, list):
            return all(plain(v) for v in value)
        return value is None or isinstance(value, str)

    assert plain(data)
    assert smap.locate(())[1] is not None


# Printable text: YAML itself reads some control characters (NEL, U+0085) as line breaks.
_alphabet = st.characters(codec="utf-8", exclude_categories=("Cs", "Cc"))
_text = st.text(alphabet=_alphabet, max_size=12)
_scalars = st.one_of(
    st.sampled_from(["", "~", "null", "no", "3.10", "2026-01-31", "'q'", '"d"', "a: b", "- x", "#c"]),
    _text,
)
_values = st.recursive(
    _scalars,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4),
        st.dictionaries(st.text(_alphabet, min_size=1, max_size=6).filter(lambda k: k != "<<"), inner, max_size=4),
    ),
    max_leaves=12,
)


@settings(max_examples=150, deadline=None)
@given(_values, st.booleans())
def test_what_pyyaml_writes_loads_back_as_written(value, block: bool):
    import yaml

    text = yaml.safe_dump(value, allow_unicode=True, default_flow_style=None if block else True)
    try:
        loaded, _ = load(text)
    except InvalidInputError as exc:
        # Text PyYAML writes may hold characters the loader refuses (tabs, control characters).
        assert "control character" in str(exc) or "tabs" in str(exc) or "\t" in text
        return
    assert loaded == value
