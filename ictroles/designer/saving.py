"""Saving a role file from the designer without losing what a person wrote in it.

The file is read again with ruamel.yaml's round-trip loader, only the values that changed are
replaced (comments, key order and quoting of the rest stay as written), and the result is
checked with ictroles' own strict loader before it replaces the file atomically. A file
ruamel.yaml cannot round-trip is not rewritten silently: the page is told, and a copy of the
file is kept beside it before it is written afresh.
"""

from __future__ import annotations

import datetime as dt
import io
import shutil
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import YAMLError
from ruamel.yaml.scalarstring import FoldedScalarString

from ictroles.core.errors import OutputError
from ictroles.core.files import atomic_write, read_capped
from ictroles.core.yamlio import MAX_FILE_BYTES, load_yaml

NEW_FILE_HEADER = "# Written by the ictroles designer (ictroles serve). Edit it here or in the page.\n"


def _yaml() -> YAML:
    yaml = YAML()  # round trip: comments and order are kept
    yaml.preserve_quotes = True
    yaml.width = 4096  # unchanged long lines are written back as they were, not re-wrapped
    yaml.indent(mapping=2, sequence=4, offset=2)
    return yaml


def _plain(value: Any) -> Any:
    """A value as it should appear in the file: long paragraphs folded, as people write them."""
    if isinstance(value, str) and (len(value) > 80 or "\n" in value):
        return FoldedScalarString(" ".join(value.split()) if "\n\n" not in value else value)
    if isinstance(value, dict):
        out = CommentedMap()
        for k, v in value.items():
            out[k] = _plain(v)
        return out
    if isinstance(value, list):
        return CommentedSeq([_plain(v) for v in value])
    return value


def _update(target: CommentedMap, new: dict[str, Any]) -> None:
    """Make ``target`` hold ``new``, touching only what differs (so comments stay put)."""
    for key in [k for k in target if k not in new]:
        del target[key]
    for key, value in new.items():
        old = target.get(key)
        if isinstance(value, dict) and isinstance(old, CommentedMap):
            _update(old, value)
        elif key in target and _equal(old, value):
            continue
        else:
            target[key] = _plain(value)


def _equal(old: Any, new: Any) -> bool:
    if isinstance(old, str) and isinstance(new, str):
        return " ".join(old.split()) == " ".join(new.split())
    if isinstance(old, (int, float)) and isinstance(new, (int, float)) and not isinstance(old, bool):
        return float(old) == float(new)
    if isinstance(old, dt.date) and isinstance(new, dt.date):
        return old == new
    if isinstance(old, list) and isinstance(new, list):
        return len(old) == len(new) and all(_equal(a, b) for a, b in zip(old, new))
    if isinstance(old, dict) and isinstance(new, dict):
        return old.keys() == new.keys() and all(_equal(old[k], new[k]) for k in old)
    return bool(old == new)


def render_role_yaml(data: dict[str, Any], original: str | None) -> tuple[str, bool]:
    """The file's new text, and whether the original's comments and layout were kept."""
    yaml = _yaml()
    kept = False
    doc: Any = None
    if original is not None:
        try:
            doc = yaml.load(original)
            kept = isinstance(doc, CommentedMap)
        except YAMLError:
            doc = None
    if not kept:
        doc = CommentedMap()
    _update(doc, data)
    buffer = io.StringIO()
    yaml.dump(doc, buffer)
    text = buffer.getvalue()
    if original is None:
        text = NEW_FILE_HEADER + text
    return text, kept


def save_role_file(path: Path, data: dict[str, Any]) -> str | None:
    """Write ``data`` to the role file ``path``; returns a note for the page, if any.

    The text is checked with the strict loader before the file is replaced, so a save never
    leaves a half-written or unreadable role file.
    """
    original = read_capped(path, MAX_FILE_BYTES, "role file").decode("utf-8") if path.exists() else None
    text, kept = render_role_yaml(data, original)
    if len(text.encode("utf-8")) > MAX_FILE_BYTES:
        raise OutputError(f"{path.name}: the role file would be larger than {MAX_FILE_BYTES // 1000} KB")
    load_yaml(path, "role file", text=text)  # the file must read back exactly as ictroles reads files
    note = None
    if original is not None and not kept:
        backup = path.with_name(path.name + ".bak")
        shutil.copyfile(path, backup)
        note = (f"{path.name} could not be rewritten keeping its comments and layout; "
                f"the old file is kept as {backup.name}")
    with atomic_write(path) as tmp:
        tmp.write_text(text, encoding="utf-8")
    return note
