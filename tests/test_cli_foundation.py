"""The command line as a user meets it: version, help, one example per command, README.

The per-command checks iterate over ``cli.COMMANDS``, so commands added later are covered.
"""

from __future__ import annotations

import importlib
import re
import subprocess
import sys

import click
import pytest
from conftest import EXAMPLES, REPO

import ictroles
from ictroles.cli import COMMANDS

HEAVY = ("docx", "openpyxl", "docxtpl", "docxcompose", "jinja2", "pydantic", "lxml", "numpy")


def _command(name: str) -> click.Command:
    module, attr = COMMANDS[name].split(":")
    return getattr(importlib.import_module(module), attr)


def test_version(run):
    result = run("--version")
    assert result.exit_code == 0
    assert result.stdout.strip() == f"ictroles, version {ictroles.__version__}"
    assert re.fullmatch(r"\d+\.\d+\.\d+\S*", ictroles.__version__)


def test_help_lists_every_command_with_a_summary(run):
    result = run("--help")
    assert result.exit_code == 0
    listed = dict(re.findall(r"^  ([a-z][a-z-]*)\s{2,}(\S.*)$", result.stdout, re.M))
    for name in COMMANDS:
        assert name in listed, f"`ictroles --help` does not list {name}"
        assert len(listed[name]) > 10, f"{name} has no one-line summary"


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_every_command_has_help_ending_with_an_example(run, name):
    command = _command(name)
    assert command.name == name
    # "\b" is click's marker for a paragraph it must not rewrap (handy for long examples).
    help_text = (command.help or "").replace("\b", "").strip()
    paragraphs = [" ".join(p.split()) for p in re.split(r"\n\s*\n", help_text)]
    assert len(paragraphs) >= 2, f"{name} needs a summary and an example in its help"
    assert paragraphs[-1].startswith(f"Example: ictroles {name}"), (
        f"the help of {name} must end with a paragraph 'Example: ictroles {name} ...'"
    )
    result = run(name, "--help")
    assert result.exit_code == 0
    assert f"ictroles {name}" in result.stdout


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_every_command_is_in_the_readme(name):
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    assert f"ictroles {name}" in readme, f"README.md does not mention `ictroles {name}`"


def test_unknown_command_is_a_clean_error(run):
    result = run("valdate", "x.yaml")
    assert result.exit_code == 2
    assert "No such command 'valdate'" in result.output
    assert "Traceback" not in result.output


@pytest.mark.parametrize(
    "args",
    [["--help"], ["validate", str(EXAMPLES / "ict-technician.yaml")]],
    ids=["help", "validate"],
)
def test_help_and_validate_do_not_import_word_or_excel_libraries(args):
    code = (
        "import sys\n"
        "from ictroles.cli import cli\n"
        "try:\n"
        f"    cli({args!r})\n"
        "except SystemExit as exc:\n"
        "    assert not exc.code, exc.code\n"
        f"print(sorted(m for m in {HEAVY!r} if m in sys.modules))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == "[]"


def test_errors_from_the_core_become_clean_messages(run, tmp_path):
    result = run("show", tmp_path / "missing.yaml")
    assert result.exit_code == 1
    assert result.output.startswith("Error: ")
    assert "missing.yaml: role file not found" in result.output
    assert "Traceback" not in result.output
