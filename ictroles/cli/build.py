"""The ``ictroles build`` command."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import click

from ictroles.cli.options import complete_kinds, echo_skipped, framework_option, standards_option
from ictroles.renderers.outputs import DEFAULT_KINDS, OUTPUTS, RenderOptions

if TYPE_CHECKING:
    from ictroles.batch import SchoolSummary


@click.command("build", short_help="Build job descriptions, person specs, adverts and matrices.")
@click.argument("roles", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("-o", "--out", "out_dir", type=click.Path(path_type=Path), default=Path("."),
              show_default=True, help="Folder to write the documents into (created if missing).")
@click.option("--only", "only", metavar="KINDS", shell_complete=complete_kinds,
              help="Comma-separated outputs to build: "
              + "; ".join(f"{o.kind} = {o.description}" for o in OUTPUTS.values())
              + ". Default: " + ",".join(DEFAULT_KINDS) + ".")
@click.option("--letterhead", type=click.Path(dir_okay=False, path_type=Path),
              help="A school's letterhead (.docx, .dotx, or .doc with LibreOffice installed): its header, "
              "footer, logo and styles are used, never its body.")
@click.option("--templates", "templates_dir", type=click.Path(file_okay=False, path_type=Path),
              help="Folder with the school's or authority's own wording/templates.")
@click.option("--original-wording", is_flag=True,
              help="Use the framework's 2005 wording instead of the modern wording the documents use by default.")
@click.option("--modernise", is_flag=True, hidden=True)  # the default since 0.2; still accepted
@click.option("--appendix", is_flag=True,
              help="End the job description with the framework statements it is built from.")
@click.option("--draft", is_flag=True,
              help="Write roles even when lint finds errors, marked DRAFT with the errors listed.")
@click.option("--pdf", is_flag=True, help="Also convert each document to PDF with LibreOffice.")
@click.option("--layout", type=click.Choice(["auto", "flat", "per-school"]), default="auto", show_default=True,
              help="per-school: each school's documents in OUT/<school>/, named after the role's title; "
              "flat: all in OUT, named after the role files; auto: per-school when the roles name "
              "more than one school.")
@click.option("--force", is_flag=True, help="Replace documents that already exist.")
@click.option("-j", "--jobs", type=click.IntRange(min=1, max=64), default=None,
              help="Roles built in parallel (default: the number of CPUs).")
@click.option("-q", "--quiet", is_flag=True, help="No progress bar and no list of files written.")
@standards_option
@framework_option
def build_cmd(roles: tuple[Path, ...], out_dir: Path, only: str | None, letterhead: Path | None,
              templates_dir: Path | None, original_wording: bool, modernise: bool, appendix: bool,
              draft: bool, pdf: bool, layout: str, force: bool, jobs: int | None, quiet: bool,
              standards_path: Path | None, framework_path: Path | None) -> None:
    """Build the job description, person specification, advert and matrix of each role.

    ROLES are role files or folders of them. Each role is checked by `ictroles lint` first:
    a role with an error (no closing date, no salary, exclusionary wording...) is not written
    unless --draft is given. One bad role file does not stop a batch: it is reported, the
    others are built, and the exit status is 1. A role's documents are written together or
    not at all, and a second build into a folder another build is writing into stops at once.
    When the roles name more than one school, each school's documents go into their own
    folder, OUT/<school>/<title>-job-description.docx, and the summary ends with a table of
    schools (--layout chooses).

    \b
    Example:
      ictroles build examples/ict-technician.yaml -o out
    """
    from ictroles.batch import BuildResult, BuildSettings, parse_kinds, run_build
    from ictroles.core.errors import IctrolesError

    try:
        kinds = parse_kinds(only)
    except IctrolesError as exc:
        raise click.BadParameter(str(exc), param_hint="--only") from None
    settings = BuildSettings(
        out_dir=out_dir,
        kinds=kinds,
        options=RenderOptions(templates_dir=templates_dir, letterhead=letterhead, appendix=appendix),
        force=force,
        pdf=pdf,
        original_wording=original_wording,
        draft=draft,
        framework_path=framework_path,
        standards_path=standards_path,
        layout=layout,
    )
    workers = jobs or os.cpu_count() or 1
    show_bar = not quiet and sys.stderr.isatty()

    def progress(results: Iterator[BuildResult], total: int) -> Iterator[BuildResult]:
        if not show_bar or total < 2:
            yield from results
            return
        with click.progressbar(results, length=total, label="Building roles", file=sys.stderr,
                               item_show_func=lambda r: r.role_file.name if r else None) as bar:
            yield from bar

    if pdf and not quiet:
        click.echo("Converting to PDF with LibreOffice: a few seconds a role...", err=True)
    if not quiet:
        from ictroles.roles.discovery import role_files

        role_files(roles, on_skip=echo_skipped)  # batch.py finds the same files and leaves these out
    report = run_build(roles, settings, workers=workers, progress=progress)
    results, failed = report.results, report.failed
    if not quiet:
        for note in report.notes:
            click.echo(note, err=True)
    for result in results:
        if not quiet:
            for path in result.written:
                click.echo(str(path))
        if result.error:
            click.echo(result.error, err=True)
        elif result.note and not quiet:
            click.echo(result.note, err=True)
    if len(results) > 1 or failed:
        summary = f"Built {len(results) - len(failed)} of {len(results)} roles"
        if failed:
            summary += f"; {len(failed)} failed"
        click.echo(summary, err=True)
    schools = report.schools()
    if schools:
        click.echo(school_table(schools, settings.out_dir), err=True)
    if report.pdf_missing:
        from ictroles.renderers.pdf import INSTALL_HINT

        click.echo(f"Error: no PDFs were made. {INSTALL_HINT}.", err=True)
    if failed or report.pdf_missing:
        raise SystemExit(1)


def school_table(schools: list[SchoolSummary], out_dir: Path) -> str:
    """The per-school summary: one line per school folder, what was written and what failed."""
    rows = [("School", "Folder", "Roles built", "Files", "Not built")]
    for s in schools:
        folder = s.folder.relative_to(out_dir).as_posix() + "/" if s.folder != out_dir else "./"
        rows.append((s.school, folder, str(s.built), str(s.files), ", ".join(p.name for p in s.failed) or "-"))
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    lines = ["  ".join(cell.ljust(w) if i in (0, 1, 4) else cell.rjust(w)
                       for i, (cell, w) in enumerate(zip(row, widths))).rstrip() for row in rows]
    lines.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(lines)
