"""Commands that check and show role files."""

from __future__ import annotations

from pathlib import Path

import click

from ictroles.cli.options import echo_json, format_option, framework_option, load_sources, standards_option
from ictroles.core.errors import printable


@click.command("validate", short_help="Check role files; report every problem with its line.")
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@standards_option
@framework_option
def validate_cmd(files: tuple[Path, ...], standards_path: Path | None, framework_path: Path | None) -> None:
    """Check role files and report every problem as FILE:LINE: field: message.

    FILES are role files or folders of them. Exit status 0 when every file is valid,
    1 otherwise.

    Example: ictroles validate examples/ict-technician.yaml
    """
    from ictroles.roles.discovery import role_files
    from ictroles.roles.resolve import role_problems

    fw, pack = load_sources(framework_path, standards_path)
    paths, problems = role_files(files)
    for p in problems:
        click.echo(str(p), err=True)
    failed = len(problems)
    for path in paths:
        found = role_problems(path, fw, pack)
        if found:
            failed += 1
            for p in found:
                click.echo(str(p), err=True)
        else:
            click.echo(f"{printable(path)}: valid")
    if failed:
        raise SystemExit(1)


@click.command("show", short_help="Show a role as resolved, with statement ids.")
@click.argument("file", type=click.Path(path_type=Path))
@format_option
@standards_option
@framework_option
def show_cmd(file: Path, fmt: str, standards_path: Path | None, framework_path: Path | None) -> None:
    """Show a role as resolved: each skill's level and its statements with ids.

    Example: ictroles show examples/ict-technician.yaml --format json
    """
    from ictroles.renderers.text import role_json, role_text
    from ictroles.roles.resolve import load_role

    fw, pack = load_sources(framework_path, standards_path)
    role = load_role(file, fw, standards=pack)
    if fmt == "json":
        echo_json(role_json(role))
    else:
        click.echo(role_text(role), nl=False)
