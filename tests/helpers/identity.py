"""The identity checks of kongchuo_cli.read.roster.identity in plain Python, one row at a time: the reference
implementation its DuckDB expressions are tested against (GB 11643-1999 check digits, 全国学籍号 forms, age
against grade). Callers strip surrounding spaces first: a stray space counts as a wrong length."""

from __future__ import annotations

import re
from datetime import date

from kongchuo_cli.read.roster.identity import (
    CHECK_CHARS,
    EARLIEST_BIRTH,
    MAX_AGE_OVER_GRADE,
    MIN_AGE_OVER_GRADE,
    SCIENTIFIC,
    STUDENT_PREFIXES,
    WEIGHTS,
)

_CHECKED_PREFIXES = "Gg"  # only G carries a check digit whose algorithm is documented (GB 11643)


def _digits(text: str) -> bool:
    return text.isascii() and text.isdigit()  # str.isdigit alone accepts full-width and other Unicode digits


def _read_date(yyyymmdd: str) -> date | None:
    try:
        return date(int(yyyymmdd[:4]), int(yyyymmdd[4:6]), int(yyyymmdd[6:]))
    except ValueError:
        return None


def _check_char(first17: str) -> str:
    return CHECK_CHARS[sum((ord(c) - 48) * w for c, w in zip(first17, WEIGHTS)) % 11]


def _body_problem(body: str, today: date | None, check: bool) -> str | None:
    """The code (without prefix) for 18 characters laid out as an ID: 17 digits + digit/X, date, check digit."""
    if not (_digits(body[:17]) and body[17] in "0123456789Xx"):
        return "id_chars"
    born = _read_date(body[6:14])
    if born is None or born < EARLIEST_BIRTH or born > (today or date.today()):
        return "id_birth_date"
    if check and _check_char(body[:17]) != body[17].upper():
        return "id_check_digit"
    return None


def id_problem(text: str, today: date | None = None) -> str | None:
    """None for a valid 居民身份证号 (GB 11643-1999), else "id_length", "id_old_15", "id_chars", "id_birth_date"
    (not a real date, before 1900 or after `today`, default today) or "id_check_digit". Lowercase x is accepted.
    `text` must already be stripped: a surrounding space counts as a wrong length."""
    if len(text) != 18:
        if len(text) == 15 and _digits(text):
            return "id_old_15"
        return "id_scientific" if re.fullmatch(SCIENTIFIC, text) else "id_length"
    return _body_problem(text, today, check=True)


def birth_date(id_text: str) -> date | None:
    """The birth date written in an 18-character ID (or in a G/J/L 学籍号), if it is a real calendar date.
    Judges nothing else: use id_problem for that."""
    if len(id_text) == 19 and id_text[0] in STUDENT_PREFIXES:
        id_text = id_text[1:]
    if len(id_text) != 18 or not _digits(id_text[6:14]):
        return None
    return _read_date(id_text[6:14])


def student_id_problem(text: str, today: date | None = None) -> str | None:
    """None for a plausible 全国学籍号, else "student_id_form" (not G/J/L + 18 characters) or the ID code with a
    "student_" prefix: "student_id_chars", "student_id_birth_date", "student_id_check_digit". `text` stripped.

    The forms, from 教育部办公厅《学校（机构）人员基础信息代码编制规则》(2013) as quoted in secondary sources (the
    rule's own text on the check digit was not found):
    - G + 公民身份号码: checked fully as an ID.
    - J + 个人标识自编码, for pupils without a usable mainland ID: laid out like an ID (6-digit area, 8-digit birth
      date, 3-digit sequence, 1 check character), but the check algorithm is not documented, so it is not checked.
    - L + 临时学籍号: 6-digit area, 8-digit birth date, 4 random digits: no check character.
    Assumed for J and L: 17 ASCII digits then a digit or X, with a real birth date not after `today`.
    """
    if len(text) != 19 or text[0] not in STUDENT_PREFIXES:
        return "student_id_form"
    code = _body_problem(text[1:], today, check=text[0] in _CHECKED_PREFIXES)
    return None if code is None else "student_" + code


def age_on_1_september(birth: date, school_year: int) -> int:
    """Completed years on 1 September of `school_year` (a birthday on 1 September counts)."""
    return school_year - birth.year - ((birth.month, birth.day) > (9, 1))


def age_grade_problem(birth: date, grade: int, school_year: int) -> str | None:
    """None, or "age_too_young" / "age_too_old" when the age on 1 September of `school_year` (the year the school
    year starts) is outside grade + MIN_AGE_OVER_GRADE … grade + MAX_AGE_OVER_GRADE; grade = year of schooling."""
    if not 1 <= grade <= 9:
        raise ValueError(f"grade must be a year of compulsory schooling, 1–9, not {grade}")
    age = age_on_1_september(birth, school_year)
    if age < grade + MIN_AGE_OVER_GRADE:
        return "age_too_young"
    if age > grade + MAX_AGE_OVER_GRADE:
        return "age_too_old"
    return None
