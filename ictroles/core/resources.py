"""Where ictroles finds the data it ships: the framework, level schemes, templates, examples, docs.

The data lives in the repository's top-level ``framework/``, ``templates/``, ``examples/`` and
``docs/`` folders. A wheel carries them under ``ictroles/data/`` (mapped by pyproject.toml), found with
``importlib.resources``; an editable install or a source checkout reads them from the
repository itself.
"""

from __future__ import annotations

from functools import cache
from importlib.resources import files
from pathlib import Path

DATA_FOLDERS = ("framework", "templates", "examples", "docs")


@cache
def data_dir(name: str) -> Path:
    """The shipped data folder ``name`` ('framework', 'templates', 'examples' or 'docs')."""
    if name not in DATA_FOLDERS:
        raise ValueError(f"unknown data folder {name!r}")
    # A real folder either way: LibreOffice and python-docx need file-system paths.
    packaged = Path(str(files("ictroles").joinpath("data", name)))
    checkout = Path(__file__).resolve().parents[2] / name
    for candidate in (packaged, checkout):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(f"ictroles data folder '{name}' is missing from the installation")


def framework_file() -> Path:
    """The bundled ICT Competences Framework (YAML)."""
    return data_dir("framework") / "framework.yaml"


def schemes_dir() -> Path:
    """The folder of built-in level schemes."""
    return data_dir("framework") / "schemes"


def templates_dir() -> Path:
    """The folder of built-in document templates and generic wording."""
    return data_dir("templates")


def examples_dir() -> Path:
    """The folder of bundled example role files."""
    return data_dir("examples")


def docs_dir() -> Path:
    """The folder of the guides (role-file.md, grades.md...)."""
    return data_dir("docs")


def doc_topics() -> dict[str, Path]:
    """Each guide by topic, the file name without .md (role-file, grades, lint...), sorted."""
    return {p.stem: p for p in sorted(docs_dir().glob("*.md"))}


def copy_examples(dest: Path, force: bool = False) -> list[Path]:
    """Copy the bundled examples into ``dest`` (created if missing); the files written.

    Nothing is written when any file would be replaced, unless ``force``.
    """
    from ictroles.core.errors import OutputError
    from ictroles.core.files import atomic_write

    source = examples_dir()
    files = sorted(p for p in source.rglob("*") if p.is_file() and not p.name.startswith("."))
    dest = Path(dest)
    if dest.exists() and not dest.is_dir():
        raise OutputError(f"{dest}: is a file; give a folder to copy the examples into")
    there = [dest / p.relative_to(source) for p in files if (dest / p.relative_to(source)).exists()]
    if there and not force:
        shown = ", ".join(str(p) for p in there[:3]) + (f" and {len(there) - 3} more" if len(there) > 3 else "")
        raise OutputError(f"{shown}: already exist; use --force to replace them")
    written = []
    for p in files:
        target = dest / p.relative_to(source)
        target.parent.mkdir(parents=True, exist_ok=True)
        with atomic_write(target) as tmp:
            tmp.write_bytes(p.read_bytes())
        written.append(target)
    return written
