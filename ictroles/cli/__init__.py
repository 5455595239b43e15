"""The ``ictroles`` command line: a thin layer over the core functions.

Commands are loaded lazily (click's documented LazyGroup pattern), so ``ictroles --help`` and
``ictroles validate`` do not import the Word and Excel libraries.
"""

from __future__ import annotations

import contextlib
import errno
import importlib
import os
import sys
from collections.abc import Sequence
from typing import Any, NoReturn

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
    "serve": "ictroles.cli.serve:serve_cmd",
    "assess": "ictroles.cli.assess:assess_cmd",
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

    def main(self, args: Sequence[str] | None = None, prog_name: str | None = None,
             complete_var: str | None = None, standalone_mode: bool = True, **extra: Any) -> Any:
        """Run a command and exit: 0 done, 1 a problem in inputs or outputs, 2 a usage error
        (click's UsageError, BadParameter), 130 interrupted (Ctrl-C)."""
        if not standalone_mode:
            return super().main(args, prog_name, complete_var, False, **extra)
        try:
            code = super().main(args, prog_name, complete_var, False, **extra)  # an int only from click's Exit
            sys.stdout.flush()
        except click.Abort as exc:
            if isinstance(exc.__cause__, KeyboardInterrupt):
                click.echo("Interrupted; no half-written file was left.", err=True)
                sys.exit(130)
            click.echo("Aborted!", err=True)
            sys.exit(1)
        except click.ClickException as exc:
            exc.show()
            sys.exit(exc.exit_code)
        except OSError as exc:
            if exc.errno not in _OUTPUT_ERRNOS:
                raise
            _stdout_failed(exc)
        sys.exit(code if isinstance(code, int) else 0)

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


# What writing to a full or limited standard output raises (files go through core/files.py).
_OUTPUT_ERRNOS = (errno.ENOSPC, errno.EFBIG, errno.EIO, errno.EDQUOT)


def _stdout_failed(exc: OSError) -> NoReturn:
    with contextlib.suppress(OSError, ValueError, AttributeError):
        # Point standard output at devnull, so Python's last flush at exit does not fail again.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    with contextlib.suppress(OSError):
        click.echo(f"Error: cannot write to standard output ({exc.strerror or exc})", err=True)
    sys.exit(1)


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
