"""PDF conversion with LibreOffice (``soffice --headless``).

Each conversion gets its own profile directory (parallel conversions otherwise fight over
one profile) and a timeout, and success is judged by the PDF appearing: soffice exits 0
even when it could not convert.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from ictroles.core.errors import ConversionError, ToolMissingError
from ictroles.core.files import atomic_write

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
    soffice = find_soffice()
    if soffice is None:
        raise ToolMissingError(INSTALL_HINT)
    shown = Path(document).with_suffix(".pdf")  # as the caller named it, for messages
    document = Path(document).resolve()
    target = document.with_suffix(".pdf")
    with tempfile.TemporaryDirectory(prefix="ictroles-lo-") as work:
        work_dir = Path(work)
        profile = (work_dir / "profile").as_uri()
        out_dir = work_dir / "out"
        out_dir.mkdir()
        cmd = [
            soffice,
            f"-env:UserInstallation={profile}",
            "--headless",
            "--norestore",
            "--convert-to",
            "pdf",
            "--outdir",
            str(out_dir),
            str(document),
        ]
        try:
            subprocess.run(
                cmd, capture_output=True, timeout=timeout, check=False,
                env={**os.environ, "HOME": str(work_dir)},
            )
        except subprocess.TimeoutExpired:
            raise ConversionError(
                f"{document}: LibreOffice did not finish converting to PDF within {timeout:g} s"
            ) from None
        produced = out_dir / (document.stem + ".pdf")
        if not produced.exists() or produced.stat().st_size == 0:
            raise ConversionError(f"{document}: LibreOffice did not produce a PDF")
        with atomic_write(target) as tmp:
            shutil.copyfile(produced, tmp)
    return shown
