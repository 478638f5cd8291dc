"""Identity checks and masking for rosters. Every ID here is made up (area code + invented date and sequence);
check digits come from `_reference_check`, an independent ISO 7064 form, never from the code under test."""

import random
from datetime import date, timedelta

import duckdb
import pytest
from hypothesis import given
from hypothesis import strategies as st

from kongchuo_cli.i18n import CATALOGUE
from kongchuo_cli.read.roster.identity import (
    ID_CHECKS,
    mask_id,
    mask_name,
    sql_id_problem,
    sql_mask_id,
    sql_mask_name,
)
from tests.helpers.identity import (
    age_grade_problem,
    age_on_1_september,
    birth_date,
    id_problem,
    student_id_problem,
)

TODAY = date(2024, 6, 1)
ID_CODES = {"id_length", "id_old_15", "id_scientific", "id_chars", "id_birth_date", "id_check_digit"}


def _reference_check(body: str) -> str:
    """ISO 7064 MOD 11-2 in its recursive form (no weight table): P = 2(P + d) mod 11, check = (12 − P) mod 11."""
    p = 0
    for digit in body:
        p = (p + int(digit)) * 2 % 11
    value = (12 - p) % 11
    return "X" if value == 10 else str(value)


def made_up(area: str = "430124", born: str = "20160815", seq: str = "123") -> str:
    body = area + born + seq
    return body + _reference_check(body)


def _other_check(text: str) -> str:
    """The same ID with a check character that is wrong (the next one in 0–9, X)."""
    chars = "0123456789X"
    return text[:17] + chars[(chars.index(text[17].upper()) + 1) % 11]


VALID = made_up()  # 430124201608151235
WITH_X = made_up(seq="134")  # 43012420160815134X


def test_reference_check_agrees_with_sums_worked_by_hand():
    # 4·7+3·9+0·10+1·5+2·8+4·4+2·2+0·1+1·6+6·3+0·7+8·9+1·10+5·5+1·8+2·4+3·2 = 249 = 22·11 + 7 → "10X98765432"[7] = 5
    assert _reference_check("43012420160815123") == "5"
    # the same with sequence 134: 255 = 23·11 + 2 → X
    assert _reference_check("43012420160815134") == "X"
    # … 133: 253 = 23·11 + 0 → 1
    assert _reference_check("43012420160815133") == "1"
    assert VALID == "430124201608151235" and WITH_X == "43012420160815134X"


CRAFTED = [
    # (value, code with today = 2024-06-01)
    (VALID, None),
    (WITH_X, None),
    (WITH_X[:17] + "x", None),  # lowercase x
    (made_up(born="20000229"), None),  # leap day in a year divisible by 400
    (made_up(born="19000101"), None),  # earliest accepted
    (made_up(born="20240601"), None),  # born today
    (made_up(born="19000229"), "id_birth_date"),  # 1900 is not a leap year
    (made_up(born="20230229"), "id_birth_date"),
    (made_up(born="20240602"), "id_birth_date"),  # after today
    (made_up(born="18991231"), "id_birth_date"),  # before 1900
    (made_up(born="20161301"), "id_birth_date"),  # month 13
    (made_up(born="20160800"), "id_birth_date"),  # day 0
    (made_up(born="20160431"), "id_birth_date"),  # 31 April
    (_other_check(VALID), "id_check_digit"),
    (VALID[:17] + "X", "id_check_digit"),  # X where 5 belongs
    (WITH_X[:17] + "0", "id_check_digit"),  # a digit where X belongs
    (VALID[:14] + VALID[15] + VALID[14] + VALID[16:], "id_check_digit"),  # two neighbours swapped (1, 2)
    (VALID[:17], "id_length"),  # 17 digits
    (VALID + "0", "id_length"),  # 19
    ("", "id_length"),
    (" " + VALID, "id_length"),  # untrimmed: the caller strips
    ("430124160815123", "id_old_15"),  # 15 digits
    ("4.31126E+17", "id_scientific"),  # as Excel shows an ID it turned into a number
    ("4.31126e17", "id_scientific"),
    ("4E+17", "id_scientific"),
    ("4.3112619.E+17", "id_length"),  # not a number Excel wrote
    ("43012416081512X", "id_length"),  # 15 characters but not an old ID
    (VALID[:8] + "A" + VALID[9:], "id_chars"),  # a letter inside
    ("X" + VALID[1:], "id_chars"),  # X only allowed last
    (VALID[:17] + "Y", "id_chars"),
    (VALID[:6] + " " + VALID[7:], "id_chars"),  # a space inside
    ("".join(chr(ord(c) + 0xFEE0) for c in VALID), "id_chars"),  # full-width digits
    (VALID[:5] + "５" + VALID[6:], "id_chars"),  # one full-width digit
    (VALID[:5] + "٥" + VALID[6:], "id_chars"),  # an Arabic-Indic digit (str.isdigit says yes)
]


