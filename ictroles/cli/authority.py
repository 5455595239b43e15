"""Commands for local authorities: indicative grades, role comparison and support coverage."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from ictroles.cli.options import (
    echo_report,
    echo_skipped,
    format_option,
    framework_option,
    load_sources,
    standards_option,
)
from ictroles.core.files import check_output_file

if TYPE_CHECKING:
    from ictroles.authority.coverage import AuthorityCoverage
    from ictroles.framework.competences import Framework
    from ictroles.framework.standards import StandardsPack
    from ictroles.roles.resolve import ResolvedRole

_xlsx_path = click.Path(dir_okay=False, path_type=Path)


def _workbooks() -> Any:
    """The authority workbooks' module: openpyxl is imported only when ``-o`` asks for one."""
    from ictroles.authority import workbooks

    return workbooks


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
    results = grade_roles(load_roles(roles, fw, skip=[grades_path], standards=pack, on_skip=echo_skipped), grades)
    echo_report(fmt, lambda: grades_json(results, grades), lambda: grades_text(results, grades), out_path,
                lambda path: _workbooks().write_grades_workbook(results, grades, path))


@click.command("compare", short_help="Compare roles skill by skill, or school roles with their standard roles.")
@click.argument("roles", nargs=-1, type=click.Path(path_type=Path))
@click.option("--against-standard", "against", type=click.Path(file_okay=False, path_type=Path), default=None,
              metavar="DIR", help="List what each school role in DIR changes relative to the role it extends.")
@click.option("-o", "--output", "out_path", type=_xlsx_path, default=None,
              help="Also write the comparison as an Excel workbook (.xlsx).")
@_force_option
@format_option
@standards_option
@framework_option
def compare_cmd(roles: tuple[Path, ...], against: Path | None, out_path: Path | None, force: bool, fmt: str,
                standards_path: Path | None, framework_path: Path | None) -> None:
    """Compare two or more roles skill by skill, or a folder of school roles with the roles they extend.

    ROLES are role files or folders of them (two roles at least). For each skill: each
    role's level against role 1's, e.g. "C (1 above)", and the statements, with their
    text, that not every role has; then the standards, and each role's grade, pay, hours
    and weeks. Works across level schemes: levels are compared as framework levels A-D (a
    level that draws on several counts as the highest); statements are matched by
    framework id.

    With --against-standard DIR: for each role in DIR that extends another (a school's
    post on the authority's standard role), the fields it changes and the skills and
    standards it adds, removes or sets at another level, then what is changed most often.

    \b
    Example:
      ictroles compare examples/three-level-technician.yaml examples/ict-technician.yaml
      ictroles compare examples/authority/schools -o compare.xlsx
      ictroles compare --against-standard examples/authority/schools
    """
    _check_xlsx(out_path, force)
    if against is not None:
        if roles:
            raise click.UsageError("give either ROLES or --against-standard DIR, not both")
        _against_standard(against, out_path, fmt)
        return
    from ictroles.authority.compare import compare_many, comparison_json, comparison_text
    from ictroles.roles.resolve import load_roles

    if not roles:
        raise click.UsageError("give two or more role files (or a folder), or --against-standard DIR")
    fw, pack = load_sources(framework_path, standards_path)
    cmp = compare_many(load_roles(roles, fw, standards=pack, on_skip=echo_skipped))
    echo_report(fmt, lambda: comparison_json(cmp), lambda: comparison_text(cmp), out_path,
                lambda path: _workbooks().write_comparison_workbook(cmp, path))


def _against_standard(folder: Path, out_path: Path | None, fmt: str) -> None:
    from ictroles.authority.compare import against_standard_json, against_standard_text
    from ictroles.core.errors import InvalidInputError
    from ictroles.roles.changes import role_changes
    from ictroles.roles.discovery import role_files

    files, problems = role_files([folder], on_skip=echo_skipped)
    changes, alone = [], []
    for path in files:
        try:
            found = role_changes(path)
        except InvalidInputError as exc:
            problems.extend(exc.problems)
            continue
        if found is None:
            alone.append(path.name)
        else:
            changes.append(found)
    if problems:
        raise InvalidInputError(problems)
    echo_report(fmt, lambda: against_standard_json(changes, alone), lambda: against_standard_text(changes, alone),
                out_path, lambda path: _workbooks().write_changes_workbook(changes, path))


@click.command("coverage", short_help="Who covers each competence in a school, and the gaps.")
@click.argument("roles", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--provider", "providers", multiple=True, type=click.Path(dir_okay=False, path_type=Path),
              help="A provider's file (role-file format; the title names the service). Repeatable.")
@click.option("--needs", "needs_path", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="The school's needs file: minimum framework level per skill (see docs/grades.md).")
@click.option("--standards", "by_standards", is_flag=True,
              help="Report who does what for the DfE digital and technology standards instead of skills.")
