"""Commands for local authorities: indicative grades, role comparison and support coverage."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import click

from ictroles.cli.options import echo_json, format_option, framework_option, load_sources, standards_option
from ictroles.core.files import check_output_file

if TYPE_CHECKING:
    from ictroles.framework.competences import Framework
    from ictroles.framework.standards import StandardsPack
    from ictroles.roles.resolve import ResolvedRole

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
@standards_option
@framework_option
def grade_cmd(roles: tuple[Path, ...], grades_path: Path, out_path: Path | None, force: bool, fmt: str,
              standards_path: Path | None, framework_path: Path | None) -> None:
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
    from ictroles.roles.resolve import load_roles

    _check_xlsx(out_path, force)
    fw, pack = load_sources(framework_path, standards_path)
    grades = load_grades(grades_path, fw)
    results = grade_roles(load_roles(roles, fw, skip=[grades_path], standards=pack), grades)
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
@standards_option
@framework_option
def compare_cmd(a: Path, b: Path, fmt: str, standards_path: Path | None, framework_path: Path | None) -> None:
    """Compare two roles skill by skill: level in each and statements only in one.

    Works across level schemes: levels are compared as framework levels A-D (a level that
    draws on several counts as the highest); statements are matched by framework id.

    Example: ictroles compare examples/three-level-technician.yaml examples/ict-technician.yaml
    """
    from ictroles.authority.compare import compare_roles, comparison_json, comparison_text
    from ictroles.roles.resolve import load_role

    fw, pack = load_sources(framework_path, standards_path)
    role_a, role_b = load_role(a, fw, standards=pack), load_role(b, fw, standards=pack)
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
@click.option("--standards", "by_standards", is_flag=True,
              help="Report who does what for the DfE digital and technology standards instead of skills.")
@click.option("--school", "school_path", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="With --standards: the school file naming its SLT digital lead, DSL and governor.")
@click.option("--strict", is_flag=True,
              help="With --standards: exit 1 when a core standard has a responsibility nobody holds.")
@click.option("-o", "--output", "out_path", type=_xlsx_path, default=None,
              help="Also write a coverage workbook (.xlsx) with colours.")
@_force_option
@format_option
@standards_option
@framework_option
def coverage_cmd(roles: tuple[Path, ...], providers: tuple[Path, ...], needs_path: Path | None,
                 by_standards: bool, school_path: Path | None, strict: bool, force: bool,
                 out_path: Path | None, fmt: str, standards_path: Path | None, framework_path: Path | None) -> None:
    """Show who covers each competence in a school's support arrangement, and the gaps.

    Per skill: the highest framework level covered and by which role or provider. Gaps are
    skills nobody covers, or covered only below the level the --needs file asks for. A
    folder stands for every role file in it. Exit status 0 even when there are gaps.

    With --standards: per DfE standard, each responsibility and who holds it (the school
    file's named holders, the roles' and providers' `standards:`), and which nobody holds;
    --strict makes a gap in a core standard exit 1.

    `ictroles coverage ... --standards --school examples/authority/ashdown-school.yaml`
    is the who-does-what report (docs/standards.md).

    \b
    Example:
      ictroles coverage examples/authority/schools/ashdown-*.yaml
        --provider examples/authority/provider.yaml --needs examples/authority/needs.yaml
    """
    from ictroles.roles.resolve import load_roles

    if not by_standards and (school_path or strict):
        raise click.UsageError("--school and --strict go with --standards")
    if by_standards and needs_path:
        raise click.UsageError("--needs is for skills coverage; leave it out with --standards")
    _check_xlsx(out_path, force)
    fw, pack = load_sources(framework_path, standards_path)
    role_list = load_roles(roles, fw, skip=[needs_path, school_path, *providers], standards=pack)
    provider_list = load_roles(list(providers), fw, standards=pack) if providers else []
    if by_standards:
        _standards_coverage(fw, pack, role_list, provider_list, school_path, strict, out_path, fmt)
        return
    from ictroles.authority.coverage import coverage, coverage_json, coverage_text, load_needs

    needs = load_needs(needs_path, fw) if needs_path else None
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


def _standards_coverage(fw: Framework, pack: StandardsPack | None, roles: list[ResolvedRole],
                        providers: list[ResolvedRole], school_path: Path | None, strict: bool,
                        out_path: Path | None, fmt: str) -> None:
    from ictroles.authority.responsibilities import (
        load_school,
        responsibilities,
        responsibilities_json,
        responsibilities_text,
    )
    from ictroles.framework.standards import load_standards

    pack = pack or load_standards(fw)
    school = load_school(school_path, pack) if school_path else None
    res = responsibilities(pack, roles, providers, school)
    if out_path is not None:
        from ictroles.authority.workbooks import write_responsibilities_workbook

        write_responsibilities_workbook(res, out_path)
    if fmt == "json":
        echo_json(responsibilities_json(res))
    else:
        click.echo(responsibilities_text(res), nl=False)
        if out_path is not None:
            click.echo(f"Wrote {out_path}")
    if strict and res.problems:
        click.echo(f"{len(res.problems)} responsibilities in core standards have nobody responsible", err=True)
        raise SystemExit(1)
