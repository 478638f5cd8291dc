"""A box-drawn text table that fits the width it is given, fast enough for tens of thousands of rows (rich's Table
lays out every cell as a renderable, about 60 µs a cell: 20 s for 5,000 schools). Widths are display cells: an
East Asian character takes two.

A cell is a `(text, style)` pair, the style a rich style name such as "bold red" or None. Most cells repeat
(indicator names, statuses, lines), so each distinct cell is measured, padded and styled once.

To fit, in this order: columns whose every cell is blank are left out; wrapping columns fold their text; headers
fold onto several lines; and when even that is too wide, the columns are dealt out into panels drawn one below the
other, each repeating the key columns (the unit) so that a row can be read across them.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from kongchuo_cli.i18n import inert

Cell = tuple[str, "str | None"]
MIN_WRAP_WIDTH = 12
DEFAULT_WIDTH = 80  # a pipe, a file: what an 80-column terminal shows
MIN_HEADER_WIDTH = 4  # a header folds down to two Chinese characters a line, no narrower
# Where a line must not begin (Chinese typesetting's 避头: closing punctuation stays with the text before it)
NO_LINE_START = frozenset("，。、；：？！）」』】》〉%,.;:?!)")
NO_LINE_END = frozenset("（「『【《〈(")  # and opening punctuation stays with the text after it


@dataclass(frozen=True)
class Column:
    header: object  # anything the caller turns into header text; "\n" starts a new header line
    right: bool = False  # right-justified (numbers)
    wraps: bool = False  # may be folded onto several lines to fit the width
    key: bool = False  # names the row (the unit): repeated in every panel when the table is split to fit
    min_width: int = MIN_WRAP_WIDTH  # a wrapping column folds no narrower


@lru_cache(maxsize=65536)
def _width(text: str) -> int:
    return sum(0 if unicodedata.combining(character) else 2 if unicodedata.east_asian_width(character) in "WF"
               else 1 for character in text)


def width_of(text: str) -> int:
    """Display cells: 2 for a wide (East Asian) character, 0 for a combining mark, else 1. Pure Python, so that
    --help can measure without loading rich."""
    return len(text) if text.isascii() else _width(text)


def _pieces(word: str) -> list[str]:
    """A word's unbreakable pieces: each wide character alone (Chinese breaks between any two), runs of the
    others kept together (96%, 2025, consolidation_9y)."""
    pieces: list[str] = []
    for character in word:
        if pieces and width_of(character) < 2 and width_of(pieces[-1][-1]) < 2:
            pieces[-1] += character
        else:
            pieces.append(character)
    return pieces


def fold(text: str, width: int) -> list[str]:
    """Greedy wrap by display width: at spaces, or between characters where there are none (Chinese), never
    starting a line with closing punctuation; explicit line breaks are kept. A piece wider than the width is cut."""
    if "\n" in text:
        return [line for part in text.split("\n") for line in fold(part, width)]
    lines, line = [], ""
    for word in text.split(" "):
        pieces = _pieces(word) if word else [""]
        if line and len(pieces) == 1 and width_of(line + " " + word) > width:  # an English word: to the next line
            lines.append(line)
            line = ""
        elif line:
            line += " "
        for piece in pieces:
            while width_of(piece) > width:  # longer than a line: cut it
                room = max(0, width - width_of(line))
                cut = max(1, next((size for size in range(len(piece), 0, -1) if width_of(piece[:size]) <= room), 0))
                if not line.strip() or width_of(piece[:cut]) <= room:
                    lines.append(line + piece[:cut])
                    piece = piece[cut:]
                else:
                    lines.append(line.rstrip())
                line = ""
            if width_of(line + piece) > width and line.strip():
                kept = line.rstrip()
                last = _pieces(kept.rsplit(" ", 1)[-1])[-1]  # the piece before the break
                if ((piece[0] in NO_LINE_START or last[-1] in NO_LINE_END) and len(last) < len(kept)
                        and width_of(last + piece) <= width):
                    lines.append(kept[:-len(last)].rstrip())  # carried down with the punctuation
                    line = last
                else:
                    lines.append(line.rstrip())
                    line = ""
            line += piece
    return lines + [line] if line or not lines else lines


def balanced(text: str, width: int) -> list[str]:
    """`fold`, with the lines as even as the same number of lines allows (包保 / 责任人, not 包保责任 / 人)."""
    lines = fold(text, width)
    if len(lines) < 2:
        return lines
    narrowest = width
    while narrowest > 1 and len(fold(text, narrowest - 1)) == len(lines):
        narrowest -= 1
    return fold(text, narrowest)


def fold_lines(lines: list[str], width: int | None) -> list[str]:
    """Text below or above a table, each line folded to the width (None: as it is)."""
    if width is None:
        return lines
    return [part for line in lines for part in (fold(line, width) if width_of(line) > width else [line])]


class _Painter:
    """Pads and styles cells for fixed column widths, remembering each distinct cell."""

    def __init__(self, columns: list[Column], widths: list[int], color: bool) -> None:
        self.columns, self.widths, self.color = columns, widths, color
        self.codes: dict[str, tuple[str, str]] = {}
        self.cells: dict[tuple[int, str, str | None], str] = {}
        self.wrapping = [index for index, column in enumerate(columns) if column.wraps]

    def style(self, text: str, style: str | None) -> str:
        if not (self.color and style and text.strip()):
            return text
        if style not in self.codes:
            from rich.color import ColorSystem
            from rich.style import Style

            prefix, suffix = Style.parse(style).render("\0", color_system=ColorSystem.STANDARD).split("\0")
            self.codes[style] = (prefix, suffix)
        prefix, suffix = self.codes[style]
        return f"{prefix}{text}{suffix}"

    def cell(self, index: int, text: str, style: str | None) -> str:
        key = (index, text, style)
        painted = self.cells.get(key)
        if painted is None:
            pad = " " * max(0, self.widths[index] - width_of(text))
            painted = self.style(pad + text if self.columns[index].right else text + pad, style)
            self.cells[key] = painted
        return painted

    def lines(self, row: list[Cell], bar: str, folding: list[int] | None = None) -> list[str]:
        """One row as one line, or several where a folding cell (a wrapping column's, or any header) is too
        wide or holds a line break."""
        joint, cell = f" {bar} ", self.cell
        folding = self.wrapping if folding is None else folding
        if not any("\n" in row[index][0] or width_of(row[index][0]) > self.widths[index] for index in folding):
            return [f"{bar} " + joint.join([cell(index, text, style) for index, (text, style) in enumerate(row)])
                    + f" {bar}"]
        folded = [balanced(text, self.widths[index]) if index in folding else [text]
                  for index, (text, _) in enumerate(row)]
        return [f"{bar} " + joint.join([cell(index, parts[level] if level < len(parts) else "", style)
                                        for index, (parts, (_, style)) in enumerate(zip(folded, row))]) + f" {bar}"
                for level in range(max(map(len, folded)))]


def _header_floor(header: str) -> int:
    """How narrow a header can fold: its widest unbreakable word (English), or two Chinese characters."""
    words = [word for line in header.split("\n") for word in line.split(" ") if word]
    return max([MIN_HEADER_WIDTH, *(width_of(word) for word in words if word.isascii())])


def _fit(columns: list[Column], headers: list[str], content: list[int], width: int) -> list[int] | None:
    """Column widths within `width` (wrapping columns folded first, then headers), or None when they cannot fit."""
    widths = [max(content[index], *(width_of(line) for line in headers[index].split("\n")))
              for index in range(len(columns))]
    floors = [max(content[index], _header_floor(headers[index])) if not column.wraps else
              max(min(column.min_width, content[index]), _header_floor(headers[index]))
              for index, column in enumerate(columns)]
    excess = sum(widths) + 3 * len(columns) + 1 - width
    for stage in (True, False):  # first the wrapping columns, then the headers of those that never wrap
        while excess > 0:
            slack = [(widths[index] - floors[index], index) for index, column in enumerate(columns)
                     if column.wraps == stage and widths[index] > floors[index]]
            if not slack:
                break
            widths[max(slack)[1]] -= 1  # the column with the most room gives first
            excess -= 1
    return widths if excess <= 0 else None


def draw(title: str, columns: list[Column], headers: list[str], sections: list[list[list[Cell]]],
         width: int | None, color: bool, headings: list[str | None] | None = None, footer: list[str] = ()) -> str:
    """The title, the table with a heavy header and one block per section (a section may open with a heading across
    the whole table), and the footer's lines, all within `width` display cells (None: DEFAULT_WIDTH). Text from the
    input never drives the terminal (i18n.inert)."""
    width = width or DEFAULT_WIDTH
    title, footer = inert(title), [inert(line) for line in footer]
    sections = [[[(inert(text), style) for text, style in row] for row in section] for section in sections]
    headings = [heading and inert(heading) for heading in headings] if headings else headings
    columns, headers, sections, content = _visible(columns, headers, sections)
    panels = _panels(columns, headers, content, width)
    drawn = []
    for chosen, widths in panels:
        drawn.append(_box([columns[index] for index in chosen], [headers[index] for index in chosen],
                          [[[row[index] for index in chosen] for row in section] for section in sections], widths,
                          color, headings))
    return "".join(line + "\n" for line in fold_lines([title], width)) + "\n".join(drawn) + "".join(
        line + "\n" for line in fold_lines(list(footer), width))


def fits(columns: list[Column], headers: list[str], sections: list[list[list[Cell]]], width: int | None) -> bool:
    """Whether the table fits `width` as one panel (its headers and wrapping columns folded)."""
    columns, headers, _, content = _visible(columns, headers, sections)
    return _fit(columns, headers, content, width or DEFAULT_WIDTH) is not None


def may_fit(columns: list[Column], headers: list[str], texts: list[set[str]], width: int | None) -> bool:
    """Whether a table whose columns include these, holding these texts, could fit `width`: False when these
    columns alone cannot, so that a large table is never laid out only to be found too wide."""
    shown = [index for index, column in enumerate(texts) if any(column)]
    return _fit([columns[index] for index in shown], [headers[index] for index in shown],
                [max(map(width_of, texts[index])) for index in shown], width or DEFAULT_WIDTH) is not None


def _visible(columns: list[Column], headers: list[str], sections: list[list[list[Cell]]]):
    """The columns with something in them (all of them blank: the first stands for the table), their headers and
    cells, and the widest cell of each (measured once per distinct text: most repeat down a column)."""
    rows = [row for section in sections for row in section]
    texts = [{row[index][0] for row in rows} for index in range(len(columns))]
    shown = [index for index in range(len(columns)) if any(texts[index])] or [0]
    columns = [columns[index] for index in shown]
    headers = [headers[index] for index in shown]
    if len(shown) < len(texts):
        sections = [[[row[index] for index in shown] for row in section] for section in sections]
    content = [max(map(width_of, texts[index]), default=0) for index in shown]
    return columns, headers, sections, content


def _panels(columns: list[Column], headers: list[str], content: list[int], width: int
            ) -> list[tuple[list[int], list[int]]]:
    """(column indexes, widths) of each panel: the whole table when it fits; else the key columns with as many
    of the others, in order, as fit beside them."""
    everything = list(range(len(columns)))
    fitted = _fit(columns, headers, content, width)
    if fitted is not None:
        return [(everything, fitted)]
    keys = [index for index in everything if columns[index].key]
    panels: list[tuple[list[int], list[int]]] = []
    current: list[int] = []
    for index in everything:
        if index in keys:
            continue
        trial = sorted(keys + current + [index])
        if not current or _fit([columns[i] for i in trial], [headers[i] for i in trial],
                               [content[i] for i in trial], width) is not None:
            current.append(index)
            continue
        panels.append(_panel(keys + current, columns, headers, content, width))
        current = [index]
    panels.append(_panel(keys + current, columns, headers, content, width))
    return panels


def _panel(chosen: list[int], columns: list[Column], headers: list[str], content: list[int], width: int
           ) -> tuple[list[int], list[int]]:
    chosen = sorted(chosen)
    picked = [columns[index] for index in chosen]
    widths = _fit(picked, [headers[index] for index in chosen], [content[index] for index in chosen], width)
    if widths is None:  # one column wider than the page: its natural width (the terminal wraps it)
        widths = [max(content[index], width_of(headers[index])) for index in chosen]
    return chosen, widths


def _box(columns: list[Column], headers: list[str], sections: list[list[list[Cell]]], widths: list[int],
         color: bool, headings: list[str | None] | None) -> str:
    def rule(left: str, fill: str, middle: str, right: str) -> str:
        return left + middle.join(fill * (w + 2) for w in widths) + right

    inner = sum(widths) + 3 * len(widths) - 3
    painter = _Painter(columns, widths, color)
    lines = [rule("┏", "━", "┳", "┓"),
             *painter.lines([(header, "bold") for header in headers], "┃", list(range(len(columns))))]
    for position, section in enumerate(sections):
        heading = headings[position] if headings else None
        if heading:
            lines.append(rule("┡", "━", "┷", "┩") if position == 0 else rule("├", "─", "┴", "┤"))
            lines.extend(f"│ {painter.style(part, 'bold')}{' ' * (inner - width_of(part))} │"
                         for part in fold(heading, inner))
            lines.append(rule("├", "─", "┬", "┤"))
        elif position == 0:
            lines.append(rule("┡", "━", "╇", "┩"))
        else:
            lines.append(rule("├", "─", "┼", "┤"))
        for row in section:
            lines.extend(painter.lines(row, "│"))
    if not sections:
        lines.append(rule("┡", "━", "╇", "┩"))
    lines.append(rule("└", "─", "┴", "┘"))
    return "\n".join(lines) + "\n"


def runs(items: list, key) -> list[list]:
    """Consecutive items with the same key, as the sections of a table (one per unit or township)."""
    sections: list[list] = []
    for position, item in enumerate(items):
        if position == 0 or key(item) != key(items[position - 1]):
            sections.append([])
        sections[-1].append(item)
    return sections
