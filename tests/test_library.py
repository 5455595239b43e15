"""The library API (docs/library.md): the documented example runs, and each call does what it says."""

from __future__ import annotations

import contextlib
import io
import os
import re
from pathlib import Path

import pytest

import ictroles
from ictroles.core.errors import IctrolesError, InvalidInputError
from ictroles.renderers.outputs import OUTPUTS

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"


def python_blocks(markdown: str) -> list[str]:
    return re.findall(r"```python\n(.*?)```", markdown, re.S)


def test_the_documented_examples_run(monkeypatch: pytest.MonkeyPatch):
    blocks = python_blocks((ROOT / "docs" / "library.md").read_text(encoding="utf-8"))
    assert len(blocks) == 2
    monkeypatch.chdir(ROOT)
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        for block in blocks:
            exec(compile(block, "docs/library.md", "exec"), {})
    text = out.getvalue()
    assert "examples/missing.yaml: role file not found" in text
    assert "ICT Technician - " in text and "wrote technician-job-description.docx" in text
    built = len([p for p in EXAMPLES.glob("*.yaml")])
    assert f"{built} roles, 0 failed" in text


def test_kinds_are_every_output():
    assert set(ictroles.KINDS) == set(OUTPUTS)


@pytest.mark.parametrize("kind", ictroles.KINDS)
def test_render_writes_every_kind(kind: str, tmp_path: Path):
    role = ictroles.load_role(EXAMPLES / "ict-technician.yaml")
    target = tmp_path / f"role-{OUTPUTS[kind].suffix}"
    written = ictroles.render(role, kind, target)
    assert written[0] == target and all(p.is_file() and p.stat().st_size > 0 for p in written)
    assert len(written) == 1 + len(OUTPUTS[kind].extra_suffixes)


def test_render_refuses_an_unknown_kind(tmp_path: Path):
    role = ictroles.load_role(EXAMPLES / "ict-technician.yaml")
    with pytest.raises(IctrolesError, match="unknown document kind 'poster'; choose from jd, person-spec"):
        ictroles.render(role, "poster", tmp_path / "x.docx")
    assert not list(tmp_path.iterdir())


def test_load_role_takes_a_framework_file_or_a_loaded_framework(tmp_path: Path):
    framework = ictroles.load_framework()
    by_object = ictroles.load_role(EXAMPLES / "ict-technician.yaml", framework)
    by_file = ictroles.load_role(EXAMPLES / "ict-technician.yaml", ROOT / "framework" / "framework.yaml")
    assert [s.id for s in by_object.skills] == [s.id for s in by_file.skills]


def test_load_role_reports_every_problem_located(tmp_path: Path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("title: X\nskills:\n  desktop-application-support: E\n  no-such-skill: B\n")
    with pytest.raises(InvalidInputError) as info:
        ictroles.load_role(bad)
    shown = [str(p) for p in info.value.problems]
    assert any(s.startswith(f"{bad}:3: skills.desktop-application-support") for s in shown)
    assert any(s.startswith(f"{bad}:4: skills.no-such-skill") for s in shown)


def test_build_reports_each_role_and_never_replaces_without_force(tmp_path: Path):
    report = ictroles.build([EXAMPLES / "ict-technician.yaml"], tmp_path, kinds=["jd"])
    assert [r.ok for r in report.results] == [True]
    jd = tmp_path / "ict-technician-job-description.docx"
    assert report.results[0].written == (jd,)
    before = jd.stat().st_mtime_ns
    with pytest.raises(IctrolesError, match="already exist"):
        ictroles.build([EXAMPLES / "ict-technician.yaml"], tmp_path, kinds=["jd"])
    assert jd.stat().st_mtime_ns == before
    assert ictroles.build([EXAMPLES / "ict-technician.yaml"], tmp_path, kinds=["jd"], force=True).failed == []


def test_lint_reports_findings_or_problems(tmp_path: Path):
    good = ictroles.lint(EXAMPLES / "ict-technician.yaml")
    assert good.valid and not good.has_errors
    missing = ictroles.lint(tmp_path / "nope.yaml")
    assert not missing.valid and missing.has_errors
    assert "role file not found" in str(missing.problems[0])


def test_importing_ictroles_loads_no_document_library():
    import subprocess
    import sys

    code = "import sys, ictroles; print(sorted(m for m in ('docx', 'openpyxl', 'jinja2') if m in sys.modules))"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT,
                          env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert done.stdout.strip() == "[]", done.stderr


def test_load_role_uses_modern_wording_unless_asked_not_to():
    modern = ictroles.load_role(EXAMPLES / "ict-technician.yaml")
    original = ictroles.load_role(EXAMPLES / "ict-technician.yaml", original_wording=True)
    first = {st.id: st for s in modern.skills for st in s.examples}["DA.B.E2"]
    assert "Flash" not in first.text and "Flash plug-in" in first.original_text
    assert {st.id: st for s in original.skills for st in s.examples}["DA.B.E2"].original_text is None
