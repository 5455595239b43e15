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


def echo_json(data: Any) -> None:
    """Print data as indented JSON."""
    import json

    click.echo(json.dumps(data, indent=2, ensure_ascii=False, default=str))


def echo_skipped(skipped: Skipped) -> None:
    """Tell the user, on stderr, of a file in a folder of roles left out as another kind of file."""
    click.echo(skipped.note, err=True)
