"""One header finder for every kind of input: title rows and 填报单位/日期 lines above the header are skipped, a
header merged over two or three rows is joined into one (小学 over 辍学人数 → 小学辍学人数), and `--header-row`
names the row where it starts. Each kind says which joined rows it accepts as its header and how well they fit."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

HEADER_SEARCH_ROWS = 20  # a header starts within this many rows of the top
MAX_HEADER_ROWS = 3  # rows a merged header may span
PEEK_ROWS = HEADER_SEARCH_ROWS + MAX_HEADER_ROWS  # rows enough to find any header


@dataclass(frozen=True)
class Header:
    cells: list[str]  # one name per column, the header's rows joined
    rows: tuple[int, ...]  # their spreadsheet row numbers

    @property
    def last_row(self) -> int:
        """The spreadsheet row of the header's last line: data starts below it."""
        return self.rows[-1]


Score = Callable[[list[str]], "tuple[int, ...] | int | None"]  # how well cells fit as a header; None: not one


def cell(row: list[str], index: int) -> str:
    return row[index] if index < len(row) else ""


def find_header(rows: list[list[str]], score: Score, known: Callable[[str], bool],
                header_row: int | None = None) -> Header | None:
    """The first row within HEADER_SEARCH_ROWS (or exactly `header_row`) where a header starts: that row alone or
    joined with the rows below it, whichever `score` rates highest (fewer rows on a tie); None if none fits.
    `known` says whether a joined name means something, to undo a group title spread over its columns."""
    if header_row is not None:
        found = _best_at(rows, header_row - 1, score, known)
        return None if found is None else found[1]
    for index in range(min(len(rows), HEADER_SEARCH_ROWS)):
        found = _best_at(rows, index, score, known)
        if found is None:
            continue
        # a line above the header that happens to fit a little (填报单位：…（盖章） over a merged header, whose
        # text spreads over the columns) gives way to a header starting in the next rows that fits better
        later = [each for start in range(index + 1, min(len(rows), index + MAX_HEADER_ROWS))
                 if (each := _best_at(rows, start, score, known)) is not None]
        return max([found, *later], key=lambda each: each[0])[1]
    return None


def _best_at(rows: list[list[str]], index: int, score: Score, known: Callable[[str], bool]
             ) -> tuple[object, Header] | None:
    """The best header starting at this row ((its fit, fewer rows first), header), or None: this row alone or
    joined with the rows below it. A row holding what looks like a person's data is never a header."""
    if index >= len(rows) or not any(text.strip() for text in rows[index]) or looks_personal(rows[index]):
        return None
    options = [(rows[index], 1)]
    groups_above = len({text.strip() for text in rows[index]} - {""}) >= 2  # a merged title has one text
    for depth in range(2, MAX_HEADER_ROWS + 1) if groups_above else ():
        if index + depth > len(rows) or looks_personal(rows[index + depth - 1]):
            break
        options.append((joined(options[-1][0], rows[index + depth - 1], known), depth))
    fitting = [((fit, -depth), cells) for cells, depth in options if (fit := score(cells)) is not None]
    if not fitting:
        return None
    (fit, fewer_rows), cells = max(fitting, key=lambda option: option[0])
    return (fit, fewer_rows), Header(cells, tuple(range(index + 1, index + 1 - fewer_rows)))


PERSONAL_DATA = re.compile(r"\d{17}[\dXx]|\d{15}|1[3-9]\d{9}|[GJLgjl]\d{17}[\dXx]")  # an ID, 学籍号 or mobile number


def title_above(rows: list[list[str]], header_row: int) -> str | None:
    """The table's own title: the first line above its header (a spreadsheet row number) holding one text alone,
    as a title merged across the columns does."""
    for row in rows[:header_row - 1]:
        texts = [text.strip() for text in row if text.strip()]
        if len(texts) == 1:
            return " ".join(texts[0].split())
    return None


def looks_personal(row: list[str]) -> bool:
    """A row with an ID number, a 学籍号 or a phone number in it is a child's (or a guardian's), never a header."""
    return any(PERSONAL_DATA.fullmatch(text.strip()) for text in row if len(text.strip()) >= 11)


def joined(upper: list[str], lower: list[str], known: Callable[[str], bool]) -> list[str]:
    """Two header rows as one: 小学 over 辍学人数 → 小学辍学人数; an empty upper cell takes the one to its left
    (a merged cell saved as CSV); a cell with nothing below stays as it is (merged downwards); and where the joined
    name means nothing but the lower one does (a group title such as 九年义务教育巩固率 over 一年级入学人数),
    the lower one."""
    width = max(len(upper), len(lower))
    filled, above = [], ""
    for index in range(width):
        top, bottom = cell(upper, index).strip(), cell(lower, index).strip()
        above = top or (above if bottom else "")
        filled.append(above)
    names = []
    for index in range(width):
        above, bottom = filled[index], cell(lower, index).strip()
        name = above + bottom if bottom and above != bottom else above or bottom
        spans = above and (filled[index - 1:index] == [above] or filled[index + 1:index + 2] == [above])
        if spans and bottom and not known(name) and known(bottom):
            name = bottom  # a group title over several columns
        names.append(name)
    return names
