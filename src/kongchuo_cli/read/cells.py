"""A cell of a count column: "1,234", "1234.0", "１２" and " 7 " are counts; anything else is named for what is
wrong with it, and quoted back to the user only cut short."""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta

MAX_ECHOED_VALUE = 24  # a bad cell's text is quoted in the message, cut to this many characters
# Cells a table read into Python may have, a workbook's sheet (rows × columns) or a text file's: about 3 GB read. A
# province's roster in Excel is 1 million rows × 30 columns; the country's every school in one summary, 5 million
MAX_CELLS = 30_000_000


def echoed(text: str) -> str:
    """A bad cell's text as a message quotes it: trimmed, and cut to MAX_ECHOED_VALUE characters."""
    text = text.strip()
    return text[:MAX_ECHOED_VALUE] + "…" if len(text) > MAX_ECHOED_VALUE else text


_FULL_WIDTH = str.maketrans({**{chr(0xFF10 + digit): str(digit) for digit in range(10)},
                             "，": ",", "．": ".", "－": "-", "\u3000": " ", "\xa0": " "})
_CELL = re.compile(r"(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d*))?")
MAX_DIGITS = 15  # beyond this a cell is no count (and beyond a spreadsheet's precision)


def parse_count(written: str, blank_is_zero: bool = False) -> int | str:
    """A count cell as an int, or the code of what is wrong with it ("1,234", "1234.0", "１２", " 7 " are fine)."""
    if written.isdigit() and written.isascii() and len(written) <= MAX_DIGITS:
        return int(written)  # the common case, kept fast
    text = written.translate(_FULL_WIDTH).strip()
    if not text:
        return 0 if blank_is_zero else "cell_blank"
    match = _CELL.fullmatch(text)
    if match is None:
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
            return "cell_date"  # a count typed into a date-formatted cell
        return "cell_negative" if re.fullmatch(r"-\s*\d[\d,]*(\.\d*)?", text) else "cell_not_number"
    digits, decimals = match.group(1).replace(",", ""), match.group(2) or ""
    if decimals.strip("0"):
        return "cell_fraction"
    if len(digits) > MAX_DIGITS:
        return "cell_too_large"
    return int(digits)


# A date as county forms write it, read with spaces removed (the same codes for Python's strptime and DuckDB's); a
# workbook's date cell reads as 2024-10-31 already. A month alone (2024年10月, 2024-10) is the month's last day: a
# monthly report's 统计时点.
DATE_FORMATS = ("%Y-%m-%d", "%Y/%m/%d", "%Y.%m.%d", "%Y%m%d", "%Y年%m月%d日", "%Y-%m-%d%H:%M:%S")
MONTH_FORMATS = ("%Y-%m", "%Y/%m", "%Y.%m", "%Y年%m月")


def parse_date(written: str) -> date | None:
    """A cell's date, or None when it holds none (a month alone gives its last day)."""
    text = written.strip().translate(_FULL_WIDTH).replace(" ", "") if written else ""
    for form in DATE_FORMATS:
        try:
            return datetime.strptime(text, form).date()
        except ValueError:
            continue
    for form in MONTH_FORMATS:
        try:
            first = datetime.strptime(text, form).date()
        except ValueError:
            continue
        following = date(first.year + first.month // 12, first.month % 12 + 1, 1)
        return following - timedelta(days=1)
    return None
