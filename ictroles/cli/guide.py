"""Commands that hand out what the package ships: its guides and its example role files."""

from __future__ import annotations

from pathlib import Path

import click
from click.shell_completion import CompletionItem


def _complete_topic(ctx: click.Context, param: click.Parameter, incomplete: str) -> list[CompletionItem]:
    from ictroles.core.resources import doc_topics

    return [CompletionItem(t) for t in doc_topics() if t.startswith(incomplete.lower())]


@click.command("docs", short_help="Print a guide: the role file, grades, lint, standards...")
@click.argument("topic", required=False, shell_complete=_complete_topic)
@click.option("--list", "list_topics", is_flag=True, help="List the guides and stop.")
def docs_cmd(topic: str | None, list_topics: bool) -> None:
    """Print one of the guides that come with ictroles (Markdown text).

    TOPIC is a guide's name (see --list); without it, the role-file guide, which explains
    every field of a role file. The guides are the package's own copies, so they match the
    installed version.

    \b
    Example:
      ictroles docs role-file | less
      ictroles docs grades
    """
    from ictroles.core.errors import IctrolesError
    from ictroles.core.files import read_capped
    from ictroles.framework.competences import matching, suggest

    topics = doc_topics_or_fail()
    if list_topics:
        for name, path in topics.items():
            first = next((ln.lstrip("# ").strip() for ln in path.read_text(encoding="utf-8").splitlines()
                          if ln.startswith("#")), "")
            click.echo(f"{name:<16}{first}")
        return
    chosen = matching((topic or "role-file").removesuffix(".md"), topics)
    if chosen is None:
        raise IctrolesError(f"no guide '{topic}'" + suggest(str(topic), list(topics))
                            + f"; the guides are {', '.join(topics)}")
    click.echo(read_capped(topics[chosen], 2_000_000, "guide").decode("utf-8"), nl=False)


def doc_topics_or_fail() -> dict[str, Path]:
    """The guides, or a clear error when the installation lacks them."""
    from ictroles.core.errors import IctrolesError
    from ictroles.core.resources import doc_topics

    try:
        return doc_topics()
    except FileNotFoundError as exc:
        raise IctrolesError(str(exc)) from None


@click.command("examples", short_help="Copy the example role files into a folder to start from.")
@click.argument("folder", type=click.Path(file_okay=False, path_type=Path))
@click.option("--force", is_flag=True, help="Replace files that already exist.")
def examples_cmd(folder: Path, force: bool) -> None:
    """Copy the bundled examples (role files, an authority's standard roles and school roles,
    grades, needs, provider and school files, a letterhead) into FOLDER.

    FOLDER is created if missing. Nothing is copied when a file would be replaced, unless
    --force is given.

    \b
    Example:
      ictroles examples my-roles
    """
    from ictroles.core.resources import copy_examples

    written = copy_examples(folder, force)
    click.echo(f"Copied {len(written)} files into {folder}. Next:")
    click.echo(f"  ictroles validate {folder}")
    click.echo("  ictroles docs role-file    # every field of a role file")