@click.option("--school", "school_paths", multiple=True, type=click.Path(dir_okay=False, path_type=Path),
              help="With --standards: a school file naming its SLT digital lead, DSL and governor "
                   "(repeatable: one per school, matched by its school: name).")
@click.option("--strict", is_flag=True,
              help="With --standards: exit 1 when a core standard has a responsibility nobody holds.")
@click.option("-o", "--output", "out_path", type=_xlsx_path, default=None,
              help="Also write a coverage workbook (.xlsx) with colours.")
@_force_option
@format_option
@standards_option
@framework_option
def coverage_cmd(roles: tuple[Path, ...], providers: tuple[Path, ...], needs_path: Path | None,
                 by_standards: bool, school_paths: tuple[Path, ...], strict: bool, force: bool,
                 out_path: Path | None, fmt: str, standards_path: Path | None, framework_path: Path | None) -> None:
    """Show who covers each competence in a school's support arrangement, and the gaps.

    Per skill: the highest framework level covered and by which role or provider. Gaps are
    skills nobody covers, or covered only below the level the --needs file asks for. A
    folder stands for every role file in it. Exit status 0 even when there are gaps.

    Roles for several schools (their `school:` field) are reported school by school, each
    with the providers, then a summary across the authority; -o writes a summary sheet and
    a sheet per school. A needs file that names a school applies to that school only; a
    warning says when it names a school none of the roles is for.

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

    if not by_standards and (school_paths or strict):
        raise click.UsageError("--school and --strict go with --standards")
    if by_standards and needs_path:
        raise click.UsageError("--needs is for skills coverage; leave it out with --standards")
    _check_xlsx(out_path, force)
    fw, pack = load_sources(framework_path, standards_path)
    role_list = load_roles(roles, fw, skip=[needs_path, *school_paths, *providers], standards=pack,
                           on_skip=echo_skipped)
    provider_list = load_roles(list(providers), fw, standards=pack) if providers else []
    if by_standards:
        _standards_coverage(fw, pack, role_list, provider_list, school_paths, strict, out_path, fmt)
        return
    from ictroles.authority.coverage import (
        coverage,
        coverage_by_school,
        coverage_json,
        coverage_text,
        load_needs,
        school_needs_warnings,
    )

    needs = load_needs(needs_path, fw) if needs_path else None
    if len({(r.spec.school or "").casefold() for r in role_list}) > 1:
        _coverage_by_school(coverage_by_school(role_list, provider_list, needs), out_path, fmt)
        return
    for warning in school_needs_warnings(role_list, needs):
        click.echo(f"Warning: {warning}", err=True)
    cov = coverage(role_list, provider_list, needs, role_list[0].spec.school)
    echo_report(fmt, lambda: coverage_json(cov), lambda: coverage_text(cov), out_path,
                lambda path: _workbooks().write_coverage_workbook(cov, path))


def _coverage_by_school(auth: AuthorityCoverage, out_path: Path | None, fmt: str) -> None:
    from ictroles.authority.coverage import authority_coverage_json, authority_coverage_text

    for warning in auth.warnings:
        click.echo(f"Warning: {warning}", err=True)
    echo_report(fmt, lambda: authority_coverage_json(auth), lambda: authority_coverage_text(auth), out_path,
                lambda path: _workbooks().write_authority_coverage_workbook(auth, path))


def _standards_coverage(fw: Framework, pack: StandardsPack | None, roles: list[ResolvedRole],
                        providers: list[ResolvedRole], school_paths: tuple[Path, ...], strict: bool,
                        out_path: Path | None, fmt: str) -> None:
    from ictroles.authority.responsibilities import (
        load_school,
        responsibilities_by_school,
        responsibilities_json,
        responsibilities_text,
        unmatched_schools,
    )
    from ictroles.framework.standards import load_standards

    pack = pack or load_standards(fw)
    schools = [load_school(p, pack) for p in school_paths]
    results = responsibilities_by_school(pack, roles, providers, schools)
    for warning in unmatched_schools(results, schools):
        click.echo(f"Warning: {warning}", err=True)
    problems = sum(len(r.problems) for r in results)

    def as_json() -> Any:
        data = [responsibilities_json(r) for r in results]
        return data[0] if len(data) == 1 else {"schools": data, "core_gaps": problems}

    def as_text() -> str:
        text = "\n".join(responsibilities_text(r) for r in results)
        if len(results) > 1:
            text += (f"\n{len(results)} schools: {sum(bool(r.problems) for r in results)} with a core standard "
                     f"that nobody is responsible for ({problems} responsibilities in all).\n")
        return text

    echo_report(fmt, as_json, as_text, out_path,
                lambda path: _workbooks().write_responsibilities_workbook(results, path))
    if strict and problems:
        click.echo(f"{problems} responsibilities in core standards have nobody responsible", err=True)
        raise SystemExit(1)
