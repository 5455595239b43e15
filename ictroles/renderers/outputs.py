"""The documents ictroles writes: their registry and the options every renderer takes.

Every renderer has the signature ``render(role, out_path, options) -> None`` and writes through
``ictroles.core.files.atomic_write``, so an interrupted or failed render never leaves a
half-written file.
"""

from __future__ import annotations

import datetime as dt
import importlib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ictroles.roles.resolve import ResolvedRole

@dataclass(frozen=True)
class RenderOptions:
    """Choices that affect how documents look, shared by every renderer."""

    templates_dir: Path | None = None  # a school's or authority's own wording/templates
    letterhead: Path | None = None  # a .docx whose header, footer and styles are used
    today: dt.date = field(default_factory=dt.date.today)
    appendix: bool = False  # the job description ends with the competence profile
    draft_notes: tuple[str, ...] = ()  # lint errors: the documents are marked DRAFT and list them


@dataclass(frozen=True)
class Output:
    """One kind of document: its file-name suffix and the function that renders it."""

    kind: str
    suffix: str  # appended to the role's slug: <slug>-<suffix>
    renderer: str  # "module:function"
    extra_suffixes: tuple[str, ...] = ()  # other files the same renderer writes
    description: str = ""

    def load(self) -> Callable[[ResolvedRole, Path, RenderOptions], None]:
        """Import the renderer (heavy libraries load only when a document is built)."""
        module, attr = self.renderer.split(":")
        return getattr(importlib.import_module(module), attr)

    def companions(self, path: Path) -> list[Path]:
        """The other files the renderer writes beside ``path`` (the web advert's JSON-LD)."""
        return [companion_path(path, self.suffix, s) for s in self.extra_suffixes]

    def paths(self, out_dir: Path, slug: str) -> list[Path]:
        """Every file this output writes for a role."""
        return [out_dir / f"{slug}-{s}" for s in (self.suffix, *self.extra_suffixes)]


def companion_path(path: Path, suffix: str, other: str) -> Path:
    """The file written beside ``path``: ``x-interview-pack.docx`` -> ``x-shortlisting.xlsx``.

    A path not named after its kind keeps its stem and takes the other file's extension.
    """
    if path.name.endswith("-" + suffix):
        return path.with_name(path.name[: -len(suffix)] + other)
    return path.with_suffix(Path(other).suffix)


OUTPUTS: dict[str, Output] = {
    o.kind: o
    for o in (
        Output("jd", "job-description.docx", "ictroles.renderers.word.job_description:render_job_description",
               description="job description (Word)"),
        Output("person-spec", "person-specification.docx", "ictroles.renderers.word.person_spec:render_person_spec",
               description="person specification (Word)"),
        Output("advert", "advert.docx", "ictroles.renderers.word.advert:render_advert",
               description="job advert (Word)"),
        Output("matrix", "matrix.xlsx", "ictroles.renderers.excel.matrix:render_role_matrix",
               description="competence matrix (Excel)"),
        Output("advert-web", "advert.html", "ictroles.renderers.web:render_web_advert",
               extra_suffixes=("advert.jsonld",),
               description="web advert (HTML page and schema.org JobPosting JSON-LD)"),
        Output("interview", "interview-pack.docx", "ictroles.renderers.interview:render_interview",
               extra_suffixes=("shortlisting.xlsx",),
               description="interview pack for the panel (Word) and shortlisting workbook (Excel)"),
        Output("listing", "listing.json", "ictroles.renderers.listing:render_listing",
               extra_suffixes=("listing.txt",),
               description="DfE Teaching Vacancies listing (ATS API vacancy JSON and the form's text)"),
    )
}
DEFAULT_KINDS = ("jd", "person-spec", "advert", "matrix", "interview")
WORD_KINDS = tuple(kind for kind, o in OUTPUTS.items() if o.suffix.endswith(".docx"))  # a letterhead applies to these
