"""The machine formats: cells made once per distinct value of a column, and records made as they are written."""

import json

import pytest

from kongchuo_cli.output.formats import FORMATTERS, STREAMED
from kongchuo_cli.output.report import Report


def test_a_column_mixing_true_and_one_keeps_each_as_it_is():
    # True and 1 are one key to a set: each must still become its own cell (是 for True under zh, 1 as written),
    # and a formula-like text is neutralised, a null left blank
    report = Report({"flag": "标记", "text": "文字"}, [{"flag": True, "text": "=1+1"}, {"flag": 1, "text": None},
                                                    {"flag": False, "text": "=1+1"}])
    assert FORMATTERS["csv"](report, "zh") == "标记,文字\n是,'=1+1\n1,\n否,'=1+1\n"


def test_records_of_differing_keys_are_written_as_each_has_them():
    report = Report({"a": "甲", "b": "乙"}, [{"a": 1, "b": "x"}, {"a": 2}])
    assert FORMATTERS["csv"](report, "en") == "a,b\n1,x\n2\n"


def test_records_are_made_when_written_a_batch_at_a_time():
    made = []

    def records():
        for number in range(5):
            made.append(number)
            yield {"n": number}

    report = Report({"n": "数"}, records)
    assert made == []  # nothing made before a format asks
    assert [len(batch) for batch in report.batches(2)] == [2, 2, 1]
    assert FORMATTERS["csv"](report, "zh") == "数\n0\n1\n2\n3\n4\n"
    assert report.records == [{"n": number} for number in range(5)] and len(made) == 15  # three passes of five


def test_a_large_report_comes_in_a_chunk_per_batch_and_joins_to_the_whole():
    # 100,001 records of one number: BATCH = 50,000 a chunk, so the header with 0…49999, then 50000…99999, then
    # 100000 alone; joined, they are the text the format gives whole
    report = Report({"n": "数"}, lambda: ({"n": number} for number in range(100_001)))
    chunks = list(STREAMED["csv"](report, "zh"))
    assert len(chunks) == 3
    assert chunks[0].startswith("数\n0\n1\n") and chunks[0].endswith("\n49999\n")
    assert chunks[1].startswith("50000\n") and chunks[2] == "100000\n"
    assert "".join(chunks) == FORMATTERS["csv"](report, "zh") == "数\n" + "".join(f"{n}\n" for n in range(100_001))
    json_chunks = list(STREAMED["json"](report, "en"))
    # the opening, a chunk per batch, the closing: one JSON object with every record in order
    assert len(json_chunks) == 5 and json_chunks[0] == '{\n  "results": [\n' and json_chunks[-1] == "\n  ]\n}\n"
    assert json.loads("".join(json_chunks)) == {"results": [{"n": number} for number in range(100_001)]}


@pytest.mark.parametrize("name", sorted(STREAMED))
def test_a_report_without_records_is_its_header_alone(name):
    report = Report({"n": "数"}, [], head={"count": 0})
    expected = {"csv": "数\n", "tsv": "数\n", "json": '{\n  "count": 0,\n  "results": [\n\n  ]\n}\n',
                "markdown": "| 数   |\n|-----|\n"}[name]  # tabulate's table without rows: no colons
    assert "".join(STREAMED[name](report, "zh")) == expected == FORMATTERS[name](report, "zh")


def test_a_large_markdown_table_comes_in_batches_padded_to_the_widest_cell_of_any():
    # 100,001 numbers, right-aligned: the widest cell is 100000 (6 characters, in the last batch alone), wider than
    # the header's 数 + 2, so every row of every batch is padded to 6, one space either side; the separator is
    # 7 dashes and a colon (right-aligned); the header comes once
    report = Report({"n": "数"}, lambda: ({"n": number} for number in range(100_001)), frozenset({"n"}))
    chunks = list(STREAMED["markdown"](report, "zh"))
    assert len(chunks) == 3
    assert chunks[0].startswith("|      数 |\n|-------:|\n|      0 |\n|      1 |\n")
    assert chunks[1].startswith("|  50000 |\n") and chunks[2] == "| 100000 |\n"
    rows = "".join(f"| {number:>6} |\n" for number in range(100_001))
    assert "".join(chunks) == FORMATTERS["markdown"](report, "zh") == "|      数 |\n|-------:|\n" + rows


def test_markdown_of_records_with_differing_keys_is_drawn_whole():
    # the second record lacks b: its cell is blank; widths are the headers' + 2 (3), left-aligned (":" + 4 dashes)
    report = Report({"a": "甲", "b": "乙"}, [{"a": 1, "b": "x"}, {"a": 2}])
    assert FORMATTERS["markdown"](report, "en") == "| a   | b   |\n|:----|:----|\n| 1   | x   |\n| 2   |     |\n"
