"""Commands for local authorities: indicative grades, role comparison and support coverage."""

from __future__ import annotations

from pathlib import Path

import click

from ictroles.cli.options import echo_json, format_option, framework_option
from ictroles.core.files import check_output_file

_xlsx_path = click.Path(dir_okay=False, path_type=Path)


def _check_xlsx(path: Path | None, force: bool) -> None:
    if path is not None:
        check_output_file(path, force, ".xlsx")


_force_option = click.option("--force", is_flag=True, help="Replace the workbook if it exists.")


@click.command("grade", short_help="Suggest an indicative grade for each role.")
@click.argument("roles", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--grades", "grades_path", required=True, type=click.Path(dir_okay=False, path_type=Path),
              help="The authority's grades file (see docs/grades.md).")
@click.option("-o", "--output", "out_path", type=_xlsx_path, default=None,
              help="Also write the report as an Excel workbook (.xlsx).")
@_force_option
@format_option
@framework_option
def grade_cmd(roles: tuple[Path, ...], grades_path: Path, out_path: Path | None, force: bool, fmt: str,
              framework_path: Path | None) -> None:
    """Suggest an indicative grade for each role from the authority's grades file.

    For each role: the best-fitting grade and why (skills inside, above and below each
    grade's ranges; the "majority of responsibilities" rule), the grade the role declares,
    and flags: possibly over- or under-graded, levels spread over more than three
    consecutive levels, and roles with identical levels but different declared grades.
    A folder stands for every role file in it. The result is indicative only: local job
    evaluation decides a post's grade.

    Exit status 0 even when flags are raised (they are findings, not errors); 1 when an
    input file has problems.

    \b
    Example:
      ictroles grade examples/authority/schools --grades examples/authority/grades.yaml
    """
    from ictroles.authority.grades import grade_roles, grades_json, grades_text, load_grades
    from ictroles.framework.competences import load_framework
    from ictroles.roles.resolve import load_roles

    _check_xlsx(out_path, force)
    fw = load_framework(framework_path)
    grades = load_grades(grades_path, fw)
    results = grade_roles(load_roles(roles, fw, skip=[grades_path]), grades)
    if out_path is not None:
        from ictroles.authority.workbooks import write_grades_workbook

        write_grades_workbook(results, grades, out_path)
    if fmt == "json":
        echo_json(grades_json(results, grades))
    else:
        click.echo(grades_text(results, grades), nl=False)
        if out_path is not None:
            click.echo(f"Wrote {out_path}")


@click.command("compare", short_help="Compare two roles skill by skill.")
@click.argument("a", type=click.Path(dir_okay=False, path_type=Path))
@click.argument("b", type=click.Path(dir_okay=False, path_type=Path))
@format_option
@framework_option
def compare_cmd(a: Path, b: Path, fmt: str, framework_path: Path | None) -> None:
    """Compare two roles skill by skill: level in each and statements only in one.

    Works across level schemes: levels are compared as framework levels A-D (a level that
    draws on several counts as the highest); statements are matched by framework id.

    Example: ictroles compare examples/three-level-technician.yaml examples/ict-technician.yaml
    """
    from ictroles.authority.compare import compare_roles, comparison_json, comparison_text
    from ictroles.framework.competences import load_framework
    from ictroles.roles.resolve import load_role

    fw = load_framework(framework_path)
    role_a, role_b = load_role(a, fw), load_role(b, fw)
    cmp = compare_roles(role_a, role_b)
    if fmt == "json":
        echo_json(comparison_json(cmp))
    else:
        click.echo(comparison_text(cmp), nl=False)


@click.command("coverage", short_help="Who covers each competence in a school, and the gaps.")
@click.argument("roles", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--provider", "providers", multiple=True, type=click.Path(dir_okay=False, path_type=Path),
              help="A provider's file (role-file format; the title names the service). Repeatable.")
@click.option("--needs", "needs_path", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="The school's needs file: minimum framework level per skill (see docs/grades.md).")
@click.option("-o", "--output", "out_path", type=_xlsx_path, default=None,
              help="Also write a coverage workbook (.xlsx) with colours.")
@_force_option
@format_option
@framework_option
def coverage_cmd(roles: tuple[Path, ...], providers: tuple[Path, ...], needs_path: Path | None, force: bool,
                 out_path: Path | None, fmt: str, framework_path: Path | None) -> None:
    """Show who covers each competence in a school's support arrangement, and the gaps.

    Per skill: the highest framework level covered and by which role or provider. Gaps are
    skills nobody covers, or covered only below the level the --needs file asks for. A
    folder stands for every role file in it. Exit status 0 even when there are gaps.

    \b
    Example:
      ictroles coverage examples/authority/schools/ashdown-*.yaml
        --provider examples/authority/provider.yaml --needs examples/authority/needs.yaml
    """
    from ictroles.authority.coverage import coverage, coverage_json, coverage_text, load_needs
    from ictroles.framework.competences import load_framework
    from ictroles.roles.resolve import load_roles

    _check_xlsx(out_path, force)
    fw = load_framework(framework_path)
    needs = load_needs(needs_path, fw) if needs_path else None
    role_list = load_roles(roles, fw, skip=[needs_path, *providers])
    provider_list = load_roles(list(providers), fw) if providers else []
    cov = coverage(role_list, provider_list, needs)
    if out_path is not None:
        from ictroles.authority.workbooks import write_coverage_workbook

        write_coverage_workbook(cov, out_path)
    if fmt == "json":
        echo_json(coverage_json(cov))
    else:
        click.echo(coverage_text(cov), nl=False)
        if out_path is not None:
            click.echo(f"Wrote {out_path}")
