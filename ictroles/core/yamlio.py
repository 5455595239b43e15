"""Safe, strict YAML loading that remembers where every value came from.

Role, scheme and grades files are written by people, so the loader is strict where plain
``yaml.safe_load`` is lenient:

* aliases are refused (an alias bomb fails at once), nesting depth and file size are capped;
* duplicate keys are an error naming both lines;
* no implicit typing: every scalar is a string (``null``/``~``/empty is None), so ``no``,
  ``3.10`` and ``2026-01-31`` reach the schema exactly as written and the schema decides;
* every mapping key and sequence item records its (file, line) for error messages.

Files are composed by libyaml (PyYAML's C loader, with implicit typing off) and walked
once into plain data. Anything libyaml cannot judge the way the rules above need (a syntax
error, an alias, a control character, a tab) is handed to PyYAML's pure-Python loader,
whose errors name the line and say what to do.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml
import yaml.reader
from yaml.events import AliasEvent, CollectionEndEvent, CollectionStartEvent
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from ictroles.core.errors import InvalidInputError, Problem, problem
from ictroles.core.files import read_capped

MAX_FILE_BYTES = 1_000_000
MAX_DEPTH = 40
_NULLS = {"", "~", "null", "Null", "NULL"}

Path_ = tuple[str | int, ...]


class SourceMap:
    """Where each value of a loaded document came from: path -> (file, line).

    Filled in while a file is read, and again when ``extends`` merges a parent's map in.
    """

    def __init__(self, lines: dict[Path_, tuple[Path, int]] | None = None):
        self.lines: dict[Path_, tuple[Path, int]] = dict(lines or {})

    def __repr__(self) -> str:
        return f"SourceMap({len(self.lines)} located values)"

    def locate(self, path: Path_) -> tuple[Path | None, int | None]:
        """The file and line of ``path``, or of its nearest located ancestor."""
        path = tuple(path)
        while True:
            if path in self.lines:
                return self.lines[path]
            if not path:
                return None, None
            path = path[:-1]

    def rebase(self, prefix: Path_, other: SourceMap, other_prefix: Path_ = ()) -> None:
        """Copy ``other``'s entries under ``other_prefix`` to this map under ``prefix``."""
        n = len(other_prefix)
        for key, where in other.lines.items():
            if key[:n] == tuple(other_prefix):
                self.lines[tuple(prefix) + key[n:]] = where


class _StrictLoader(yaml.SafeLoader):
    """SafeLoader that refuses aliases and caps nesting depth while composing; no implicit typing."""

    yaml_implicit_resolvers: dict[Any, Any] = {}

    def __init__(self, stream: str, source: Path):
        super().__init__(stream)
        self._depth = 0
        self._source = source

    def compose_node(self, parent: Node | None, index: Any) -> Node | None:
        if self.check_event(AliasEvent):
            event = self.peek_event()
            raise problem(
                self._source,
                event.start_mark.line + 1,
                "",
                "YAML aliases (*name) are not allowed; write the value out in full",
            )
        tag = getattr(self.peek_event(), "tag", None)
        if tag not in (None, "!", "tag:yaml.org,2002:str"):
            # Tags such as !!python/object or !include would let a file smuggle in types.
            shown = tag.replace("tag:yaml.org,2002:", "!!")
            raise problem(
                self._source,
                self.peek_event().start_mark.line + 1,
                "",
                f"YAML tags such as '{shown}' are not allowed; write the value as plain text",
            )
        self._depth += 1
        if self._depth > MAX_DEPTH:
            event = self.peek_event()
            raise problem(
                self._source,
                event.start_mark.line + 1,
                "",
                f"structure is nested more than {MAX_DEPTH} levels deep",
            )
        try:
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1


def read_text(path: Path, what: str = "file") -> str:
    """Read a user's text file with size and encoding checks and clear errors."""
    data = read_capped(path, MAX_FILE_BYTES, what)
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise problem(path, None, "", "is UTF-16 text (as Notepad saves 'Unicode'); save it as UTF-8")
    if b"\x00" in data:
        raise problem(path, None, "", f"is a binary file, not a YAML {what}")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise problem(path, line, "", "is not UTF-8 text; save it as UTF-8") from None


def load_yaml(path: Path, what: str = "file", text: str | None = None) -> tuple[Any, SourceMap]:
    """Load one YAML document strictly; return the plain data and its source map."""
    if text is None:
        text = read_text(path, what)
    if not text.strip():
        raise problem(path, None, "", f"{what} is empty")
    node = _compose_fast(text)
    if node is None:
        node = _compose_carefully(text, path, what)
    smap = SourceMap()
    data = _convert(node, (), path, smap)
    return data, smap


def _compose_carefully(text: str, path: Path, what: str) -> Node:
    """The pure-Python loader: slower, but its errors name the line and say what to do."""
    try:
        loader = _StrictLoader(text, path)
    except yaml.reader.ReaderError:
        # Every control character, each in the field it is in (not only the first one).
        fields = _fields_by_line(path, text)
        problems = []
        for found in yaml.reader.Reader.NON_PRINTABLE.finditer(text):
            line = text[: found.start()].count("\n") + 1
            problems.append(Problem(path, line, fields(line),
                                    f"contains the control character U+{ord(found.group()):04X}; remove it"))
        raise InvalidInputError(problems or [Problem(path, None, "", "contains a control character; remove it")]) from None
    try:
        node = loader.get_single_node()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        msg = exc.problem or str(exc)
        if exc.context:
            msg = f"{exc.context}, {msg}"
        msg += _hint(msg)
        raise problem(path, mark.line + 1 if mark else None, "", f"not valid YAML: {msg}") from None
    except yaml.YAMLError as exc:
        raise problem(path, None, "", f"not valid YAML: {exc}") from None
    except RecursionError:
        raise problem(path, None, "", "structure is nested too deeply") from None
    finally:
        loader.dispose()
    if node is None:
        raise problem(path, None, "", f"{what} is empty")
    return node


