"""The floor of `kongchuo check examples/county.csv`: the imports it cannot do without (click for the command
line, yaml for the thresholds) and the reading it does — the CSV parsed into whole numbers with the csv module, and
the thresholds file of the folder parsed — with no indicator, judgement or table.

    python benchmarks/baselines/county_floor.py TABLE.csv THRESHOLDS.yaml
"""

import csv
import sys

import click  # noqa: F401
import yaml

with open(sys.argv[1], encoding="utf-8-sig", newline="") as file:
    rows = list(csv.reader(file))
counts = [[int(cell) for cell in row[1:] if cell.isdigit()] for row in rows[2:]]  # the title, the header, the units
with open(sys.argv[2], encoding="utf-8") as file:
    lines = yaml.safe_load(file)
