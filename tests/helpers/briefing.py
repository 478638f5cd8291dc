"""The example county with a ledger of its own townships: the three made-up months of tests/helpers/monthly.py, 甲镇
renamed 城关镇 and 乙镇 石桥镇 (two townships of examples/county.csv), written as CSV; and a briefing.yaml."""

from pathlib import Path

from tests.helpers import ROOT, monthly
from tests.helpers.rosters import write

COUNTY = str(ROOT / "examples" / "county.csv")
TOWNSHIPS = {"甲镇": "城关镇", "乙镇": "石桥镇"}
META = """发文机关: 示例县教育局
文号: 示教督〔2024〕12号
成文日期: 2024年12月2日
抄送:
  - 县人民政府督导室
  - 县财政局
印发机关: 示例县教育局办公室
工作要求:
  - 各乡镇要对照排名查找差距，逐人落实劝返责任。
  - 对超过 30 天未劝返的学生，12 月 15 日前完成入户走访。
"""


def renamed(rows):
    return [[TOWNSHIPS.get(cell, cell) for cell in row] for row in rows]


def ledgers(folder: Path) -> list[str]:
    """September, October and November, in that order."""
    return [write(folder / f"{name}.csv", renamed(rows)) for name, rows in
            (("台账-9月", monthly.SEPTEMBER), ("台账-10月", monthly.OCTOBER), ("台账-11月", monthly.NOVEMBER))]


def meta(folder: Path) -> str:
    path = folder / "briefing.yaml"
    path.write_text(META, encoding="utf-8")
    return str(path)
