"""The thresholds file: YAML → one `Line` per indicator, read exactly, every error named with its YAML line."""

from __future__ import annotations

import re
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

import yaml

from kongchuo_cli.indicators import BY_ID, DEFAULT_FORMULA, FORMULAS
from kongchuo_cli.messages import KongchuoError, Message, Where
from kongchuo_cli.read import decode, read_bytes
from kongchuo_cli.rules import Rule, RuleError, parse_rule

BUILT_IN = "built-in"
DEFAULT_FILE = "thresholds.yaml"
TOP_KEYS = ("version", "name", "indicators")
LINE_KEYS = ("target", "warn", "formula", "source")


@dataclass(frozen=True)
class Line:
    """What the thresholds say of one indicator."""

    target: Rule | None = None
    warn: Rule | None = None
    formula: str = DEFAULT_FORMULA
    source: str | None = None


@dataclass(frozen=True)
class Thresholds:
    name: str | None
    origin: str  # the file's path, or BUILT_IN
    lines: dict[str, Line]

    def line(self, indicator_id: str) -> Line:
        return self.lines.get(indicator_id, Line())


def resolve(path: str | None) -> tuple[str, str]:
    """(YAML text, origin): the given file, else ./thresholds.yaml, else the national defaults in the package."""
    if path is None:
        if not Path(DEFAULT_FILE).is_file():
            return resources.files("kongchuo_cli").joinpath("data", DEFAULT_FILE).read_text("utf-8"), BUILT_IN
        path = DEFAULT_FILE
    data = read_bytes(path)
    return decode(data, path)[0], path  # UTF-8 (with or without BOM) or GBK, as for the tables


def load(path: str | None = None) -> Thresholds:
    text, origin = resolve(path)
    return parse(text, origin)


def parse(text: str, origin: str) -> Thresholds:
    """Read thresholds YAML (safe loader, node by node to keep line numbers); KongchuoError lists every problem."""
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = mark.line + 1 if mark else None
        bad_line = text.splitlines()[line - 1] if line and line <= len(text.splitlines()) else ""
        quote_hint = re.search(r":\s*>", bad_line) is not None
        problem = getattr(error, "problem", None) or str(error)
        raise KongchuoError([_syntax_message(origin, line, problem, quote_hint)]) from None
    return _Reader(origin).read(root)


def _syntax_message(origin: str, line: int | None, problem: str, quote_hint: bool) -> Message:
    hint = Message("thresholds_quote_hint") if quote_hint else ""
    return Message("thresholds_syntax", {"problem": problem, "hint": hint}, Where(origin, line=line))


MERGE_TAG = "tag:yaml.org,2002:merge"


def _merged(node: yaml.MappingNode) -> list[tuple[yaml.Node, yaml.Node]]:
    """A mapping's pairs with YAML merge keys (`<<: *base`) resolved: keys written here win."""
    own = [(key, value) for key, value in node.value if key.tag != MERGE_TAG]
    written = {key.value for key, _ in own}
    inherited = []
    for key, value in node.value:
        if key.tag == MERGE_TAG:
            for source in value.value if isinstance(value, yaml.SequenceNode) else [value]:
                if isinstance(source, yaml.MappingNode):
                    inherited.extend(pair for pair in _merged(source) if pair[0].value not in written)
    return inherited + own


class _Reader:
    def __init__(self, origin: str) -> None:
        self.origin = origin
        self.problems: list[Message] = []

    def problem(self, node: yaml.Node, code: str, **params: object) -> None:
        self.problems.append(Message(code, params, Where(self.origin, line=node.start_mark.line + 1)))

    def mapping(self, node: yaml.Node | None, what: str, allowed: tuple[str, ...] | None) -> dict:
        """{key: (key node, value node)} of a mapping node, reporting non-mappings, duplicates and unknown keys."""
        if node is None or (isinstance(node, yaml.ScalarNode) and node.value == ""):
            return {}
        if not isinstance(node, yaml.MappingNode):
            self.problem(node, "thresholds_not_mapping", what=what)
            return {}
        entries: dict[str, tuple[yaml.Node, yaml.Node]] = {}
        for key_node, value_node in _merged(node):
            key = str(key_node.value)
            if key in entries:
                self.problem(key_node, "thresholds_duplicate_key", key=key)
            elif allowed is not None and key not in allowed:
                self.problem(key_node, "thresholds_unknown_key", key=key, allowed=", ".join(allowed))
            else:
                entries[key] = (key_node, value_node)
        return entries

    def text(self, entries: dict, key: str) -> str | None:
        if key not in entries:
            return None
        node = entries[key][1]
        if not isinstance(node, yaml.ScalarNode):
            self.problem(node, "thresholds_not_text", key=key)
            return None
        return node.value

    def read(self, root: yaml.Node | None) -> Thresholds:
        top = self.mapping(root, "the thresholds file", TOP_KEYS) if root is not None else {}
        version = self.text(top, "version")
        if version is not None and version.strip() != "1":
            self.problem(top["version"][1], "thresholds_version", value=version)
        lines = {}
        for indicator_id, (key_node, value_node) in self.mapping(top.get("indicators", (None, None))[1], "indicators",
                                                                  None).items():
            if indicator_id not in BY_ID:
                self.problem(key_node, "thresholds_unknown_indicator", key=indicator_id, allowed=", ".join(BY_ID))
                continue
            lines[indicator_id] = self.line(indicator_id, value_node)
        if not self.problems and not any(line.target for line in lines.values()):
            self.problems.append(Message("thresholds_no_target", {}, Where(self.origin, line=1)))
        if self.problems:
            raise KongchuoError(sorted(self.problems, key=lambda problem: problem.where.line))
        return Thresholds(self.text(top, "name"), self.origin, lines)

    def rule(self, entries: dict, key: str, indicator_id: str) -> Rule | None:
        written = self.text(entries, key)
        if written is None:
            return None
        try:
            return parse_rule(written, BY_ID[indicator_id])
        except RuleError as error:
            self.problem(entries[key][1], error.code, **error.params)
            return None

    def line(self, indicator_id: str, node: yaml.Node) -> Line:
        entries = self.mapping(node, indicator_id, LINE_KEYS)
        target = self.rule(entries, "target", indicator_id)
        warn = self.rule(entries, "warn", indicator_id)
        if "warn" in entries and "target" not in entries:
            self.problem(entries["warn"][0], "warn_without_target")
        elif target and warn and not warn.is_within(target):
            self.problem(entries["warn"][1], "warn_looser", warn=warn.text, target=target.text)
        formula = self.text(entries, "formula")
        if formula is not None and indicator_id != "consolidation_9y":
            self.problem(entries["formula"][0], "formula_not_here")
        elif formula is not None and formula not in FORMULAS:
            self.problem(entries["formula"][1], "formula_unknown", value=formula, allowed=", ".join(FORMULAS))
        valid_formula = formula if formula in FORMULAS else DEFAULT_FORMULA
        return Line(target, warn, valid_formula, self.text(entries, "source"))
