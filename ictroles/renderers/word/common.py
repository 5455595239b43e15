"""What the three Word documents share: base document, letterhead, styles, header, footer.

Speed: python-docx resolves a style *name* by scanning every style of the document each time
it is assigned. :class:`WordDoc` maps names to style ids once, and paragraphs get their style id
written directly, so building a document costs little more than writing its XML.
"""

from __future__ import annotations

import copy
import io
import re
import zipfile
from functools import lru_cache
from pathlib import Path

import docx
from docx.document import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.opc.exceptions import PackageNotFoundError
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Emu
from docx.table import Table, _Cell
from docx.text.paragraph import Paragraph
from lxml import etree

from ictroles.core.errors import ConversionError, InvalidInputError, OutputError, Problem, ToolMissingError
from ictroles.core.files import atomic_write, read_capped
from ictroles.renderers.facts import long_date
from ictroles.renderers.outputs import RenderOptions
from ictroles.renderers.personspec import placeholder_values
from ictroles.renderers.wording import Wording, fill, wording_for
from ictroles.roles.resolve import ResolvedRole

ACCENT = "1F4E79"
LIGHT = "E3ECF5"  # the accent's light tint: key columns, category rows, boxes
GREY = "595959"
DRAFT_RED = "C00000"
TEXT_WIDTH_TWIPS = 9638  # A4 with 2 cm margins; letterheads may differ (see text_width)

# name (as Word shows it) -> style id in the built-in base document
STYLE_NAMES = (
    "Normal", "Title", "Subtitle", "Heading 1", "Heading 2", "Heading 3", "List Number",
    "List Bullet", "Header", "Footer", "Table Text", "Note", "Role Table",
)



def _norm(name: str) -> str:
    return name.strip().lower()


@lru_cache(maxsize=8)
def _base_styles(path: Path, _mtime: int) -> dict[str, etree._Element]:
    """Style elements of a base document by lower-cased name, to copy into letterheads."""
    with zipfile.ZipFile(io.BytesIO(read_package(path, "Word template"))) as zf:
        root = etree.fromstring(zf.read("word/styles.xml"))
    out = {}
    for style in root.iter(qn("w:style")):
        name = style.find(qn("w:name"))
        if name is not None:
            out[_norm(name.get(qn("w:val")))] = style
    return out


