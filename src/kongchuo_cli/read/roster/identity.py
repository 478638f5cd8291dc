"""Identity checks and masking for student rosters (学籍 exports, 辍学学生台账): 居民身份证号, 全国学籍号 and age
against grade as DuckDB expressions for province-scale rosters, and the masks. (tests/helpers/identity.py holds
the same checks in plain Python, the reference the SQL is tested against.)

The masks strip for themselves. A problem is a short code, explained to the clerk by `PROBLEMS`.

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

PROBLEMS: dict[str, tuple[str, str]] = {
    "id_length": (
        "身份证号位数不对（应为 18 位），请核对证件后重新录入",
        "the ID number does not have 18 characters: check it against the card and enter it again",
    ),
    "id_old_15": (
        "这是 15 位的旧身份证号，请换成 18 位的新号码",
        "this is an old 15-digit ID number: replace it with the 18-character one",
    ),
    "id_chars": (
        "身份证号含有非数字字符（只有最后一位可以是 X），请检查是否混入了字母、空格或全角数字",
        ("the ID number has a character that is not a digit (only the last may be X): look for letters, "
         "spaces or full-width digits"),
    ),
    "id_birth_date": (
        "身份证号中的出生日期（第 7–14 位）不是有效日期，请核对证件",
        "the birth date in the ID number (characters 7–14) is not a real date: check it against the card",
    ),
    "id_check_digit": (
        "身份证号校验位不符（最后一位），请核对证件",
        "the ID number's check digit (last character) does not match: check it against the card",
    ),
    "student_id_form": (
        "全国学籍号格式不对：应为 G、J 或 L 加 18 位，请从学籍系统重新导出或核对",
        ("the national student number is not G, J or L followed by 18 characters: export it again from the 学籍 "
         "system or check it"),
    ),
    "student_id_chars": (
        "全国学籍号字母后的 18 位含有非数字字符（只有最后一位可以是 X），请核对",
        "the 18 characters after the student number's letter include a non-digit (only the last may be X): check it",
    ),
    "student_id_birth_date": (
        "全国学籍号中的出生日期（字母后第 7–14 位）不是有效日期，请核对",
        "the birth date in the student number (characters 7–14 after the letter) is not a real date: check it",
    ),
    "student_id_check_digit": (
        "G 字头全国学籍号中的身份证号校验位不符（最后一位），请与身份证核对",
        ("the check digit (last character) of the ID number inside the G student number does not match: check "
         "it against the ID card"),
    ),
    "age_too_young": (
        "按 9 月 1 日计算，学生比该年级的通常年龄小 2 岁以上，请核对出生日期和年级",
        ("on 1 September the child is 2 or more years younger than usual for the grade: check the birth date "
         "and the grade"),
    ),
    "age_too_old": (
        "按 9 月 1 日计算，学生比该年级的通常年龄大 4 岁以上，请核对出生日期和年级",
        ("on 1 September the child is 4 or more years older than usual for the grade: check the birth date "
         "and the grade"),
    ),
}


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
        f" ELSE 'id_length' END"
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
