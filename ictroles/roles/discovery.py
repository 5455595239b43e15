"""Finding role files: one rule for every command that takes files or folders."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from ictroles.core.errors import InvalidInputError, Problem
from ictroles.core.files import resolve_path

ROLE_SUFFIXES = (".yaml", ".yml")


def role_files(inputs: Iterable[Path], skip: Iterable[Path | None] = ()) -> tuple[list[Path], list[Problem]]:
    """Role files named by ``inputs`` and the problems finding them.

    A folder stands for every *.yaml/*.yml directly inside it, sorted; a file named twice is
    used once; files in ``skip`` (a grades, needs or provider file) are left out of folders.
    """
    skipped = {_key(Path(p)) for p in skip if p is not None}
    files: list[Path] = []
    problems: list[Problem] = []
    seen: set[Path] = set()
    for path in map(Path, inputs):
        if path.is_dir():
            found = sorted(p for p in path.iterdir() if p.is_file() and not p.name.startswith(".")
                           and p.suffix.lower() in ROLE_SUFFIXES and _key(p) not in skipped)
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
