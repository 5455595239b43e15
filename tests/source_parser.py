"""An independent parser of the framework's source text, used only by the tests.

The source (framework/source/ict-competences-framework.txt) is the framework's table
flattened to tab-separated rows with HTML cells. Some rows are misaligned (a missing
leading cell, or a skill description continued on the next page); this parser does not
trust column positions: in every row the cells that open with a facet label
(Activities/Knowledge/Examples) are the four levels A-D, in order.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from pathlib import Path

LEVELS = ("A", "B", "C", "D")
FACET_LABELS = {"Activities": "activities", "Knowledge": "knowledge", "Examples": "examples"}
_FACET_CELL = re.compile(r"^\s*(?:<p>)?\s*<b>(Activities|Knowledge|Examples)</b>")
_ITEM = re.compile(r"<li>(.*?)</li>", re.S)
_PARA = re.compile(r"<p>(.*?)</p>", re.S)
_TAG = re.compile(r"<[^>]+>")


def clean(fragment: str) -> str:
    """Plain text of an HTML fragment: tags and bullets dropped, entities decoded."""
    text = html.unescape(_TAG.sub("", fragment))
    text = text.strip().lstrip("\u2022").strip()
    return re.sub(r"\s+", " ", text)


@dataclass
class SourceSkill:
    name: str
    focus: str
    description: list[str] = field(default_factory=list)
    cells: dict[str, dict[str, list[str]]] = field(
        default_factory=lambda: {lv: {} for lv in LEVELS}
    )


@dataclass
class SourceFramework:
    levels: dict[str, dict[str, str]]
    skills: list[SourceSkill]


def parse_source(path: Path) -> SourceFramework:
    """Parse the source text into levels and skills with their statements."""
    text = path.read_text(encoding="utf-8")
    levels: dict[str, dict[str, str]] = {}
    for level, title, desc in re.findall(
        r"## Technician ([A-D])\s+\*\*Typical title\*\* (.+?)\s+\*\*Description\*\* (.+?)\n",
        text,
    ):
        levels[level] = {"title": title.strip(), "description": desc.strip()}

    skills: list[SourceSkill] = []
    focus = ""
    for line in text.splitlines():
        if "\t" not in line or line.startswith("Skill\t") or line.startswith("--"):
            continue
        cells = line.split("\t")
        head = cells[0].strip()
        facet_cells = [c for c in cells if _FACET_CELL.match(c)]
        if head and not any(c.strip() for c in cells[1:]):
            focus = clean(head).removesuffix(" Focus")
            continue
        if head:
            skills.append(SourceSkill(name=clean(head), focus=focus))
        skill = skills[-1]
        # A description cell: the second cell when it is not a facet cell.
        if len(cells) > 1 and cells[1].strip() and not _FACET_CELL.match(cells[1]):
            paras = _PARA.findall(cells[1]) or [cells[1]]
            parts = [clean(p) for p in paras]
            if not head and skill.description:
                # Continued from the previous page: joins the last paragraph.
                skill.description[-1] += " " + parts.pop(0)
            skill.description.extend(parts)
        if facet_cells:
            assert len(facet_cells) == 4, f"row with {len(facet_cells)} level cells: {line[:60]}"
            for level, cell in zip(LEVELS, facet_cells):
                label = FACET_LABELS[_FACET_CELL.match(cell).group(1)]
                items = [clean(i) for i in _ITEM.findall(cell)]
                skill.cells[level].setdefault(label, []).extend(items)
    return SourceFramework(levels=levels, skills=skills)
