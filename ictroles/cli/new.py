"""The ``ictroles new`` command: a guided way to write a first role file."""

from __future__ import annotations

import datetime as dt
import re
import textwrap
from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

from ictroles.cli.options import complete_level, framework_option, scheme_option_value


@click.command("new", short_help="Create a role file by answering questions.")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--from", "source", metavar="EXAMPLE_OR_FILE",
              help="Start from a bundled example (e.g. ict-technician) or another role file.")
@click.option("--level", metavar="LABEL", help="Put every skill at this level (e.g. B).",
              shell_complete=complete_level)
@click.option("--title", help="The job title.")
@click.option("--scheme", help="Level scheme: four, three, five or a scheme file.")
@click.option("-y", "--yes", is_flag=True, help="Ask nothing: accept the defaults (for scripts).")
@click.option("--force", is_flag=True, help="Replace FILE if it exists.")
@framework_option
def new_cmd(file: Path, source: str | None, level: str | None, title: str | None, scheme: str | None,
            yes: bool, force: bool, framework_path: Path | None) -> None:
    """Create a role file, asking for the title, levels and advert facts step by step.

    Asks one question at a time (press Enter to accept the [default]); Ctrl-C leaves no
    file behind. With --yes nothing is asked, for scripts.

    \b
    Example:
      ictroles new technician.yaml --from ict-technician --title "ICT Technician" --yes
    """
    from ictroles.authoring.wizard import (
        default_spec,
        find_source,
        role_file_text,
        spec_from_file,
        write_role_file,
    )
    from ictroles.core.errors import InvalidInputError, Problem
    from ictroles.core.files import check_output_file
    from ictroles.framework.competences import load_framework, matching
    from ictroles.framework.schemes import load_scheme

    check_output_file(file, force)  # before any question is asked
    if file.suffix.lower() not in (".yaml", ".yml"):
        raise InvalidInputError([Problem(file, None, "", "a role file name must end in .yaml")])
    if title is not None:
        title = _title_option(title)
    fw = load_framework(framework_path)
    base = spec_from_file(find_source(source), fw) if source else default_spec(title or "ICT Technician")
    if title:
        base = base.replace(title=title)
    scheme_ref = scheme or base.scheme
    if scheme:
        sch = scheme_option_value(scheme, fw, file.parent.resolve())
    else:
        sch = load_scheme(scheme_ref, fw, file.parent.resolve())
    if level is not None:
        level = matching(level, sch.labels) or level
    if level is not None and level not in sch.labels:
        raise click.BadParameter(f"'{level}' is not a level of scheme '{sch.name}'; "
                                 f"choose one of {', '.join(sch.labels)}", param_hint="--level")
    if yes:
        spec = _accept_defaults(base, source is not None, level, scheme_ref, fw, sch)
    else:
        spec = _ask(base, source is not None, level, title, scheme, fw, file.parent.resolve())
        sch = load_scheme(spec.scheme, fw, file.parent.resolve())
    write_role_file(role_file_text(spec, fw, sch), file, fw, force=force)
    click.echo(f"\nWrote {file}. Next:")
    click.echo(f"  ictroles lint {_shell(file)}     # check wording and advert facts")
    click.echo(f"  ictroles build {_shell(file)}    # write the job description, person spec, advert, matrix and interview pack")


def _title_option(title: str) -> str:
    """``--title`` checked by the role-file schema's rule, as the wizard checks a typed title."""
    if not title.strip():
        raise click.BadParameter("the job title must not be blank", param_hint="--title")
    try:
        return _field("title")(title)
    except click.BadParameter as exc:
        raise click.BadParameter(exc.message, param_hint="--title") from None


def _shell(path: Path) -> str:
    text = str(path)
    return text if re.fullmatch(r"[\w./-]+", text) else "'" + text.replace("'", "'\\''") + "'"


def _default_label(scheme: Any) -> str:
    """The scheme's ICT Technician level: the first that draws on framework level B."""
    return next((lv.label for lv in scheme.levels if "B" in lv.draws_on), scheme.labels[0])