@pytest.mark.parametrize(("value", "code"), CRAFTED)
def test_id_problem_crafted(value, code):
    assert id_problem(value, TODAY) == code


def test_today_defaults_to_the_real_date():
    tomorrow, yesterday = date.today() + timedelta(days=1), date.today() - timedelta(days=1)
    assert id_problem(made_up(born=f"{tomorrow:%Y%m%d}")) == "id_birth_date"
    assert id_problem(made_up(born=f"{yesterday:%Y%m%d}")) is None


@given(st.text("0123456789", min_size=9, max_size=9), st.integers(0, 8000), st.integers(0, 16), st.data())
def test_every_single_character_change_is_caught(area_seq, days, position, data):
    # MOD 11-2 catches every single substitution; a change to the date may make it a non-date first
    body = area_seq[:6] + f"{date(2001, 1, 1) + timedelta(days=days):%Y%m%d}" + area_seq[6:]
    good = body + _reference_check(body)
    assert id_problem(good, TODAY) is None
    new = data.draw(st.sampled_from([d for d in "0123456789" if d != good[position]]))
    changed = good[:position] + new + good[position + 1:]
    assert id_problem(changed, TODAY) in {"id_check_digit", "id_birth_date"}
    if not 6 <= position < 14:
        assert id_problem(changed, TODAY) == "id_check_digit"


def test_birth_date():
    assert birth_date(VALID) == date(2016, 8, 15)
    assert birth_date(made_up(born="20000229")) == date(2000, 2, 29)
    assert birth_date("G" + WITH_X) == date(2016, 8, 15)
    assert birth_date("L" + made_up(born="20171103")) == date(2017, 11, 3)
    assert birth_date(made_up(born="20230229")) is None
    assert birth_date(VALID[:17]) is None
    assert birth_date(VALID[:8] + "ab" + VALID[10:]) is None
    assert birth_date("") is None


@pytest.mark.parametrize(("value", "code"), [
    ("G" + VALID, None),
    ("g" + WITH_X[:17] + "x", None),  # lowercase letter and x
    ("G" + _other_check(VALID), "student_id_check_digit"),
    ("J" + _other_check(VALID), None),  # J's check algorithm is undocumented: not judged
    ("J" + VALID, None),
    ("L" + "4301242016081547" + "93", None),  # 4 random digits after the date: no check digit
    ("L" + made_up(born="20230229"), "student_id_birth_date"),
    ("J" + made_up(born="20240602"), "student_id_birth_date"),  # after today
    ("G" + made_up(born="19000229"), "student_id_birth_date"),
    ("G" + VALID[:8] + "O" + VALID[9:], "student_id_chars"),  # letter O for zero
    ("L" + VALID[:17] + "Y", "student_id_chars"),
    ("J" + "X" + VALID[1:], "student_id_chars"),
    (VALID, "student_id_form"),  # a bare ID, without the letter
    ("G" + VALID[:17], "student_id_form"),
    ("G" + VALID + "1", "student_id_form"),
    ("K" + VALID, "student_id_form"),
    ("Ｇ" + VALID, "student_id_form"),  # full-width G
    ("GG" + VALID[:17], "student_id_chars"),  # 19 characters: the 18 after the letter start with a G
    ("", "student_id_form"),
])
def test_student_id_problem(value, code):
    assert student_id_problem(value, TODAY) == code


