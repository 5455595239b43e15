"""Commands that browse the framework and its level schemes."""

from __future__ import annotations

from pathlib import Path

import click

from ictroles.cli.options import (
    complete_level,
    complete_skill,
    complete_standard,
    echo_json,
    format_option,
    framework_option,
    load_sources,
    scheme_option_value,
    standards_option,
)


@click.command("framework", short_help="Browse the competences, with statement ids.")
@click.option("--skill", "skills", multiple=True, metavar="ID", help="Only this skill (repeatable).",
              shell_complete=complete_skill)
@click.option("--level", "levels", multiple=True, metavar="L", help="Only this level (repeatable).",
              shell_complete=complete_level)
@click.option("--scheme", default=None, metavar="NAME|FILE",
              help="Show the levels of a scheme (four, three, five or a file) instead of A-D.")
@format_option
@framework_option
def framework_cmd(skills: tuple[str, ...], levels: tuple[str, ...], scheme: str | None,
                  fmt: str, framework_path: Path | None) -> None:
    """Browse the competences: skills, levels and their statements with ids.

    \b
    Example:
      ictroles framework --skill server-network-support --level C
    """
    from ictroles.framework.competences import load_framework, matching, suggest
    from ictroles.renderers.text import framework_json, framework_text

    fw = load_framework(framework_path)
    skills = tuple(matching(sid, fw.skills_by_id) or sid for sid in skills)
    for sid in skills:
        if sid not in fw.skills_by_id:
            raise click.BadParameter(
                f"unknown skill '{sid}'" + suggest(sid, list(fw.skills_by_id)), param_hint="--skill"
            )
    sch = scheme_option_value(scheme, fw) if scheme else None
    valid_levels = sch.labels if sch else fw.level_ids
    levels = tuple(matching(lv, valid_levels) or lv for lv in levels)
    for lv in levels:
        if lv not in valid_levels:
            raise click.BadParameter(
                f"unknown level '{lv}'; choose from {', '.join(valid_levels)}", param_hint="--level"
            )
    if fmt == "json":
        echo_json(framework_json(fw, sch, list(skills), list(levels)))
    else:
        click.echo(framework_text(fw, sch, list(skills), list(levels)), nl=False)


@click.command("schemes", short_help="List the level schemes (four, three, five).")
@format_option
@framework_option
def schemes_cmd(fmt: str, framework_path: Path | None) -> None:
    """List the built-in level schemes and what each local level draws on.

    \b
    Example:
      ictroles schemes
    """
    from ictroles.framework.competences import load_framework
    from ictroles.framework.schemes import builtin_schemes, load_scheme
    from ictroles.renderers.text import schemes_text

    fw = load_framework(framework_path)
    loaded = [(load_scheme(name, fw), str(path)) for name, path in builtin_schemes().items()]
    loaded.sort(key=lambda pair: len(pair[0].levels))
    if fmt == "json":
        echo_json([s.dump() for s, _ in loaded])
    else:
        click.echo(schemes_text(loaded), nl=False)


@click.command("standards", short_help="List the DfE digital and technology standards (England).")
@click.option("--standard", "standard_id", default=None, metavar="ID",
              help="Show one standard: summary, who does what, and its duty at each level.",
              shell_complete=complete_standard)
@format_option
@standards_option
@framework_option
def standards_cmd(standard_id: str | None, fmt: str, standards_path: Path | None,
                  framework_path: Path | None) -> None:
    """List the standards a role can take on (id, name, core or not, GOV.UK address).

    The standards are the Department for Education's "Meeting digital and technology
    standards in schools and colleges" (England), summarised for ictroles; they are not part
    of the ICT Competences Framework. A role file selects them like skills:
    `standards: {cyber-security: C, filtering-monitoring: B}`.

    \b
    Example:
      ictroles standards --standard filtering-monitoring
    """
    from ictroles.framework.competences import matching, suggest
    from ictroles.framework.standards import load_standards
    from ictroles.renderers.text import standard_json, standard_text, standards_text

    fw, pack = load_sources(framework_path, standards_path)
    pack = pack or load_standards(fw)
    if standard_id is not None:
        standard_id = matching(standard_id, pack.by_id) or standard_id
    if standard_id is not None and standard_id not in pack.by_id:
        raise click.BadParameter(
            f"unknown standard '{standard_id}'" + suggest(standard_id, list(pack.by_id)), param_hint="--standard"
        )
    chosen = [pack.by_id[standard_id]] if standard_id else pack.standards
    if fmt == "json":
        echo_json([standard_json(pack, s) for s in chosen])
    elif standard_id:
        click.echo(standard_text(pack, chosen[0], fw), nl=False)
    else:
        click.echo(standards_text(pack), nl=False)
