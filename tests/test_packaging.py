"""A built wheel, installed outside the repository, runs with its own bundled data.

The venv sees the system site-packages (for click, PyYAML... and pip, so no network is
needed); the wheel installed into it comes first on its path, so the editable checkout in
/work/main cannot stand in for it. Every command runs from a folder outside the repository.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from conftest import EXAMPLES, REPO


def _run(args: list[str | Path], cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(a) for a in args], cwd=cwd, capture_output=True, text=True, timeout=120)


@pytest.fixture(scope="module")
def installed(tmp_path_factory) -> tuple[Path, Path]:
    """(venv bin folder, a working folder outside the repository) with the wheel installed."""
    root = tmp_path_factory.mktemp("packaging")
    dist = root / "dist"
    built = _run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation",
                  "-q", "-w", dist, REPO], cwd=root)
    assert built.returncode == 0, built.stderr
    wheel = next(dist.glob("ictroles-*.whl"))
    venv = root / "venv"
    made = _run([sys.executable, "-m", "venv", "--system-site-packages", "--without-pip", venv], cwd=root)
    assert made.returncode == 0, made.stderr
    bin_dir = venv / ("Scripts" if sys.platform == "win32" else "bin")
    python = bin_dir / "python"
    done = _run([python, "-m", "pip", "install", "-q", "--no-deps", "--force-reinstall", "--no-index", wheel],
                cwd=root)
    assert done.returncode == 0, done.stderr
    work = root / "elsewhere"
    work.mkdir()
    return bin_dir, work


def test_wheel_carries_the_framework_schemes_and_examples(installed):
    wheel = next(installed[1].parent.glob("dist/ictroles-*.whl"))
    names = set(zipfile.ZipFile(wheel).namelist())
    assert "ictroles/data/framework/framework.yaml" in names
    assert {f"ictroles/data/framework/schemes/{n}.yaml" for n in ("four", "three", "five")} <= names
    assert "ictroles/data/examples/ict-technician.yaml" in names
    assert "ictroles/data/framework/standards/dfe-england.yaml" in names  # `ictroles standards` needs it
    assert "ictroles/data/docs/role-file.md" in names  # `ictroles docs` and the generated role files' pointer
    assert "ictroles/cli/__init__.py" in names
    assert {"ictroles/designer/templates/edit.html", "ictroles/designer/static/designer.js"} <= names
    assert "ictroles/framework/competences.py" in names


def test_installed_package_is_the_wheel_not_the_checkout(installed):
    bin_dir, work = installed
    result = _run([bin_dir / "python", "-c",
                   "import ictroles, ictroles.core.resources as r; print(ictroles.__file__); print(r.framework_file())"],
                  cwd=work)
    assert result.returncode == 0, result.stderr
    module_file, framework_file = (Path(line) for line in result.stdout.split())
    venv = bin_dir.parent
    assert module_file.is_relative_to(venv) and "site-packages" in module_file.parts
    assert framework_file.is_relative_to(venv) and framework_file.is_file()
    assert framework_file.parent.name == "framework" and framework_file.parent.parent.name == "data"
    assert not module_file.is_relative_to(REPO)


def test_installed_command_browses_the_framework(installed):
    bin_dir, work = installed
    result = _run([bin_dir / "ictroles", "framework", "--skill", "health-safety"], cwd=work)
    assert result.returncode == 0, result.stderr
    assert "Health & Safety  [health-safety, code HS]" in result.stdout
    assert "HS.D.A1" in result.stdout


def test_installed_command_validates_and_shows_a_role(installed):
    bin_dir, work = installed
    shutil.copytree(EXAMPLES, work / "examples", dirs_exist_ok=True)
    result = _run([bin_dir / "ictroles", "validate", "examples/school-extends-standard.yaml",
                   "examples/three-level-technician.yaml"], cwd=work)
    assert result.returncode == 0, result.stderr
    assert "examples/school-extends-standard.yaml: valid" in result.stdout
    shown = _run([bin_dir / "ictroles", "show", "examples/ict-technician.yaml"], cwd=work)
    assert shown.returncode == 0, shown.stderr
    assert "SN." in shown.stdout
    bad = _run([bin_dir / "ictroles", "validate", "nothere.yaml"], cwd=work)
    assert bad.returncode == 1
    assert "nothere.yaml: role file not found" in bad.stderr
    assert "Traceback" not in bad.stderr


def test_installed_command_prints_the_guides_and_copies_the_examples(installed):
    bin_dir, work = installed
    guide = _run([bin_dir / "ictroles", "docs"], cwd=work)
    assert guide.returncode == 0, guide.stderr
    assert guide.stdout.startswith("# Writing a role file")
    copied = _run([bin_dir / "ictroles", "examples", "starter"], cwd=work)
    assert copied.returncode == 0, copied.stderr
    assert (work / "starter" / "ict-technician.yaml").is_file()
    assert (work / "starter" / "authority" / "standard-roles" / "ict-technician.yaml").is_file()
    checked = _run([bin_dir / "ictroles", "validate", "starter/authority/schools"], cwd=work)
    assert checked.returncode == 0, checked.stderr
