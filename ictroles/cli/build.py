"""The ``ictroles build`` command."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from pathlib import Path

import click

from ictroles.cli import framework_option
from ictroles.render.outputs import DEFAULT_KINDS, OUTPUTS, RenderOptions


@click.command("build", short_help="Build job descriptions, person specs, adverts and matrices.")
@click.argument("roles", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("-o", "--out", "out_dir", type=click.Path(path_type=Path), default=Path("."),
              show_default=True, help="Folder to write the documents into (created if missing).")
@click.option("--only", "only", metavar="KINDS",
              help="Comma-separated outputs to build: "
              + "; ".join(f"{o.kind} = {o.description}" for o in OUTPUTS.values())
              + ". Default: " + ",".join(DEFAULT_KINDS) + ".")
@click.option("--letterhead", type=click.Path(dir_okay=False, path_type=Path),
              help="A school's letterhead .docx: its header, footer, logo and styles are used.")
@click.option("--templates", "templates_dir", type=click.Path(file_okay=False, path_type=Path),
              help="Folder with the school's or authority's own wording/templates.")
@click.option("--modernise", is_flag=True,
              help="Use the modern wordings overlay; adapted statements are marked in the documents.")
@click.option("--pdf", is_flag=True, help="Also convert each document to PDF with LibreOffice.")
@click.option("--force", is_flag=True, help="Replace documents that already exist.")
@click.option("-j", "--jobs", type=click.IntRange(min=1, max=64), default=None,
              help="Roles built in parallel (default: the number of CPUs).")
@click.option("-q", "--quiet", is_flag=True, help="No progress bar and no list of files written.")
@framework_option
def build_cmd(roles: tuple[Path, ...], out_dir: Path, only: str | None, letterhead: Path | None,
              templates_dir: Path | None, modernise: bool, pdf: bool, force: bool, jobs: int | None,
              quiet: bool, framework_path: Path | None) -> None:
    """Build the job description, person specification, advert and matrix of each role.

    ROLES are role files or folders of them. One bad role file does not stop a batch: it
    is reported, the others are built, and the exit status is 1.

    Example: ictroles build examples/ict-technician.yaml -o out
    """
    from ictroles.build import BuildResult, BuildSettings, parse_kinds, run_build
    from ictroles.core.errors import IctrolesError

    if letterhead is not None and not letterhead.is_file():
        raise IctrolesError(f"{letterhead}: letterhead file not found")
    kinds = parse_kinds(only)
    if letterhead is not None and {"jd", "person-spec", "advert"} & set(kinds):
        # Check it once here rather than failing the same way for every role of a batch.
        from ictroles.render.word.common import open_docx

        open_docx(letterhead, None, what="letterhead")
    if templates_dir is not None and not templates_dir.is_dir():
        raise IctrolesError(f"{templates_dir}: templates folder not found")
    pdf_missing = False
    if pdf:
        from ictroles.render.pdf import find_soffice

        # Build the documents anyway, then say once how to get PDFs (not once per role).
        pdf_missing = find_soffice() is None
        pdf = pdf and not pdf_missing
    settings = BuildSettings(
        out_dir=out_dir,
        kinds=kinds,
        options=RenderOptions(templates_dir=templates_dir, letterhead=letterhead),
        force=force,
        pdf=pdf,
        modernise=modernise,
        framework_path=framework_path,
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

    results = run_build(roles, settings, workers=workers, progress=progress)
    failed = [r for r in results if not r.ok]
    for result in results:
        if not quiet:
            for path in result.written:
                click.echo(str(path))
        if result.error:
            click.echo(result.error, err=True)
        elif result.note and not quiet and len(results) == 1:
            click.echo(result.note, err=True)
    noted = sum(1 for r in results if r.ok and r.note)
    if noted and not quiet and len(results) > 1:
        click.echo(f"note: {noted} of the roles use dated 2005 wording in some statements; "
                   "`ictroles lint` shows them, and --modernise uses current wording", err=True)
    if len(results) > 1 or failed:
        summary = f"Built {len(results) - len(failed)} of {len(results)} roles"
        if failed:
            summary += f"; {len(failed)} failed"
        click.echo(summary, err=True)
    if pdf_missing:
        from ictroles.render.pdf import INSTALL_HINT

        click.echo(f"Error: no PDFs were made. {INSTALL_HINT}.", err=True)
    if failed or pdf_missing:
        raise SystemExit(1)
