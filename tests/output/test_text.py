"""The box-drawn table: widths in display cells (a Chinese character is two), folding, headings and panels to fit."""

from hypothesis import given
from hypothesis import strategies as st

from kongchuo_cli.output.text import Column, balanced, draw, fits, fold, may_fit, width_of


def test_fold_by_display_width():
    assert fold("各单位分别达标共需劝返 262 人。", 12) == ["各单位分别达", "标共需劝返", "262 人。"]
    assert fold("1 if each unit meets the line", 12) == ["1 if each", "unit meets", "the line"]
    assert fold("", 12) == [""]


def test_draw_pads_chinese_by_cells_and_folds_the_wrapping_column():
    columns = [Column("单位"), Column("人数", right=True), Column("说明", wraps=True)]
    sections = [[[("甲镇", None), ("5", None), ("各单位分别达标共需劝返 262 人。", None)]],
                [[("合计", "bold"), ("12", None), ("", None)]]]
    # at width 40 the note column (31 cells) must shrink to 40 − (4 + 4 + 3·3 + 1) = 22 cells; the note folds onto
    # two lines, as even as two lines allow: at 15 cells it would take three (各单位分别达标 / 共需劝返 262 / 人。)
    assert draw("T", columns, [column.header for column in columns], sections, width=40, color=False) == (
        "T\n"
        "┏━━━━━━┳━━━━━━┳━━━━━━━━━━━━━━━━━━━━━━━━┓\n"
        "┃ 单位 ┃ 人数 ┃ 说明                   ┃\n"
        "┡━━━━━━╇━━━━━━╇━━━━━━━━━━━━━━━━━━━━━━━━┩\n"
        "│ 甲镇 │    5 │ 各单位分别达标共       │\n"
        "│      │      │ 需劝返 262 人。        │\n"
        "├──────┼──────┼────────────────────────┤\n"
        "│ 合计 │   12 │                        │\n"
        "└──────┴──────┴────────────────────────┘\n")


def test_columns_too_wide_alone_rule_the_table_out():
    columns = [Column("单位", key=True), Column("人数", right=True)]
    texts = [{"甲镇", "第00001镇/第0000001学校"}, {"5", "1,234"}]
    # the widest unit is 23 cells (第 镇 第 学校: 5 wide characters, 13 narrow), the widest count 5:
    # 23 + 5 + 3·2 + 1 = 35 cells, which 34 cannot hold; and a table with more columns than these needs more still
    assert may_fit(columns, ["单位", "人数"], texts, 35) and not may_fit(columns, ["单位", "人数"], texts, 34)
    rows = [[(unit, None), (count, None), ("x", None)] for unit, count in zip(sorted(texts[0]), sorted(texts[1]))]
    # with a third column whose header (4 cells) is wider than its text: 23 + 5 + 4 + 3·3 + 1 = 42 cells
    assert fits([*columns, Column("说明")], ["单位", "人数", "说明"], [rows], 42)
    assert not fits([*columns, Column("说明")], ["单位", "人数", "说明"], [rows], 41)


def test_width_of_counts_display_cells():
    # wide (Chinese, full-width) 2, the marks and box lines 1, a combining accent 0
    assert [width_of(text) for text in ("合计", "１２", "√×!—", "┃━", "e\u0301", "96%")] == [4, 4, 4, 2, 1, 3]


def test_fold_keeps_numbers_whole_and_punctuation_off_the_line_start():
    # "1994" and "100%" are unbreakable pieces; Chinese breaks between any two characters
    assert fold("标准 小学入学率 >= 100%：1994 年两基标准", 20) == ["标准 小学入学率 >=", "100%：1994 年两基标", "准"]
    # at 14 cells "送教上门之和计" fills the line and "。" would start the next: "计" goes down with it
    assert fold("送教上门之和计。", 14) == ["送教上门之和", "计。"]
    assert fold("第一行\n第二行", 20) == ["第一行", "第二行"]


def test_balanced_folds_evenly():
    # greedy at 8 cells: 包保责任 / 人; the same two lines are possible at 6: 包保责 / 任人
    assert balanced("包保责任人", 8) == ["包保责", "任人"]
    assert balanced("厌学", 8) == ["厌学"]