class _NotPlain(Exception):
    """libyaml met something the pure-Python loader must word (an alias, deep nesting...)."""


_CLoader: Any = getattr(yaml, "CSafeLoader", None)  # None: PyYAML built without libyaml


class _Untyped(_CLoader or yaml.SafeLoader):  # type: ignore[misc]
    """libyaml's composer with no implicit typing: every plain scalar is tagged as text."""

    yaml_implicit_resolvers: dict[Any, Any] = {}


def _compose_fast(text: str) -> Node | None:
    """The document's node tree from libyaml, or None when the careful path must judge it."""
    if _CLoader is None or yaml.reader.Reader.NON_PRINTABLE.search(text):
        return None
    if "\t" in text or "\ufeff" in text:
        # libyaml allows tabs and byte-order marks in places PyYAML refuses; judge them once.
        return None
    try:
        # libyaml composes recursively in C: a deeply nested file would overflow the stack,
        # so the nesting is measured on the (flat) event stream first.
        depth = 0
        for event in yaml.parse(text, Loader=_CLoader):
            if isinstance(event, AliasEvent):
                raise _NotPlain
            if isinstance(event, CollectionStartEvent):
                depth += 1
                if depth >= MAX_DEPTH:
                    raise _NotPlain
            elif isinstance(event, CollectionEndEvent):
                depth -= 1
        loader = _Untyped(text)
        try:
            return loader.get_single_node()
        finally:
            loader.dispose()
    except (yaml.YAMLError, _NotPlain):
        return None


def _fields_by_line(path: Path, text: str) -> Callable[[int], str]:
    """line -> the field whose value is on it, from the text loaded with control characters blanked."""
    try:
        _, smap = load_yaml(path, text=yaml.reader.Reader.NON_PRINTABLE.sub(" ", text))
    except Exception:  # only a hint for the message; the control character is the error
        return lambda line: ""
    located = sorted(((ln, len(at)), at) for at, (_, ln) in smap.lines.items() if at)

    def field(line: int) -> str:
        # The deepest field starting on the line, or else the last one above it: a value
        # continued over several lines belongs to the field it started in.
        before = [(key, at) for key, at in located if key[0] <= line]
        return _dotted(before[-1][1]) if before else ""

    return field


def _hint(message: str) -> str:
    """Plain advice for the YAML mistakes people make most."""
    if "'\\t'" in message or "\\t" in message:
        return " (use spaces, not tabs: replace each tab with spaces)"
    if "mapping values are not allowed" in message:
        return " (text containing ': ' must be in quotes, e.g. purpose: \"Support: the core\")"
    if "expected <block end>" in message or "did not find expected key" in message:
        return " (check the indentation: items of one list or mapping line up exactly)"
    return ""


_TEXT_TAGS = ("tag:yaml.org,2002:str", "!")
_COLLECTION_TAGS = ("tag:yaml.org,2002:seq", "tag:yaml.org,2002:map", "!")


def _convert(node: Node, at: Path_, source: Path, smap: SourceMap) -> Any:
    smap.lines.setdefault(at, (source, node.start_mark.line + 1))
    if node.tag not in (_TEXT_TAGS if isinstance(node, ScalarNode) else _COLLECTION_TAGS):
        # With no implicit typing, any other tag was written: !!python/object or !include
        # would let a file smuggle in types.
        shown = node.tag.replace("tag:yaml.org,2002:", "!!")
        raise problem(source, node.start_mark.line + 1, _dotted(at),
                      f"YAML tags such as '{shown}' are not allowed; write the value as plain text")
    if isinstance(node, ScalarNode):
        if not node.style and node.value in _NULLS:
            return None
        return node.value
    if isinstance(node, SequenceNode):
        return [
            _convert(child, at + (i,), source, smap) for i, child in enumerate(node.value)
        ]
    if isinstance(node, MappingNode):
        result: dict[str, Any] = {}
        first_line: dict[str, int] = {}
        for key_node, value_node in node.value:
            line = key_node.start_mark.line + 1
            if not isinstance(key_node, ScalarNode):
                raise problem(source, line, _dotted(at), "a key must be plain text")
            if key_node.value == "<<" and not key_node.style:
                raise problem(source, line, _dotted(at), "YAML merge keys (<<) are not allowed")
            key = key_node.value
            if key in result:
                raise problem(
                    source,
                    line,
                    _dotted(at + (key,)),
                    f"duplicate key '{key}' (first at line {first_line[key]})",
                )
            first_line[key] = line
            smap.lines[at + (key,)] = (source, line)
            result[key] = _convert(value_node, at + (key,), source, smap)
            smap.lines[at + (key,)] = (source, line)
        return result
    raise problem(source, node.start_mark.line + 1, _dotted(at), "unsupported YAML node")


def _dotted(path: Path_) -> str:
    """``('skills', 'x', 'add', 0)`` -> ``skills.x.add[0]``."""
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += ("." if out else "") + str(part)
    return out


dotted = _dotted
