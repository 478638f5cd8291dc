"""The box-drawn table: widths in display cells (a Chinese character is two), folding to fit."""

from kongchuo_cli.output.text import Column, draw, fold


def test_fold_by_display_width():
    assert fold("各单位分别达标共需劝返 262 人。", 12) == ["各单位分别达", "标共需劝返", "262 人。"]
    assert fold("1 if each unit meets the line", 12) == ["1 if each", "unit meets", "the line"]
    assert fold("", 12) == [""]


def test_draw_pads_chinese_by_cells_and_folds_the_wrapping_column():
    columns = [Column("单位"), Column("人数", right=True), Column("说明", wraps=True)]
    sections = [[[("甲镇", None), ("5", None), ("各单位分别达标共需劝返 262 人。", None)]],
                [[("合计", "bold"), ("12", None), ("", None)]]]
    # at width 40 the note column (31 cells) must shrink to 40 − (4 + 4 + 3·3 + 1) = 22 cells
    assert draw("T", columns, [column.header for column in columns], sections, width=40, color=False) == (
        "T\n"
        "┏━━━━━━┳━━━━━━┳━━━━━━━━━━━━━━━━━━━━━━━━┓\n"
        "┃ 单位 ┃ 人数 ┃ 说明                   ┃\n"
        "┡━━━━━━╇━━━━━━╇━━━━━━━━━━━━━━━━━━━━━━━━┩\n"
        "│ 甲镇 │    5 │ 各单位分别达标共需劝返 │\n"
        "│      │      │ 262 人。               │\n"
        "├──────┼──────┼────────────────────────┤\n"
        "│ 合计 │   12 │                        │\n"
        "└──────┴──────┴────────────────────────┘\n")
