"""The Word documents open and lay out in LibreOffice (converted to PDF)."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from test_word_documents import EXAMPLES, build, numbered

from ictroles.framework.competences import Framework
from ictroles.roles.resolve import load_role

pytestmark = [
    pytest.mark.soffice,
    pytest.mark.skipif(shutil.which("soffice") is None,
                       reason="LibreOffice (soffice) is not installed; install it to check PDF conversion"),
]


@pytest.mark.parametrize("name", ["ict-technician.yaml", "primary-teaching-assistant.yaml"])
def test_documents_convert_to_pdf(name: str, framework: Framework, tmp_path: Path) -> None:
    role = load_role(next(p for p in EXAMPLES if p.name == name), framework)
    docs = build(role, tmp_path)
    sources = sorted(tmp_path.glob("*.docx"))
    assert len(sources) == 3
    out = tmp_path / "pdf"
    subprocess.run(
        ["soffice", f"-env:UserInstallation={(tmp_path / 'lo-profile').as_uri()}", "--headless",
         "--convert-to", "pdf", "--outdir", str(out), *map(str, sources)],
        check=True, timeout=240, capture_output=True,
    )
    for src in sources:
        pdf = out / (src.stem + ".pdf")
        assert pdf.is_file() and pdf.stat().st_size > 1000, f"{pdf.name} was not produced"
    if shutil.which("pdftotext") is None:
        return
    jd_text = subprocess.run(["pdftotext", "-layout", str(out / f"{role.slug}-jd.pdf"), "-"],
                             check=True, capture_output=True, text=True, timeout=60).stdout
    assert "Page 1 of" in jd_text
    last = len(numbered(docs["jd"]))
    assert f"{last}." in jd_text  # the duties are numbered on through the document
