"""A document as the views describe it (the 通报), for output/docx.py and output/html.py to lay out and for
`markdown` here to write plainly: the header fields of a 公文, then blocks (headings by level, paragraphs, tables,
bar charts), the attachments, and the 版记. Text from the input is made inert when written, in every format."""

from __future__ import annotations

from dataclasses import dataclass, field

from kongchuo_cli.i18n import inert
from kongchuo_cli.policy.meta import Fonts


@dataclass(frozen=True)
class Heading:
    text: str
    level: int = 1  # 1: 一、 (黑体); 2: （一） (楷体)


@dataclass(frozen=True)
class Paragraph:
    text: str
    indent: bool = True  # the first line indented two characters, as 公文 body text is


@dataclass(frozen=True)
class Table:
    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    right: frozenset[int] = frozenset()  # columns of numbers, aligned right
    bold: frozenset[int] = frozenset()  # rows in bold (the county's)
    widths: tuple[float, ...] | None = None  # relative column widths; None: even
    caption: str = ""  # above the table


@dataclass(frozen=True)
class Bars:
    """A bar chart of units: one bar each, in the order given, with its value written on it and the line across."""

    title: str
    labels: tuple[str, ...]
    values: tuple[float, ...]  # in the chart's own terms: percent points, or children
    shown: tuple[str, ...]  # the value written above each bar (93.3%, 11/12, 2)
    failing: tuple[bool, ...]  # bars drawn in red
    line: float | None = None
    line_label: str = ""
    axis_label: str = ""  # %, 人


@dataclass(frozen=True)
class Figure:
    bars: Bars
    caption: str  # 图1　…, below the chart
    left_out: str = ""  # said in its place when no font can draw it


Block = Heading | Paragraph | Table | Figure


@dataclass
class Attachment:
    heading: str  # 附件1
    title: str
    blocks: list[Block] = field(default_factory=list)


@dataclass
class Document:
    title: str
    body: list[Block]
    attachments: list[Attachment] = field(default_factory=list)
    attachment_lines: list[str] = field(default_factory=list)  # after the body: 附件：1. …, then 2. … under the 1
    mark: str | None = None  # 发文机关标志
    number: str | None = None  # 发文字号
    recipients: str | None = None  # 主送机关, with its colon
    signature: str | None = None  # 发文机关署名
    date: str = ""  # 成文日期 as printed: 2026年12月2日
    copies: str | None = None  # 抄送：…。
    printed: tuple[str, str] | None = None  # (印发机关, 印发日期 印发)
    fonts: Fonts = field(default_factory=Fonts)
    lang: str = "zh"


def markdown(document: Document) -> str:
    """The document as Markdown, to paste into other tools: headings, paragraphs, pipe tables; a chart by its
    caption (its values are the table above it)."""
    lines = [f"# {_text(document.title)}", ""]
    for item in (document.mark, document.number):
        if item:
            lines += [_text(item), ""]
    if document.recipients:
        lines += [_text(document.recipients), ""]
    lines += _blocks(document.body)
    if document.attachment_lines:
        lines += ["  \n".join(map(_text, document.attachment_lines)), ""]
    lines += [_text(part) for part in (document.signature, document.date) if part]
    lines.append("")
    for attachment in document.attachments:
        lines += [f"## {_text(attachment.heading)}　{_text(attachment.title)}", ""]
        lines += _blocks(attachment.blocks, level=3)
    if document.copies or document.printed:
        lines += ["---", ""]
        if document.copies:
            lines += [_text(document.copies), ""]
        if document.printed:
            lines += [_text("　".join(document.printed)), ""]
    return "\n".join(lines).rstrip("\n") + "\n"


def _blocks(blocks: list[Block], level: int = 2) -> list[str]:
    lines: list[str] = []
    for block in blocks:
        if isinstance(block, Heading):
            lines += [f"{'#' * (level + block.level - 1)} {_text(block.text)}", ""]
        elif isinstance(block, Paragraph):
            lines += [_text(block.text), ""]
        elif isinstance(block, Table):
            lines += ([f"**{_text(block.caption)}**", ""] if block.caption else []) + [_pipe_table(block), ""]
        elif isinstance(block, Figure):
            lines += [f"*{_text(block.caption)}*", ""]
    return lines


def _pipe_table(table: Table) -> str:
    def row(cells, bold: bool = False) -> str:
        texts = (_text(cell) for cell in cells)
        return "| " + " | ".join(f"**{text}**" if bold and text else text for text in texts) + " |"

    rule = ["---:" if column in table.right else "---" for column in range(len(table.header))]
    body = [row(cells, number in table.bold) for number, cells in enumerate(table.rows)]
    return "\n".join([row(table.header), "| " + " | ".join(rule) + " |", *body])


MARKDOWN_SPECIAL = str.maketrans({character: "\\" + character for character in "\\`*_|<>[]"})


def _text(text: str) -> str:
    """Text as Markdown shows it: inert, and with what Markdown would read as markup escaped (周* stays 周*)."""
    return inert(text).translate(MARKDOWN_SPECIAL)
