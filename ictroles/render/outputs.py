"""The documents ictroles writes: their registry, render options, and atomic file writing.

Every renderer has the signature ``render(role, out_path, options) -> None`` and writes through
:func:`atomic_write`, so an interrupted or failed render never leaves a half-written file.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import errno
import gc
import importlib
import os
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from ictroles.core.errors import OutputError
from ictroles.core.model import Model

if TYPE_CHECKING:
    from ictroles.roles.resolve import ResolvedRole

# mkstemp creates files readable only by their owner; outputs get the usual permissions.
# Read once at import, while the process has a single thread (os.umask sets as it reads).
_UMASK = os.umask(0o022)
os.umask(_UMASK)


@dataclass(frozen=True)
class RenderOptions:
    """Choices that affect how documents look, shared by every renderer."""

    templates_dir: Path | None = None  # a school's or authority's own wording/templates
    letterhead: Path | None = None  # a .docx whose header, footer and styles are used
    today: dt.date = field(default_factory=dt.date.today)


class Output(Model):
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

    def paths(self, out_dir: Path, slug: str) -> list[Path]:
        """Every file this output writes for a role."""
        return [out_dir / f"{slug}-{s}" for s in (self.suffix, *self.extra_suffixes)]


OUTPUTS: dict[str, Output] = {
    o.kind: o
    for o in (
        Output("jd", "job-description.docx", "ictroles.render.word.job_description:render_job_description",
               description="job description (Word)"),
        Output("person-spec", "person-specification.docx", "ictroles.render.word.person_spec:render_person_spec",
               description="person specification (Word)"),
        Output("advert", "advert.docx", "ictroles.render.word.advert:render_advert",
               description="job advert (Word)"),
        Output("matrix", "matrix.xlsx", "ictroles.render.excel.matrix:render_role_matrix",
               description="competence matrix (Excel)"),
        Output("advert-web", "advert.html", "ictroles.render.web:render_web_advert",
               extra_suffixes=("advert.jsonld",),
               description="web advert (HTML page and schema.org JobPosting JSON-LD)"),
    )
}
DEFAULT_KINDS = ("jd", "person-spec", "advert", "matrix")


def settle_imports() -> None:
    """Call once the rendering libraries are imported, before the work starts.

    Their objects (hundreds of thousands) live as long as the process, yet the garbage
    collector would walk all of them again and again while documents are built;
    ``gc.freeze()`` moves them out of its sight. Forked workers also share them untouched.
    """
    gc.freeze()


def check_output_file(path: Path, force: bool, suffix: str | None = None) -> None:
    """Refuse an output path with the wrong extension, a folder, or an existing file (unless forced)."""
    path = Path(path)
    if suffix and path.suffix.lower() != suffix:
        raise OutputError(f"{path}: the file name must end in {suffix}")
    if path.is_dir():
        raise OutputError(f"{path}: is a folder; give a file name for the output")
    if path.exists() and not force:
        raise OutputError(f"{path}: already exists; use --force to replace it")


@contextlib.contextmanager
def atomic_write(path: Path) -> Iterator[Path]:
    """Yield a temporary path beside ``path``; on success rename it into place.

    On any error the temporary file is removed and ``path`` is left as it was.
    """
    path = Path(path)
    folder = path.parent
    if path.is_dir():
        raise OutputError(f"{path}: is a folder; give a file name for the output")
    if not folder.is_dir():
        raise OutputError(f"{folder}: output folder does not exist")
    try:
        fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=folder)
    except OSError as exc:
        raise OutputError(f"{folder}: cannot write here ({_reason(exc)}); choose another folder") from None
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        yield tmp
        os.chmod(tmp, 0o666 & ~_UMASK)
        os.replace(tmp, path)
    except OSError as exc:
        raise OutputError(f"{path}: could not be written ({_reason(exc)})") from None
    finally:
        with contextlib.suppress(FileNotFoundError):
            tmp.unlink()


def _reason(exc: OSError) -> str:
    if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return "permission denied"
    if exc.errno == errno.ENOSPC:
        return "disk full"
    return exc.strerror or str(exc)
