"""The ``ictroles assess`` commands: self-assessment forms, development plans, training needs."""

from __future__ import annotations

from pathlib import Path

import click

from ictroles.cli.options import framework_option

_file = click.Path(dir_okay=False, path_type=Path)
_force_option = click.option("--force", is_flag=True, help="Replace output files that exist.")


@click.group("assess", short_help="Self-assessment forms, development plans, training needs.")
def assess_cmd() -> None:
    """Self-assessment against a role: a form to fill in, a development plan from it, and an
    authority's summary of training needs. Self-assessments are personal data: nothing leaves
    the machine (see docs/self-assessment.md).

    \b
    Example:
      ictroles assess form examples/ict-technician.yaml -o form.xlsx
    """


@assess_cmd.command("form", short_help="Write a self-assessment form (Excel) for a role.")
@click.argument("role", type=_file)
@click.option("-o", "--output", "out", type=_file, required=True, help="The form to write (.xlsx).")
@_force_option
@framework_option
def form_cmd(role: Path, out: Path, force: bool, framework_path: Path | None) -> None:
    """Write a workbook a technician fills in with Excel or LibreOffice: one row per statement of
    the role's skills at the role's level and the level above (then the role's DfE standards,
    which are not part of the framework), each rated from a drop-down
    (Not yet, Developing, Confident, Could teach others), with an evidence column. The sheet is
    protected so rows cannot be deleted or moved by accident.

    \b
    Example:
      ictroles assess form examples/ict-technician.yaml -o sam-form.xlsx
    """
    from ictroles.assess.actions import make_form
    from ictroles.framework.competences import load_framework

    count = make_form(role, out, load_framework(framework_path), force=force)
    click.echo(f"Wrote {out} ({count} statements)")


@assess_cmd.command("plan", short_help="Write a development plan from a filled form or YAML.")
@click.argument("source", type=_file)
@click.option("--role", "role", type=_file, required=True, help="The role file the form was made for.")
@click.option("--target", "target", type=_file, default=None,
              help="Plan against this role instead (the next post), e.g. a senior technician role.")
@click.option("-o", "--output", "out", type=click.Path(path_type=Path), required=True,
              help="Stem of the files: OUT-plan.docx and OUT-plan.xlsx; a folder: FOLDER/<name>-plan.*.")
@_force_option
@framework_option
def plan_cmd(source: Path, role: Path, target: Path | None, out: Path, force: bool,
             framework_path: Path | None) -> None:
    """Write a development plan (Word and Excel) from a filled form (.xlsx) or a YAML
    self-assessment: per skill the level needed, the person's level and the gap; the
    statements still to develop, in order; a suggested kind of development for each gap; and
    columns for the agreed action, who supports it, the review date and evidence. The role's
    DfE standards are measured the same way, in a part of their own.

    A level is met when every statement at that level is rated Confident or Could teach
    others. Nothing is written if the form has problems (each is named by sheet, row and
    column).

    \b
    Example:
      ictroles assess plan sam-form.xlsx --role examples/ict-technician.yaml -o sam
    """
    from ictroles.assess.actions import write_plan
    from ictroles.framework.competences import load_framework

    plan, written = write_plan(source, role, out, load_framework(framework_path), target_path=target, force=force)
    click.echo(plan.summary)
    for path in written:
        click.echo(f"Wrote {path}")


@assess_cmd.command("summary", short_help="Training needs over many self-assessments (Excel).")
@click.argument("inputs", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--roles", "roles", multiple=True, type=click.Path(path_type=Path),
              help="Role files, or folders of them, that the forms were made for (matched by file name). Repeatable.")
@click.option("-o", "--output", "out", type=_file, default=Path("training-needs.xlsx"), show_default=True,
              help="The workbook to write.")
@click.option("--anonymous", is_flag=True, help="Leave every name out (and the per-person sheet).")
@_force_option
@framework_option
def summary_cmd(inputs: tuple[Path, ...], roles: tuple[Path, ...], out: Path, anonymous: bool, force: bool,
                framework_path: Path | None) -> None:
    """Count, per skill and framework level, how many technicians have a gap, by school (the
    school named in each person's role), from every filled form and YAML self-assessment in
    the folders or files given. Every input is checked first; nothing is written if one has
    problems.

    \b
    Example:
      ictroles assess summary forms/ --roles examples/authority/schools -o training-needs.xlsx --anonymous
    """
    from ictroles.assess.actions import write_summary
    from ictroles.assess.summary import needs_text
    from ictroles.framework.competences import load_framework

    needs = write_summary(inputs, out, load_framework(framework_path), roles=roles, anonymous=anonymous, force=force)
    click.echo(needs_text(needs), nl=False)
    click.echo(f"Wrote {out}")
