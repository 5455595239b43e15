"""The YAML loader's two paths agree: libyaml's fast path and the careful pure-Python path.

The fast path only loads what it can load exactly as the careful path would; everything
else (errors, aliases, tags, duplicate keys) goes to the careful path for its message.
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
    p for p in ROOT.glob("**/*.y*ml") if ".git" not in p.parts and p.suffix in (".yaml", ".yml")
)


def careful(text: str, path: Path):
    """The careful path alone (what load_yaml does when the fast path declines)."""
    original = yamlio._load_fast
    yamlio._load_fast = lambda *_: None
    try:
        return yamlio.load_yaml(path, text=text)
    finally:
        yamlio._load_fast = original


def assert_paths_agree(text: str, path: Path) -> bool:
    """The fast path gives the careful path's data and lines, or declines; True if it loaded."""
    fast = yamlio._load_fast(text, path)
    try:
        slow = careful(text, path)
    except InvalidInputError:
        assert fast is None, "the fast path accepted a file the careful path rejects"
        return False
    if fast is None:
        return False  # declined: load_yaml takes the careful path, so the result is the same
    assert fast[0] == slow[0]
    assert fast[1].lines == slow[1].lines
    return True


def test_repository_holds_many_yaml_files():
    assert len(YAML_FILES) > 100


@pytest.mark.parametrize("path", YAML_FILES, ids=lambda p: str(p.relative_to(ROOT)))
def test_fast_path_equals_careful_path(path: Path):
    assert_paths_agree(path.read_text(encoding="utf-8", errors="replace"), path)


def test_framework_file_takes_the_fast_path():
    path = ROOT / "framework" / "framework.yaml"
    assert yamlio._load_fast(path.read_text(encoding="utf-8"), path) is not None


@pytest.mark.parametrize(
    "text",
    [
        "a: &x 1\nb: *x\n",  # alias
        "a: !!python/object 1\n",  # tag
        "a: 1\na: 2\n",  # duplicate key
        "<<: {a: 1}\n",  # merge key
        "a: 1\n---\nb: 2\n",  # two documents
        "a:\n\t- b\n",  # tab
        "[" * 100 + "]" * 100,  # deep
        "a: b: c\n",  # syntax error
        "? [a]\n: 1\n",  # complex key
        "title: X\t\n",  # a tab libyaml allows and PyYAML refuses
        "title:\tX\n",
        "k: [a,\tb]\n",
        "# header\n\ufeff# pasted\ntitle: X\n",  # a byte-order mark pasted mid-file
    ],
)
def test_fast_path_declines_what_the_careful_path_must_judge(text: str):
    assert yamlio._load_fast(text, Path("x.yaml")) is None


@pytest.mark.parametrize("depth", [38, 39, 40, 41])
def test_nesting_limit_is_the_same_on_both_paths(depth: int):
    loaded = assert_paths_agree("[" * depth + "x" + "]" * depth + "\n", Path("deep.yaml"))
    assert loaded == (depth < yamlio.MAX_DEPTH)


_scalars = st.one_of(
    st.sampled_from(["", "~", "null", "no", "3.10", "2026-01-31", "'q'", '"d"', "a: b", "- x", "#c"]),
    st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=12),
)
_values = st.recursive(
    _scalars,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4),
        st.dictionaries(st.text(min_size=1, max_size=6), inner, max_size=4),
    ),
    max_leaves=12,
)


def _dump(value) -> str:
    import yaml

    return yaml.safe_dump(value, allow_unicode=True, default_flow_style=None)


@settings(max_examples=150, deadline=None)
@given(_values, st.booleans())
def test_generated_yaml_loads_the_same_on_both_paths(value, block: bool):
    import yaml

    text = _dump(value) if block else yaml.safe_dump(value, default_flow_style=True)
    assert_paths_agree(text, Path("gen.yaml"))
