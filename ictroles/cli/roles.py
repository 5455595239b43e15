"""Commands that check and show role files."""

from __future__ import annotations

from pathlib import Path

import click

from ictroles.cli.options import echo_json, format_option, framework_option, load_sources, standards_option
from ictroles.core.errors import printable


@click.command("validate", short_help="Check role files; report every problem with its line.")
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@format_option
@standards_option
@framework_option
def validate_cmd(files: tuple[Path, ...], fmt: str, standards_path: Path | None, framework_path: Path | None) -> None:
    """Check role files and report every problem as FILE:LINE: field: message.

    FILES are role files or folders of them (found as `build` finds them; grades, needs,
    school and provider files in a folder are skipped with a note). Each file's structural
    and cross-reference problems are reported together. Several files end with one summary,
    e.g. "12 files: 9 valid, 3 with problems". Exit status 0 when every file is valid,
    1 otherwise.

    \b
    Example:
      ictroles validate examples/ict-technician.yaml
      ictroles validate examples/authority/schools --format json
    """
    from ictroles.roles.resolve import check_roles

    fw, pack = load_sources(framework_path, standards_path)
    report = check_roles(files, fw, pack)
    if fmt == "json":
        echo_json(report.as_dict())
    else:
        for note in report.skipped:
            click.echo(note.note, err=True)
        for p in report.missing:
            click.echo(str(p), err=True)
        for check in report.checks:
            for p in check.problems:
                click.echo(str(p), err=True)
            if check.valid:
                click.echo(f"{printable(check.path)}: valid")
        if len(report.checks) + len(report.missing) > 1 or report.skipped or any(Path(f).is_dir() for f in files):
            click.echo(report.summary)
    if not report.ok:
        raise SystemExit(1)


@click.command("show", short_help="Show a role as resolved, with statement ids.")
@click.argument("file", type=click.Path(path_type=Path))
@click.option("--changes", is_flag=True,
              help="Instead: what this role changes relative to the role file it extends.")
@format_option
@standards_option
@framework_option
def show_cmd(file: Path, changes: bool, fmt: str, standards_path: Path | None, framework_path: Path | None) -> None:
    """Show a role as resolved: each skill's level and its statements with ids.

    With --changes: what a school's role overrides relative to the role it extends (fields
    set, skills and standards added, removed or at another level).

    \b
    Example:
      ictroles show examples/ict-technician.yaml --format json
      ictroles show --changes examples/school-extends-standard.yaml
    """
    from ictroles.renderers.text import role_json, role_text
    from ictroles.roles.resolve import load_role

    fw, pack = load_sources(framework_path, standards_path)
    role = load_role(file, fw, standards=pack)  # a role with problems is reported, not described
    if changes:
        from ictroles.core.errors import InvalidInputError, Problem
        from ictroles.roles.changes import changes_text, role_changes

        found = role_changes(file)
        if found is None:
            raise InvalidInputError([Problem(file, None, "extends", "this role extends no other role file, "
                                             "so it changes nothing; --changes is for a role with 'extends:'")])
        if fmt == "json":
            echo_json(found.as_dict())
        else:
            click.echo(changes_text(found), nl=False)
        return
    if fmt == "json":
        echo_json(role_json(role))
    else:
        click.echo(role_text(role), nl=False)
