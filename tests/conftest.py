"""Shared fixtures: the repository paths, the bundled framework and a CLI runner.

Keep this file small; fixtures used by one test file belong in that file.
"""

from __future__ import annotations

import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from ictroles.cli import cli
from ictroles.framework.competences import Framework, load_framework

REPO = Path(__file__).resolve().parent.parent
EXAMPLES = REPO / "examples"
SOURCE_TEXT = REPO / "framework" / "source" / "ict-competences-framework.txt"


@pytest.fixture(scope="session")
def framework() -> Framework:
    """The bundled framework, loaded once."""
    return load_framework()


@pytest.fixture
def run() -> Callable[..., Result]:
    """Run ``ictroles ARGS...`` in-process; stdout and stderr are both in ``result.output``."""
    runner = CliRunner()

    def invoke(*args: str | Path) -> Result:
        return runner.invoke(cli, [str(a) for a in args], catch_exceptions=False)

    return invoke


@pytest.fixture
def write(tmp_path: Path) -> Callable[..., Path]:
    """Write a (dedented) text file under tmp_path and return its path."""

    def write_file(name: str, text: str) -> Path:
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
        return path

    return write_file
