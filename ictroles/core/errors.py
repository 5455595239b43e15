"""The one error hierarchy of ictroles.

Every error a user can cause is an :class:`IctrolesError`; the CLI turns it into a clear
message and a non-zero exit status, never a traceback.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

# Characters that could move the cursor, recolour or forge a line when a message naming a
# user's text or file reaches a terminal: C0/C1 controls, line and paragraph separators,
# bidi overrides and isolates.
_UNSHOWABLE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def printable(text: object) -> str:
    """``text`` with control characters shown escaped (``\\x1b``, ``\\n``), safe to print."""
    return _UNSHOWABLE.sub(
        lambda m: _NAMED.get(m.group(), f"\\x{ord(m.group()):02x}" if ord(m.group()) < 0x100
                             else f"\\u{ord(m.group()):04x}"),
        str(text),
    )


@dataclass(frozen=True)
class Problem:
    """One problem found in an input file, located as precisely as the file allows."""

    file: Path | None
    line: int | None
    field: str
    message: str

    def __str__(self) -> str:
        # The one place a problem becomes text: file names, keys and values from files are
        # escaped here, so nothing in a file can forge a line or drive the terminal.
        parts = [printable(self.file)] if self.file else []
        if self.file and self.line:
            parts[0] += f":{self.line}"
        if self.field:
            parts.append(printable(self.field))
        return ": ".join([*parts, printable(self.message)])


class IctrolesError(Exception):
    """Base class of every error ictroles reports to a user."""


class InvalidInputError(IctrolesError):
    """An input file (role, scheme, framework, grades...) has one or more problems.

    All problems found are collected, so a user can fix them in one pass.
    """

    def __init__(self, problems: list[Problem]):
        self.problems = list(problems)
        super().__init__("\n".join(str(p) for p in self.problems))

    def __reduce__(self) -> tuple[type, tuple[list[Problem]]]:
        return (type(self), (self.problems,))  # pickled whole, e.g. from a build process


class OutputError(IctrolesError):
    """An output could not be written (exists, unwritable folder, path is a directory)."""


class ToolMissingError(IctrolesError):
    """An external program ictroles needs (LibreOffice) is not installed."""


class ConversionError(IctrolesError):
    """An external conversion (to PDF) ran but did not produce its output."""


def problem(file: Path | None, line: int | None, field: str, message: str) -> InvalidInputError:
    """Shorthand for an :class:`InvalidInputError` with a single problem."""
    return InvalidInputError([Problem(file, line, field, message)])
