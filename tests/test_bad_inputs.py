"""Bad and hostile input files: a clean message naming the file, non-zero exit, nothing written.

The corpus lives in tests/bad_inputs/ with its expected messages in tests/bad_inputs/cases.yaml.
Inputs too big to commit (a 10 MB string, 10,000 nested brackets, random bytes) are generated
here into tmp_path. Every case runs through `ictroles validate` and, when present, through
`ictroles build` (and `ictroles grade` for grades files).
"""

from __future__ import annotations

import random
import shutil
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner, Result

from ictroles.cli import COMMANDS, cli

CORPUS = Path(__file__).parent / "bad_inputs"
CASES = yaml.safe_load((CORPUS / "cases.yaml").read_text(encoding="utf-8"))
EXAMPLE = Path(__file__).parent.parent / "examples" / "ict-technician.yaml"
HAS_BUILD = "build" in COMMANDS
HAS_GRADE = "grade" in COMMANDS


def _case_id(case: dict) -> str:
    return case["file"].removesuffix(".yaml")


def run(*args: str | Path) -> Result:
    """Invoke the CLI in-process; unexpected exceptions are kept on the result, not raised."""
    return CliRunner().invoke(cli, [str(a) for a in args])


def assert_clean_failure(result: Result, names: str, expect: str) -> None:
    """Non-zero exit, no traceback, the file named, the expected fragment in the message."""
    output = result.output
    assert result.exit_code != 0, output
    # CliRunner catches exceptions: anything other than the SystemExit click raises is a crash.
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    assert "Traceback" not in output
    assert Path(names).name in output, output
    assert expect in output, output


def assert_nothing_written(folder: Path) -> None:
    """The output folder is absent or holds no file (not even a half-written temp file)."""
    written = [p for p in folder.rglob("*") if p.is_file()] if folder.exists() else []
    assert written == []


def check_validate_and_build(role: Path, names: str, expect: str, tmp_path: Path) -> None:
    """The role fails `validate` and (when it exists) `build` cleanly, writing nothing."""
    assert_clean_failure(run("validate", role), names, expect)
    if HAS_BUILD:
        out = tmp_path / "out"
        assert_clean_failure(run("build", role, "-o", out, "--jobs", "1", "--quiet"), names, expect)
        assert_nothing_written(out)


# ---------------------------------------------------------------- committed corpus

@pytest.mark.parametrize("case", CASES["roles"], ids=_case_id)
def test_bad_role_file(case: dict, tmp_path: Path) -> None:
    names = case.get("names", case["file"])
    check_validate_and_build(CORPUS / case["file"], names, case["expect"], tmp_path)


@pytest.mark.parametrize("case", CASES["schemes"], ids=_case_id)
def test_bad_scheme_file(case: dict, tmp_path: Path) -> None:
    # A scheme is used through a role beside it, as a school would: `scheme: bad-scheme.yaml`.
    scheme = tmp_path / Path(case["file"]).name
    shutil.copyfile(CORPUS / case["file"], scheme)
    role = tmp_path / "role.yaml"
    role.write_text(f"title: ICT Technician\nscheme: {scheme.name}\n", encoding="utf-8")
    check_validate_and_build(role, scheme.name, case["expect"], tmp_path)


@pytest.mark.parametrize("case", CASES["grades"], ids=_case_id)
def test_bad_grades_file(case: dict, tmp_path: Path) -> None:
    from ictroles.authority import grades as grades_module
    from ictroles.core.errors import InvalidInputError
    from ictroles.framework.competences import load_framework

    path = CORPUS / case["file"]
    with pytest.raises(InvalidInputError) as info:
        grades_module.load_grades(path, load_framework())
    assert path.name in str(info.value) and case["expect"] in str(info.value)
    if HAS_GRADE:
        out = tmp_path / "out"
        out.mkdir()
        result = run("grade", EXAMPLE, "--grades", path, "-o", out / "grades.xlsx")
        assert_clean_failure(result, path.name, case["expect"])
        assert_nothing_written(out)


