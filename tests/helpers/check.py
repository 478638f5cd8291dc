"""What the tests of `kongchuo check` share: the two townships' CSV worked by hand, and readers of its JSON."""

import json

CONSOLIDATION = ["乡镇", "一年级入学人数", "毕业班在校生数"]


def check_json(run, *args):
    result = run("check", *map(str, args), "-f", "json", "--lang", "en")
    return result, json.loads(result.stdout) if result.stdout else None


def consolidation(document):
    """unit → (numerator, denominator, returns needed) of consolidation_9y, from a JSON document."""
    return {r["unit"]: (r["numerator"], r["denominator"], r["returns_needed"])
            for r in document["results"] if r["indicator"] == "consolidation_9y"}


def figures(result):
    """unit → (numerator, denominator, returns needed) of consolidation_9y, from a run with -f json."""
    return {r["unit"]: (r["numerator"], r["denominator"], r["returns_needed"])
            for r in json.loads(result.stdout)["results"] if r["indicator"] == "consolidation_9y"}


def totals(result):
    return [(r["unit"], r["numerator"], r["denominator"], r["returns_needed"])
            for r in json.loads(result.stdout)["results"] if r["is_total"]]


# The totals pass (0 to return) while 甲镇 needs 1 on its own: the note says why both can be true.
def results(result):
    return {r["unit"]: (r["target"], r["status"], r["returns_needed"]) for r in json.loads(result.stdout)["results"]}


CSV_EN = """\
unit,is_total,indicator,name,numerator,denominator,rate,target,status,returns_needed,formula,note
甲镇,false,consolidation_9y,nine-year consolidation rate,95,100,95.0000,>= 96%,fail,1,adjusted,
甲镇,false,dropout_junior,junior dropout rate,3,100,3.0000,<= 2%,fail,1,,
乙镇,false,consolidation_9y,nine-year consolidation rate,194,200,97.0000,>= 96%,pass,0,adjusted,
乙镇,false,dropout_junior,junior dropout rate,1,200,0.5000,<= 2%,pass,0,,
Total,true,consolidation_9y,nine-year consolidation rate,289,300,96.3333,>= 96%,pass,0,adjusted,\
"the sum meets the line (the units above it make up the others' shortfall), but 1 if each unit meets the line on its own."
Total,true,dropout_junior,junior dropout rate,4,300,1.3333,<= 2%,pass,0,,\
"the sum meets the line (the units above it make up the others' shortfall), but 1 if each unit meets the line on its own."
"""
