"""`check` as a JUnit XML report that GitLab and Jenkins render: a test case per gated unit × indicator."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ElementTree

from kongchuo_cli.indicators.definitions import percent
from kongchuo_cli.judge.evaluate import Judged
from kongchuo_cli.judge.gate import gated
from kongchuo_cli.model import FAIL, NA, WARN
from kongchuo_cli.output.values import RECORD_DECIMALS, unit_label
from kongchuo_cli.problems import Message


def to_junit(evaluation: Judged, lang: str, gate: str, strict: bool) -> bytes:
    """fail (and warn with --strict) → <failure>, n/a → <skipped>, with the rate, the line and the returns."""
    cases, failures, skipped = [], 0, 0
    for result in gated(evaluation.results, gate):
        case = ElementTree.Element("testcase", classname=unit_label(result, lang),
                                   name=f"{result.indicator.id} {result.indicator.term.render(lang)}")
        rate = (f"{percent(result.numerator, result.denominator, RECORD_DECIMALS)}%" if result.has_rate
                else str(result.numerator))
        target = result.line.target.text if result.line.target else "—"
        if result.status == FAIL or (strict and result.status == WARN):
            failures += 1
            if result.status == WARN:  # the target is met: name the warn line and the returns that reach it
                message = " ".join(note.render(lang) for note in result.notes)
            else:
                message = Message("junit_failure", {"rate": rate, "target": target,
                                                    "needed": result.returns_needed or 0}).render(lang)
            failure = ElementTree.SubElement(case, "failure", message=message, type=result.status)
            failure.text = _facts(rate=rate, target=target, returns_needed=result.returns_needed,
                                  numerator=result.numerator, denominator=result.denominator, formula=result.formula)
        elif result.status == NA:
            skipped += 1
            notes = " ".join(note.render(lang) for note in result.notes)
            ElementTree.SubElement(case, "skipped", message=notes)
        else:
            output = ElementTree.SubElement(case, "system-out")
            output.text = _facts(rate=rate, target=target, status=result.status)
        cases.append(case)
    counts = {"tests": str(len(cases)), "failures": str(failures), "errors": "0", "skipped": str(skipped)}
    suites = ElementTree.Element("testsuites", name="kongchuo", **counts)
    suite = ElementTree.SubElement(suites, "testsuite", name=f"kongchuo check ({evaluation.thresholds.origin})",
                                   **counts)
    suite.extend(cases)
    for element in suites.iter():  # XML 1.0 has no control characters (a label pasted from Word may carry one)
        element.attrib.update({key: _CONTROL.sub("", value) for key, value in element.attrib.items()})
        if element.text:
            element.text = _CONTROL.sub("", element.text)
    ElementTree.indent(suites)
    return ElementTree.tostring(suites, encoding="utf-8", xml_declaration=True) + b"\n"


_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f]")


def _facts(**facts: object) -> str:
    """"rate: 95.0000%; target: >= 96%; …" for a CI log: what is unknown is left out, never written as None."""
    return "; ".join(f"{key}: {value}" for key, value in facts.items() if value is not None)
