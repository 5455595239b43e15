"""The ``ictroles lint`` command: check roles for what would embarrass a published advert."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import click

from ictroles.cli.options import echo_json, format_option, framework_option, load_sources, standards_option
from ictroles.core.errors import printable


@click.command("lint", short_help="Check roles for dated wording and missing advert facts.")
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@format_option
@standards_option
@framework_option
@click.option("--today", type=click.DateTime(["%Y-%m-%d"]), default=None,
              help="Check dates as if today were this day (YYYY-MM-DD).")
@click.option("--original-wording", is_flag=True,
              help="Check the framework's 2005 wording too, as `build --original-wording` would print it.")
def lint_cmd(files: tuple[Path, ...], fmt: str, standards_path: Path | None, framework_path: Path | None,
             today: dt.datetime | None,
             original_wording: bool) -> None:
    """Check role files for dated wording, missing advert facts and exclusionary language.

    FILES are role files or folders of them (found as `build` finds them; grades, needs,
    school and provider files in a folder are skipped with a note). Each finding names the
    statement id or field and suggests a fix; a standard role (`standard: true`) has no
    advert, so the advert rules are skipped for it. Several files end with one summary.
    Exit status 1 when any finding is an error (or a file is invalid), 0 otherwise. The
    rules are in docs/lint.md.

    \b
    Example:
      ictroles lint examples/
      ictroles lint examples/authority/schools --format json
    """
    from ictroles.authoring.lint import lint_files
    from ictroles.framework.overlay import load_overlay

    fw, pack = load_sources(framework_path, standards_path)
    overlay = load_overlay(framework=fw if framework_path is None else None)
    run = lint_files(files, fw, overlay, today.date() if today else None, original_wording, pack)
    if fmt == "json":
        echo_json(run.as_dict())
    else:
        for note in run.skipped:
            click.echo(note.note, err=True)
        for problem in run.missing:
            click.echo(f"{problem} (error: invalid role file)", err=True)
        for report in run.reports:
            if report.valid:
                _echo_findings(report.path, list(report.findings))
            for p in report.problems:
                click.echo(f"{p} (error: invalid role file)", err=True)
        if len(run.reports) + len(run.missing) > 1 or run.skipped or any(Path(f).is_dir() for f in files):
            click.echo(run.summary)
    if run.has_errors:
        raise SystemExit(1)


def _echo_findings(path: Path, findings: list) -> None:
    if not findings:
        click.echo(f"{printable(path)}: no findings")
        return
    errors = sum(f.severity == "error" for f in findings)
    for f in findings:
        click.echo(f"{f.located(path)} [{f.rule}]")
        click.echo(f"    suggestion: {f.suggestion}")
    click.echo(f"{printable(path)}: {errors} error(s), {len(findings) - errors} warning(s)")
