"""Commands that browse the framework and its level schemes."""

from __future__ import annotations

from pathlib import Path

import click

from ictroles.cli.options import echo_json, format_option, framework_option, scheme_option_value


@click.command("framework", short_help="Browse the competences, with statement ids.")
@click.option("--skill", "skills", multiple=True, metavar="ID", help="Only this skill (repeatable).")
@click.option("--level", "levels", multiple=True, metavar="L", help="Only this level (repeatable).")
@click.option("--scheme", default=None, metavar="NAME|FILE",
              help="Show the levels of a scheme (four, three, five or a file) instead of A-D.")
@format_option
@framework_option
def framework_cmd(skills: tuple[str, ...], levels: tuple[str, ...], scheme: str | None,
                  fmt: str, framework_path: Path | None) -> None:
    """Browse the competences: skills, levels and their statements with ids.

    Example: ictroles framework --skill server-network-support --level C
    """
    from ictroles.framework.competences import load_framework, suggest
    from ictroles.renderers.text import framework_json, framework_text

    fw = load_framework(framework_path)
    for sid in skills:
        if sid not in fw.skills_by_id:
            raise click.BadParameter(
                f"unknown skill '{sid}'" + suggest(sid, list(fw.skills_by_id)), param_hint="--skill"
            )
    sch = scheme_option_value(scheme, fw) if scheme else None
    valid_levels = sch.labels if sch else fw.level_ids
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

    Example: ictroles schemes
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
