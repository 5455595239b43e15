"""Options and output helpers shared by several commands, defined once."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import click


def framework_option(func: Callable[..., Any]) -> Callable[..., Any]:
    """``--framework FILE``: use a revised or different framework file of the same shape."""
    return click.option(
        "--framework",
        "framework_path",
        type=click.Path(dir_okay=False, path_type=Path),
        default=None,
        help="Framework YAML file to use instead of the bundled one.",
    )(func)


def format_option(func: Callable[..., Any]) -> Callable[..., Any]:
    """``--format text|json``."""
    return click.option(
        "--format",
        "fmt",
        type=click.Choice(["text", "json"]),
        default="text",
        show_default=True,
        help="Output format.",
    )(func)


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
