"""The ``ictroles matrix`` command: one Excel workbook comparing many roles."""

from __future__ import annotations

from pathlib import Path

import click

from ictroles.cli.options import framework_option, load_sources, standards_option
from ictroles.core.errors import InvalidInputError
from ictroles.core.files import check_output_file

DEFAULT_OUTPUT = Path("ictroles-matrix.xlsx")


@click.command("matrix", short_help="Write an Excel competence matrix comparing roles.")
@click.argument("inputs", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), default=DEFAULT_OUTPUT,
              show_default=True, help="Workbook to write.")
@click.option("--force", is_flag=True, help="Replace the output file if it exists.")
@standards_option
@framework_option
def matrix_cmd(inputs: tuple[Path, ...], output: Path, force: bool, standards_path: Path | None,
               framework_path: Path | None) -> None:
    """Write a competence matrix workbook (Excel) comparing role files side by side.

    INPUTS are role files or folders (a folder means every *.yaml/*.yml in it). The workbook
    has a Roles sheet, one sheet per role, every statement marked per role, the framework
    grid and a chart. If any role file has problems, all are listed and nothing is written.

    \b
    Example:
      ictroles matrix examples/ -o roles.xlsx
    """
    from ictroles.renderers.excel.matrix import render_matrix  # openpyxl loads only for this command
    from ictroles.roles.resolve import load_roles

    check_output_file(output, force, ".xlsx")
    try:
        fw, pack = load_sources(framework_path, standards_path)
        roles = load_roles(inputs, fw, standards=pack)
    except InvalidInputError as exc:
        for problem in exc.problems:
            click.echo(str(problem), err=True)
        failed = list(dict.fromkeys(str(p.file) for p in exc.problems if p.file))
        raise click.ClickException(
            f"{len(failed)} input(s) have problems ({', '.join(failed)}); no workbook was written"
        ) from None
    render_matrix(roles, output)
    click.echo(f"Wrote {output} ({len(roles)} role{'s' if len(roles) != 1 else ''})")
