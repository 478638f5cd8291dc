"""A box-drawn text table, fast enough for tens of thousands of rows (rich's Table lays out every cell as a
renderable, about 60 µs a cell: 20 s for 5,000 schools). Widths count East Asian characters as two cells.

A cell is a `(text, style)` pair, the style a rich style name such as "bold red" or None. Most cells repeat
(indicator names, statuses, lines), so each distinct cell is measured, padded and styled once.
"""

from __future__ import annotations

from dataclasses import dataclass

from kongchuo_cli.i18n import inert

Cell = tuple[str, "str | None"]
MIN_WRAP_WIDTH = 12


@dataclass(frozen=True)
class Column:
    header: object  # anything the caller turns into header text
    right: bool = False  # right-justified (numbers)
    wraps: bool = False  # may be folded onto several lines to fit the width


def width_of(text: str) -> int:
    if text.isascii():
        return len(text)
    from rich.cells import (
        cell_len,  # imported when first needed: the Python API does not load rich for records
    )

    return cell_len(text)


def fold(text: str, width: int) -> list[str]:
    """Greedy wrap at spaces, or between characters where there are none (Chinese), by display width."""
    lines, line = [], ""
    for word in text.split(" "):
        candidate = f"{line} {word}" if line else word
        if width_of(candidate) <= width:
            line = candidate
            continue
        if line:
            lines.append(line)
        line = ""
        for character in word:
            if width_of(line + character) > width:
                lines.append(line)
                line = ""
            line += character
    return lines + [line] if line or not lines else lines


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

    def lines(self, row: list[Cell], bar: str) -> list[str]:
        """One row as one line, or several where a wrapping cell is folded."""
        joint, cell = f" {bar} ", self.cell
        if not any(width_of(row[index][0]) > self.widths[index] for index in self.wrapping):
            return [f"{bar} " + joint.join([cell(index, text, style) for index, (text, style) in enumerate(row)])
                    + f" {bar}"]
        folded = [fold(text, self.widths[index]) if index in self.wrapping else [text]
                  for index, (text, _) in enumerate(row)]
        return [f"{bar} " + joint.join([cell(index, parts[level] if level < len(parts) else "", style)
                                        for index, (parts, (_, style)) in enumerate(zip(folded, row))]) + f" {bar}"
                for level in range(max(map(len, folded)))]


def draw(title: str, columns: list[Column], headers: list[str], sections: list[list[list[Cell]]], width: int,
         color: bool) -> str:
    """The table with a heavy header, one block per section, wrapping columns folded to fit `width`. Text from the
    input never drives the terminal (i18n.inert)."""
    title = inert(title)
    sections = [[[(inert(text), style) for text, style in row] for row in section] for section in sections]
    widths = [width_of(header) for header in headers]
    for index in range(len(columns)):
        texts = {row[index][0] for section in sections for row in section}
        widths[index] = max([widths[index], *map(width_of, texts)])
    excess = sum(widths) + 3 * len(columns) + 1 - width
    for index, column in enumerate(columns):
        if excess > 0 and column.wraps:
            narrower = max(MIN_WRAP_WIDTH, widths[index] - excess)
            excess -= widths[index] - narrower
            widths[index] = narrower

    def rule(left: str, fill: str, middle: str, right: str) -> str:
        return left + middle.join(fill * (w + 2) for w in widths) + right

    painter = _Painter(columns, widths, color)
    lines = [title, rule("┏", "━", "┳", "┓"), *painter.lines([(header, "bold") for header in headers], "┃"),
             rule("┡", "━", "╇", "┩")]
    for position, section in enumerate(sections):
        if position:
            lines.append(rule("├", "─", "┼", "┤"))
        for row in section:
            lines.extend(painter.lines(row, "│"))
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

