"""A box-drawn text table, fast enough for tens of thousands of rows (rich's Table lays out every cell as a
renderable, about 60 µs a cell: 20 s for 5,000 schools). Widths count East Asian characters as two cells."""

from __future__ import annotations

from dataclasses import dataclass

from rich.cells import cell_len
from rich.color import ColorSystem
from rich.style import Style


@dataclass(frozen=True)
class Column:
    header: str
    right: bool = False  # right-justified (numbers)
    wraps: bool = False  # may be folded onto several lines to fit the width


@dataclass(frozen=True)
class Cell:
    text: str
    style: str | None = None  # a rich style, e.g. "bold red"


class _Styler:
    """ANSI codes for rich style names, computed once per style; no codes at all without colour."""

    def __init__(self, color: bool) -> None:
        self.color = color
        self.codes: dict[str, tuple[str, str]] = {}

    def __call__(self, text: str, style: str | None) -> str:
        if not (self.color and style and text.strip()):
            return text
        if style not in self.codes:
            prefix, suffix = Style.parse(style).render("\0", color_system=ColorSystem.STANDARD).split("\0")
            self.codes[style] = (prefix, suffix)
        prefix, suffix = self.codes[style]
        return f"{prefix}{text}{suffix}"


def _fold(text: str, width: int) -> list[str]:
    """Greedy wrap at spaces, or between characters where there are none (Chinese), by display width."""
    lines, line = [], ""
    for word in text.split(" "):
        candidate = f"{line} {word}" if line else word
        if cell_len(candidate) <= width:
            line = candidate
            continue
        if line:
            lines.append(line)
        line = ""
        for character in word:
            if cell_len(line + character) > width:
                lines.append(line)
                line = ""
            line += character
    return lines + [line] if line or not lines else lines


def draw(title: str, columns: list[Column], sections: list[list[list[Cell]]], width: int, color: bool) -> str:
    """The table with a heavy header, one block per section, wrapping columns folded to fit `width`."""
    style = _Styler(color)
    widths = [cell_len(column.header) for column in columns]
    for section in sections:
        for row in section:
            for index, cell in enumerate(row):
                widths[index] = max(widths[index], cell_len(cell.text))
    excess = sum(widths) + 3 * len(columns) + 1 - width
    for index, column in enumerate(columns):
        if excess > 0 and column.wraps:
            narrower = max(12, widths[index] - excess)
            excess -= widths[index] - narrower
            widths[index] = narrower

    def rule(left: str, fill: str, middle: str, right: str) -> str:
        return left + middle.join(fill * (w + 2) for w in widths) + right

    def line(cells: list[Cell], bar: str) -> list[str]:
        folded = [_fold(cell.text, widths[i]) if columns[i].wraps else [cell.text] for i, cell in enumerate(cells)]
        out = []
        for depth in range(max(len(parts) for parts in folded)):
            texts = []
            for index, parts in enumerate(folded):
                text = parts[depth] if depth < len(parts) else ""
                pad = " " * max(0, widths[index] - cell_len(text))
                texts.append(style(pad + text if columns[index].right else text + pad, cells[index].style))
            out.append(f"{bar} " + f" {bar} ".join(texts) + f" {bar}")
        return out

    lines = [title, rule("┏", "━", "┳", "┓"),
             *line([Cell(column.header, "bold") for column in columns], "┃"), rule("┡", "━", "╇", "┩")]
    for position, section in enumerate(sections):
        if position:
            lines.append(rule("├", "─", "┼", "┤"))
        for row in section:
            lines.extend(line(row, "│"))
    lines.append(rule("└", "─", "┴", "┘"))
    return "\n".join(lines) + "\n"
