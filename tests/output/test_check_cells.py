"""`check`'s CSV/TSV cells made straight from the results (views.check.record_cells) are the cells the formats make
from the records, for every kind of result: units and groups and the total, notes of every sort, group lines,
periods of grade tables, text that looks like a formula or holds a control character, both languages."""

import csv
import io

import pytest

from kongchuo_cli import api
from kongchuo_cli.output.formats import FORMATTERS, _rows
from tests.helpers.grade_tables import long_rows
from tests.helpers.small import SMALL_COUNTY
from tests.helpers.unit_lines import LINES, SCHOOLS

ROOT_EXAMPLE = "examples/county.csv"


def _write(tmp_path, rows, name="t.csv"):
    path = tmp_path / name
    with path.open("w", encoding="utf-8-sig", newline="") as file:
        csv.writer(file).writerows(rows)
    return str(path)


def _evaluations(tmp_path):
    lines = tmp_path / "lines.yaml"
    lines.write_text(LINES, encoding="utf-8")
    odd = [SMALL_COUNTY[0], ["=cmd|'/c calc'!A1", "100", "95", "3", "100"], ["乙\x1b[31m镇", "0", "0", "0", "0"],
           ["-丙镇", "10", "10", "0", "0"]]
    return {
        "example": api.check(ROOT_EXAMPLE, profile="national-2025"),
        "example by township": api.check(ROOT_EXAMPLE, profile="national-2025", by="乡镇"),
        "groups of lines": api.check(_write(tmp_path, SCHOOLS, "schools.csv"), thresholds=str(lines), by="乡镇"),
        "odd names and zero bases": api.check(_write(tmp_path, odd, "odd.csv"), profile="national-2025"),
        "grade table": api.check(_write(tmp_path, long_rows(), "grades.csv"), profile="national-2025",
                                 history=True),
    }


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_cells_made_from_results_are_those_made_from_records(tmp_path, lang):
    for name, evaluation in _evaluations(tmp_path).items():
        report = evaluation.report(lang)
        direct = [row for batch in report.cells() for row in batch]
        from_records = _rows(report, lang, records=report.records)
        assert len(direct) == len(evaluation.results), name
        assert [list(row) for row in direct] == [list(row) for row in from_records], name


def test_a_row_of_the_small_county_as_worked_by_hand(tmp_path):
    # 甲镇: consolidation 95/100 = 95.0000 %, fails ">= 96%" by ⌈0.96 × 100⌉ − 95 = 1 (tests/helpers/small.py)
    evaluation = api.check(_write(tmp_path, SMALL_COUNTY), profile="national-2025")
    rows = list(csv.reader(io.StringIO(FORMATTERS["csv"](evaluation.report("zh"), "zh"))))
    assert rows[1][:10] == ["甲镇", "否", "consolidation_9y", "九年义务教育巩固率", "95", "100", "95.0000", ">= 96%",
                            "未达标", "1"]
    assert rows[-1][:10] == ["合计", "是", "dropout_junior", "初中辍学率", "4", "300", "1.3333", "<= 2%", "达标", "0"]
