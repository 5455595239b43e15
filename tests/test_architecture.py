"""The layout keeps its promises: arrows point down, and the docs name what exists."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "ictroles"
# The pipeline's steps, in order: a step may import only from the steps before it.
STEPS = ["core", "framework", "roles", "renderers", "authority", "authoring", "assess", "batch", "designer", "cli"]
# Side by side, neither building on another.
SAME_TIER = {frozenset({"authority", "authoring"}), frozenset({"authority", "assess"}),
             frozenset({"authoring", "assess"})}
DOCS = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md")), ROOT / "bench" / "README.md",
        ROOT / "templates" / "README.md"]


def step_of(module: str) -> str | None:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 and parts[0] == "ictroles" else None


def imports(path: Path) -> list[tuple[int, str]]:
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.append((node.lineno, node.module))
        elif isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
    return found


# ictroles/__init__.py (the library API) and __main__.py sit above every step.
MODULES = sorted(p for p in PACKAGE.rglob("*.py") if p.parent != PACKAGE or p.name == "batch.py")


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(ROOT)))
def test_a_step_imports_only_from_the_steps_before_it(path: Path):
    me = step_of(".".join(path.relative_to(ROOT).with_suffix("").parts))
    assert me in STEPS, f"{path} is in no step of the pipeline"
    upward = []
    for line, module in imports(path):
        other = step_of(module)
        if other is None or other == me:
            continue
        if STEPS.index(other) > STEPS.index(me) or frozenset({me, other}) in SAME_TIER:
            upward.append(f"{path.relative_to(ROOT)}:{line} ({me}) imports {module} ({other})")
    assert not upward


def test_no_module_uses_relative_imports():
    relative = [f"{p.relative_to(ROOT)}:{n.lineno}" for p in PACKAGE.rglob("*.py")
                for n in ast.walk(ast.parse(p.read_text(encoding="utf-8")))
                if isinstance(n, ast.ImportFrom) and n.level]
    assert not relative


def test_every_module_path_named_in_the_architecture_exists():
    text = (ROOT / "docs" / "architecture.md").read_text(encoding="utf-8")
    named = set(re.findall(r"`(ictroles/[\w/]*(?:\.py)?)`", text))
    assert len(named) >= 8
    missing = sorted(p for p in named if not (ROOT / p).exists() and p != "ictroles/data/")  # data: in the wheel
    assert not missing
    # Bare module names in the table's Modules column belong to their row's subpackage.
    for row in re.findall(r"^\| [^|]+ \| `(ictroles/\w+/)` \|[^|]+\|([^|]+)\|$", text, re.M):
        folder, modules = row
        for name in re.findall(r"`([\w/]+(?:\.py|/))`", modules):
            assert (ROOT / folder / name).exists(), f"{folder}{name} is named but does not exist"


def test_every_package_module_is_named_in_the_architecture():
    text = (ROOT / "docs" / "architecture.md").read_text(encoding="utf-8")
    unnamed = [str(p.relative_to(ROOT)) for p in MODULES
               if p.name != "__init__.py" and p.name not in text and p.parent.name + "/" not in text]
    assert not unnamed


@pytest.mark.parametrize("doc", DOCS, ids=lambda p: str(p.relative_to(ROOT)))
def test_relative_links_resolve(doc: Path):
    text = doc.read_text(encoding="utf-8")
    broken = []
    for target in re.findall(r"\]\(([^)\s]+)\)", text):
        if re.match(r"[a-z]+:", target):
            continue  # a web address or mailto: link
        path, _, anchor = target.partition("#")
        file = (doc.parent / path).resolve() if path else doc
        if not file.exists():
            broken.append(target)
        elif anchor and file.suffix == ".md":
            headings = re.findall(r"^#+ (.+)$", file.read_text(encoding="utf-8"), re.M)
            slugs = {re.sub(r"[^\w\- ]", "", h).strip().lower().replace(" ", "-") for h in headings}
            if anchor not in slugs:
                broken.append(target)
    assert not broken
