"""A cell of a count column: "1,234", "1234.0", "１２" and " 7 " are counts; anything else is named for what is
wrong with it, and quoted back to the user only cut short."""

from __future__ import annotations

import re

MAX_ECHOED_VALUE = 24  # a bad cell's text is quoted in the message, cut to this many characters


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
