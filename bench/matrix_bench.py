"""Benchmark the competence matrix workbook for 50 and 500 random valid roles.

Run by hand (not part of the test suite):

    python bench/matrix_bench.py            # 50 and 500 roles
    python bench/matrix_bench.py 50 200 500

Each size runs in a fresh subprocess so its peak memory (ru_maxrss) is its own. Prints the
time to load the role files, the wall and CPU time of ``render_matrix`` (build + save), the process's
peak resident memory before and after rendering, and the workbook's size.
"""

from __future__ import annotations

import json
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

SCHEMES = {"four": ["A", "B", "C", "D"], "three": ["1", "2", "3"], "five": ["1", "2", "3", "4", "5"]}
WORDS = ["network", "server", "pupil", "teacher", "device", "backup", "safeguarding", "curriculum", "licence", "budget"]


def write_roles(folder: Path, count: int, seed: int = 2027) -> None:
    """Write ``count`` random valid role files into ``folder``."""
    from ictroles.framework.competences import load_framework

    rng = random.Random(seed)
    skills = [s.id for s in load_framework().skills]
    for i in range(count):
        scheme = rng.choice(["four", "four", "three", "five"])
        chosen = rng.sample(skills, rng.randint(4, len(skills)))
        role_skills: dict[str, object] = {}
        for sid in chosen:
            level = rng.choice(SCHEMES[scheme])
            if rng.random() < 0.2:
                text = f"Support the {rng.choice(WORDS)} {rng.choice(WORDS)} work of the school."
                role_skills[sid] = {"level": level, "add": {"activities": [text]}}
            else:
                role_skills[sid] = level
        data = {
            "title": f"{rng.choice(['ICT', 'Senior ICT', 'Network'])} {rng.choice(['Technician', 'Manager', 'Assistant'])} {i}",
            "school": f"School {i % 97}",
            "grade": f"Grade {rng.randint(3, 10)}",
            # The advert facts lint asks for, so every role passes the publishing gate.
            "salary": {"fte": rng.randint(22000, 42000)},
            "hours_per_week": 37,
            "contract": "permanent",
            "closing_date": "2099-06-18",
            "scheme": scheme,
            "skills": role_skills,
        }
        (folder / f"role-{i:04}.yaml").write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")


def peak_mb() -> float:
    """This process's peak resident memory in MB (Linux reports ru_maxrss in KB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def child(folder: Path) -> None:
    """Load and render one folder; print the figures as JSON."""
    from ictroles.framework.competences import load_framework
    from ictroles.renderers.excel.matrix import render_matrix
    from ictroles.roles.resolve import load_roles

    framework = load_framework()
    t0 = time.perf_counter()
    roles = load_roles([folder], framework)
    t1 = time.perf_counter()
    before = peak_mb()
    out = folder / "matrix.xlsx"
    c1 = time.process_time()
    render_matrix(roles, out)
    c2 = time.process_time()
    t2 = time.perf_counter()
    print(json.dumps({
        "roles": len(roles), "load_s": t1 - t0, "render_s": t2 - t1, "render_cpu_s": c2 - c1,
        "peak_before_mb": before, "peak_mb": peak_mb(), "size_mb": out.stat().st_size / 1e6,
    }))


def main(sizes: list[int]) -> None:
    """Run each size in a subprocess and print a table."""
    rows = []
    for n in sizes:
        with tempfile.TemporaryDirectory(prefix="ictroles-bench-") as tmp:
            write_roles(Path(tmp), n)
            proc = subprocess.run([sys.executable, __file__, "--child", tmp],
                                  capture_output=True, text=True, check=True)
            rows.append(json.loads(proc.stdout.strip().splitlines()[-1]))
    # CPU time is the steadier figure on a shared machine; wall time includes waiting.
    print(f"{'roles':>6} {'load s':>8} {'render s':>9} {'cpu s':>7} {'cpu ms/role':>12} "
          f"{'peak MB (before render)':>24} {'xlsx MB':>8}")
    for r in rows:
        print(f"{r['roles']:>6} {r['load_s']:>8.2f} {r['render_s']:>9.2f} {r['render_cpu_s']:>7.2f} "
              f"{1000 * r['render_cpu_s'] / r['roles']:>12.1f} "
              f"{r['peak_mb']:>11.0f} ({r['peak_before_mb']:.0f}){'':>6} {r['size_mb']:>8.2f}")


if __name__ == "__main__":
    if len(sys.argv) > 2 and sys.argv[1] == "--child":
        child(Path(sys.argv[2]))
    else:
        main([int(a) for a in sys.argv[1:]] or [50, 500])
