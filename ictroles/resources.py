"""Where ictroles finds the data it ships: the framework, level schemes and templates.

The data lives in the repository's top-level ``framework/`` and ``templates/`` folders. A wheel
carries them inside the package (``ictroles/framework``, ``ictroles/templates``, mapped by
pyproject.toml); an editable install or a source checkout reads them from the repository.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


@cache
def data_dir(name: str) -> Path:
    """The shipped data folder ``name`` ('framework', 'templates' or 'examples')."""
    # The package's own folder (a wheel) or the checkout above it (editable install) first:
    # both are real folders, which LibreOffice and python-docx need. importlib.resources
    # costs about 5 ms to import, a fifth of `ictroles validate`'s start-up budget, so it is
    # asked only when neither is there.
    for candidate in (_PACKAGE / name, _PACKAGE.parent / name):
        if candidate.is_dir():
            return candidate
    from importlib.resources import files

    found = Path(str(files("ictroles"))) / name
    if found.is_dir():
        return found
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
