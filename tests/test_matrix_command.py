"""The ``ictroles matrix`` command: inputs, output file, --force and bad role files."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner

from ictroles.cli import cli

REPO = Path(__file__).resolve().parent.parent
EXAMPLES = REPO / "examples"
TECHNICIAN = EXAMPLES / "ict-technician.yaml"
THREE_LEVEL = EXAMPLES / "three-level-technician.yaml"


def invoke(*args: str | Path):
    return CliRunner().invoke(cli, [str(a) for a in args])


def role_titles(path: Path) -> list[str]:
    ws = openpyxl.load_workbook(path)["Roles"]
    return [ws.cell(r, 1).value for r in range(5, ws.max_row + 1)]


def test_files_to_named_output(tmp_path):
    out = tmp_path / "two.xlsx"
    result = invoke("matrix", TECHNICIAN, THREE_LEVEL, "-o", out)
    assert result.exit_code == 0, result.output
    assert f"Wrote {out} (2 roles)" in result.output
    assert role_titles(out) == ["ICT Technician", "ICT Technician"]


def test_folder_means_every_role_file_in_it_sorted(tmp_path):
    folder = tmp_path / "roles"
    folder.mkdir()
    for name in ("b-three.yml", "a-tech.yaml"):
        src = THREE_LEVEL if name.startswith("b") else TECHNICIAN
        (folder / name).write_text(src.read_text(encoding="utf-8"), encoding="utf-8")
    (folder / "notes.txt").write_text("not a role", encoding="utf-8")
    out = tmp_path / "folder.xlsx"
    result = invoke("matrix", folder, "-o", out)
    assert result.exit_code == 0, result.output
    ws = openpyxl.load_workbook(out)["Roles"]
    assert [ws.cell(r, 2).value for r in (5, 6)] == ["Northfield Academy", "Oakwood Primary Federation"]


def test_default_output_in_current_folder(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = invoke("matrix", TECHNICIAN)
    assert result.exit_code == 0, result.output
    assert (tmp_path / "ictroles-matrix.xlsx").exists()
    assert "ictroles-matrix.xlsx" in result.output


def test_existing_output_needs_force(tmp_path):
    out = tmp_path / "m.xlsx"
    out.write_text("keep me", encoding="utf-8")
    result = invoke("matrix", TECHNICIAN, "-o", out)
    assert result.exit_code == 1
    assert "already exists" in result.output and "--force" in result.output
    assert out.read_text(encoding="utf-8") == "keep me"
    result = invoke("matrix", TECHNICIAN, "-o", out, "--force")
    assert result.exit_code == 0, result.output
    assert role_titles(out) == ["ICT Technician"]


def test_bad_files_are_all_reported_and_nothing_is_written(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("title: Broken\nskills:\n  server-network-support: Z\n", encoding="utf-8")
    broken_yaml = tmp_path / "broken.yaml"
    broken_yaml.write_text("title: [\n", encoding="utf-8")
    out = tmp_path / "m.xlsx"
    result = invoke("matrix", TECHNICIAN, bad, broken_yaml, tmp_path / "missing.yaml", "-o", out)
    assert result.exit_code == 1
    assert f"{bad}:3: skills.server-network-support.level: level 'Z'" in result.output
    assert f"{broken_yaml}:" in result.output and "not valid YAML" in result.output
    assert "missing.yaml: role file not found" in result.output
    assert "3 input(s) have problems" in result.output and "no workbook was written" in result.output
    assert "Traceback" not in result.output
    assert not out.exists()
    assert not list(tmp_path.glob("*.part")) and not list(tmp_path.glob(".*.part"))


def test_empty_folder_is_a_problem(tmp_path):
    (tmp_path / "empty").mkdir()
    result = invoke("matrix", tmp_path / "empty", "-o", tmp_path / "m.xlsx")
    assert result.exit_code == 1
    assert "folder has no role files" in result.output


@pytest.mark.parametrize("flag", ["--help", "-h"])
def test_help_has_an_example(flag):
    result = invoke("matrix", flag)
    assert result.exit_code == 0
    # The example is a \b paragraph of its own (issue 16), so it never wraps inside an argument.
    lines = [line.strip() for line in result.output.splitlines()]
    assert lines[lines.index("Example:") + 1].startswith("ictroles matrix")
