"""Charts (output/chart.py): every glyph of every label looked up before drawing; a chart no font can write is left
out with a notice naming the missing characters, never drawn with boxes; the web page's chart keeps its text as
text, in rank order, with nothing fetched from outside."""

import re

from kongchuo_cli.output.chart import Drawing
from kongchuo_cli.output.document import Bars

RARE = "\U00031350"  # a CJK Extension H character (Unicode 15): no font this project ships or looks for has it


def bars(*labels: str) -> Bars:
    return Bars("九年义务教育巩固率", labels, tuple(90.0 + number for number in range(len(labels))),
                tuple(f"{90 + number}.0%" for number in range(len(labels))), (True,) * len(labels), 96.0,
                "标准 ≥ 96%", "%")


def test_a_label_no_font_has_leaves_that_chart_out_and_names_the_character():
    drawing = Drawing()
    assert drawing.png(bars("城关镇", f"{RARE}家乡")) is None
    assert [(message.code, message.params["missing"]) for message in drawing.said] == [("chart_no_font", RARE)]
    # the next chart of the same document, whose labels the font has, is drawn: a PNG
    assert drawing.png(bars("城关镇", "石桥镇")).startswith(b"\x89PNG\r\n\x1a\n")


def test_the_web_chart_keeps_its_labels_as_text_in_rank_order():
    svg = Drawing().svg(bars("新华镇", "北山乡", "黄土岭乡"))
    assert svg.startswith("<svg") and "http" not in svg and "<image" not in svg
    texts = re.findall(r"<text[^>]*>([^<]*)</text>", svg)
    assert [text for text in texts if text.endswith(("镇", "乡"))] == ["新华镇", "北山乡", "黄土岭乡"]
    assert ["90.0%", "91.0%", "92.0%", "标准 ≥ 96%"] == [text for text in texts if "%" in text and text != "%"]
