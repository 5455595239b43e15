"""Finding role files: one rule for every command that takes files or folders."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ictroles.core.errors import IctrolesError, InvalidInputError, Problem, printable
from ictroles.core.files import resolve_path
from ictroles.core.yamlio import load_yaml

ROLE_SUFFIXES = (".yaml", ".yml")


@dataclass(frozen=True)
class Skipped:
    """A file in a folder of roles that is another kind of ictroles file, left out."""

    path: Path
    kind: str  # "grades file", "needs file", "school file", "provider file"
    key: str  # the top-level field that gave it away

    @property
    def note(self) -> str:
        """What a user is told: which file, what it is, and that it was left out."""
        hint = " (give it with --provider)" if self.kind == "provider file" else ""
        untitled = "" if self.kind == "provider file" else " and no 'title:'"
        return printable(f"{self.path}: skipped: this is a {self.kind} (it has '{self.key}:'{untitled}), "
                         f"not a role file{hint}")


NEEDS_FIELDS = {"school", "default", "skills"}


def file_kind(data: Any, in_folder: bool = True) -> tuple[str, str] | None:
    """What kind of ictroles file ``data`` is when it is not a role: (kind, the telling field).

    A role has ``title:`` or ``extends:``; a provider's file is role-shaped and says
    ``provider: true``; a needs file holds only ``school``, ``default`` and ``skills``. A file
    named on its own (``in_folder`` false) is taken for a needs file only with ``default:``,
    so a role that lacks its title is told so. None means "a role file".
    """
    if not isinstance(data, dict):
        return None
    if in_folder and str(data.get("provider", "")).strip().lower() in ("true", "yes"):  # typed later
        return "provider file", "provider"
    if "title" in data or "extends" in data:
        return None
    for key, kind in (("grades", "grades file"), ("holders", "school file"), ("default", "needs file")):
        if key in data:
            return kind, key
    if in_folder and "skills" in data and set(data) <= NEEDS_FIELDS:
        return "needs file", "skills"
    return None


def _classify(path: Path) -> Skipped | None:
    try:
        data, _ = load_yaml(path, "role file")
    except IctrolesError:
        return None  # reported as a role file's problem when it is loaded
    found = file_kind(data)
    return Skipped(path, *found) if found else None


def role_files(inputs: Iterable[Path], skip: Iterable[Path | None] = (),
               on_skip: Callable[[Skipped], None] | None = None) -> tuple[list[Path], list[Problem]]:
    """Role files named by ``inputs`` and the problems finding them.

    A folder stands for every *.yaml/*.yml directly inside it, sorted; a file named twice is
    used once; files in ``skip`` (a grades, needs or provider file named by an option) are left
    out of folders, and so is a file in a folder whose shape is a grades, needs, school or
    provider file (``on_skip`` hears of each). A file named on its own is always a role file.
    """
    skipped = {_key(Path(p)) for p in skip if p is not None}
    files: list[Path] = []
    problems: list[Problem] = []
    seen: set[Path] = set()
    for path in map(Path, inputs):
        if path.is_dir():
            candidates = sorted(p for p in path.iterdir() if p.is_file() and not p.name.startswith(".")
                                and p.suffix.lower() in ROLE_SUFFIXES and _key(p) not in skipped)
            found = []
            for p in candidates:
                other = _classify(p)
                if other is None:
                    found.append(p)
                elif on_skip is not None:
                    on_skip(other)
            if not found:
                problems.append(Problem(path, None, "", "folder has no role files (*.yaml or *.yml)"))
        elif path.exists() or path.is_symlink():  # a looping link is reported when read
            found = [path]
        else:
            problems.append(Problem(path, None, "", "role file not found"))
            found = []
        for p in found:
            key = _key(p)
            if key not in seen:
                seen.add(key)
                files.append(p)
    return files, problems


def _key(path: Path) -> Path:
    """The file a path names, for telling two spellings apart (a looping link stays as written)."""
    try:
        return resolve_path(path)
    except InvalidInputError:
        return path.absolute()
