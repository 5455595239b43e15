"""The ictroles benchmark: medians and ratios against the floor set by the libraries it uses.

Run by hand (not part of the test suite); see bench/README.md:

    python bench/run.py                 # everything (about 12-15 minutes on 2 cores)
    python bench/run.py --quick         # smaller batches and fewer repeats (about 2-3 minutes)
    python bench/run.py --only startup,document --profile

Every comparison is measured side by side in one run: after a warm-up the measured commands
alternate (A, B, A, B, ...) so drifts in machine load hit both equally.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import os
import pstats
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
EXAMPLE = ROOT / "examples" / "ict-technician.yaml"
PY = sys.executable
sys.path.insert(0, str(HERE))

# Runs a command and prints the peak resident memory of its largest process (it, or any of the
# worker processes it waited for), in KB.
_PEAK = (
    "import resource, subprocess, sys\n"
    "subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)\n"
    "kb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss\n"
    "print(kb // 1024 if sys.platform == 'darwin' else kb)\n"
)


@dataclass
class Row:
    """One line of the results table."""

    section: str
    what: str
    value: str
    ratio: str = ""
    target: str = ""
    verdict: str = ""


ROWS: list[Row] = []


def ictroles_cmd() -> list[str]:
    """The installed console script, as a user runs it (or python -m ictroles).

    The script beside this interpreter is preferred: a version manager's shim on PATH (pyenv)
    is a shell script that adds its own start-up to every run.
    """
    script = Path(PY).parent / ("ictroles.exe" if os.name == "nt" else "ictroles")
    if script.is_file():
        return [str(script)]
    found = shutil.which("ictroles")
    return [found] if found else [PY, "-m", "ictroles"]


def compile_bytecode() -> str:
    """Compile ictroles' bytecode, as ``pip install`` does, so both sides start alike.

    The libraries in the floor (click, yaml, docx, openpyxl) were compiled when pip installed
    them. An editable checkout run with PYTHONDONTWRITEBYTECODE set (some containers set it)
    would otherwise recompile every ictroles module on every run and measure that instead.
    """
    import compileall
    import importlib.util

    spec = importlib.util.find_spec("ictroles")
    folder = Path(spec.origin).parent if spec and spec.origin else ROOT / "ictroles"
    compileall.compile_dir(folder, quiet=1)
    return str(folder)


def side_by_side(cases: dict[str, Callable[[], object]], repeats: int, warmup: int = 1) -> dict[str, float]:
    """Median seconds of each case, run alternately after ``warmup`` rounds."""
    for _ in range(warmup):
        for fn in cases.values():
            fn()
    times: dict[str, list[float]] = {name: [] for name in cases}
    for _ in range(repeats):
        for name, fn in cases.items():
            start = time.perf_counter()
            fn()
            times[name].append(time.perf_counter() - start)
    return {name: statistics.median(ts) for name, ts in times.items()}


def run(cmd: list[str]) -> Callable[[], None]:
    """A callable running ``cmd`` quietly; a failure stops the benchmark with its output."""

    def call() -> None:
        done = subprocess.run(cmd, capture_output=True, text=True)
        if done.returncode != 0:
            raise SystemExit(f"benchmark command failed: {' '.join(cmd)}\n{done.stdout}{done.stderr}")

    return call


def peak_mb(cmd: list[str]) -> float:
    """Peak resident memory (MB) of the largest process ``cmd`` runs."""
    out = subprocess.run([PY, "-c", _PEAK, *cmd], capture_output=True, text=True, check=True)
    return int(out.stdout.split()[-1]) / 1024


def ms(seconds: float) -> str:
    return f"{seconds * 1000:.0f} ms" if seconds < 10 else f"{seconds:.1f} s"


def verdict(ratio: float, limit: float, lower_is_better: bool = True) -> str:
    ok = ratio <= limit if lower_is_better else ratio >= limit
    return "met" if ok else "MISSED"


def generate_roles(folder: Path, count: int) -> Path:
    """``count`` random valid role files (the matrix benchmark's generator, fixed seed)."""
    from matrix_bench import write_roles

    folder.mkdir(parents=True, exist_ok=True)
    write_roles(folder, count)
    return folder


# ---------------------------------------------------------------- sections

def bench_startup(repeats: int) -> None:
    """``ictroles --help`` and ``ictroles validate`` against importing click and yaml."""
    ict = ictroles_cmd()
    cases = {
        "python -c pass": run([PY, "-c", "pass"]),
        "import click, yaml": run([PY, "-c", "import click, yaml"]),
        "ictroles --help": run([*ict, "--help"]),
        "ictroles validate": run([*ict, "validate", str(EXAMPLE)]),
    }
    t = side_by_side(cases, repeats)
    floor = t["import click, yaml"]
    ROWS.append(Row("start-up", "python -c pass", ms(t["python -c pass"])))
    ROWS.append(Row("start-up", "python -c 'import click, yaml' (floor)", ms(floor), "1.00x"))
    for name in ("ictroles --help", "ictroles validate"):
        r = t[name] / floor
        label = name + (" examples/ict-technician.yaml" if "validate" in name else "")
        # A guard, not a target to chase: nobody at a keyboard tells 100 ms from 250 ms.
        ROWS.append(Row("start-up", label, ms(t[name]), f"{r:.2f}x", "<= 2.0x (guard)", verdict(r, 2.0)))


def bench_designer(repeats: int) -> None:
    """The designer: a form change to its updated preview, and the time to the first page."""
    import socket
    import urllib.request

    sys.path.insert(0, str(ROOT))
    from ictroles.designer.app import create_app
    from tests.test_designer import form_of  # the fields a browser submits, read from the page

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        shutil.copy(EXAMPLE, folder / EXAMPLE.name)
        app = create_app(folder, port=8765)
        client = app.test_client()
        base = "http://127.0.0.1:8765"
        fields = form_of(client.get(f"/edit/{EXAMPLE.name}", base_url=base).get_data(as_text=True))
        data: dict[str, list[str]] = {}
        for k, v in fields:
            data.setdefault(k, []).append(v)
        headers = {"X-CSRF-Token": data["csrf"][0], "Origin": base}

        def change(hours: str) -> Callable[[], object]:
            def go() -> object:
                reply = client.post(f"/preview/{EXAMPLE.name}", base_url=base, headers=headers,
                                    data={**data, "hours_per_week": [hours]})
                assert reply.status_code == 200 and reply.get_json()["ok"]
                return reply
            return go

        t = side_by_side({"30": change("30"), "32": change("32")}, repeats * 4)
        median = statistics.median(t.values())
        ROWS.append(Row("designer", "form change -> updated preview (test client, technician)", ms(median),
                        "", "<= 100 ms", "ok" if median <= 0.1 else "MISSED"))

        def first_page() -> None:
            with socket.socket() as probe:
                probe.bind(("127.0.0.1", 0))
                port = probe.getsockname()[1]
            proc = subprocess.Popen([*ictroles_cmd(), "serve", str(folder), "--no-browser", "--port", str(port)],
                                    stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            try:
                while True:
                    try:
                        with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=1) as r:
                            r.read()
                            return
                    except OSError:
                        time.sleep(0.005)
            finally:
                proc.terminate()
                proc.wait()

        t = side_by_side({"help": run([*ictroles_cmd(), "--help"]), "serve": first_page}, repeats)
        r = t["serve"] / t["help"]
        ROWS.append(Row("designer", "ictroles serve -> first page answered", ms(t["serve"]), f"{r:.2f}x",
                        "<= 1.5x ictroles --help", verdict(r, 1.5)))


def bench_document(repeats: int, profile: bool) -> None:
    """The technician job description in-process: ictroles vs plain python-docx vs docxtpl."""
    from baseline_docx import extract_content, make_docxtpl_template, write_docxtpl, write_plain

    from ictroles.renderers.outputs import OUTPUTS, RenderOptions
    from ictroles.roles.resolve import load_role

    render = OUTPUTS["jd"].load()
    role = load_role(EXAMPLE)
    options = RenderOptions()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        render(role, folder / "jd.docx", options)
        content = extract_content(folder / "jd.docx")
        template = folder / "template.docx"
        context = make_docxtpl_template(content, template)
        cases = {
            "ictroles": lambda: render(role, folder / "a.docx", options),
            "plain": lambda: write_plain(content, folder / "b.docx"),
            "docxtpl": lambda: write_docxtpl(template, context, folder / "c.docx"),
        }
        t = side_by_side(cases, repeats, warmup=2)
        if profile:
            _profile("ictroles job description (in-process)", lambda: render(role, folder / "p.docx", options))
            _profile("plain python-docx baseline", lambda: write_plain(content, folder / "q.docx"))
    tables = sum(1 for b in content.blocks if b[0] == "table")
    size = f"{content.paragraph_count} paragraphs, {tables} table"
    base = t["plain"]
    ROWS.append(Row("one document", f"plain python-docx, style names (baseline; {size})", ms(base), "1.00x"))
    r = t["docxtpl"] / base
    ROWS.append(Row("one document", "docxtpl, same content (peer)", ms(t["docxtpl"]), f"{r:.2f}x"))
    r = t["ictroles"] / base
    ROWS.append(Row("one document", "ictroles render_job_description", ms(t["ictroles"]), f"{r:.2f}x"))


def bench_role_pack(repeats: int) -> None:
    """``ictroles build`` of the technician example against importing its libraries."""
    ict = ictroles_cmd()
    with tempfile.TemporaryDirectory() as tmp:
        cases = {
            "floor": run([PY, "-c", "import click, yaml, docx, openpyxl"]),
            "build": run([*ict, "build", str(EXAMPLE), "-o", tmp, "--force", "--quiet", "--only", "jd,person-spec,advert,matrix"]),
        }
        t = side_by_side(cases, repeats)
        files = len(list(Path(tmp).iterdir()))
    ROWS.append(Row("role pack", "python -c 'import click, yaml, docx, openpyxl' (floor)", ms(t["floor"]), "1.00x"))
    r = t["build"] / t["floor"]
    ROWS.append(Row("role pack", f"ictroles build ict-technician.yaml --force ({files} files)", ms(t["build"]),
                    f"{r:.2f}x", "<= 1.9x", verdict(r, 1.9)))


def bench_matrix(sizes: list[int], repeats: int, folders: dict[int, Path]) -> None:
    """``ictroles matrix`` over generated roles: time and peak memory per size."""
    ict = ictroles_cmd()
    results = {}
    for n in sizes:
        out = folders[n].parent / f"matrix-{n}.xlsx"
        cmd = [*ict, "matrix", str(folders[n]), "-o", str(out), "--force"]
        t = side_by_side({"m": run(cmd)}, repeats if n < 200 else max(1, repeats // 2))["m"]
        results[n] = (t, peak_mb(cmd))
    for n in sizes:
        t, mem = results[n]
        ROWS.append(Row("matrix", f"ictroles matrix, {n} roles", f"{ms(t)}, peak {mem:.0f} MB"))
    if len(sizes) >= 2:
        lo, hi = sizes[0], sizes[-1]
        growth = results[hi][0] / results[lo][0]
        ideal = hi / lo
        ROWS.append(Row("matrix", f"time growth {lo} -> {hi} roles (linear = {ideal:.0f}x)", "",
                        f"{growth:.1f}x", f"about {ideal:.0f}x", verdict(growth, ideal * 1.25)))


def bench_batch(sizes: list[int], repeats: int, folders: dict[int, Path]) -> None:
    """``ictroles build DIR`` with 1 and 2 workers: speed-up and peak memory per process."""
    ict = ictroles_cmd()
    peaks: dict[tuple[int, int], float] = {}
    for n in sizes:
        with tempfile.TemporaryDirectory() as tmp:
            def build(jobs: int, n: int = n, tmp: str = tmp) -> Callable[[], None]:
                cmd = [*ict, "build", str(folders[n]), "-o", str(Path(tmp) / f"j{jobs}"), "--jobs", str(jobs),
                       "--force", "--quiet"]

                def call() -> None:
                    # Timed through the peak-memory wrapper: its own start-up is noise next to a batch.
                    peaks[(n, jobs)] = peak_mb(cmd)

                return call

            # Even the big batch is measured three times each way: one pair alone moved the
            # speed-up between 1.7x and 2.5x on a shared 2-core machine.
            big = n >= 200
            t = side_by_side({"1": build(1), "2": build(2)}, 3 if big else max(3, repeats), warmup=0 if big else 1)
        speedup = t["1"] / t["2"]
        ROWS.append(Row("batch", f"ictroles build {n} roles --jobs 1", f"{ms(t['1'])}, peak {peaks[(n, 1)]:.0f} MB"))
        ROWS.append(Row("batch", f"ictroles build {n} roles --jobs 2", f"{ms(t['2'])}, peak {peaks[(n, 2)]:.0f} MB",
                        f"{speedup:.2f}x speed-up", ">= 1.8x", verdict(speedup, 1.8, lower_is_better=False)))
    if len(sizes) >= 2:
        lo, hi = sizes[0], sizes[-1]
        r = peaks[(hi, 2)] / peaks[(lo, 2)]
        ROWS.append(Row("batch", f"peak memory per process, {lo} -> {hi} roles (--jobs 2)", "", f"{r:.2f}x",
                        "flat (<= 1.1x)", verdict(r, 1.1)))


def _profile(title: str, fn: Callable[[], object], rounds: int = 10) -> None:
    profiler = cProfile.Profile()
    profiler.enable()
    for _ in range(rounds):
        fn()
    profiler.disable()
    out = io.StringIO()
    pstats.Stats(profiler, stream=out).sort_stats("cumulative").print_stats(18)
    print(f"\n--- profile: {title} ({rounds} rounds, cumulative) ---")
    print("\n".join(out.getvalue().splitlines()[6:]))


def import_times() -> None:
    """The slowest imports of ``ictroles validate`` (python -X importtime)."""
    cmd = [PY, "-X", "importtime", "-m", "ictroles", "validate", str(EXAMPLE)]
    err = subprocess.run(cmd, capture_output=True, text=True).stderr
    rows = []
    for line in err.splitlines():
        if line.startswith("import time:") and "|" in line and "self" not in line:
            _, cumulative, name = (part.strip() for part in line.removeprefix("import time:").split("|"))
            rows.append((int(cumulative), name))
    print("\n--- slowest imports of `ictroles validate` (cumulative microseconds) ---")
    for cumulative, name in sorted(rows, reverse=True)[:12]:
        print(f"{cumulative:>9}  {name}")


# ---------------------------------------------------------------- table

def print_table() -> None:
    headers = ("section", "measurement", "median", "ratio", "target", "")
    lines = [(r.section, r.what, r.value, r.ratio, r.target, r.verdict) for r in ROWS]
    widths = [max(len(h), *(len(line[i]) for line in lines)) for i, h in enumerate(headers)]
    fmt = "  ".join(f"{{:<{w}}}" for w in widths)
    print(fmt.format(*headers))
    print(fmt.format(*("-" * w for w in widths)))
    for line in lines:
        print(fmt.format(*line).rstrip())


def bench_pdf(roles: int) -> None:
    """``--pdf``: a role pack against one command-line soffice run; a batch against one start per document."""
    soffice = shutil.which("soffice")
    if soffice is None:
        ROWS.append(Row("pdf", "ictroles build --pdf", "skipped: LibreOffice is not installed"))
        return
    ict = ictroles_cmd()
    with tempfile.TemporaryDirectory() as tmp:
        base = Path(tmp)

        def pack_with_pdf() -> None:
            subprocess.run([*ict, "build", str(EXAMPLE), "-o", str(base / "a"), "--force", "--quiet", "--pdf"],
                           check=True, capture_output=True)

        def pack_then_soffice() -> None:
            out = base / "b"
            subprocess.run([*ict, "build", str(EXAMPLE), "-o", str(out), "--force", "--quiet"], check=True)
            docs = [str(p) for p in out.iterdir() if p.suffix in (".docx", ".xlsx")]
            subprocess.run([soffice, "--headless", "--convert-to", "pdf", "--outdir", str(out), *docs],
                           check=True, capture_output=True)

        t = side_by_side({"ictroles": pack_with_pdf, "soffice": pack_then_soffice}, 3)
        r = t["ictroles"] / t["soffice"]
        ROWS.append(Row("pdf", "ictroles build technician, then one soffice run over its 4 files", ms(t["soffice"]),
                        "1.00x"))
        ROWS.append(Row("pdf", "ictroles build technician --pdf", ms(t["ictroles"]), f"{r:.2f}x", "<= 1.3x",
                        verdict(r, 1.3)))

        folder = generate_roles(base / f"roles-{roles}", roles)

        def batch_with_pdf() -> None:
            subprocess.run([*ict, "build", str(folder), "-o", str(base / "c"), "--force", "--quiet", "--pdf",
                            "--jobs", "2"], check=True, capture_output=True)

        def batch_one_start_per_document() -> None:
            out = base / "d"
            subprocess.run([*ict, "build", str(folder), "-o", str(out), "--force", "--quiet", "--jobs", "2"],
                           check=True)
            for doc in sorted(p for p in out.iterdir() if p.suffix in (".docx", ".xlsx")):
                with tempfile.TemporaryDirectory() as profile:  # a fresh profile, as before
                    subprocess.run([soffice, f"-env:UserInstallation={Path(profile).as_uri()}", "--headless",
                                    "--convert-to", "pdf", "--outdir", str(out), str(doc)],
                                   check=True, capture_output=True)

        t = side_by_side({"ictroles": batch_with_pdf, "each": batch_one_start_per_document}, 1, warmup=0)
        r = t["each"] / t["ictroles"]
        ROWS.append(Row("pdf", f"{roles} roles, one soffice start per document", ms(t["each"]), "1.00x"))
        ROWS.append(Row("pdf", f"ictroles build {roles} roles --pdf --jobs 2", ms(t["ictroles"]),
                        f"{r:.1f}x faster", ">= 3x faster", verdict(1 / r, 1 / 3)))


def main() -> None:
    """Parse options, run the chosen sections, print the table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="smaller batches (20, 100 roles) and fewer repeats")
    parser.add_argument("--only", default="startup,document,pack,matrix,batch,pdf,designer",
                        help="comma-separated sections: startup, document, pack, matrix, batch, pdf, designer")
    parser.add_argument("--sizes", default=None, help="generated role counts, e.g. 50,500")
    parser.add_argument("--profile", action="store_true", help="also print import times and cProfile tops")
    args = parser.parse_args()
    sections = set(args.only.split(","))
    sizes = [int(s) for s in args.sizes.split(",")] if args.sizes else ([20, 100] if args.quick else [50, 500])
    repeats = 5 if args.quick else 15

    import platform

    print(f"ictroles benchmark: Python {platform.python_version()}, {platform.system()} {platform.machine()}, "
          f"{os.cpu_count()} cores ({len(os.sched_getaffinity(0)) if hasattr(os, 'sched_getaffinity') else '?'}"
          " usable)", flush=True)
    print(f"bytecode compiled for {compile_bytecode()} (as pip does on install)\n", flush=True)
    with tempfile.TemporaryDirectory() as tmp:
        folders = {}
        if sections & {"matrix", "batch"}:
            folders = {n: generate_roles(Path(tmp) / f"roles-{n}", n) for n in sizes}
        if "startup" in sections:
            bench_startup(repeats)
        if "document" in sections:
            bench_document(repeats * 2, args.profile)
        if "pack" in sections:
            bench_role_pack(max(3, repeats // 2))
        if "matrix" in sections:
            bench_matrix(sizes, 3, folders)
        if "batch" in sections:
            bench_batch(sizes, 2 if not args.quick else 1, folders)
        if "pdf" in sections:
            bench_pdf(5 if args.quick else 20)
        if "designer" in sections:
            bench_designer(repeats)
    if args.profile:
        import_times()
    print()
    print_table()


if __name__ == "__main__":
    main()
