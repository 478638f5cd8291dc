"""A document (output/document.py) as a Word file laid out by GB/T 9704-2012 (党政机关公文格式): A4; margins 37 mm top,
35 bottom, 28 left, 26 right (a text block of 156 × 225 mm); a grid of 22 lines of 28 characters; the masthead in
red with its rule; the title in 2号 小标宋; body text in 3号 仿宋 at a fixed 28.95 pt, indented two characters;
headings in 黑体 then 楷体; page numbers 「— 1 —」 in 4号 宋体 at the outer corner (right on odd pages, left on even);
attachments each on a new page; the 抄送 and 印发 lines between rules at the end. Every run names its East-Asian
font (python-docx's font.name sets only the Latin ones), and the fonts table tells Word which common font to use
where the named one is missing (仿宋_GB2312 → 仿宋). Charts are PNG pictures.

python-docx is imported here only, when a Word file is written."""

from __future__ import annotations

import io
import zipfile
from xml.sax.saxutils import quoteattr

from kongchuo_cli.i18n import inert
from kongchuo_cli.output.chart import Drawing
from kongchuo_cli.output.document import Document, Figure, Heading, Paragraph, Table
from kongchuo_cli.policy.meta import FALLBACKS, Fonts
from kongchuo_cli.problems import fail

# Sizes in points: 2号 22, 3号 16, 4号 14, 小四 12, 五号 10.5
TITLE, BODY, SMALL, TABLE, LIST = 22, 16, 14, 12, 10.5
MARK = 36  # the masthead's 发文机关标志: large, in red
LINE_PITCH = 28.95  # 225 mm / 22 lines
CHARACTER_SPACING = -5  # twentieths of a point: 28 × (16 − 0.25) pt = 441 pt ≤ 156 mm (442.2 pt)
RED = "FF0000"
MARGINS_MM = {"top_margin": 37, "bottom_margin": 35, "left_margin": 28, "right_margin": 26}
FOOTER_MM = 23  # the page number's line 7 mm below the text block (35 mm − 7 mm − its own 5 mm)
PICTURE_MM = 150
WIDE = 7  # a table of more columns gets a page turned sideways
# Word reads a paragraph's and a run's properties in the schema's order only: what must follow each one we add
_PARAGRAPH_ORDER = ("pBdr", "shd", "tabs", "suppressAutoHyphens", "kinsoku", "wordWrap", "overflowPunct",
                    "topLinePunct", "autoSpaceDE", "autoSpaceDN", "bidi", "adjustRightInd", "snapToGrid", "spacing",
                    "ind", "contextualSpacing", "mirrorIndents", "suppressOverlap", "jc", "textDirection",
                    "textAlignment", "textboxTightWrap", "outlineLvl", "divId", "cnfStyle", "rPr", "sectPr",
                    "pPrChange")
PARAGRAPH_AFTER = {name: tuple(f"w:{later}" for later in _PARAGRAPH_ORDER[_PARAGRAPH_ORDER.index(name) + 1:])
                   for name in ("pBdr", "snapToGrid", "outlineLvl")}
RUN_AFTER_SPACING = tuple(f"w:{name}" for name in ("w", "kern", "position", "sz", "szCs", "highlight", "u", "effect",
                                                   "bdr", "shd", "fitText", "vertAlign", "rtl", "cs", "em", "lang",
                                                   "eastAsianLayout", "specVanish", "oMath"))


def to_docx(document: Document, drawing: Drawing) -> bytes:
    try:
        import docx  # noqa: F401
    except ImportError:
        raise fail("docx_missing") from None
    word = _Writer(document, drawing)
    return word.save()


