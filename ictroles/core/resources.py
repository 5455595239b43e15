"""Where ictroles finds the data it ships: the framework, level schemes, templates, examples.

The data lives in the repository's top-level ``framework/``, ``templates/`` and ``examples/``
folders. A wheel carries them under ``ictroles/data/`` (mapped by pyproject.toml), found with
``importlib.resources``; an editable install or a source checkout reads them from the
repository itself.
"""

from __future__ import annotations

from functools import cache
from importlib.resources import files
from pathlib import Path

DATA_FOLDERS = ("framework", "templates", "examples")


@cache
def data_dir(name: str) -> Path:
    """The shipped data folder ``name`` ('framework', 'templates' or 'examples')."""
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