def test_mask_id_examples():
    assert mask_id("110105194912310012") == "11010519****0012"
    assert mask_id(WITH_X) == "43012420****134X"
    assert mask_id("G" + VALID) == "G43012420****1235"
    assert mask_id("J" + VALID) == "J43012420****1235"
    assert mask_id("l" + VALID) == "l43012420****1235"
    assert mask_id("  " + VALID + " ") == "43012420****1235"  # stray spaces do not change the form
    assert mask_id("430124160815123") == "43****23"  # 15-digit old ID: 2 + 2
    assert mask_id("K" + VALID) == "K4****35"  # not a known form: 2 + 2
    assert mask_id("123456789") == "12****89"  # 9 characters: 2 each end
    assert mask_id("12345678") == "1****8"  # 8: 1 each end, so more than half stays hidden
    assert mask_id("12345") == "1****5"
    assert mask_id("1234") == "****"
    assert mask_id("1") == "****"
    assert mask_id("") == ""
    assert mask_id("   ") == ""


def test_mask_name():
    assert mask_name("张三") == "张*"
    assert mask_name("张小明") == "张*"  # the same length: hides how long the name is
    assert mask_name("欧阳娜娜") == "欧*"
    assert mask_name(" 李四 ") == "李*"
    assert mask_name("李") == "*"
    assert mask_name(" 李 ") == "*"
    assert mask_name("") == ""
    assert mask_name("  ") == ""


@pytest.mark.parametrize(("birth", "grade", "code"), [
    # grade 1 in school year 2024 (1 September 2024): ages 5 to 9 pass
    (date(2019, 8, 31), 1, None),  # 5
    (date(2019, 9, 1), 1, None),  # 5 that very day: the birthday counts
    (date(2019, 9, 2), 1, "age_too_young"),  # still 4
    (date(2014, 9, 2), 1, None),  # 9
    (date(2014, 9, 1), 1, "age_too_old"),  # 10 that day
    (date(2014, 8, 31), 1, "age_too_old"),
    (date(2018, 3, 10), 1, None),  # 6: the usual age
    # grade 7 (初一): ages 11 to 15 pass
    (date(2013, 9, 1), 7, None),  # 11
    (date(2013, 9, 2), 7, "age_too_young"),  # 10
    (date(2008, 9, 2), 7, None),  # 15
    (date(2008, 9, 1), 7, "age_too_old"),  # 16
    # grade 9: up to 17
    (date(2007, 9, 2), 9, None),  # 17
    (date(2006, 9, 1), 9, "age_too_old"),  # 18 that day
])
def test_age_grade_bounds(birth, grade, code):
    assert age_grade_problem(birth, grade, 2024) == code


def test_age_on_1_september():
    assert age_on_1_september(date(2016, 2, 29), 2024) == 8  # leap-day birthdays need no special case
    assert age_on_1_september(date(2016, 9, 1), 2024) == 8
    assert age_on_1_september(date(2016, 9, 2), 2024) == 7
    assert age_on_1_september(date(2016, 12, 31), 2024) == 7


@pytest.mark.parametrize("grade", [0, 10, -1])
def test_age_grade_rejects_grades_outside_compulsory_schooling(grade):
    with pytest.raises(ValueError, match="1–9"):
        age_grade_problem(date(2016, 1, 1), grade, 2024)


def test_problems_table_covers_every_code_and_is_gbk():
    codes = ID_CODES | {"student_" + code for code in ID_CODES - {"id_length", "id_old_15", "id_scientific"}}
    assert set(ID_CHECKS) == codes | {"student_id_form", "age_too_young", "age_too_old"}
    for code in ID_CHECKS:
        zh, en = CATALOGUE[f"roster_{code}"]
        zh.encode("gbk")  # raises if a county office's GBK terminal or export could not show it
        assert "请" in zh, code  # every explanation tells the clerk what to do
        assert en[0].islower() and ": " in en, code  # follows "row 12: ", then says what to do after the colon


def _sql(values, expression):
    with duckdb.connect() as con:
        con.execute("CREATE TABLE t (i INTEGER, v VARCHAR)")
        con.executemany("INSERT INTO t VALUES (?, ?)", list(enumerate(values)))
        return [row[0] for row in con.execute(f"SELECT {expression} FROM t ORDER BY i").fetchall()]