def _accept_defaults(base: Any, from_file: bool, level: str | None, scheme_ref: str, fw: Any, sch: Any) -> Any:
    from ictroles.authoring.wizard import with_levels
    from ictroles.core.errors import InvalidInputError, Problem

    base = base.replace(scheme=scheme_ref)
    if level is None and not from_file:
        level = _default_label(sch)
    if level is None:
        wrong = [sid for sid, c in base.skills.items() if c.level not in sch.labels]
        if wrong:
            raise InvalidInputError([Problem(None, None, "--level",
                                             f"the levels of {', '.join(wrong)} are not levels of scheme "
                                             f"'{sch.name}'; give --level")])
        return with_levels(base, {}, fw, sch)
    skills = base.skills if from_file and base.skills else {s.id: None for s in fw.skills}
    return with_levels(base, {sid: level for sid in skills}, fw, sch)


# --- the questions -------------------------------------------------------------------------

def _ask(base: Any, from_file: bool, level: str | None, title: str | None, scheme_ref: str | None,
         fw: Any, base_dir: Path) -> Any:
    from ictroles.authoring.wizard import level_summary, scheme_choices, with_levels
    from ictroles.framework.schemes import load_scheme
    from ictroles.roles.spec import Contract, RoleSpec

    click.echo("A new role file. Press Enter to accept the [default]; Ctrl-C stops without writing anything.\n")
    data: dict[str, Any] = base.dump(exclude_defaults=True)
    data["title"] = title or click.prompt("Job title", default=base.title, value_proc=_field("title"))
    data["school"] = click.prompt("School name", default=base.school or "", show_default=bool(base.school),
                                  value_proc=_field("school", optional=True))

    if scheme_ref is None:
        builtins = scheme_choices()
        order = sorted(builtins, key=lambda n: (n != "four", n != "three", n))
        click.echo("\nLevel schemes: how your school or authority arranges the framework's four levels.")
        for name in order:
            sch = load_scheme(name, fw)
            click.echo(f"  {name:<6} {sch.title}")
            click.echo(textwrap.fill("; ".join(f"{lv.label} {lv.title}" for lv in sch.levels), 88,
                                     initial_indent="         ", subsequent_indent="         "))
        names = order
        if base.scheme not in names:
            names.append(base.scheme)
        scheme_ref = click.prompt("Level scheme", type=click.Choice(names, case_sensitive=False), default=base.scheme
                                  if base.scheme in names else "four")
    data["scheme"] = scheme_ref
    sch = load_scheme(scheme_ref, fw, base_dir)

    levels: dict[str, str | None] = {}
    if level is not None:
        skills = base.skills if from_file and base.skills else {s.id: None for s in fw.skills}
        levels = {s.id: (level if s.id in skills else None) for s in fw.skills}
    else:
        click.echo("\nNow each skill in turn. Choose the level the post works at, or - if the skill is "
                   "not part of this role.")
        previous = _default_label(sch)
        total = len(fw.skills)
        for n, skill in enumerate(fw.skills, 1):
            click.echo(f"\n[{n}/{total}] {skill.name} ({fw.focus_by_id[skill.focus].name})")
            click.echo(textwrap.fill(_first_sentence(skill.description), 88, initial_indent="  ",
                                     subsequent_indent="  "))
            for lv in sch.levels:
                click.echo(textwrap.fill(f"{lv.label}  {lv.title}: {level_summary(sch, lv.label, skill, fw)}", 88,
                                         initial_indent="  ", subsequent_indent="     "))
            current = base.skills.get(skill.id)
            if current is not None and current.level in sch.labels:
                default = current.level
            elif from_file:
                default = "-"
            else:
                default = previous
            answer = click.prompt(f"Level for {skill.name} ({'/'.join(sch.labels)}, or - for none)",
                                  default=default, value_proc=_level_answer(sch.labels, skill.name))
            levels[skill.id] = None if answer == "-" else answer
            if answer != "-":
                previous = answer

    click.echo("\nThe advert facts (Enter leaves a blank answer out; `ictroles lint` will remind you).")
    ft_hours = float(data.get("full_time_hours", 37))
    data["hours_per_week"] = click.prompt(
        f"Hours per week ({ft_hours:g} is full time)",
        default=_num(data.get("hours_per_week", ft_hours)), value_proc=_field("hours_per_week", at_most=ft_hours))
    weeks = click.prompt("Weeks worked per year (52 all year; about 39 term time only)",
                         default=_num(data.get("weeks_per_year", 52)), value_proc=_field("weeks_per_year"))
    data["weeks_per_year"] = weeks
    if weeks < 52:
        paid = click.prompt("Paid weeks per year (weeks worked + paid holidays and bank holidays, e.g. 44.2)",
                            default=_num(data.get("paid_weeks", "")), show_default=bool(data.get("paid_weeks")),
                            value_proc=_field("paid_weeks", optional=True, at_least=weeks))
        data["paid_weeks"] = paid
    else:
        data.pop("paid_weeks", None)
    salary = data.get("salary") or {}
    shown = _num(salary.get("fte", ""))
    if salary.get("fte_to"):
        shown += f"-{_num(salary['fte_to'])}"
    fte = click.prompt("Full-time equivalent salary a year in £ (e.g. 26409, or a range 26409-28163)",
                       default=shown, show_default=bool(shown), value_proc=_salary)
    if fte is not None:
        salary = {**salary, "fte": fte[0], "fte_to": fte[1]}
    data["salary"] = {k: v for k, v in salary.items() if v is not None} or None
    data["contract"] = click.prompt("Contract", type=click.Choice([c.value for c in Contract], case_sensitive=False),
                                    default=data.get("contract", "permanent"))
    data["closing_date"] = click.prompt("Closing date (YYYY-MM-DD)", default=data.get("closing_date", ""),
                                        show_default=bool(data.get("closing_date")),
                                        value_proc=_field("closing_date", optional=True, future=True))
    data = {k: v for k, v in data.items() if v is not None}
    spec = RoleSpec.validate(data)
    if not levels:
        return with_levels(spec, {}, fw, sch)
    return with_levels(spec, levels, fw, sch)


