"""The modern-wording overlay: current wordings for dated framework statements.

The overlay (``framework/modern-wording.yaml``) is a separate, labelled layer: the framework
data is never changed. ``ictroles.roles.modernise`` applies it to a resolved role.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

from ictroles.core import resources
from ictroles.core.errors import InvalidInputError, Problem
from ictroles.core.model import Model
from ictroles.core.validation import Line, Paragraph, Sentence, load_model
from ictroles.framework.competences import Framework
from ictroles.framework.schemes import Statement


class OverlayEntry(Model):
    """The modern wording of one framework statement, and the framework text it replaces."""

    text: Sentence
    terms: list[Line]
    wording: Sentence
    note: Sentence


class TermRule(Model):
    """Outdated words to look for in text a school writes, with a suggested replacement."""

    words: list[Line]
    suggestion: Sentence
    exact_case: bool = False

    @property
    def pattern(self) -> re.Pattern[str]:
        """The words as one whole-word regular expression."""
        alternatives = sorted((_phrase(w) for w in self.words), key=len, reverse=True)
        flags = 0 if self.exact_case else re.IGNORECASE
        return re.compile(r"(?<![\w-])(?:" + "|".join(alternatives) + r")(?![\w-])", flags)


class Overlay(Model):
    """Modern wordings keyed by statement id, and outdated terms for a school's own text."""

    name: Line
    description: Paragraph
    statements: dict[str, OverlayEntry] = {}
    terms: list[TermRule] = []

    def entry_for(self, statement: Statement) -> tuple[str, OverlayEntry] | None:
        """The overlay entry for a framework statement (or one merged into it), if any.

        Matched by id and by text: a revised framework may keep an id and change its words,
        and a wording written for other words must not replace them.
        """
        if statement.origin == "custom":
            return None
        text = statement.original_text or statement.text
        for sid in (statement.id, *statement.merged_ids):
            entry = self.statements.get(sid)
            if entry is not None and entry.text == text:
                return sid, entry
        return None

    def find_terms(self, text: str) -> list[tuple[str, TermRule]]:
        """Outdated words found in free text, each with its rule."""
        found = []
        for rule in self.terms:
            for m in rule.pattern.finditer(text):
                found.append((m.group(0), rule))
        return found


def _phrase(words: str) -> str:
    # Spaces in a phrase match any run of spaces or a line break in folded YAML text.
    return r"\s+".join(re.escape(part) for part in words.split())


def overlay_file() -> Path:
    """The bundled overlay of modern wordings."""
    return resources.data_dir("framework") / "modern-wording.yaml"


@cache
def _load_cached(path: Path, mtime: int) -> tuple[Overlay, object]:
    return load_model(Overlay, path, "modern-wording overlay")


def load_overlay(path: Path | None = None, framework: Framework | None = None) -> Overlay:
    """Load the overlay; with a framework, check every statement id it names exists."""
    path = Path(path) if path else overlay_file()
    try:
        mtime = path.stat().st_mtime_ns
    except OSError:
        raise InvalidInputError([Problem(path, None, "", "modern-wording overlay file not found")]) from None
    overlay, smap = _load_cached(path.resolve(), mtime)
    if framework is not None:
        problems = []
        for sid, entry in overlay.statements.items():
            src, line = smap.locate(("statements", sid))  # type: ignore[attr-defined]
            if sid not in framework.statements:
                problems.append(Problem(src or path, line, f"statements.{sid}",
                                        f"'{sid}' is not a statement of {framework.name}"))
            elif framework.statements[sid].statement.text != entry.text:
                problems.append(Problem(src or path, line, f"statements.{sid}.text",
                                        f"is not the text of {sid} in {framework.name}"))
        if problems:
            raise InvalidInputError(problems)
    return overlay
