"""The vocabulary (read/vocabulary.py): every header a column goes by, typo suggestions, spreadsheet column letters."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kongchuo_cli.read.vocabulary import (
    GRAND_TOTAL_ENDINGS,
    GRAND_TOTAL_LABELS,
    SUBTOTAL_ENDINGS,
    SUMMARY_COLUMNS,
    column_letter,
    normalize_header,
    total_kind,
)


@pytest.mark.parametrize(
    "written, canonical",
    [
        ("一年级入学人数", "grade1_entrants"),
        ("一年级 入学人数", "grade1_entrants"),  # a space
        ("一年级\n入学人数", "grade1_entrants"),  # a line break inside the cell
        ("转入人数（人）", "transfers_in"),  # full-width unit suffix
        ("转入人数(人)", "transfers_in"),
        ("转入人数　", "transfers_in"),  # ideographic space
        ("Grade1_Entrants", "grade1_entrants"),  # English, any case
        ("12～14周岁人口数", "junior_age_population"),
        ("入学人数(含随班就读)", None),  # not a unit suffix: not stripped, so not mistaken for 入学人数
        ("备注", None),
    ],
)
def test_header_matching(written, canonical):
    assert SUMMARY_COLUMNS.match(written) == canonical


def test_typo_suggestion():
    assert SUMMARY_COLUMNS.suggest("毕业班在校人数") == "毕业班在校生数"
    assert SUMMARY_COLUMNS.suggest("备注") is None


@pytest.mark.parametrize("index, letter", [(0, "A"), (4, "E"), (25, "Z"), (26, "AA"), (27, "AB"), (701, "ZZ")])
def test_column_letters(index, letter):
    assert column_letter(index) == letter


@pytest.mark.parametrize("text, kind", [
    ("合计", "grand"), ("合 计", "grand"), ("总计：", "grand"), ("全县", "grand"), ("总数", "grand"), ("Total", "grand"),
    ("ＴＯＴＡＬ", "grand"),  # full width: read as NFKC reads it
    ("示例县合计", "grand"), ("合计（人）", "grand"), ("东镇小计", "sub"), ("东镇 小计", "sub"),
    ("城关镇", None), ("第0000001学校", None), ("县一中", None), ("计生办", None), ("Total Primary", None)])
def test_total_rows_by_their_label(text, kind):
    assert total_kind(text) == kind


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="合计总小全县数东镇 　:：（）()人tToOaAlLＴｏｔａｌ计⾔—-~至\u200b\u3000", max_size=8))
def test_the_quick_look_at_a_label_agrees_with_the_whole_reading(text):
    # total_kind skips the reading of a text with no character a total label holds; the whole reading, as it was
    key = normalize_header(text).rstrip(":")
    whole = ("grand" if key in GRAND_TOTAL_LABELS or key.endswith(GRAND_TOTAL_ENDINGS) else
             "sub" if key.endswith(SUBTOTAL_ENDINGS) else None)
    assert total_kind(text) == whole
