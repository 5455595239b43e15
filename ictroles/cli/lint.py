"""The ``ictroles lint`` command: check roles for what would embarrass a published advert."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import click

from ictroles.cli import echo_json, format_option, framework_option
from ictroles.core.errors import InvalidInputError


@click.command("lint", short_help="Check roles for dated wording and missing advert facts.")
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@format_option
@framework_option
@click.option("--today", type=click.DateTime(["%Y-%m-%d"]), default=None,
              help="Check dates as if today were this day (YYYY-MM-DD).")
def lint_cmd(files: tuple[Path, ...], fmt: str, framework_path: Path | None, today: dt.datetime | None) -> None:
    """Check role files for dated wording, missing advert facts and exclusionary language.

    Each finding names the statement id or field and suggests a fix. Exit status 1 when any
    finding is an error (or a file is invalid), 0 otherwise. The rules are in docs/lint.md.

    Example: ictroles lint examples/*.yaml
    """
    from ictroles.authoring.lint import has_errors, lint_role, locate_findings
    from ictroles.framework.competences import load_framework
    from ictroles.framework.overlay import load_overlay
    from ictroles.roles.resolve import resolve_data
    from ictroles.roles.spec import load_role_data

    fw = load_framework(framework_path)
    overlay = load_overlay(framework=fw if framework_path is None else None)
    day = today.date() if today else dt.date.today()
    failed = False
    report = []
    for path in files:
        try:
            data, smap = load_role_data(path)  # read once: the map also locates findings
            role = resolve_data(data, smap, path, fw)
        except InvalidInputError as exc:
            failed = True
            report.append({"file": str(path), "valid": False, "problems": [str(p) for p in exc.problems]})
            if fmt == "text":
                for p in exc.problems:
                    click.echo(f"{p} (error: invalid role file)", err=True)
            continue
        findings = locate_findings(lint_role(role, overlay, today=day), role, smap)
        failed = failed or has_errors(findings)
        report.append({"file": str(path), "valid": True, "findings": [f.as_dict() for f in findings]})
        if fmt == "text":
            _echo_findings(path, findings)
    if fmt == "json":
        echo_json(report)
    if failed:
        raise SystemExit(1)


def _echo_findings(path: Path, findings: list) -> None:
    if not findings:
        click.echo(f"{path}: no findings")
        return
    errors = sum(f.severity == "error" for f in findings)
    for f in findings:
        at = f"{f.file or path}:{f.line}" if f.line else str(path)
        click.echo(f"{at}: {f.severity}: {f.where}: {f.message} [{f.rule}]")
        click.echo(f"    suggestion: {f.suggestion}")
    click.echo(f"{path}: {errors} error(s), {len(findings) - errors} warning(s)")
