"""ictroles: job descriptions, person specifications, adverts and competence matrices for
school ICT support staff, from the ICT Competences Framework.

The library API, used alike by the command line, the tests and the web designer::

    import ictroles

    role = ictroles.load_role("examples/ict-technician.yaml")
    ictroles.render(role, "jd", "out/technician-jd.docx")
    report = ictroles.build(["examples/"], "out", kinds=["jd", "advert"])

Each function imports what it needs when it is called, so ``import ictroles`` stays light.
See docs/library.md.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from ictroles.renderers.outputs import OUTPUTS as _OUTPUTS  # the registry only: no document library

if TYPE_CHECKING:
    from ictroles.authoring.lint import LintReport
    from ictroles.batch import BuildReport
    from ictroles.framework.competences import Framework
    from ictroles.roles.resolve import ResolvedRole

__version__ = "0.2.0"

__all__ = ["__version__", "build", "lint", "load_framework", "load_role", "render", "KINDS"]

#: Every kind of document ``render`` and ``build`` write (the ``--only`` choices).
KINDS = tuple(_OUTPUTS)


def load_framework(path: str | Path | None = None) -> Framework:
    """The bundled ICT Competences Framework, or another file of the same shape."""
    from ictroles.framework.competences import load_framework as _load

    return _load(Path(path) if path else None)


def load_role(path: str | Path, framework: Framework | str | Path | None = None, *,
              original_wording: bool = False) -> ResolvedRole:
    """Read, check and resolve a role file (and what it ``extends``).

    ``framework`` is a loaded framework, a framework file, or None for the bundled one. Dated
    statements carry their modern wording (the framework's text kept as ``original_text``),
    as in the documents ``build`` writes, unless ``original_wording``.
    Raises ``ictroles.core.errors.InvalidInputError`` listing every problem, each located
    as FILE:LINE: field: message.
    """
    from ictroles.framework.competences import Framework as _Framework
    from ictroles.framework.overlay import load_overlay
    from ictroles.roles.modernise import modernise_role
    from ictroles.roles.resolve import load_role as _load_role

    if not isinstance(framework, _Framework):
        framework = load_framework(framework)
    role = _load_role(Path(path), framework)
    return role if original_wording else modernise_role(role, load_overlay())


def render(role: ResolvedRole, kind: str, path: str | Path, *,
           templates_dir: str | Path | None = None, letterhead: str | Path | None = None,
           today: dt.date | None = None) -> list[Path]:
    """Write one document of ``kind`` (see ``KINDS``) for a resolved role to ``path``.

    The file is written whole or not at all. Returns every file written (the web advert
    also writes its JSON-LD beside the page).
    """
    from ictroles.core.errors import IctrolesError
    from ictroles.renderers.outputs import OUTPUTS, RenderOptions

    output = OUTPUTS.get(kind)
    if output is None:
        raise IctrolesError(f"unknown document kind '{kind}'; choose from {', '.join(OUTPUTS)}")
    options = RenderOptions(
        templates_dir=Path(templates_dir) if templates_dir else None,
        letterhead=Path(letterhead) if letterhead else None,
        today=today or dt.date.today(),
    )
    path = Path(path)
    output.load()(role, path, options)
    return [path, *output.companions(path)]


def build(paths: Iterable[str | Path], out_dir: str | Path, *, kinds: Sequence[str] | None = None,
          force: bool = False, jobs: int = 1, pdf: bool = False, original_wording: bool = False,
          draft: bool = False, appendix: bool = False, templates_dir: str | Path | None = None,
          letterhead: str | Path | None = None, framework: str | Path | None = None,
          layout: str = "auto") -> BuildReport:
    """Build the documents of every role file (or folder of them) into ``out_dir``.

    Each role is linted first: one with an error-level finding is not written unless
    ``draft``. One bad role file never stops the others: each role has a result with the files
    written or the error that stopped it. Existing files are replaced only with ``force``.
    ``layout`` is "per-school" (``out_dir/<school>/<title>-...``), "flat" (named after the
    role files) or "auto" (per school when the roles name more than one school).
    """
    from ictroles.batch import BuildSettings, parse_kinds, run_build
    from ictroles.renderers.outputs import RenderOptions

    settings = BuildSettings(
        out_dir=Path(out_dir),
        kinds=parse_kinds(",".join(kinds)) if kinds is not None else parse_kinds(None),
        options=RenderOptions(templates_dir=Path(templates_dir) if templates_dir else None,
                              letterhead=Path(letterhead) if letterhead else None, appendix=appendix),
        force=force,
        pdf=pdf,
        original_wording=original_wording,
        draft=draft,
        framework_path=Path(framework) if framework else None,
        layout=layout,
    )
    return run_build([Path(p) for p in paths], settings, workers=jobs)


def lint(path: str | Path, framework: Framework | str | Path | None = None,
         today: dt.date | None = None) -> LintReport:
    """Check one role file for what would embarrass a published advert (see docs/lint.md)."""
    from ictroles.authoring.lint import lint_file
    from ictroles.framework.competences import Framework as _Framework
    from ictroles.framework.overlay import load_overlay

    if not isinstance(framework, _Framework):
        framework = load_framework(framework)
    return lint_file(Path(path), framework, load_overlay(), today)