def test_sql_id_problem_agrees_on_crafted_cases():
    values = [value for value, _ in CRAFTED if value == value.strip()]  # the SQL column is trimmed
    assert _sql(values, sql_id_problem("v", TODAY)) == [code for value, code in CRAFTED if value == value.strip()]
    assert _sql([None], sql_id_problem("v", TODAY)) == [None]


def test_sql_id_problem_defaults_to_current_date():
    tomorrow, yesterday = date.today() + timedelta(days=1), date.today() - timedelta(days=1)
    values = [made_up(born=f"{tomorrow:%Y%m%d}"), made_up(born=f"{yesterday:%Y%m%d}")]
    assert _sql(values, sql_id_problem("v")) == ["id_birth_date", None]


def _generated(count: int, seed: int) -> list[str]:
    """Made-up IDs (dates 1890–2030, some impossible) and corruptions of them: every code shows up."""
    rng = random.Random(seed)
    values = []
    for _ in range(count):
        born = f"{rng.randint(1890, 2030)}{rng.randint(1, 12):02d}{rng.randint(1, 31):02d}"
        good = made_up(f"{rng.randint(110000, 659999)}", born, f"{rng.randint(0, 999):03d}")
        position = rng.randrange(18)
        corruptions = [
            good,
            good[:17] + good[17].lower(),
            good[:position] + str(rng.randrange(10)) + good[position + 1:],
            good[:position] + rng.choice("AXxO ５-") + good[position + 1:],
            good[:position] + good[position + 1:],
            good + str(rng.randrange(10)),
            good[:6] + good[8:14] + good[14:17],  # the old 15-digit layout
            good[:position] + good[position:position + 2][::-1] + good[position + 2:],
            f"{good[0]}.{good[1:rng.randint(2, 7)]}E+17",  # what Excel shows of an ID it turned into a number
        ]
        values.append(rng.choice(corruptions))
    return values


def test_sql_id_problem_agrees_on_generated_ids():
    values = _generated(4000, seed=11643)
    expected = [id_problem(value, TODAY) for value in values]
    assert set(expected) == ID_CODES | {None}  # the sample exercises every branch
    assert _sql(values, sql_id_problem("v", TODAY)) == expected


def test_sql_mask_id_agrees():
    rng = random.Random(7064)
    alphabet = "0123456789Xx张三éGJL-"
    values = [value for value, _ in CRAFTED if value == value.strip()] + ["G" + VALID, "j" + WITH_X, "L" + VALID]
    values += ["".join(rng.choice(alphabet) for _ in range(rng.randint(0, 21))) for _ in range(2000)]
    values = [value.strip() for value in values]
    assert _sql(values, sql_mask_id("v")) == [mask_id(value) for value in values]
    assert _sql(["110105194912310012", None], sql_mask_id("v")) == ["11010519****0012", None]


def test_sql_mask_name_agrees():
    # the names of test_mask_name, trimmed as the SQL receives them; NULL (a blank cell) is no name
    names = ["张三", "张小明", "欧阳娜娜", "李四", "李", "", "A", "Ab"]
    assert _sql(names, sql_mask_name("v")) == [mask_name(name) for name in names] == [
        "张*", "张*", "欧*", "李*", "*", "", "*", "A*"]
    assert _sql([None], sql_mask_name("v")) == [""]


STUDENT_CASES = ["G" + "11010519491231002X", "G110105194912310012", "g110105194912310011", "J110105201502300012",
                 "L11010520150301123X", "L1101052015030112", "X110105201503011234", "J11010520150301A234",
                 "G11010519491231002", "J110105999912310012", ""]


def test_sql_student_id_problem_agrees_with_python():
    import duckdb

    from kongchuo_cli.read.roster.identity import sql_student_id_problem

    pinned = date(2026, 1, 1)
    expression = sql_student_id_problem("v", pinned)
    for value in STUDENT_CASES:
        (found,) = duckdb.execute(f"SELECT {expression} FROM (SELECT ?::VARCHAR AS v)", [value]).fetchone()
        assert found == student_id_problem(value, pinned), value