class _Writer:
    def __init__(self, document: Document, drawing: Drawing) -> None:
        from docx import Document as new_document
        from docx.shared import Mm

        self.source, self.drawing, self.fonts = document, drawing, document.fonts
        self.word = new_document()
        section = self.word.sections[0]
        section.page_width, section.page_height = Mm(210), Mm(297)
        for name, size in MARGINS_MM.items():
            setattr(section, name, Mm(size))
        section.footer_distance, section.header_distance = Mm(FOOTER_MM), Mm(15)
        self.width_mm = 156  # the text block's width
        self._defaults()
        self._grid(section)
        self._page_numbers(section)

    # ---- the document's settings ----

    def _defaults(self) -> None:
        """Normal text: the body font at 3号, a fixed line pitch, nothing before or after a paragraph."""
        from docx.enum.text import WD_LINE_SPACING
        from docx.oxml import OxmlElement
        from docx.oxml.ns import qn
        from docx.shared import Pt

        normal = self.word.styles["Normal"]
        normal.font.size = Pt(BODY)
        _name(normal.font, normal.element.get_or_add_rPr(), self.fonts.body)
        layout = normal.paragraph_format
        layout.space_before, layout.space_after = Pt(0), Pt(0)
        layout.line_spacing_rule, layout.line_spacing = WD_LINE_SPACING.EXACTLY, Pt(LINE_PITCH)
        spacing = OxmlElement("w:spacing")  # 28 characters of 3号 in 156 mm: 16 − 0.25 pt each
        spacing.set(qn("w:val"), str(CHARACTER_SPACING))
        normal.element.get_or_add_rPr().insert_element_before(spacing, *RUN_AFTER_SPACING)
        self.word.core_properties.title = inert(self.source.title)
        self.word.core_properties.author = inert(self.source.signature or "")
        self.word.core_properties.comments = "kongchuo"

    def _grid(self, section) -> None:
        """22 lines a page: a line grid of 28.95 pt (225 mm / 22). The 28 characters a line come from the body
        text's character spacing (see _defaults), which Word and LibreOffice alike honour: a character grid is laid
        out differently by each."""
        from docx.oxml import OxmlElement
        from docx.oxml.ns import qn

        properties = section._sectPr
        grid = properties.find(qn("w:docGrid"))
        if grid is None:
            grid = OxmlElement("w:docGrid")
            properties.append(grid)
        grid.set(qn("w:type"), "lines")
        grid.set(qn("w:linePitch"), str(round(LINE_PITCH * 20)))

    def _page_numbers(self, section) -> None:
        """「— 1 —」 one character in from the outer edge: right on odd pages, left on even ones."""
        from docx.enum.text import WD_ALIGN_PARAGRAPH
        from docx.oxml import OxmlElement
        from docx.oxml.ns import qn
        from docx.shared import Pt

        self.word.settings.odd_and_even_pages_header_footer = True
        for footer, align in ((section.footer, WD_ALIGN_PARAGRAPH.RIGHT),
                              (section.even_page_footer, WD_ALIGN_PARAGRAPH.LEFT)):
            footer.is_linked_to_previous = False
            paragraph = footer.paragraphs[0]
            paragraph.alignment = align
            layout = paragraph.paragraph_format
            if align == WD_ALIGN_PARAGRAPH.RIGHT:
                layout.right_indent = Pt(SMALL)
            else:
                layout.left_indent = Pt(SMALL)
            self._single(paragraph)
            self._run(paragraph, "— ", self.fonts.page_number, SMALL)
            field = OxmlElement("w:fldSimple")
            field.set(qn("w:instr"), " PAGE ")
            number = self._run(paragraph, "1", self.fonts.page_number, SMALL)
            number._element.addprevious(field)
            field.append(number._element)
            self._run(paragraph, " —", self.fonts.page_number, SMALL)

    # ---- writing ----

    def save(self) -> bytes:
        from docx.shared import Pt

        source = self.source
        self._masthead()
        self._title(source.title, after=bool(source.recipients))
        if source.recipients:
            self._paragraph(source.recipients, indent=False)
        for block in source.body:
            self._block(block)
        if source.attachment_lines:
            self._paragraph("").paragraph_format.keep_with_next = True
            for number, line in enumerate(source.attachment_lines):
                paragraph = self._paragraph(line, indent=number == 0)
                paragraph.paragraph_format.keep_with_next = True  # with the signature, never alone on a page
                if number:  # later items under the first one's number: 附件：1. / 　　　2.
                    paragraph.paragraph_format.left_indent = Pt(BODY * 5)
        self._signature()
        for attachment in source.attachments:
            self._new_page(landscape=any(isinstance(block, Table) and len(block.header) > WIDE
                                         for block in attachment.blocks))
            heading = self._paragraph("", indent=False)
            self._run(heading, attachment.heading, self.fonts.heading, BODY)
            self._title(attachment.title, after=True)
            for block in attachment.blocks:
                self._block(block, compact=True)
        self._record()
        buffer = io.BytesIO()
        self.word.save(buffer)
        return _with_fallbacks(buffer.getvalue(), self.fonts)

    def _masthead(self) -> None:
        from docx.enum.text import WD_ALIGN_PARAGRAPH

        source = self.source
        if not (source.mark or source.number):
            return
        if source.mark:
            mark = self._paragraph("", indent=False, align=WD_ALIGN_PARAGRAPH.CENTER, single=True)
            self._run(mark, source.mark, self.fonts.title, MARK, colour=RED)
            self._paragraph("")
        number = self._paragraph(source.number or "", indent=False, align=WD_ALIGN_PARAGRAPH.CENTER)
        _border(number, "bottom", 12, RED, space=8)  # the red rule across the text block
        self._paragraph("")

    def _title(self, text: str, after: bool) -> None:
        from docx.enum.text import WD_ALIGN_PARAGRAPH

        title = self._paragraph("", indent=False, align=WD_ALIGN_PARAGRAPH.CENTER, single=True)
        self._run(title, text, self.fonts.title, TITLE)
        if after:
            self._paragraph("")

    def _block(self, block, compact: bool = False) -> None:
        if isinstance(block, Heading):
            font = self.fonts.heading if block.level == 1 else self.fonts.subheading
            paragraph = self._paragraph("")
            self._run(paragraph, block.text, font, BODY)
            _outline(paragraph, block.level - 1)
        elif isinstance(block, Paragraph):
            self._paragraph(block.text, indent=block.indent)
        elif isinstance(block, Table):
            self._table(block, LIST if compact and len(block.header) > 6 else TABLE)
        elif isinstance(block, Figure):
            self._figure(block)

    def _paragraph(self, text: str, indent: bool = True, align=None, single: bool = False):
        from docx.shared import Pt

        paragraph = self.word.add_paragraph()
        if indent:
            _first_line(paragraph, Pt(BODY * 2))
        if align is not None:
            paragraph.alignment = align
        if single:
            self._single(paragraph)
        if text:
            self._run(paragraph, text, self.fonts.body, BODY)
        return paragraph

    def _run(self, paragraph, text: str, font: str, size: float, bold: bool = False, colour: str | None = None):
        from docx.shared import Pt, RGBColor

        run = paragraph.add_run(inert(text))
        run.font.size = Pt(size)
        if bold:
            run.font.bold = True
        if colour:
            run.font.color.rgb = RGBColor.from_string(colour)
        _name(run.font, run._element.get_or_add_rPr(), font)
        return run

    def _single(self, paragraph) -> None:
        """Single spacing, off the line grid: titles, pictures, table cells take the height they need."""
        from docx.enum.text import WD_LINE_SPACING
        from docx.oxml import OxmlElement
        from docx.oxml.ns import qn

        paragraph.paragraph_format.line_spacing_rule = WD_LINE_SPACING.SINGLE
        snap = OxmlElement("w:snapToGrid")
        snap.set(qn("w:val"), "0")
        paragraph._p.get_or_add_pPr().insert_element_before(snap, *PARAGRAPH_AFTER["snapToGrid"])

    def _table(self, block: Table, size: float) -> None:
        from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_TABLE_ALIGNMENT
        from docx.enum.text import WD_ALIGN_PARAGRAPH
        from docx.shared import Mm

        if block.caption:
            caption = self._paragraph("", indent=False, align=WD_ALIGN_PARAGRAPH.CENTER)
            self._run(caption, block.caption, self.fonts.heading, SMALL)
        table = self.word.add_table(rows=1 + len(block.rows), cols=len(block.header))
        table.style = self.word.styles["Table Grid"]
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        weights = block.widths or (1,) * len(block.header)
        widths = [Mm(self.width_mm * weight / sum(weights)) for weight in weights]
        for column, width in zip(table.columns, widths):  # the grid (LibreOffice) and each cell (Word)
            column.width = width
        _repeat_header(table.rows[0])
        for row_number, (row, cells) in enumerate(zip(table.rows, [block.header, *block.rows])):
            header = row_number == 0
            bold = not header and row_number - 1 in block.bold
            for column, (cell, text) in enumerate(zip(row.cells, cells)):
                cell.width = widths[column]
                cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
                paragraph = cell.paragraphs[0]
                self._single(paragraph)
                paragraph.alignment = (WD_ALIGN_PARAGRAPH.CENTER if header else WD_ALIGN_PARAGRAPH.RIGHT
                                       if column in block.right else WD_ALIGN_PARAGRAPH.LEFT)
                font = self.fonts.heading if header or bold else self.fonts.body
                self._run(paragraph, text, font, size)
        self._paragraph("")

    def _figure(self, figure: Figure) -> None:
        from docx.enum.text import WD_ALIGN_PARAGRAPH
        from docx.shared import Mm

        picture = self.drawing.png(figure.bars)
        holder = self._paragraph("", indent=False, align=WD_ALIGN_PARAGRAPH.CENTER, single=True)
        if picture is None:
            self._run(holder, figure.left_out, self.fonts.body, SMALL)
        else:
            holder.add_run().add_picture(io.BytesIO(picture), width=Mm(PICTURE_MM))
        caption = self._paragraph("", indent=False, align=WD_ALIGN_PARAGRAPH.CENTER)
        self._run(caption, figure.caption, self.fonts.body, SMALL)

    def _signature(self) -> None:
        """署名 and 成文日期 on the right, the date two characters in and the name starting two characters before
        it (GB/T 9704 7.3.5.2, without a seal)."""
        from docx.enum.text import WD_ALIGN_PARAGRAPH
        from docx.shared import Pt

        source = self.source
        date_width, name_width = _characters(source.date), _characters(source.signature or "")
        date_in = max(2, name_width - date_width) if source.signature else 2
        name_in = date_in + date_width + 2 - name_width
        self._paragraph("").paragraph_format.keep_with_next = True
        for text, inward in ((source.signature, name_in), (source.date, date_in)):
            if text:
                paragraph = self._paragraph(text, indent=False, align=WD_ALIGN_PARAGRAPH.RIGHT)
                paragraph.paragraph_format.right_indent = Pt(BODY * inward)
                paragraph.paragraph_format.keep_with_next = text is source.signature

    def _record(self) -> None:
        """抄送 and 印发 in 4号, one character in from each side, between a thick rule, a thin one and a thick one."""
        from docx.enum.text import WD_TAB_ALIGNMENT
        from docx.shared import Mm, Pt

        source = self.source
        lines = [(text, None) for text in [source.copies] if text]
        if source.printed:
            lines.append(source.printed)
        if not lines:
            return
        self._paragraph("")
        for number, (text, right) in enumerate(lines):
            paragraph = self._paragraph("", indent=False)
            layout = paragraph.paragraph_format
            layout.left_indent = layout.right_indent = Pt(SMALL)
            self._run(paragraph, text, self.fonts.body, SMALL)
            if right:
                layout.tab_stops.add_tab_stop(Mm(156) - Pt(2 * SMALL), WD_TAB_ALIGNMENT.RIGHT)
                paragraph.add_run().add_tab()  # the layout's own tab: text from --meta is made inert, this is not
                self._run(paragraph, right, self.fonts.body, SMALL)
            if number == 0:
                _border(paragraph, "top", 8, "000000")  # 0.35 mm
            _border(paragraph, "bottom", 8 if number == len(lines) - 1 else 6, "000000")

    def _new_page(self, landscape: bool) -> None:
        """A new section on a new page, turned for a wide table (the page numbers carry on)."""
        from docx.enum.section import WD_ORIENT, WD_SECTION
        from docx.shared import Mm

        section = self.word.add_section(WD_SECTION.NEW_PAGE)
        turned = section.orientation == WD_ORIENT.LANDSCAPE
        if turned != landscape:
            section.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
            section.page_width, section.page_height = (Mm(297), Mm(210)) if landscape else (Mm(210), Mm(297))
        self.width_mm = 297 - MARGINS_MM["left_margin"] - MARGINS_MM["right_margin"] if landscape else 156


