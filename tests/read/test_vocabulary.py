"""The vocabulary (read/vocabulary.py): every header a column goes by, typo suggestions, spreadsheet column letters."""

import pytest

from kongchuo_cli.read.vocabulary import SUMMARY_COLUMNS, column_letter


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
