"""Identity checks and masking for student rosters (学籍 exports, 辍学学生台账): 居民身份证号, 全国学籍号 and age
against grade as DuckDB expressions for province-scale rosters, and the masks. (tests/helpers/identity.py holds
the same checks in plain Python, the reference the SQL is tested against.)

The masks strip for themselves. A problem is a short code (`ID_CHECKS`), explained to the clerk by the
catalogue's roster_<code> entry.

These are children's personal data: the checks never echo a value, and anything shown to a person should go
through `mask_id` / `mask_name` first.
"""

from __future__ import annotations

from datetime import date

# GB 11643-1999 / ISO 7064 MOD 11-2: weight of each of the first 17 digits, and the check character by sum % 11
WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
CHECK_CHARS = "10X98765432"
EARLIEST_BIRTH = date(1900, 1, 1)  # nobody on a roster (child or guardian) was born earlier: such a date is a typo

# 全国学籍号 type letters (教育部办公厅《学校（机构）人员基础信息代码编制规则》, 2013): G = 公民身份号码,
# J = 个人标识自编码 (no mainland ID), L = 临时学籍号. Lowercase is accepted, as the letter's case tells nothing.
STUDENT_PREFIXES = "GJLgjl"

# Age on 1 September of the school year, against the grade (= year of schooling, 1–9, in both 6-3 and 5-4):
# the usual age is grade + 5 (6 in grade 1).
MIN_AGE_OVER_GRADE = 4  # entering a year early (5 on 1 September) is allowed, so younger than grade + 4 is not
MAX_AGE_OVER_GRADE = 8  # late entry plus repeated years may put a child up to 3 years behind; more is not plausible

# An ID Excel turned into a number: 4.31126E+17 (its last digits are lost)
SCIENTIFIC = r"[0-9](\.[0-9]+)?[Ee]\+?[0-9]+"

# The problems of a row's identity, by code (their texts: the catalogue's roster_<code>).
ID_CHECKS = ("id_length", "id_old_15", "id_scientific", "id_chars", "id_birth_date", "id_check_digit", "student_id_form",
             "student_id_chars", "student_id_birth_date", "student_id_check_digit", "age_too_young", "age_too_old")



def _mask_other(text: str) -> str:
    keep = min(2, (len(text) - 1) // 4)  # at most 2 each end, and always hide more than half
    return text[:keep] + "****" + text[len(text) - keep:] if keep else "****"


def mask_id(text: str) -> str:
    """An ID as 8 + **** + 4 (11010519****0012), a G/J/L 学籍号 the same after its letter; any other value keeps
    at most 2 characters at each end (fewer when short, none up to 4 characters); empty stays empty."""
    text = text.strip()
    if len(text) == 18:
        return text[:8] + "****" + text[14:]
    if len(text) == 19 and text[0] in STUDENT_PREFIXES:
        return text[:9] + "****" + text[15:]
    return _mask_other(text) if text else ""


def mask_name(name: str) -> str:
    """The surname's first character and one * (张* for 张三 and 张小明, hiding the length); one character → *."""
    name = name.strip()
    if len(name) <= 1:
        return "*" if name else ""
    return name[0] + "*"


def sql_id_problem(column: str, today: date | None = None, digits: str | None = None) -> str:
    """A DuckDB expression giving id_problem's code (or NULL when valid) for a trimmed VARCHAR expression
    `column`; NULL stays NULL (a missing value is the caller's business). `today` pins the date, else
    current_date. `column` appears several times, so pass a column name rather than a costly expression;
    `digits` may name a BIGINT column holding try_cast(substr(column, 1, 17) AS BIGINT), computed once."""
    c = column
    latest = f"'{today:%Y%m%d}'" if today else "strftime(current_date, '%Y%m%d')"
    number = digits or f"try_cast(substr({c}, 1, 17) AS BIGINT)"
    # the 17 digits taken from one integer: integer arithmetic is several times faster than 17 substrings
    weighted = " + ".join(f"(({number} // {10 ** (16 - i)}) % 10) * {w}" for i, w in enumerate(WEIGHTS))
    born = f"substr({c}, 7, 8)"
    return (
        f"CASE WHEN {c} IS NULL THEN NULL"
        f" WHEN length({c}) <> 18 THEN CASE WHEN regexp_full_match({c}, '[0-9]{{15}}') THEN 'id_old_15'"
        f" WHEN regexp_full_match({c}, '{SCIENTIFIC}') THEN 'id_scientific' ELSE 'id_length' END"
        f" WHEN NOT regexp_full_match({c}, '[0-9]{{17}}[0-9Xx]') THEN 'id_chars'"
        f" WHEN try_strptime({born}, '%Y%m%d') IS NULL OR {born} < '{EARLIEST_BIRTH:%Y%m%d}' OR {born} > {latest}"
        f" THEN 'id_birth_date'"
        f" WHEN substr('{CHECK_CHARS}', ({weighted}) % 11 + 1, 1) <> upper(substr({c}, 18, 1))"
        f" THEN 'id_check_digit'"
        f" END"
    )


def sql_student_id_problem(column: str, today: date | None = None) -> str:
    """student_id_problem as a DuckDB expression over a trimmed VARCHAR column name (NULL stays NULL): G + an ID
    checked fully, J/L + 18 characters checked for layout and birth date only."""
    c = column
    body = f"substr({c}, 2)"
    inner = sql_id_problem(body, today)
    latest = f"'{today:%Y%m%d}'" if today else "strftime(current_date, '%Y%m%d')"
    born = f"substr({c}, 8, 8)"
    return (
        f"CASE WHEN {c} IS NULL THEN NULL"
        f" WHEN length({c}) <> 19 OR upper(substr({c}, 1, 1)) NOT IN ('G', 'J', 'L') THEN 'student_id_form'"
        f" WHEN upper(substr({c}, 1, 1)) = 'G' THEN 'student_' || ({inner})"
        f" WHEN NOT regexp_full_match({body}, '[0-9]{{17}}[0-9Xx]') THEN 'student_id_chars'"
        f" WHEN try_strptime({born}, '%Y%m%d') IS NULL OR {born} < '{EARLIEST_BIRTH:%Y%m%d}' OR {born} > {latest}"
        f" THEN 'student_id_birth_date'"
        f" END"
    )


def sql_mask_id(column: str) -> str:
    """A DuckDB expression masking a trimmed VARCHAR expression `column` exactly as mask_id does; NULL stays NULL."""
    c = column
    prefixes = ", ".join(f"'{p}'" for p in STUDENT_PREFIXES)
    return (
        f"CASE WHEN {c} IS NULL THEN NULL"
        f" WHEN length({c}) = 18 THEN left({c}, 8) || '****' || right({c}, 4)"
        f" WHEN length({c}) = 19 AND left({c}, 1) IN ({prefixes}) THEN left({c}, 9) || '****' || right({c}, 4)"
        f" WHEN length({c}) = 0 THEN ''"
        f" WHEN length({c}) <= 4 THEN '****'"
        f" WHEN length({c}) <= 8 THEN left({c}, 1) || '****' || right({c}, 1)"
        f" ELSE left({c}, 2) || '****' || right({c}, 2) END"
    )


def sql_mask_name(column: str) -> str:
    """A DuckDB expression masking a trimmed VARCHAR expression `column` exactly as mask_name does; NULL → ''."""
    c = column
    return f"CASE WHEN {c} IS NULL OR {c} = '' THEN '' WHEN length({c}) = 1 THEN '*' ELSE left({c}, 1) || '*' END"