def _name(font, properties, name: str) -> None:
    """A font by name for every script: Latin (font.name) and East Asian (w:eastAsia, which font.name leaves)."""
    from docx.oxml.ns import qn

    font.name = name
    properties.get_or_add_rFonts().set(qn("w:eastAsia"), name)


def _first_line(paragraph, width) -> None:
    """Two characters in: in characters (Word, WPS) and in points (for readers that ignore characters)."""
    from docx.oxml.ns import qn

    paragraph.paragraph_format.first_line_indent = width
    paragraph._p.get_or_add_pPr().get_or_add_ind().set(qn("w:firstLineChars"), "200")


def _outline(paragraph, level: int) -> None:
    """A heading's outline level, for Word's navigation pane."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    outline = OxmlElement("w:outlineLvl")
    outline.set(qn("w:val"), str(level))
    paragraph._p.get_or_add_pPr().insert_element_before(outline, *PARAGRAPH_AFTER["outlineLvl"])


def _border(paragraph, side: str, size: int, colour: str, space: int = 1) -> None:
    """A rule above or below a paragraph, across the text block; `size` in eighths of a point."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    properties = paragraph._p.get_or_add_pPr()
    borders = properties.find(qn("w:pBdr"))
    if borders is None:
        borders = OxmlElement("w:pBdr")
        properties.insert_element_before(borders, *PARAGRAPH_AFTER["pBdr"])
    rule = OxmlElement(f"w:{side}")
    for key, value in (("val", "single"), ("sz", str(size)), ("space", str(space)), ("color", colour)):
        rule.set(qn(f"w:{key}"), value)
    borders.append(rule)


