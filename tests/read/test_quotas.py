"""A plan's quotas (read/quotas.py): `kongchuo plan`'s output in every format it writes reads back as each unit's
share (the largest over the indicators), and so does a county's own 认领 table; totals are left out."""

from __future__ import annotations

import pytest

import kongchuo_cli
from kongchuo_cli.output.formats import FORMATTERS
from kongchuo_cli.read.quotas import read_quotas
from tests.helpers import ROOT, problems_of
from tests.helpers.rosters import write

COUNTY = str(ROOT / "examples" / "county.csv")


@pytest.fixture(scope="module")
def plan():
    return kongchuo_cli.plan(COUNTY)


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("suffix", ["csv", "tsv", "json", "xlsx"])
def test_the_output_of_plan_reads_back(tmp_path, plan, suffix, lang):
    output = FORMATTERS["tsv" if suffix == "tsv" else suffix](plan.report(lang), lang)
    path = tmp_path / f"plan.{suffix}"
    if isinstance(output, bytes):
        path.write_bytes(output)
    else:
        path.write_text(output, "utf-8-sig" if suffix in ("csv", "tsv") else "utf-8")
    records = plan.records("en")
    indicators = {record["indicator"] for record in records}
    expected = {}
    for record in records:  # a child back at school counts for every indicator: each unit's largest share
        if not record["is_total"]:
            expected[record["unit"]] = max(expected.get(record["unit"], 0), record["share"])
    quotas = read_quotas(str(path))
    assert quotas.by_unit == expected and len(expected) == 12  # the twelve townships; no 合计
    assert [notice.code for notice in quotas.notices] == (["plan_file_largest"] if len(indicators) > 1 else [])


def test_a_county_table_of_claims(tmp_path):
    path = write(tmp_path / "认领.csv", [["乡镇劝返任务认领表"], ["乡镇", "认领人数", "备注"], ["甲镇", "4", ""],
                                         ["乙镇", "2", "已认领"], ["丙乡", "", ""], ["合计", "6", ""]])
    assert read_quotas(path).by_unit == {"甲镇": 4, "乙镇": 2, "丙乡": 0}  # a blank claim is none


def test_a_quota_that_is_no_count(tmp_path):
    path = write(tmp_path / "认领.csv", [["乡镇", "认领人数"], ["甲镇", "四"], ["乙镇", "-2"]])
    assert problems_of(lambda: read_quotas(path)) == [
        f"{path}, row 2, column B (认领人数): '四' is not a number; enter a count.",
        f"{path}, row 3, column B (认领人数): '-2' is negative; a count cannot be below 0."]


def test_a_table_without_quotas(tmp_path):
    path = write(tmp_path / "x.csv", [["乡镇", "人数"], ["甲镇", "4"]])
    assert problems_of(lambda: read_quotas(path)) == [
        f"{path}: the plan has no unit column and quota column (such as 单位 and 分配劝返人数 or 认领人数)."]