def test_an_empty_column_is_not_drawn():
    columns = [Column("单位"), Column("说明", wraps=True)]
    drawn = draw("T", columns, ["单位", "说明"], [[[("甲镇", None), ("", None)]]], width=80, color=False)
    assert drawn == "T\n┏━━━━━━┓\n┃ 单位 ┃\n┡━━━━━━┩\n│ 甲镇 │\n└──────┘\n"


def test_a_section_heading_spans_the_table():
    columns = [Column("年级"), Column("姓名")]
    sections = [[[("三年级", None), ("张*", None)]], [[("七年级", None), ("李*", None)]]]
    drawn = draw("名单", columns, ["年级", "姓名"], sections, 80, False, headings=["甲镇 中心小学（1 人）", "乙镇 初中（1 人）"])
    # inner width: 6 + 4 + 3 = 13 cells; the first heading (21 cells) folds onto two lines
    assert drawn == (
        "名单\n"
        "┏━━━━━━━━┳━━━━━━┓\n"
        "┃ 年级   ┃ 姓名 ┃\n"
        "┡━━━━━━━━┷━━━━━━┩\n"
        "│ 甲镇 中心小学 │\n"
        "│ （1 人）      │\n"
        "├────────┬──────┤\n"
        "│ 三年级 │ 张*  │\n"
        "├────────┴──────┤\n"
        "│ 乙镇 初中（1  │\n"
        "│ 人）          │\n"
        "├────────┬──────┤\n"
        "│ 七年级 │ 李*  │\n"
        "└────────┴──────┘\n")


def test_too_wide_a_table_is_dealt_into_panels_with_the_key_repeated():
    columns = [Column("单位", key=True), *(Column(f"列{number}", right=True) for number in range(1, 5))]
    headers = [column.header for column in columns]
    rows = [[("甲镇", None), *((f"{number}" * 8, None) for number in range(1, 5))]]
    # one panel would be 4 + 4·8 + 3·5 + 1 = 52 cells; at 36 each panel holds the unit (4) and two columns of 8:
    # 4 + 8 + 8 + 3·3 + 1 = 30 cells (three would be 41)
    assert not fits(columns, headers, [rows], 36) and fits(columns, headers, [rows], 52)
    drawn = draw("T", columns, headers, [rows], width=36, color=False)
    assert max(width_of(line) for line in drawn.splitlines()) == 30
    assert [line for line in drawn.splitlines() if line.startswith("│")] == [
        "│ 甲镇 │ 11111111 │ 22222222 │", "│ 甲镇 │ 33333333 │ 44444444 │"]


def test_an_opening_bracket_never_ends_a_line():
    # "以下（" fills 10 cells; the bracket goes down with the text it opens
    assert fold("2% 以下（此为城市线）", 10) == ["2% 以下", "（此为城市", "线）"]


@given(st.text(alphabet=st.sampled_from("甲乙丙，。（）ab1% "), max_size=60), st.integers(2, 30))
def test_fold_keeps_every_character_in_order_within_the_width(text, width):
    lines = fold(text, width)
    assert all(width_of(line) <= width for line in lines)
    assert "".join(lines).replace(" ", "") == text.replace(" ", "")


CELLS = st.text(alphabet=st.sampled_from("甲乙丙镇9,.%√×"), max_size=6)


@given(st.lists(st.lists(CELLS, min_size=6, max_size=6), min_size=1, max_size=6),
       st.text(alphabet=st.sampled_from("说明文字 abc。"), max_size=80), st.integers(40, 120))
def test_every_table_fits_its_width(rows, note, width):
    # a unit (the key), five columns of up to 12 cells with headers of up to 10, and a note that may wrap
    columns = [Column("单位", key=True), *(Column(f"第{n}列指标", right=True) for n in range(1, 6)),
               Column("说明", wraps=True)]
    sections = [[[(text, None) for text in row] + [(note, None)] for row in rows]]
    drawn = draw("标题", columns, [str(column.header) for column in columns], sections, width, False)
    assert max(width_of(line) for line in drawn.splitlines()) <= width