def _repeat_header(row) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    marker = OxmlElement("w:tblHeader")
    marker.set(qn("w:val"), "true")
    row._tr.get_or_add_trPr().append(marker)


def _characters(text: str) -> int:
    """Width in body characters (a digit is half of one)."""
    return (sum(1 if character.isascii() else 2 for character in text) + 1) // 2


def _with_fallbacks(data: bytes, fonts: Fonts) -> bytes:
    """The fonts table with an entry for each font used: its GB2312 character set and the names to try where it
    is missing (w:altName), so Word substitutes a Chinese font of the same kind rather than any font."""
    source = zipfile.ZipFile(io.BytesIO(data))
    table = source.read("word/fontTable.xml").decode("utf-8")
    names = [name for name in dict.fromkeys((fonts.title, fonts.body, fonts.heading, fonts.subheading,
                                             fonts.page_number)) if f"w:name={quoteattr(name)}" not in table]
    entries = "".join(
        f"<w:font w:name={quoteattr(name)}>"
        + (f"<w:altName w:val={quoteattr(','.join(FALLBACKS[name]))}/>" if name in FALLBACKS else "")
        + '<w:charset w:val="86"/><w:family w:val="auto"/><w:pitch w:val="variable"/></w:font>' for name in names)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            content = source.read(item)
            if item.filename == "word/fontTable.xml":
                content = content.replace(b"</w:fonts>", entries.encode("utf-8") + b"</w:fonts>")
            target.writestr(item, content)
    return buffer.getvalue()
