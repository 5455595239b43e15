"""The ``ictroles`` command line: a thin layer over the core functions.

Commands are loaded lazily (click's documented LazyGroup pattern), so ``ictroles --help`` and
``ictroles validate`` do not import the Word and Excel libraries.
"""

from __future__ import annotations

import importlib
from typing import Any

import click

from ictroles import __version__
from ictroles.core.errors import IctrolesError, InvalidInputError, printable

# name -> "module:function". Each command lives in ictroles/commands/<module>.py.
COMMANDS: dict[str, str] = {
    "framework": "ictroles.cli.browse:framework_cmd",
    "schemes": "ictroles.cli.browse:schemes_cmd",
    "standards": "ictroles.cli.browse:standards_cmd",
    "validate": "ictroles.cli.roles:validate_cmd",
    "show": "ictroles.cli.roles:show_cmd",
    "matrix": "ictroles.cli.matrix:matrix_cmd",
    "grade": "ictroles.cli.authority:grade_cmd",
    "compare": "ictroles.cli.authority:compare_cmd",
    "coverage": "ictroles.cli.authority:coverage_cmd",
    "new": "ictroles.cli.new:new_cmd",
    "lint": "ictroles.cli.lint:lint_cmd",
    "build": "ictroles.cli.build:build_cmd",
    "docs": "ictroles.cli.guide:docs_cmd",
    "examples": "ictroles.cli.guide:examples_cmd",
}


class LazyGroup(click.Group):
    """A group that imports each command's module only when that command is used."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(COMMANDS)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        target = COMMANDS.get(cmd_name)
        if target is None:
            return None
        module, attr = target.split(":")
        return getattr(importlib.import_module(module), attr)

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except InvalidInputError as exc:
            raise click.ClickException(
                "\n".join(str(p) for p in exc.problems)
            ) from None
        except IctrolesError as exc:
            # Other errors may span lines on purpose; each line is shown escaped.
            raise click.ClickException(
                "\n".join(printable(line) for line in str(exc).split("\n"))
            ) from None


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="ictroles")
def cli() -> None:
    """Job descriptions, person specifications, adverts and competence matrices for
    school ICT support staff, from the ICT Competences Framework.

    Start with `ictroles framework` to browse the competences, write a role file
    (see examples/), check it with `ictroles validate`, then `ictroles build` it.
    """


def main() -> None:
    """Console-script entry point."""
    cli()
