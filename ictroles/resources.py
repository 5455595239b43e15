"""Where ictroles finds the data it ships: the framework, level schemes and templates.

The data lives in the repository's top-level ``framework/`` and ``templates/`` folders. A wheel
carries them inside the package (``ictroles/framework``, ``ictroles/templates``, mapped by
pyproject.toml); an editable install or a source checkout reads them from the repository.
"""

from __future__ import annotations

from functools import cache
from importlib.resources import files
from pathlib import Path


@cache
def data_dir(name: str) -> Path:
    """The shipped data folder ``name`` ('framework', 'templates' or 'examples')."""
    packaged = Path(str(files("ictroles"))) / name
    if packaged.is_dir():
        return packaged
    checkout = Path(__file__).resolve().parent.parent / name
    if checkout.is_dir():
        return checkout
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
