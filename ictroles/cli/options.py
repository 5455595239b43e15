"""Options and output helpers shared by several commands, defined once."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

if TYPE_CHECKING:
    from ictroles.framework.competences import Framework
    from ictroles.framework.standards import StandardsPack
    from ictroles.roles.discovery import Skipped


def framework_option(func: Callable[..., Any]) -> Callable[..., Any]:
    """``--framework FILE``: use a revised or different framework file of the same shape."""
    return click.option(
        "--framework",
        "framework_path",
        type=click.Path(dir_okay=False, path_type=Path),
        default=None,
        help="Framework YAML file to use instead of the bundled one.",
    )(func)


def standards_option(func: Callable[..., Any]) -> Callable[..., Any]:
    """``--standards-pack FILE``: another standards pack of the DfE pack's shape."""
    return click.option(
        "--standards-pack",
        "standards_path",
        type=click.Path(dir_okay=False, path_type=Path),
        default=None,
        help="Standards pack YAML to use instead of the bundled DfE standards (England).",
    )(func)


def load_sources(framework_path: Path | None, standards_path: Path | None) -> tuple[Framework, StandardsPack | None]:
    """The framework, and the standards pack given with --standards-pack (None: the bundled one)."""
    from ictroles.framework.competences import load_framework
    from ictroles.framework.standards import load_standards

    framework = load_framework(framework_path)
    return framework, load_standards(framework, standards_path) if standards_path else None


def format_option(func: Callable[..., Any]) -> Callable[..., Any]:
    """``--format text|json``."""
    return click.option(
        "--format",
        "fmt",
        type=click.Choice(["text", "json"], case_sensitive=False),
        default="text",
        show_default=True,
        help="Output format.",
    )(func)


def echo_report(fmt: str, as_json: Callable[[], Any], as_text: Callable[[], str],
                out_path: Path | None = None, write: Callable[[Path], None] | None = None) -> None:
    """A report command's output: the workbook first (``-o``), then the report as JSON or as
    text, the text followed by "Wrote FILE"."""
    if out_path is not None and write is not None:
        write(out_path)
    if fmt == "json":
        echo_json(as_json())
    else:
        click.echo(as_text(), nl=False)
        if out_path is not None:
            click.echo(f"Wrote {out_path}")


def echo_json(data: Any) -> None:
    """Print data as indented JSON."""
    import json

    click.echo(json.dumps(data, indent=2, ensure_ascii=False, default=str))


def scheme_option_value(ref: str, framework: Any, base_dir: Path | None = None) -> Any:
    """Load ``--scheme``: an unknown name is a usage error (exit 2), a bad scheme file an input problem."""
    from ictroles.core.errors import InvalidInputError
    from ictroles.framework.schemes import load_scheme

    try:
        return load_scheme(ref, framework, base_dir)
    except InvalidInputError as exc:
        if [p.file for p in exc.problems] == [None]:  # the name itself, not a file's contents
            raise click.BadParameter(exc.problems[0].message, param_hint="--scheme") from None
        raise


def echo_skipped(skipped: Skipped) -> None:
    """Tell the user, on stderr, of a file in a folder of roles left out as another kind of file."""
    click.echo(skipped.note, err=True)


# --- shell completion (click's `_ICTROLES_COMPLETE=bash_source ictroles`; see README) -------

def complete_skill(ctx: click.Context, param: click.Parameter, incomplete: str) -> list[Any]:
    """Skill ids of the bundled framework that start with what has been typed (any case)."""
    from click.shell_completion import CompletionItem

    from ictroles.framework.competences import load_framework

    return [CompletionItem(s.id, help=s.name) for s in load_framework().skills
            if s.id.startswith(incomplete.lower())]


def complete_level(ctx: click.Context, param: click.Parameter, incomplete: str) -> list[Any]:
    """The framework's levels A-D and the built-in schemes' labels."""
    from click.shell_completion import CompletionItem

    from ictroles.framework.competences import load_framework
    from ictroles.framework.schemes import builtin_schemes, load_scheme

    fw = load_framework()
    labels = {lv.id: lv.title for lv in fw.levels}
    for name in builtin_schemes():
        for lv in load_scheme(name, fw).levels:
            labels.setdefault(lv.label, f"{lv.title} ({name}-level scheme)")
    return [CompletionItem(label, help=title) for label, title in labels.items()
            if label.lower().startswith(incomplete.lower())]


def complete_kinds(ctx: click.Context, param: click.Parameter, incomplete: str) -> list[Any]:
    """Output kinds for --only, completing the last of a comma-separated list."""
    from click.shell_completion import CompletionItem

    from ictroles.renderers.outputs import OUTPUTS

    done, _, last = incomplete.rpartition(",")
    prefix = done + "," if done else ""
    chosen = set(done.split(",")) if done else set()
    return [CompletionItem(prefix + kind, help=o.description) for kind, o in OUTPUTS.items()
            if kind.startswith(last.lower()) and kind not in chosen]


def complete_standard(ctx: click.Context, param: click.Parameter, incomplete: str) -> list[Any]:
    """Standard ids of the bundled standards pack."""
    from click.shell_completion import CompletionItem

    from ictroles.framework.competences import load_framework
    from ictroles.framework.standards import load_standards

    return [CompletionItem(s.id, help=s.name) for s in load_standards(load_framework()).standards
            if s.id.startswith(incomplete.lower())]