def _level_answer(labels: tuple[str, ...], skill_name: str) -> Callable[[str], str]:
    def convert(value: str) -> str:
        answer = value.strip()
        for label in (*labels, "-"):
            if answer.lower() == label.lower():
                return label
        raise click.BadParameter(
            f"'{answer}' is not a level; type one of {', '.join(labels)}, "
            f"or - if {skill_name} is not part of this role"
        )
    return convert


def _first_sentence(text: str) -> str:
    text = " ".join(text.strip().split("\n\n")[0].split())
    m = re.match(r"(.+?[.!?])(\s|$)", text)
    return m.group(1) if m else text


def _num(value: Any) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _field(name: str, *, optional: bool = False, at_least: float | None = None,
           at_most: float | None = None, future: bool = False) -> Callable[[str], Any]:
    """A prompt's answer checked by the role-file schema's own rule for field ``name``.

    ``at_least``/``at_most`` and ``future`` are the checks across fields (paid weeks against
    weeks worked, hours against full time) and against today that the schema runs later.
    """
    from ictroles.core.model import Invalid
    from ictroles.roles.spec import RoleSpec

    def convert(value: str) -> Any:
        text = value.strip()
        if not text:
            if optional:
                return None
            raise click.BadParameter("please give an answer")
        try:
            checked = RoleSpec.check_field(name, text)
        except Invalid as exc:
            raise click.BadParameter(f"{name}: {exc.errors[0].message}") from None
        if at_most is not None and checked > at_most:
            raise click.BadParameter(f"{name} must be at most {at_most:g} (got {checked:g})")
        if at_least is not None and checked < at_least:
            raise click.BadParameter(f"{name} must be at least {at_least:g} (got {checked:g})")
        if future and checked < dt.date.today():
            raise click.BadParameter(f"{checked.isoformat()} has already passed; give the date applications close")
        return checked.isoformat() if isinstance(checked, dt.date) else checked
    return convert


def _salary(value: str) -> tuple[float, float | None] | None:
    """One yearly amount, or a range written 26409-28163; each checked by the schema's fte rule."""
    from ictroles.core.model import Invalid
    from ictroles.roles.spec import Salary

    cleaned = value.replace("£", "").replace(",", "").replace(" ", "")
    if not cleaned:
        return None
    parts = re.split(r"-|–|to", cleaned)
    if len(parts) > 2:
        raise click.BadParameter("give one yearly amount, or two for a range, e.g. 26409-28163")
    try:
        numbers = [Salary.check_field("fte", p) for p in parts]
    except Invalid as exc:
        raise click.BadParameter(exc.errors[0].message) from None
    if len(numbers) == 2 and numbers[1] < numbers[0]:
        raise click.BadParameter("the top of the range must not be below the bottom")
    return numbers[0], (numbers[1] if len(numbers) == 2 else None)