class WordDoc:
    """A document being built: python-docx Document plus cached style ids and list numbering."""

    def __init__(self, role: ResolvedRole, options: RenderOptions, doc_name: str):
        self.role = role
        self.options = options
        self.doc_name = doc_name
        self.wording: Wording = wording_for(options.templates_dir, role.spec.templates, role.source)
        self.values = placeholder_values(role)
        letterhead = self._letterhead_path()
        base = self.wording.word_template()
        self.doc: Document = open_docx(letterhead, role) if letterhead else open_docx(base, None)
        self.letterhead = letterhead is not None
        body = self.doc.element.body
        for child in list(body):
            if child.tag != qn("w:sectPr"):
                body.remove(child)
        self.style_ids = self._map_styles(base)
        self._num_decimal, self._num_bullet = self._add_numbering()
        self._sect_pr = body.find(qn("w:sectPr"))
        if self._sect_pr is None:
            self._sect_pr = body.makeelement(qn("w:sectPr"))
            body.append(self._sect_pr)
        self.text_width = self._text_width()
        self._header_footer()
        props = self.doc.core_properties
        props.title = f"{role.title} - {doc_name}"
        props.subject = doc_name
        props.author = role.spec.school or ""
        props.comments = "Made with ictroles from the ICT Competences Framework"
        props.keywords = "job description; ICT support; school"
        if options.draft_notes:
            self._draft_notice(options.draft_notes)

    # -- setup -------------------------------------------------------------------------

    def _letterhead_path(self) -> Path | None:
        if self.options.letterhead:
            return Path(self.options.letterhead)
        if self.role.spec.letterhead:
            return Path(self.role.spec.letterhead)
        return None

    def _map_styles(self, base: Path) -> dict[str, str]:
        """Name -> style id, copying any style the document lacks from the base document."""
        styles_el = self.doc.styles.element
        by_name: dict[str, str] = {}
        ids: set[str] = set()
        for style in styles_el.iter(qn("w:style")):
            sid = style.get(qn("w:styleId"))
            ids.add(sid)
            name = style.find(qn("w:name"))
            if name is not None:
                by_name.setdefault(_norm(name.get(qn("w:val"))), sid)
        out: dict[str, str] = {}
        base_styles = None
        for name in STYLE_NAMES:
            key = _norm(name)
            if key in by_name:
                out[name] = by_name[key]
                continue
            # A letterhead made in Word only stores the styles it uses: bring ours in.
            if base_styles is None:
                try:
                    changed = base.stat().st_mtime_ns
                except OSError:  # a looping link: reading it says so
                    changed = 0
                base_styles = _base_styles(base, changed)
            template = base_styles.get(key)
            if template is None:
                continue
            new = copy.deepcopy(template)
            for tag in ("w:link", "w:rsid"):
                for el in new.findall(qn(tag)):
                    new.remove(el)
            sid = new.get(qn("w:styleId"))
            while sid in ids:
                sid += "X"
            new.set(qn("w:styleId"), sid)
            based = new.find(qn("w:basedOn"))
            if based is not None and based.get(qn("w:val")) not in ids:
                new.remove(based)
            styles_el.append(new)
            ids.add(sid)
            out[name] = sid
        return out

    def _add_numbering(self) -> tuple[str, str]:
        """Our own list definitions, so numbering works whatever the base document holds."""
        numbering = self.doc.part.numbering_part.element
        abstract_ids = [int(a.get(qn("w:abstractNumId"))) for a in numbering.findall(qn("w:abstractNum"))]
        next_abstract = max(abstract_ids, default=0) + 1
        nums = []
        for offset, (fmt, text, hanging) in enumerate((("decimal", "%1.", 425), ("bullet", "\u2022", 283))):
            aid = next_abstract + offset
            abstract = parse_xml(
                f'<w:abstractNum {nsdecls("w")} w:abstractNumId="{aid}">'
                '<w:multiLevelType w:val="singleLevel"/>'
                f'<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/>'
                f'<w:lvlText w:val="{text}"/><w:lvlJc w:val="left"/>'
                f'<w:pPr><w:ind w:left="425" w:hanging="{hanging}"/></w:pPr>'
                + (f'<w:rPr><w:color w:val="{ACCENT}"/></w:rPr>' if fmt == "bullet" else "")
                + "</w:lvl></w:abstractNum>"
            )
            first_num = numbering.find(qn("w:num"))
            if first_num is not None:
                first_num.addprevious(abstract)
            else:
                numbering.append(abstract)
            nums.append(str(numbering.add_num(aid).numId))
        return nums[0], nums[1]

    def _text_width(self) -> int:
        """Width between the margins, in twips."""
        sec = self.doc.sections[-1]
        try:
            width = sec.page_width - sec.left_margin - sec.right_margin  # type: ignore[operator]
            return max(int(Emu(width).twips), 4000)
        except TypeError:  # a letterhead without page size (python-docx gives None)
            return TEXT_WIDTH_TWIPS

    def _header_footer(self) -> None:
        sec = self.doc.sections[-1]
        header = sec.header
        if not (self.letterhead and _has_content(header)):
            header.is_linked_to_previous = False
            p = header.paragraphs[0] if header.paragraphs else header.add_paragraph()
            self.style(p, "Header")
            _clear(p)
            if self.options.draft_notes:
                mark = p.add_run("DRAFT \u00b7 ")
                mark.bold = True
                _color(mark, DRAFT_RED)
            school = p.add_run(self.role.spec.school or "")
            school.bold = True
            _color(school, ACCENT)
            p.add_run("\t" + ("DRAFT " if self.options.draft_notes else "") + self.doc_name)
            _tab(p, "right", self.text_width)
            _border(p, "bottom", ACCENT, 4, space=4)
        footer = sec.footer
        if self.letterhead and _has_content(footer):
            if _has_page_field(footer._element):
                return
            p = footer.add_paragraph()
            self.style(p, "Footer")
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER
            self._page_x_of_y(p)
            return
        footer.is_linked_to_previous = False
        for old in list(footer.paragraphs)[1:]:
            old._element.getparent().remove(old._element)
        # Three fixed cells (title and version | page | date): a long title wraps in its own
        # cell and never runs into "Page 1 of 3".
        widths = [self.text_width * 9 // 20, self.text_width * 5 // 20]
        widths.append(self.text_width - sum(widths))
        tbl = footer.add_table(rows=1, cols=3, width=Emu(self.text_width * 635))
        tbl._tbl.tblPr.append(parse_xml(f'<w:tblLayout {nsdecls("w")} w:type="fixed"/>'))
        texts = [
            " \u00b7 ".join(x for x in (self.role.title, self.doc_name,
                                        f"version {self.role.spec.version}" if self.role.spec.version else "") if x),
            "",
            # The date the document was prepared, so printed copies can be told apart.
            long_date(self.role.spec.prepared or self.options.today),
        ]
        aligns = [WD_ALIGN_PARAGRAPH.LEFT, WD_ALIGN_PARAGRAPH.CENTER, WD_ALIGN_PARAGRAPH.RIGHT]
        for cell, width, text, align in zip(tbl.rows[0].cells, widths, texts, aligns):
            cell.width = Emu(width * 635)
            cp = cell.paragraphs[0]
            self.style(cp, "Footer")
            cp.alignment = align
            if text:
                cp.add_run(text)
            else:
                self._page_x_of_y(cp)
        for gc, width in zip(tbl._tbl.tblGrid.findall(qn("w:gridCol")), widths):
            gc.set(qn("w:w"), str(width))
        # A footer ends with a paragraph: the empty one it had moves below the table.
        first = footer.paragraphs[0]
        _clear(first)
        tbl._tbl.addnext(first._element)
        first.paragraph_format.space_before = first.paragraph_format.space_after = 0

    def _draft_notice(self, notes: tuple[str, ...]) -> None:
        """At the top of a draft: not for publication, and what lint found."""
        p = self.para("")
        run = p.add_run("DRAFT: not for publication. ")
        run.bold = True
        _color(run, DRAFT_RED)
        p.add_run("Fix these before the documents are published (`ictroles lint` suggests how):")
        for note in notes:
            self.bullet(note)

    def _page_x_of_y(self, p: Paragraph) -> None:
        p.add_run("Page ")
        _field(p, "PAGE")
        p.add_run(" of ")
        _field(p, "NUMPAGES")

    # -- content -----------------------------------------------------------------------

    def style(self, p: Paragraph, name: str) -> Paragraph:
        """Give a paragraph a style by its cached id (missing styles are left as Normal)."""
        sid = self.style_ids.get(name)
        if sid:
            p._p.get_or_add_pPr().style = sid
        return p

    def fill(self, text: str, source_name: str, **extra: str) -> str:
        """A wording text with its placeholders filled."""
        return fill(text, {**self.values, **extra}, self.wording.path(source_name))

    def para(self, text: str = "", style: str = "Normal", *, bold: bool = False) -> Paragraph:
        """A new paragraph at the end of the body."""
        p = self._p(self.style_ids.get(style) if style != "Normal" else None)
        if text:
            _run(p, text, bold)
        return Paragraph(p, self.doc._body)

    def _p(self, style_id: str | None, num_id: str | None = None, parent: etree._Element | None = None) -> etree._Element:
        """A raw w:p (with style and list numbering) appended before the body's sectPr."""
        p = self._sect_pr.makeelement(W_P, nsmap=None)
        if style_id or num_id:
            ppr = etree.SubElement(p, W_PPR)
            if style_id:
                etree.SubElement(ppr, W_PSTYLE).set(W_VAL, style_id)
            if num_id:
                num_pr = etree.SubElement(ppr, W_NUMPR)
                etree.SubElement(num_pr, W_ILVL).set(W_VAL, "0")
                etree.SubElement(num_pr, W_NUMID).set(W_VAL, num_id)
        if parent is not None:
            parent.append(p)
        else:
            self._sect_pr.addprevious(p)
        return p

    def page_break(self) -> None:
        """Start the next paragraph on a new page."""
        p = self._p(None)
        run = etree.SubElement(p, qn("w:r"))
        etree.SubElement(run, qn("w:br")).set(qn("w:type"), "page")

    def heading(self, text: str, level: int) -> Paragraph:
        """Heading 1-3."""
        return self.para(text, f"Heading {level}")

    def numbered(self, text: str) -> Paragraph:
        """A duty: one numbered list that runs on through the whole document."""
        p = self._p(self.style_ids.get("List Number"), self._num_decimal)
        if text:
            _run(p, text)
        return Paragraph(p, self.doc._body)

    def bullet(self, text: str) -> Paragraph:
        """A bulleted item."""
        p = self._p(self.style_ids.get("List Bullet"), self._num_bullet)
        _run(p, text)
        return Paragraph(p, self.doc._body)

    def table(self, cols: list[int], style: str = "Role Table") -> Table:
        """An empty table with fixed column widths (twips)."""
        tbl = self.doc.add_table(rows=0, cols=len(cols))
        sid = self.style_ids.get(style)
        tbl_pr = tbl._tbl.tblPr
        if sid:
            tbl_pr.style = sid
        tbl_pr.append(parse_xml(f'<w:tblW {nsdecls("w")} w:w="{sum(cols)}" w:type="dxa"/>'))
        tbl_pr.append(parse_xml(f'<w:tblLayout {nsdecls("w")} w:type="fixed"/>'))
        if not sid:  # a letterhead without our table style still gets visible rules
            tbl_pr.append(_borders_xml("B7C4D3", 4))
        for gc, width in zip(tbl._tbl.tblGrid.findall(qn("w:gridCol")), cols):
            gc.set(qn("w:w"), str(width))
        tbl._ictroles_widths = cols
        return tbl

    def row(self, tbl: Table, texts: list[str], *, shade: str | None = None, bold: bool | tuple[int, ...] = False,
            header: bool = False, keep_next: bool = False, center: tuple[int, ...] = (),
            span: bool = False, color: str | None = None) -> list[_Cell]:
        """Append a row that never splits across pages; returns its cells.

        ``span`` makes one cell across all columns holding ``texts[0]``.
        """
        tr = etree.SubElement(tbl._tbl, W_TR)
        tr_pr = etree.SubElement(tr, W_TRPR)
        etree.SubElement(tr_pr, W_CANTSPLIT)
        if header:
            etree.SubElement(tr_pr, W_TBLHEADER)
        widths = tbl._ictroles_widths  # type: ignore[attr-defined]
        table_text = self.style_ids.get("Table Text")
        cells = []
        columns = [(texts[0], sum(widths), len(widths))] if span else [(t, w, 1) for t, w in zip(texts, widths)]
        for i, (text, width, n) in enumerate(columns):
            tc = etree.SubElement(tr, W_TC)
            tc_pr = etree.SubElement(tc, W_TCPR)
            tcw = etree.SubElement(tc_pr, W_TCW)
            tcw.set(W_W, str(width))
            tcw.set(W_TYPE, "dxa")
            if n > 1:
                etree.SubElement(tc_pr, W_GRIDSPAN).set(W_VAL, str(n))
            if shade:
                shd = etree.SubElement(tc_pr, W_SHD)
                shd.set(W_VAL, "clear")
                shd.set(qn("w:color"), "auto")
                shd.set(qn("w:fill"), shade)
            p = self._p(table_text, parent=tc)
            ppr = p.find(W_PPR)
            if keep_next:
                ppr.insert(1, ppr.makeelement(qn("w:keepNext"), nsmap=None))
            if i in center:
                etree.SubElement(ppr, qn("w:jc")).set(W_VAL, "center")
            if text:
                _run(p, text, bold if isinstance(bold, bool) else i in bold, color=color)
            cells.append(_Cell(tc, tbl))
        return cells

    def key_values(self, rows: list[tuple[str, str]], label_width: int = 2700) -> Table | None:
        """The title block: label | value rows, empty values left out."""
        rows = [(k, v) for k, v in rows if v]
        if not rows:
            return None
        tbl = self.table([label_width, self.text_width - label_width])
        for label, value in rows:
            cells = self.row(tbl, [label, value], bold=(0,))
            shade_cell(cells[0], LIGHT)
        return tbl

    def save(self, out_path: Path) -> None:
        """Write the document atomically, and only once it is known to open again."""
        buffer = io.BytesIO()  # zipped in memory, as workbooks are (excel/cells.py save_workbook)
        self.doc.save(buffer)
        try:
            reopen(buffer.getvalue())
        except Exception as exc:  # whatever python-docx cannot read, Word will not open either
            raise OutputError(f"{out_path}: the document written would not open ({exc}); "
                              "it was not saved (check the letterhead or Word template)") from None
        with atomic_write(Path(out_path)) as tmp:
            tmp.write_bytes(buffer.getvalue())


def reopen(data: bytes) -> None:
    """Open a written document again; raises whatever python-docx cannot read."""
    docx.Document(io.BytesIO(data))


# -- inputs ----------------------------------------------------------------------------


_SCHOOL_WORDS = re.compile(r"\b(school|academy|college|primary|federation|trust)\b", re.I)


def letterhead_names_another_school(path: Path, school: str | None) -> str | None:
    """The letterhead's own school line when it names a school other than ``school``, else None.

    Read from the letterhead's headers and footers, where a school's name and address sit.
    """
    if not school:
        return None
    lines = _letterhead_lines(path.resolve(), path.stat().st_mtime_ns)
    wanted = _letters(school)
    if not lines or any(wanted in _letters(line) for line in lines):
        return None
    return next((line for line in lines if _SCHOOL_WORDS.search(line)), None)


@lru_cache(maxsize=8)
def _letterhead_lines(path: Path, mtime_ns: int) -> tuple[str, ...]:
    """The text lines of a letterhead's headers and footers (read once per batch, not per role)."""
    document = open_docx(path, None, what="letterhead")
    lines: list[str] = []
    for section in document.sections:
        for part in (section.header, section.footer, section.first_page_header):
            lines += [p.text.strip() for p in part.paragraphs if p.text.strip()]
            lines += [c.text.strip() for t in part.tables for row in t.rows for c in row.cells if c.text.strip()]
    return tuple(lines)


def letterhead_note(path: Path) -> str | None:
    """A warning when nothing but styles would be taken from a letterhead: its header and footer are empty.

    A home-made letterhead often has the school's name and address typed at the top of the
    page, in the body, which ictroles leaves out; the note says what is used and how to fix it.
    """
    try:
        changed = path.stat().st_mtime_ns
    except OSError:
        changed = 0  # opening it says why
    return _letterhead_note(path.resolve() if path.exists() else path, changed)


@lru_cache(maxsize=8)
def _letterhead_note(path: Path, _mtime_ns: int) -> str | None:
    document = open_docx(path, None, what="letterhead")
    parts = [part for section in document.sections
             for part in (section.header, section.footer, section.first_page_header, section.first_page_footer,
                          section.even_page_header, section.even_page_footer)]
    if any(_has_content(part) for part in parts):
        return None
    body = [p.text.strip() for p in document.paragraphs if p.text.strip()]
    found = ""
    if body:
        shown = ", ".join(body[:2])
        found = f" Its body holds \u201c{shown[:60]}{'...' if len(shown) > 60 else ''}\u201d, which ictroles leaves out."
    return (f"{path}: warning: nothing but its styles was taken from this letterhead: its header and footer "
            f"are empty.{found} ictroles takes a letterhead's header and footer (with the logo and the school's "
            "name and address in them), its page size and margins and its styles, never its body. To fix it, "
            "open the letterhead in Word, double-click the top of the page to edit the header, move the "
            "school's name, address and logo into it, and save it again")


def _letters(text: str) -> str:
    return "".join(ch for ch in text.casefold() if ch.isalnum())


def open_docx(path: Path, role: ResolvedRole | None, what: str | None = None) -> Document:
    """Open a letterhead or base document, turning every way it can be wrong into a clear error.

    A .docx or .dotx is read as it is (a template differs only in its content type); a .doc
    is converted to .docx by LibreOffice first. Whatever is loaded passes the same zip and
    DOCTYPE checks (:func:`check_package`).
    """
    where, field = (role.source, "letterhead") if role is not None and role.source and \
        role.spec.letterhead and Path(role.spec.letterhead) == path else (path, "")

    def bad(message: str) -> InvalidInputError:
        return InvalidInputError([Problem(where, None, field, message)])

    what = what or ("letterhead" if role is not None else "Word template")
    suffix = path.suffix.lower()
    if suffix in (".dotm", ".dot", ".docm"):
        raise bad(f"{what} '{path}' is a macro-enabled or Word 97-2003 template ({suffix}); open it in Word "
                  "and save it as a Word document (.docx)")
    if suffix not in (".docx", ".dotx", ".doc"):
        raise bad(f"{what} '{path}' is not a Word document: give a .docx, .dotx or .doc file")
    try:
        data = _converted_doc(path, what) if suffix == ".doc" else read_package(path, what)
        data = _as_document(data)
    except InvalidInputError as exc:
        raise bad(exc.problems[0].message) from None
    try:
        document = docx.Document(io.BytesIO(data))
        if document.element.body is None:
            raise bad(f"{what} '{path}' has no body; open it in Word and save it again")
        return document
    except ValueError as exc:
        raise bad(f"{what} '{path}' is not a Word document ({exc})") from None
    except (zipfile.BadZipFile, PackageNotFoundError, KeyError):
        raise bad(f"{what} '{path}' is not a valid .docx file (it may be damaged, or another kind "
                  "of file renamed to .docx)") from None
    except etree.XMLSyntaxError:
        raise bad(f"{what} '{path}' is damaged: its XML cannot be read") from None
    except OSError as exc:
        raise bad(f"{what} '{path}' cannot be read ({exc.strerror or exc})") from None


_TEMPLATE_TYPE = b"application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml"
_DOCUMENT_TYPE = b"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"


def _as_document(data: bytes) -> bytes:
    """A Word template's package (.dotx) as a document's: only the main part's content type differs."""
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        try:
            types = zf.read("[Content_Types].xml")
        except KeyError:
            return data  # python-docx says what is missing
        if _TEMPLATE_TYPE not in types:
            return data
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as new:
            for info in zf.infolist():
                part = zf.read(info)
                new.writestr(info, types.replace(_TEMPLATE_TYPE, _DOCUMENT_TYPE) if info.filename == "[Content_Types].xml"
                             else part)
    return out.getvalue()


def _converted_doc(path: Path, what: str) -> bytes:
    """A .doc file converted to .docx by LibreOffice, checked like any .docx (once per file and process)."""
    try:
        changed = path.stat().st_mtime_ns
    except OSError:
        changed = 0  # reading it says why
    return _convert_doc(path.resolve() if path.exists() else path, changed, what)


@lru_cache(maxsize=8)
def _convert_doc(path: Path, _mtime_ns: int, what: str) -> bytes:
    from ictroles.renderers.pdf import INSTALL_OFFICE, convert_to_docx, find_soffice

    data = read_capped(path, MAX_PACKAGE_BYTES, what)
    if find_soffice() is None:
        raise ToolMissingError(
            f"{what} '{path}' is a Word 97-2003 document (.doc): LibreOffice is needed to convert it, but "
            f"`soffice` was not found. {INSTALL_OFFICE}, or open the {what} in Word and save it as a Word "
            "document (.docx)")
    try:
        converted = convert_to_docx(data, path.name)
    except ConversionError as exc:
        raise InvalidInputError([Problem(path, None, "", f"{what} '{path}' could not be converted from .doc "
                                         f"({exc}); open it in Word and save it as a Word document (.docx)")]) from None
    return check_package(converted, path, what)


# A letterhead is a few pages and a logo: these limits are far above any real one, and far
# below what would exhaust memory (a few hundred KB can unpack to gigabytes).
MAX_PACKAGE_BYTES = 50_000_000  # the .docx file, and all its parts unpacked
MAX_PART_BYTES = 20_000_000  # one part (an image) unpacked
MAX_PARTS = 2000


def read_package(path: Path, what: str) -> bytes:
    """A .docx file's bytes, once its zip directory shows it is safe for python-docx to load.

    Sizes and the number of parts are checked from the directory (zipfile never unpacks more
    than a part declares), and no XML part may carry a DOCTYPE: entity references would be
    copied into every document written from it, which then opens in nothing.
    """
    def bad(message: str) -> InvalidInputError:
        return InvalidInputError([Problem(path, None, "", f"{what} '{path}' {message}")])

    if not (path.exists() or path.is_symlink()):
        raise bad("does not exist")
    try:
        data = read_capped(path, MAX_PACKAGE_BYTES, what)
    except InvalidInputError as exc:
        raise InvalidInputError([Problem(path, None, "", f"{what} '{path}': {exc.problems[0].message}")]) from None
    return check_package(data, path, what)


def check_package(data: bytes, path: Path, what: str) -> bytes:
    """``data``, once its zip directory shows it is safe for python-docx to load (see read_package)."""
    def bad(message: str) -> InvalidInputError:
        return InvalidInputError([Problem(path, None, "", f"{what} '{path}' {message}")])

    if len(data) > MAX_PACKAGE_BYTES:
        raise bad(f"is larger than {MAX_PACKAGE_BYTES // 1_000_000} MB")
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            parts = zf.infolist()
            if len(parts) > MAX_PARTS:
                raise bad(f"has {len(parts)} parts; a Word document may have at most {MAX_PARTS}")
            biggest = max(parts, key=lambda p: p.file_size, default=None)
            if biggest is not None and biggest.file_size > MAX_PART_BYTES:
                raise bad(f"holds a part ({biggest.filename}) of {biggest.file_size / 1e6:.0f} MB "
                          f"unpacked; at most {MAX_PART_BYTES // 1_000_000} MB are allowed (use a smaller logo)")
            total = sum(p.file_size for p in parts)
            if total > MAX_PACKAGE_BYTES:
                raise bad(f"unpacks to {total / 1e6:.0f} MB; at most {MAX_PACKAGE_BYTES // 1_000_000} MB "
                          "are allowed (use smaller images)")
            for part in parts:
                if part.filename.endswith((".xml", ".rels")) and b"<!doctype" in zf.read(part).lower():
                    raise bad(f"carries a DOCTYPE (in {part.filename}), which Word documents never do; "
                              "open it in Word and save it as a new .docx")
    except (zipfile.BadZipFile, zipfile.LargeZipFile, NotImplementedError, EOFError):
        raise bad("is not a valid .docx file (it may be damaged, or another kind of file renamed "
                  "to .docx)") from None
    return data


# -- small XML helpers -------------------------------------------------------------------


W_P, W_PPR, W_PSTYLE, W_NUMPR, W_ILVL, W_NUMID = (qn(t) for t in ("w:p", "w:pPr", "w:pStyle", "w:numPr", "w:ilvl", "w:numId"))
W_R, W_RPR, W_T, W_B, W_TAB, W_BR, W_VAL = (qn(t) for t in ("w:r", "w:rPr", "w:t", "w:b", "w:tab", "w:br", "w:val"))
W_TR, W_TRPR, W_CANTSPLIT, W_TBLHEADER, W_TC, W_TCPR, W_TCW, W_GRIDSPAN, W_SHD, W_W, W_TYPE = (
    qn(t) for t in ("w:tr", "w:trPr", "w:cantSplit", "w:tblHeader", "w:tc", "w:tcPr", "w:tcW", "w:gridSpan",
                    "w:shd", "w:w", "w:type"))
_XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"


def _run(p: etree._Element, text: str, bold: bool = False, *, superscript: bool = False,
         color: str | None = None) -> etree._Element:
    """Append a run; tabs and line breaks in ``text`` become Word tabs and breaks."""
    r = etree.SubElement(p, W_R)
    if bold or superscript or color:
        rpr = etree.SubElement(r, W_RPR)
        if bold:
            etree.SubElement(rpr, W_B)
        if color:
            etree.SubElement(rpr, qn("w:color")).set(W_VAL, color)
        if superscript:
            etree.SubElement(rpr, qn("w:vertAlign")).set(W_VAL, "superscript")
    for i, line in enumerate(text.split("\n")):
        if i:
            etree.SubElement(r, W_BR)
        for j, chunk in enumerate(line.split("\t")):
            if j:
                etree.SubElement(r, W_TAB)
            if chunk:
                t = etree.SubElement(r, W_T)
                t.text = chunk
                if chunk[0] == " " or chunk[-1] == " ":
                    t.set(_XML_SPACE, "preserve")
    return r


_PAGE_FIELD = re.compile(r"\s*PAGE\b")  # the field code, e.g. "PAGE \* MERGEFORMAT"; not NUMPAGES


def _has_page_field(el: etree._Element) -> bool:
    """True when ``el`` holds a PAGE field (simple or complex), not merely the word."""
    codes = [f.get(qn("w:instr")) or "" for f in el.iter(qn("w:fldSimple"))]
    codes += [t.text or "" for t in el.iter(qn("w:instrText"))]
    return any(_PAGE_FIELD.match(code) for code in codes)


def _has_content(part: object) -> bool:
    el = part._element  # type: ignore[attr-defined]
    text = "".join(t.text or "" for t in el.iter(qn("w:t"))).strip()
    return bool(text) or el.find(".//" + qn("w:drawing")) is not None or el.find(".//" + qn("w:pict")) is not None


def _clear(p: Paragraph) -> None:
    for r in list(p._p):
        if r.tag != qn("w:pPr"):
            p._p.remove(r)


def _tab(p: Paragraph, kind: str, pos: int) -> None:
    ppr = p._p.get_or_add_pPr()
    tabs = ppr.find(qn("w:tabs"))
    if tabs is None:
        tabs = OxmlElement("w:tabs")
        ppr.insert_element_before(tabs, *_AFTER_TABS)
    tabs.append(parse_xml(f'<w:tab {nsdecls("w")} w:val="{kind}" w:pos="{pos}"/>'))


# pPr children that come after w:tabs / w:pBdr in the schema's order
_AFTER_TABS = ("w:suppressAutoHyphens", "w:kinsoku", "w:wordWrap", "w:overflowPunct", "w:topLinePunct",
               "w:autoSpaceDE", "w:autoSpaceDN", "w:bidi", "w:adjustRightInd", "w:snapToGrid",
               "w:spacing", "w:ind", "w:contextualSpacing", "w:mirrorIndents", "w:suppressOverlap",
               "w:jc", "w:textDirection", "w:textAlignment", "w:textboxTightWrap", "w:outlineLvl",
               "w:divId", "w:cnfStyle", "w:rPr", "w:sectPr", "w:pPrChange")
_AFTER_BDR = ("w:shd", "w:tabs", *_AFTER_TABS)


def _border(p: Paragraph, side: str, color: str, size: int, space: int = 1) -> None:
    ppr = p._p.get_or_add_pPr()
    bdr = parse_xml(f'<w:pBdr {nsdecls("w")}><w:{side} w:val="single" w:sz="{size}" '
                    f'w:space="{space}" w:color="{color}"/></w:pBdr>')
    ppr.insert_element_before(bdr, *_AFTER_BDR)


def _borders_xml(color: str, size: int, sides: tuple[str, ...] = ("top", "left", "bottom", "right",
                                                                  "insideH", "insideV")) -> etree._Element:
    inner = "".join(f'<w:{s} w:val="single" w:sz="{size}" w:space="0" w:color="{color}"/>' for s in sides)
    return parse_xml(f'<w:tblBorders {nsdecls("w")}>{inner}</w:tblBorders>')


def set_table_borders(tbl: Table, xml: etree._Element) -> None:
    """Replace a table's own borders (overriding its style)."""
    tbl_pr = tbl._tbl.tblPr
    old = tbl_pr.find(qn("w:tblBorders"))
    if old is not None:
        tbl_pr.remove(old)
    # tblBorders sits after tblW/jc/tblCellSpacing/tblInd in the schema order
    layout = tbl_pr.find(qn("w:tblLayout"))
    if layout is not None:
        layout.addprevious(xml)
    else:
        tbl_pr.append(xml)




def _field(p: Paragraph, instr: str) -> None:
    """A Word field (PAGE, NUMPAGES) that Word and LibreOffice update when laying out."""
    for xml in (
        '<w:r {ns}><w:fldChar w:fldCharType="begin"/></w:r>',
        f'<w:r {{ns}}><w:instrText xml:space="preserve"> {instr} </w:instrText></w:r>',
        '<w:r {ns}><w:fldChar w:fldCharType="separate"/></w:r>',
        '<w:r {ns}><w:t>1</w:t></w:r>',
        '<w:r {ns}><w:fldChar w:fldCharType="end"/></w:r>',
    ):
        p._p.append(parse_xml(xml.replace("{ns}", nsdecls("w"))))


def _color(run: object, hex_color: str) -> None:
    from docx.shared import RGBColor

    run.font.color.rgb = RGBColor.from_string(hex_color)  # type: ignore[attr-defined]


def shade_cell(cell: _Cell, fill_hex: str) -> None:
    """Fill a table cell with a colour."""
    tc_pr = cell._tc.get_or_add_tcPr()
    old = tc_pr.find(qn("w:shd"))
    if old is not None:
        tc_pr.remove(old)
    shd = parse_xml(f'<w:shd {nsdecls("w")} w:val="clear" w:color="auto" w:fill="{fill_hex}"/>')
    # shd comes after tcW/gridSpan/vMerge/tcBorders in the schema order
    before = [tc_pr.find(qn(t)) for t in ("w:noWrap", "w:tcMar", "w:textDirection", "w:tcFitText",
                                          "w:vAlign", "w:hideMark")]
    before = [b for b in before if b is not None]
    if before:
        before[0].addprevious(shd)
    else:
        tc_pr.append(shd)






def grey_run(p: Paragraph, text: str) -> None:
    """A run in the secondary (grey, not bold) colour."""
    run = p.add_run(text)
    run.bold = False
    _color(run, GREY)




