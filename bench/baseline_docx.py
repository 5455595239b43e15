"""Baselines for the one-document benchmark: the same job description written two other ways.

The content (every body paragraph with its style, the title-block table, header and footer
text) is read once from the job description ictroles writes, so all three writers produce
the same paragraphs and tables:

* ``write_plain``: plain python-docx, the obvious way (``add_paragraph(text, style=NAME)``,
  ``add_table(style=NAME)``), on python-docx's default template;
* ``write_docxtpl``: docxtpl rendering a template with one rich-text placeholder per run of
  paragraphs and a row loop for the table (the template is made once, outside the timing).

Run alone to write both baselines for the technician example:

    python bench/baseline_docx.py OUT_FOLDER
"""

from __future__ import annotations

import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import docx
from docx.oxml.ns import qn
from docx.table import Table
from docx.text.paragraph import Paragraph

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "ict-technician.yaml"
# Styles python-docx's default template lacks are written with the nearest one it has.
STYLE_FALLBACK = {"Note": "Normal", "Role Table": "Table Grid"}


@dataclass
class Content:
    """What a job description says, in order: ("p", style, text) and ("table", style, rows)."""

    blocks: list[tuple] = field(default_factory=list)
    header: str = ""
    footer: str = ""

    @property
    def paragraph_count(self) -> int:
        """Body paragraphs (outside tables)."""
        return sum(1 for b in self.blocks if b[0] == "p")


def extract_content(path: Path) -> Content:
    """The paragraphs (style name and text) and tables of a .docx body, in order."""
    document = docx.Document(str(path))
    content = Content()
    for element in document.element.body.iterchildren():
        if element.tag == qn("w:p"):
            p = Paragraph(element, document)
            content.blocks.append(("p", p.style.name, p.text))
        elif element.tag == qn("w:tbl"):
            table = Table(element, document)
            rows = [[cell.text for cell in row.cells] for row in table.rows]
            content.blocks.append(("table", table.style.name if table.style else "Table Grid", rows))
    section = document.sections[0]
    content.header = "\t".join(p.text for p in section.header.paragraphs)
    content.footer = "\t".join(p.text for p in section.footer.paragraphs)
    return content


def _style(name: str) -> str:
    return STYLE_FALLBACK.get(name, name)


def write_plain(content: Content, out_path: Path) -> None:
    """Write the content with plain python-docx, looking styles up by name as most code does."""
    document = docx.Document()
    section = document.sections[0]
    section.header.paragraphs[0].text = content.header
    section.footer.paragraphs[0].text = content.footer
    for block in content.blocks:
        if block[0] == "p":
            _, style, text = block
            document.add_paragraph(text, style=_style(style))
        else:
            _, style, rows = block
            table = document.add_table(rows=0, cols=len(rows[0]), style=_style(style))
            for row in rows:
                cells = table.add_row().cells
                for cell, text in zip(cells, row):
                    cell.text = text
    document.save(str(out_path))


def make_docxtpl_template(content: Content, path: Path) -> dict:
    """Write a docxtpl template for ``content``; return the context that fills it."""
    from docxtpl import RichTextParagraph

    document = docx.Document()
    ids = {s.name: s.style_id for s in document.styles}
    section = document.sections[0]
    section.header.paragraphs[0].text = "{{ header }}"
    section.footer.paragraphs[0].text = "{{ footer }}"
    body = document.paragraphs[0] if document.paragraphs else None
    context: dict = {"header": content.header, "footer": content.footer}
    run: RichTextParagraph | None = None
    n = 0
    for block in content.blocks:
        if block[0] == "p":
            if run is None:
                n += 1
                run = RichTextParagraph()
                context[f"part{n}"] = run
                document.add_paragraph("{{p part" + str(n) + " }}")
            _, style, text = block
            run.add(text, parastyle=ids.get(_style(style), "Normal"))
        else:
            run = None
            n += 1
            _, style, rows = block
            cols = len(rows[0])
            table = document.add_table(rows=3, cols=cols, style=_style(style))
            table.rows[0].cells[0].text = "{%tr for row in table" + str(n) + " %}"
            for i in range(cols):
                table.rows[1].cells[i].text = "{{ row[" + str(i) + "] }}"
            table.rows[2].cells[0].text = "{%tr endfor %}"
            context[f"table{n}"] = rows
    if body is not None:
        body._element.getparent().remove(body._element)
    document.save(str(path))
    return context


def write_docxtpl(template: Path, context: dict, out_path: Path) -> None:
    """Render the docxtpl template with the content."""
    from docxtpl import DocxTemplate

    tpl = DocxTemplate(str(template))
    tpl.render(context, autoescape=True)
    tpl.save(str(out_path))


def technician_content(folder: Path) -> Content:
    """The content of the technician example's job description, as ictroles writes it."""
    from ictroles.renderers.outputs import OUTPUTS, RenderOptions
    from ictroles.roles.resolve import load_role

    jd = folder / "ictroles-jd.docx"
    OUTPUTS["jd"].load()(load_role(EXAMPLE), jd, RenderOptions())
    return extract_content(jd)


def main() -> None:
    """Write both baselines of the technician job description into a folder."""
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(tempfile.mkdtemp())
    out.mkdir(parents=True, exist_ok=True)
    content = technician_content(out)
    write_plain(content, out / "baseline-plain.docx")
    context = make_docxtpl_template(content, out / "docxtpl-template.docx")
    write_docxtpl(out / "docxtpl-template.docx", context, out / "baseline-docxtpl.docx")
    tables = sum(1 for b in content.blocks if b[0] == "table")
    print(f"{content.paragraph_count} paragraphs, {tables} table(s) written to {out}")


if __name__ == "__main__":
    main()
