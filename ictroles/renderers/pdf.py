"""Conversions with LibreOffice (``soffice --headless``): documents to PDF, .doc letterheads to .docx.

A role's documents are converted in one LibreOffice start, with a profile that each process
makes once and reuses (parallel conversions would fight over a shared one, and a fresh one
costs seconds each start). Success is judged by each PDF appearing: soffice exits 0 even
when it could not convert.
"""

from __future__ import annotations

import atexit
import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from ictroles.core.errors import ConversionError, ToolMissingError
from ictroles.core.files import atomic_write

INSTALL_OFFICE = (
    "Install LibreOffice (Debian/Ubuntu: sudo apt-get install libreoffice-writer libreoffice-calc; "
    "macOS/Windows: https://www.libreoffice.org/download/)"
)
INSTALL_HINT = (
    "LibreOffice is needed for --pdf but `soffice` was not found. Install it "
    "(Debian/Ubuntu: sudo apt-get install libreoffice-writer libreoffice-calc; "
    "macOS/Windows: https://www.libreoffice.org/download/) and run the build again"
)


# Where the LibreOffice installers put soffice when it is not on PATH.
_USUAL_PLACES = (
    "/Applications/LibreOffice.app/Contents/MacOS/soffice",
    r"C:\Program Files\LibreOffice\program\soffice.exe",
    r"C:\Program Files (x86)\LibreOffice\program\soffice.exe",
    "/opt/libreoffice/program/soffice",
)


def find_soffice() -> str | None:
    """The LibreOffice executable, if installed (on PATH or where its installers put it)."""
    found = shutil.which("soffice") or shutil.which("libreoffice")
    if found:
        return found
    return next((p for p in _USUAL_PLACES if os.path.isfile(p)), None)


def convert_to_pdf(document: Path, timeout: float = 120) -> Path:
    """Convert one document to a PDF beside it; return the PDF's path."""
    return convert_all_to_pdf([document], timeout)[0]


_PROFILE: Path | None = None


def _profile_dir() -> Path:
    """This process's LibreOffice profile: made on first use, reused by every later start.

    A fresh profile costs LibreOffice several seconds to set up; one per process (a batch's
    workers each have their own) is never used by two conversions at once.
    """
    global _PROFILE
    if _PROFILE is None or not _PROFILE.is_dir():
        _PROFILE = Path(tempfile.mkdtemp(prefix="ictroles-lo-profile-"))
        atexit.register(shutil.rmtree, _PROFILE, True)
    return _PROFILE


def _run_soffice(soffice: str, target: str, out_dir: Path, sources: list[Path], timeout: float) -> None:
    """One LibreOffice start converting ``sources`` to ``target`` files in ``out_dir``."""
    profile = _profile_dir()
    cmd = [
        soffice,
        f"-env:UserInstallation={(profile / 'user').as_uri()}",
        "--headless",
        "--norestore",
        "--convert-to",
        target,
        "--outdir",
        str(out_dir),
        *map(str, sources),
    ]
    try:
        subprocess.run(
            cmd, capture_output=True, timeout=timeout * len(sources), check=False,
            env={**os.environ, "HOME": str(profile)},
        )
    except subprocess.TimeoutExpired:
        raise ConversionError(
            f"{sources[0]}: LibreOffice did not finish converting to {target.upper()} within "
            f"{timeout * len(sources):g} s"
        ) from None


def convert_to_docx(data: bytes, name: str, timeout: float = 120) -> bytes:
    """A Word 97-2003 document's bytes converted to .docx (in a temporary folder); the .docx's bytes.

    The caller has read ``data`` the capped way and checks the result as it checks any .docx.
    """
    soffice = find_soffice()
    if soffice is None:
        raise ToolMissingError(INSTALL_HINT)
    with tempfile.TemporaryDirectory(prefix="ictroles-lo-") as work:
        source = Path(work) / "in" / "letterhead.doc"
        source.parent.mkdir()
        source.write_bytes(data)
        _run_soffice(soffice, "docx", Path(work), [source], timeout)
        produced = Path(work) / "letterhead.docx"
        if not produced.is_file() or produced.stat().st_size == 0:
            raise ConversionError(f"LibreOffice did not produce a .docx from {name}")
        return produced.read_bytes()


def convert_all_to_pdf(documents: list[Path], timeout: float = 120) -> list[Path]:
    """Convert documents to PDFs beside them in one LibreOffice start; return the PDFs' paths.

    Each PDF is written whole or not at all; a document LibreOffice could not convert is an
    error naming it.
    """
    if not documents:
        return []
    soffice = find_soffice()
    if soffice is None:
        raise ToolMissingError(INSTALL_HINT)
    sources = [Path(d).resolve() for d in documents]
    with tempfile.TemporaryDirectory(prefix="ictroles-lo-") as work:
        out_dir = Path(work)
        _run_soffice(soffice, "pdf", out_dir, sources, timeout)
        shown = []
        for source, asked in zip(sources, documents):
            produced = out_dir / (source.stem + ".pdf")
            if not produced.exists() or produced.stat().st_size == 0:
                raise ConversionError(f"{source}: LibreOffice did not produce a PDF")
            with atomic_write(source.with_suffix(".pdf")) as tmp:
                shutil.copyfile(produced, tmp)
            shown.append(Path(asked).with_suffix(".pdf"))  # as the caller named it, for messages
    return shown
