"""The machine formats: cells made once per distinct value of a column, and records made as they are written."""

from kongchuo_cli.output.formats import FORMATTERS
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