def test_corpus_is_complete() -> None:
    """Every committed bad file is listed in cases.yaml, and every listed file exists."""
    listed = {c["file"] for group in CASES.values() for c in group}
    on_disk = {
        p.relative_to(CORPUS).as_posix()
        for p in CORPUS.rglob("*.yaml")
        if p.parent.name in ("roles", "schemes", "grades")
    }
    assert on_disk <= listed
    assert all((CORPUS / f).is_file() for f in listed)
    assert len(listed) >= 40


# ---------------------------------------------------------------- generated hostile inputs

def _nested_brackets() -> bytes:
    return b"title: " + b"[" * 10_000 + b"\n"


def _nested_mappings() -> bytes:
    return ("title: x\nskills:\n" + "".join(" " * (i + 1) + f"k{i}:\n" for i in range(1_000))).encode()


def _nested_flow_mappings() -> bytes:
    return b"title: x\nskills: " + b"{a: " * 10_000 + b"\n"


def _ten_mb_string() -> bytes:
    return b"title: " + b"x" * 10_000_000 + b"\n"


def _random_bytes() -> bytes:
    # No NUL byte, so it reaches the UTF-8 check rather than the binary-file check.
    return random.Random(7).randbytes(4096).replace(b"\x00", b"\x01")


def _random_bytes_with_nul() -> bytes:
    return random.Random(11).randbytes(4096) + b"\x00"


def _just_under_size_cap() -> bytes:
    return b"title: ICT Technician\npurpose: " + b"word " * 190_000 + b"\n"


def _nul_in_key() -> bytes:
    return b"tit\x00le: ICT Technician\n"


def _many_skills() -> bytes:
    return ("title: ICT Technician\nskills:\n" + "".join(f"  skill-{i}: B\n" for i in range(2_000))).encode()


GENERATED = {
    "nested-brackets": (_nested_brackets, "nested more than"),
    "nested-mappings": (_nested_mappings, "nested more than"),
    "nested-flow-mappings": (_nested_flow_mappings, "nested more than"),
    "ten-mb-string": (_ten_mb_string, "may be at most 1 MB"),
    "random-bytes": (_random_bytes, "is not UTF-8 text"),
    "random-bytes-with-nul": (_random_bytes_with_nul, "is a binary file"),
    "long-purpose": (_just_under_size_cap, "at most 5000 are allowed"),
    "nul-in-key": (_nul_in_key, "is a binary file"),
    "two-thousand-unknown-skills": (_many_skills, "unknown skill 'skill-0'"),
}


@pytest.mark.parametrize("name", sorted(GENERATED))
def test_generated_hostile_role(name: str, tmp_path: Path) -> None:
    make, expect = GENERATED[name]
    role = tmp_path / f"{name}.yaml"
    role.write_bytes(make())
    check_validate_and_build(role, role.name, expect, tmp_path)


@pytest.mark.parametrize("name", ["nested-brackets", "ten-mb-string", "random-bytes"])
def test_generated_hostile_scheme(name: str, tmp_path: Path) -> None:
    make, expect = GENERATED[name]
    scheme = tmp_path / f"bad-scheme-{name}.yaml"
    scheme.write_bytes(make())
    role = tmp_path / "role.yaml"
    role.write_text(f"title: ICT Technician\nscheme: {scheme.name}\n", encoding="utf-8")
    check_validate_and_build(role, scheme.name, expect, tmp_path)


def test_missing_role_file(tmp_path: Path) -> None:
    check_validate_and_build(tmp_path / "nowhere.yaml", "nowhere.yaml", "not found", tmp_path)


# ---------------------------------------------------------------- inputs that must be accepted

@pytest.mark.parametrize("name", ["bom.yaml", "crlf.yaml", "bom-crlf.yaml"])
def test_bom_and_crlf_are_valid(name: str, tmp_path: Path) -> None:
    role = CORPUS / "valid" / name
    result = run("validate", role)
    assert result.exit_code == 0, result.output
    assert f"{name}: valid" in result.output
    shown = run("show", role, "--format", "json")
    assert shown.exit_code == 0, shown.output
    # The BOM must not leak into the first field's name or value, nor \r into any text.
    assert "\ufeff" not in shown.output and "\\r" not in shown.output
    assert '"ICT Technician"' in shown.output
