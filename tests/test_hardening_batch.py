"""Issue 14, batches and outputs: concurrent builds, dead workers, full disks, exit codes.

Fault injection runs the real command in subprocesses (``python -m ictroles``), which import
this worktree's code through the inherited PYTHONPATH.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner
from docx import Document

from ictroles.cli import cli

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
TECHNICIAN = EXAMPLES / "ict-technician.yaml"
SENIOR = EXAMPLES / "senior-ict-technician.yaml"
ROOT = Path(__file__).resolve().parent.parent


def ictroles(*args: str, **kwargs) -> subprocess.Popen:
    env = {**os.environ, "PYTHONPATH": str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", "")}
    env.update(kwargs.pop("env", {}))
    return subprocess.Popen([sys.executable, "-m", "ictroles", *args], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, env=env, **kwargs)


def finish(proc: subprocess.Popen, timeout: float = 120) -> tuple[int, str, str]:
    out, err = proc.communicate(timeout=timeout)
    return proc.returncode, out, err


def part_files(folder: Path) -> list[Path]:
    return list(folder.glob(".*.part"))


def school_in_jd(path: Path) -> str:
    text = "\n".join(p.text for p in Document(str(path)).paragraphs)
    return "North" if "North School" in text else "South" if "South School" in text else "?"


def school_in_matrix(path: Path) -> str:
    from openpyxl import load_workbook

    values = " ".join(str(c.value) for ws in load_workbook(path).worksheets for row in ws.iter_rows()
                      for c in row if c.value)
    return "North" if "North School" in values else "South" if "South School" in values else "?"


# --- 1. two builds into one folder -----------------------------------------------------------

PAIRS = 50  # about 1 s a pair on two cores


def test_concurrent_builds_into_one_folder_never_mix_packs(tmp_path):
    roles = {}
    for school in ("North", "South"):
        folder = tmp_path / school
        folder.mkdir()
        roles[school] = folder / "ict-technician.yaml"
        roles[school].write_text(TECHNICIAN.read_text().replace("Northfield Academy", f"{school} School"))
    outcomes = {"busy": 0, "exists": 0}
    mixed = 0
    started = time.monotonic()
    for n in range(PAIRS):
        out = tmp_path / f"out{n}"
        procs = [ictroles("build", str(roles[s]), "-o", str(out), "--only", "jd,matrix", "-q")
                 for s in ("North", "South")]
        results = [finish(p) for p in procs]
        codes = sorted(rc for rc, _, _ in results)
        assert codes == [0, 1], results
        loser = next(err for rc, _, err in results if rc == 1)
        assert "Traceback" not in loser
        if "another ictroles build is writing into this folder" in loser:
            outcomes["busy"] += 1
        else:
            assert "already exist; use --force to replace them" in loser, loser
            outcomes["exists"] += 1
        assert sorted(p.name for p in out.iterdir()) == ["ict-technician-job-description.docx",
                                                         "ict-technician-matrix.xlsx"]
        jd, matrix = school_in_jd(out / "ict-technician-job-description.docx"), \
            school_in_matrix(out / "ict-technician-matrix.xlsx")
        mixed += jd != matrix
    assert mixed == 0
    print(f"\n{PAIRS} pairs in {time.monotonic() - started:.0f} s: {outcomes}, {mixed} mixed packs")


def test_a_held_folder_fails_at_once_with_a_clear_message(tmp_path):
    from ictroles.core.files import folder_lock

    with folder_lock(tmp_path):
        result = CliRunner().invoke(cli, ["build", str(TECHNICIAN), "-o", str(tmp_path), "--only", "jd"])
    assert result.exit_code == 1
    assert f"{tmp_path}: another ictroles build is writing into this folder" in result.output
    assert list(tmp_path.iterdir()) == []  # no lock file is left in the user's folder either


def test_the_lock_leaves_no_file_behind(tmp_path):
    result = CliRunner().invoke(cli, ["build", str(TECHNICIAN), "-o", str(tmp_path), "--only", "jd"])
    assert result.exit_code == 0, result.output
    assert [p.name for p in tmp_path.iterdir()] == ["ict-technician-job-description.docx"]


# --- 2. a worker that dies ---------------------------------------------------------------------

def default_pack(out, slug):
    """Every file a default build writes for one role."""
    from ictroles.renderers.outputs import DEFAULT_KINDS, OUTPUTS

    return [p for kind in DEFAULT_KINDS for p in OUTPUTS[kind].paths(out, slug)]


def test_a_killed_worker_fails_only_its_role(tmp_path):
    roles = tmp_path / "roles"
    roles.mkdir()
    shutil.copy(TECHNICIAN, roles / "a-technician.yaml")
    shutil.copy(SENIOR, roles / "b-senior.yaml")
    shutil.copy(TECHNICIAN, roles / "c-technician.yaml")
    shutil.copy(SENIOR, roles / "d-senior.yaml")
    out = tmp_path / "out"
    # The worker kills itself (SIGKILL) after writing b-senior's first document to a .part file.
    rc, stdout, stderr = finish(ictroles("build", str(roles), "-o", str(out), "-j", "2", "--layout", "flat",
                                         env={"ICTROLES_TEST_KILL_WORKER": "b-senior"}))
    assert rc == 1
    assert "Traceback" not in stderr and "BrokenProcessPool" not in stderr
    assert f"{roles / 'b-senior.yaml'}: not built: the worker building it stopped unexpectedly (killed?" in stderr
    assert "Built 3 of 4 roles; 1 failed" in stderr
    for slug in ("a-technician", "c-technician", "d-senior"):
        assert str(out / f"{slug}-job-description.docx") in stdout
        assert len(list(out.glob(f"{slug}-*"))) == len(default_pack(out, slug))
    assert not list(out.glob("b-senior*")) and "b-senior" not in stdout
    assert part_files(out) == []


def test_stale_part_files_of_this_tool_are_removed_and_others_kept(tmp_path):
    stale = tmp_path / ".ict-technician-job-description.docx.k2x_9abc.part"
    other_tool = tmp_path / ".notes.txt.k2x_9abc.part"
    plain = tmp_path / "draft.part"
    for path in (stale, other_tool, plain):
        path.write_text("x")
    result = CliRunner().invoke(cli, ["build", str(TECHNICIAN), "-o", str(tmp_path), "--only", "jd"])
    assert result.exit_code == 0, result.output
    assert not stale.exists()
    assert other_tool.exists() and plain.exists()


# --- 7. slugs ----------------------------------------------------------------------------------

def test_a_new_file_never_renames_the_outputs_of_files_already_there(tmp_path):
    roles, out = tmp_path / "roles", tmp_path / "out"
    roles.mkdir()
    shutil.copy(TECHNICIAN, roles / "technician.yaml")
    shutil.copy(SENIOR, roles / "senior.yaml")
    flat = ["--only", "jd", "--layout", "flat"]  # two schools, named after their files as asked
    assert CliRunner().invoke(cli, ["build", str(roles), "-o", str(out), *flat]).exit_code == 0
    before = sorted(p.name for p in out.iterdir())
    # A file sorting first whose name gives another slug changes nothing for the others.
    shutil.copy(TECHNICIAN, roles / "a-new-post.yaml")
    result = CliRunner().invoke(cli, ["build", str(roles), "-o", str(out), *flat, "--force"])
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in out.iterdir()) == sorted([*before, "a-new-post-job-description.docx"])


def test_a_real_slug_collision_names_both_files_and_writes_neither(tmp_path):
    roles, out = tmp_path / "roles", tmp_path / "out"
    roles.mkdir()
    shutil.copy(TECHNICIAN, roles / "ict-technician.yaml")
    shutil.copy(SENIOR, roles / "ICT Technician.yaml")  # the same slug: ict-technician
    result = CliRunner().invoke(cli, ["build", str(roles), "-o", str(out), "--only", "jd", "--layout", "flat"])
    assert result.exit_code == 1
    first, second = roles / "ICT Technician.yaml", roles / "ict-technician.yaml"
    assert f"{first}: not built: {second} would write the same documents (ict-technician-...); " \
           "rename one of the files" in result.output
    assert f"{second}: not built: {first} would write the same documents" in result.output
    assert not out.exists() or list(out.iterdir()) == []


# --- 3. outputs that cannot be written -----------------------------------------------------------

def listed_files_are_whole(stdout: str) -> list[Path]:
    """Every file the build says it wrote is there and opens."""
    from openpyxl import load_workbook

    listed = [Path(line) for line in stdout.splitlines() if line.strip()]
    for path in listed:
        assert path.is_file(), path
        Document(str(path)) if path.suffix == ".docx" else load_workbook(path)
    return listed


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="no /dev/full on this system")
def test_standard_output_that_cannot_be_written(tmp_path):
    with open("/dev/full", "w") as full:
        env = {**os.environ, "PYTHONPATH": str(ROOT)}
        for args in (["schemes"], ["build", str(TECHNICIAN), "-o", str(tmp_path), "--only", "jd"]):
            proc = subprocess.run([sys.executable, "-m", "ictroles", *args], stdout=full, stderr=subprocess.PIPE,
                                  text=True, env=env, timeout=120)
            assert proc.returncode == 1
            assert proc.stderr == "Error: cannot write to standard output (No space left on device)\n"
    assert (tmp_path / "ict-technician-job-description.docx").is_file()  # the document itself was written


def test_a_file_size_limit_fails_the_whole_pack_cleanly(tmp_path):
    resource = pytest.importorskip("resource")
    out = tmp_path / "out"
    # The job description (about 30 KB) fits under 40 KB, the matrix (about 50 KB) does not.
    proc = subprocess.run(
        [sys.executable, "-m", "ictroles", "build", str(TECHNICIAN), "-o", str(out), "--only", "jd,matrix"],
        capture_output=True, text=True, timeout=120, env={**os.environ, "PYTHONPATH": str(ROOT)},
        preexec_fn=lambda: resource.setrlimit(resource.RLIMIT_FSIZE, (40_000, 40_000)))
    assert proc.returncode == 1
    assert proc.stderr == (f"{TECHNICIAN}: {out / 'ict-technician-matrix.xlsx'}: could not be written "
                           "(file too large for the file-size limit (ulimit -f) or the file system)\n"
                           "Built 0 of 1 roles; 1 failed\n")
    assert proc.stdout == ""  # nothing is listed as written...
    assert list(out.iterdir()) == []  # ...nothing was: no job description without its matrix, no .part


@pytest.fixture
def small_disk(tmp_path):
    """A 96 KB tmpfs: room for about three job descriptions."""
    disk = tmp_path / "disk"
    disk.mkdir()
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=96k", "tmpfs", str(disk)], capture_output=True)
    if mounted.returncode != 0:
        pytest.skip("cannot mount a small tmpfs here (needs root and CAP_SYS_ADMIN)")
    yield disk
    subprocess.run(["umount", str(disk)], check=True)


def test_a_disk_that_fills_mid_batch(tmp_path, small_disk):
    roles = tmp_path / "roles"
    roles.mkdir()
    for n in range(6):
        shutil.copy(TECHNICIAN if n % 2 else SENIOR, roles / f"role-{n}.yaml")
    rc, stdout, stderr = finish(ictroles("build", str(roles), "-o", str(small_disk), "--only", "jd", "-j", "2",
                                         "--layout", "flat"))
    assert rc == 1
    assert "could not be written (disk full)" in stderr
    assert "Exception ignored" not in stderr and "Traceback" not in stderr
    listed = listed_files_are_whole(stdout)
    assert 0 < len(listed) < 6
    assert sorted(small_disk.iterdir()) == sorted(listed)  # no .part, nothing unlisted
    assert f"Built {len(listed)} of 6 roles; {6 - len(listed)} failed" in stderr


# --- 4. exit codes ---------------------------------------------------------------------------------

@pytest.mark.parametrize(("args", "message"), [
    (["build", str(TECHNICIAN), "--only", "bogus"], "Invalid value for --only: unknown output 'bogus'"),
    (["framework", "--scheme", "nope"], "Invalid value for --scheme: unknown scheme 'nope'"),
    (["new", "x.yaml", "--yes", "--level", "Z"], "Invalid value for --level: 'Z' is not a level"),
    (["no-such-command"], "No such command"),
])
def test_usage_errors_exit_2(tmp_path, monkeypatch, args, message):
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 2, result.output
    assert message in result.output
    assert list(tmp_path.iterdir()) == []


def test_problems_in_inputs_exit_1(tmp_path):
    result = CliRunner().invoke(cli, ["build", str(tmp_path / "missing.yaml"), "-o", str(tmp_path / "out")])
    assert result.exit_code == 1


def test_ctrl_c_exits_130(tmp_path, monkeypatch):
    def interrupted(job, settings):
        raise KeyboardInterrupt

    monkeypatch.setattr("ictroles.batch.build_role", interrupted)
    result = CliRunner().invoke(cli, ["build", str(TECHNICIAN), "-o", str(tmp_path), "-j", "1"])
    assert result.exit_code == 130
    assert "Interrupted; no half-written file was left." in result.output
    assert list(tmp_path.iterdir()) == []


def test_ctrl_c_in_a_batch_stops_the_workers_and_leaves_no_temporary_file(tmp_path):
    roles, out = tmp_path / "roles", tmp_path / "out"
    roles.mkdir()
    for n in range(40):
        shutil.copy(SENIOR, roles / f"role-{n:02}.yaml")
    proc = ictroles("build", str(roles), "-o", str(out), "-j", "2")
    deadline = time.monotonic() + 60
    while not (out.is_dir() and any(out.iterdir())) and time.monotonic() < deadline:
        time.sleep(0.05)  # until the first role's files are being written
    proc.send_signal(__import__("signal").SIGINT)
    rc, stdout, stderr = finish(proc, timeout=30)
    assert rc == 130, stderr
    assert "Interrupted; no half-written file was left." in stderr
    assert "Traceback" not in stderr
    assert part_files(out) == []
    assert len(list(out.iterdir())) < 160  # it stopped before the end


# --- 5. new --title ----------------------------------------------------------------------------------

@pytest.mark.parametrize(("title", "message"), [
    ("ICT\x07Technician", "contains the control character U+0007"),
    ("x" * 300, "is 300 characters long; at most 200 are allowed"),
    ("ICT\nTechnician", "must be a single line"),
    ("", "the job title must not be blank"),
    ("   ", "the job title must not be blank"),
])
def test_new_refuses_a_title_the_schema_refuses(tmp_path, title, message):
    target = tmp_path / "x.yaml"
    result = CliRunner().invoke(cli, ["new", str(target), "--yes", "--title", title])
    assert result.exit_code == 2
    assert "Invalid value for --title: " in result.output and message in result.output
    assert "Traceback" not in result.output
    assert not target.exists()


# --- 6. sheet names ----------------------------------------------------------------------------------

def role_titled(folder: Path, name: str, title: str, school: str | None = None) -> Path:
    text = TECHNICIAN.read_text().replace("title: ICT Technician\n", f"title: \"{title}\"\n", 1)
    if school is not None:
        text = text.replace("school: Northfield Academy\n", f"school: \"{school}\"\n", 1)
    path = folder / name
    path.write_text(text)
    return path


def unquote_link(target: str) -> str:
    sheet = target.removeprefix("#").rsplit("!", 1)[0]
    if sheet.startswith("'"):
        assert sheet.endswith("'") and "'" not in sheet[1:-1].replace("''", ""), target
        sheet = sheet[1:-1].replace("''", "'")
    return sheet


def test_sheet_names_are_cut_without_an_apostrophe_unique_and_links_follow(tmp_path):
    from openpyxl import load_workbook

    titles = ["A" * 30 + "'s Network Assistant", "A" * 30 + "'s Network Manager", "St Mary's ICT Technician",
              "B" * 40, "B" * 40 + " (2)"]
    files = [role_titled(tmp_path, f"r{i}.yaml", t) for i, t in enumerate(titles)]
    out = tmp_path / "m.xlsx"
    result = CliRunner().invoke(cli, ["matrix", *map(str, files), "-o", str(out)])
    assert result.exit_code == 0, result.output
    wb = load_workbook(out)
    names = wb.sheetnames
    assert len({n.casefold() for n in names}) == len(names)
    for name in names:
        assert len(name) <= 31 and not name.startswith("'") and not name.endswith("'"), name
    assert {"A" * 30, "A" * 27 + " (2)", "B" * 31, "B" * 27 + " (2)", "St Mary's ICT Technician"} <= set(names)
    links = {unquote_link(c.hyperlink.target) for row in wb["Roles"].iter_rows() for c in row if c.hyperlink}
    role_sheets = set(names) - {"Roles", "Statements", "DfE standards", "Framework", "Chart"}
    assert role_sheets <= links <= set(names)
    assert any(c.hyperlink.target == "#'St Mary''s ICT Technician'!A1"
               for row in wb["Roles"].iter_rows() for c in row if c.hyperlink)


# --- 8. authority workbooks: formula-like text, Excel's cell limit -------------------------------

def test_formula_like_text_stays_text_in_the_coverage_workbook(tmp_path):
    from openpyxl import load_workbook

    roles = tmp_path / "roles"
    roles.mkdir()
    role_titled(roles, "a.yaml", "=HYPERLINK(\\\"http://x\\\",\\\"y\\\")", school="+44 school")
    role_titled(roles, "b.yaml", "@SUM(A1)")
    out = tmp_path / "c.xlsx"
    result = CliRunner().invoke(cli, ["coverage", str(roles), "-o", str(out)])
    assert result.exit_code == 0, result.output
    book = load_workbook(out)  # a sheet per school and a summary: the titles are on the school sheets
    cells = [c for ws in book.worksheets for row in ws.iter_rows() for c in row
             if isinstance(c.value, str) and c.value[:1] in "=+-@"]
    assert {c.value for c in cells} >= {'=HYPERLINK("http://x","y")', "@SUM(A1)"}
    assert all(c.data_type == "s" and c.quotePrefix for c in cells)


def test_a_cell_longer_than_excel_allows_is_cut_with_a_visible_mark(tmp_path):
    from openpyxl import Workbook, load_workbook

    from ictroles.renderers.excel.cells import CUT_MARK, save_workbook, set_value

    wb = Workbook()
    set_value(wb.active.cell(1, 1), "=" + "x" * 40_000)
    set_value(wb.active.cell(2, 1), "y" * 32_767)  # exactly the limit: kept whole
    save_workbook(wb, tmp_path / "long.xlsx")
    ws = load_workbook(tmp_path / "long.xlsx").active
    assert len(ws["A1"].value) == 32_767 and ws["A1"].value.endswith(CUT_MARK)
    assert ws["A1"].data_type == "s" and ws["A1"].quotePrefix
    assert ws["A2"].value == "y" * 32_767
