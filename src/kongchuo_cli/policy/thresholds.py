"""The thresholds file: YAML → one `Line` per indicator, read exactly, every error named with its YAML line."""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from importlib import resources
from pathlib import Path

import yaml

from kongchuo_cli.i18n import listing
from kongchuo_cli.indicators.definitions import (
    BY_ID,
    DEFAULT_FORMULA,
    SETTING_BY_KEY,
    SETTINGS,
    matching,
    naming_problem,
)
from kongchuo_cli.policy.rules import Rule, RuleError, parse_rule
from kongchuo_cli.problems import KongchuoError, Message, Where, capped, fail
from kongchuo_cli.read.cells import echoed
from kongchuo_cli.read.grid import decode, read_head
from kongchuo_cli.read.vocabulary import normalize_header

BUILT_IN = "built-in"
DEFAULT_FILE = "thresholds.yaml"
DEFAULT_PROFILE = "national-2025"
MAX_FILE_BYTES = 200_000  # a thresholds file of every indicator, group and comment is a few KB
TOP_KEYS = ("version", "name", "extends", "indicators", "groups")
GROUP_KEYS = ("name", "when", "extends", "indicators")
UNIT_KEYS = frozenset({"unit", "单位"})  # `when: {unit: 某镇}` names a unit
LINE_KEYS = ("target", "warn", *SETTING_BY_KEY, "source")


@dataclass(frozen=True)
class Line:
    """What the thresholds say of one indicator."""

    target: Rule | None = None
    warn: Rule | None = None
    formula: str = DEFAULT_FORMULA  # the settings (indicators.SETTINGS), each used by its own indicators only
    definition: str = "dictionary"
    suspended: str = ""
    source: str | None = None

    def settings(self) -> dict[str, str]:
        return {setting.key: getattr(self, setting.key) for setting in SETTINGS}


@dataclass(frozen=True)
class UnitLines:
    """Lines for some units only: those whose columns hold the `when` values (城乡: 农村), or named units."""

    name: str
    when: tuple[tuple[str, str], ...]  # (normalised column header, value)
    lines: dict[str, Line]
    position: int  # YAML line

    def matches(self, label: str, groups: dict[str, str]) -> bool:
        """`unit:` names a unit exactly as results label it (甲镇/中心小学 on a school-level sheet); any other key is a
        column, the label column included (学校: 中心小学 is every school of that name)."""
        return all(label == value if column in UNIT_KEYS else groups.get(column) == value
                   for column, value in self.when)


@dataclass(frozen=True)
class Thresholds:
    name: str | None
    origin: str  # the file's path, BUILT_IN (the default profile), or "built-in:NAME" (--profile NAME)
    lines: dict[str, Line]
    base: Thresholds | None = None  # the profile this file extends
    positions: dict[str, int] = field(default_factory=dict)  # indicator → its entry's YAML line (for lint)
    warnings: list[Message] = field(default_factory=list)  # lines that are legal but likely mistaken
    groups: tuple[UnitLines, ...] = ()  # lines for kinds of unit; the first that matches a unit applies

    def line(self, indicator_id: str) -> Line:
        return self.lines.get(indicator_id, Line())

    @property
    def path(self) -> str | None:
        """The file the lines were read from; None for a built-in profile."""
        return None if self.origin.startswith(BUILT_IN) else self.origin

    def group_for(self, label: str, groups: dict[str, str]) -> UnitLines | None:
        return next((group for group in self.groups if group.matches(label, groups)), None)


def profiles() -> list[str]:
    """The built-in profiles' names, the default first."""
    names = sorted(entry.name[:-5] for entry in resources.files("kongchuo_cli.policy").joinpath("profiles").iterdir()
                   if entry.name.endswith(".yaml"))
    return sorted(names, key=lambda name: name != DEFAULT_PROFILE)


def profile_text(name: str) -> str:
    return resources.files("kongchuo_cli.policy").joinpath("profiles", f"{name}.yaml").read_text("utf-8")


def load_profile(name: str) -> Thresholds:
    if name not in profiles():
        raise fail("profile_unknown", profile=name, profiles=listing(profiles()))
    return parse(profile_text(name), BUILT_IN if name == DEFAULT_PROFILE else f"{BUILT_IN}:{name}")


def file_for(path: str | None = None, profile: str | None = None) -> str | None:
    """The thresholds file `load` reads: the given one, else ./thresholds.yaml unless a profile is named; None
    when the lines are a built-in profile's."""
    if path is not None or profile is not None:
        return path
    return DEFAULT_FILE if Path(DEFAULT_FILE).is_file() else None


def load(path: str | None = None, profile: str | None = None) -> Thresholds:
    """The given file, else a built-in profile by name, else ./thresholds.yaml, else the default profile."""
    if path is not None and profile is not None:
        raise fail("usage_thresholds_and_profile")
    path = file_for(path, profile)
    if path is None:
        return load_profile(profile or DEFAULT_PROFILE)
    return parse(yaml_text(path, MAX_FILE_BYTES, "thresholds_too_large"), path)


def yaml_text(path: str, limit: int, too_large: str) -> str:
    """A YAML file's text: at most `limit` bytes, whatever the file (/dev/zero, a 10 MB file), else `too_large`;
    UTF-8 (with or without BOM) or GBK, as for the tables."""
    data = read_head(path, limit + 1)
    if len(data) > limit:
        raise fail(too_large, Where(path), size=limit // 1000)
    return decode(data, path)[0]


def parse(text: str, origin: str) -> Thresholds:
    """Read thresholds YAML (safe loader, node by node to keep line numbers); KongchuoError lists every problem."""
    return _Reader(origin).read(compose(text, origin, "thresholds_too_deep"))


def compose(text: str, origin: str, too_deep: str) -> yaml.Node | None:
    """YAML text as nodes (safe loader; each node knows its line); a syntax error is one located message that says
    what to do, thousands of nested brackets are `too_deep`."""
    try:
        return yaml.compose(text, Loader=yaml.SafeLoader)
    except RecursionError:  # thousands of nested brackets: no such file is written so
        raise fail(too_deep, Where(origin)) from None
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = mark.line + 1 if mark else None
        bad_line = text.splitlines()[line - 1] if line and line <= len(text.splitlines()) else ""
        quote_hint = re.search(r":\s*>", bad_line) is not None
        problem = getattr(error, "problem", None) or str(error)
        where = Where(origin, line=line, character=mark.column + 1 if mark else None)
        raise KongchuoError([_syntax_message(where, problem, quote_hint)]) from None


# PyYAML's problems (English only), by what they start with, as a message a person can act on
YAML_PROBLEMS = (
    ("mapping values are not allowed", "yaml_colon"), ("could not find expected ':'", "yaml_no_colon"),
    ("found character '\\t'", "yaml_tab"), ("found a tab", "yaml_tab"), ("expected <block end>", "yaml_indent"),
    ("did not find expected key", "yaml_indent"), ("did not find expected '-'", "yaml_list"),
    ("found unexpected end of stream", "yaml_quote"), ("found undefined alias", "yaml_alias"),
    ("expected ',' or", "yaml_brackets"), ("found unknown escape", "yaml_escape"),
    ("expected chomping or indentation", "yaml_block"), ("found character", "yaml_character"),
)


def _syntax_message(where: Where, problem: str, quote_hint: bool) -> Message:
    hint = Message("thresholds_quote_hint") if quote_hint else ""
    code = next((code for start, code in YAML_PROBLEMS if problem.startswith(start)), "yaml_other")
    return Message("thresholds_syntax", {"problem": Message(code, {"problem": problem}), "hint": hint}, where)


MERGE_TAG = "tag:yaml.org,2002:merge"


def _merged(node: yaml.MappingNode, done: dict[int, list] | None = None) -> list[tuple[yaml.Node, yaml.Node]]:
    """A mapping's pairs with YAML merge keys (`<<: *base`) resolved: keys written here win, then the first source
    that has a key. Each mapping is resolved once and each key kept once, so that aliases merged into aliases
    (a "billion laughs" file of a few hundred bytes) cost no more than the mappings they name."""
    done = {} if done is None else done
    if id(node) in done:
        return done[id(node)]
    done[id(node)] = []  # a mapping merged into itself adds nothing
    own = [(key, value) for key, value in node.value if key.tag != MERGE_TAG]
    seen = {key.value for key, _ in own}
    inherited = []
    for key, value in node.value:
        if key.tag == MERGE_TAG:
            for source in value.value if isinstance(value, yaml.SequenceNode) else [value]:
                if isinstance(source, yaml.MappingNode):
                    for pair in _merged(source, done):
                        if pair[0].value not in seen:
                            seen.add(pair[0].value)
                            inherited.append(pair)
    done[id(node)] = inherited + own
    return done[id(node)]


class NodeReader:
    """Reads YAML nodes against what a file may hold, gathering every problem with its line."""

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
                self.problem(key_node, "thresholds_unknown_key", key=key, allowed=listing(allowed))
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


class _Reader(NodeReader):
    def __init__(self, origin: str) -> None:
        super().__init__(origin)
        self.warnings: list[Message] = []
        self.positions: dict[str, int] = {}

    def indicators(self, node: yaml.Node | None) -> list[tuple[str, yaml.Node, yaml.Node]]:
        """(id, key node, value node) of each entry of an `indicators:` mapping, keyed by id or by name (九年义务教育巩固率,
        九年巩固率); a name that means no indicator, or several, or one given twice, is a problem."""
        found: dict[str, tuple[str, yaml.Node, yaml.Node]] = {}
        for name, (key_node, value_node) in self.mapping(node, "indicators", None).items():
            candidates = matching(name)
            problem = naming_problem(name, candidates)
            if problem is not None:
                self.problem(key_node, problem.code, **problem.params)
            elif candidates[0].id in found:
                self.problem(key_node, "indicator_twice", name=name, other=found[candidates[0].id][0])
            else:
                found[candidates[0].id] = (name, key_node, value_node)
        return [(indicator_id, key_node, value_node) for indicator_id, (_, key_node, value_node) in found.items()]

    def read(self, root: yaml.Node | None) -> Thresholds:
        top = self.mapping(root, "the thresholds file", TOP_KEYS) if root is not None else {}
        version = self.text(top, "version")
        if version is not None and version.strip() != "1":
            self.problem(top["version"][1], "thresholds_version", value=version)
        base = self.base(top)
        lines = dict(base.lines) if base else {}
        for indicator_id, key_node, value_node in self.indicators(top.get("indicators", (None, None))[1]):
            lines[indicator_id] = self.line(indicator_id, value_node, lines.get(indicator_id, Line()))
            self.positions[indicator_id] = key_node.start_mark.line + 1
        if not self.problems and not any(line.target for line in lines.values()):
            self.problems.append(Message("thresholds_no_target", {}, Where(self.origin, line=1)))
        groups = self.groups(top.get("groups", (None, None))[1], lines) if "groups" in top else ()
        name = self.text(top, "name") or (base.name if base else None)  # a list or a mapping is a problem too
        if self.problems:
            raise KongchuoError(capped(sorted(self.problems, key=lambda problem: problem.where.line)))
        return Thresholds(name, self.origin, lines, base, self.positions, self.warnings, groups)

    def groups(self, node: yaml.Node, own: dict[str, Line]) -> tuple[UnitLines, ...]:
        """`groups:` a list of {name, when, extends, indicators}: lines over the file's own (or a profile's)."""
        if not isinstance(node, yaml.SequenceNode):
            self.problem(node, "thresholds_not_list", what="groups")
            return ()
        found = []
        for item in node.value:
            entries = self.mapping(item, "groups", GROUP_KEYS)
            when = self.mapping(entries["when"][1], "when", None) if "when" in entries else {}
            if not when:
                self.problem(item, "group_without_when")
                continue
            pairs = tuple((normalize_header(column), self.text(when, column) or "") for column in when)
            base = self.base(entries)
            lines = {**own, **(base.lines if base else {})}  # a group's profile replaces only the lines it has
            indicators = self.indicators(entries["indicators"][1]) if "indicators" in entries else []
            for indicator_id, _, value_node in indicators:
                line = self.line(indicator_id, value_node, lines.get(indicator_id, Line()))
                if line.settings() != lines.get(indicator_id, Line()).settings():
                    self.problem(value_node, "group_setting")
                lines[indicator_id] = line
            # one way of computing for every unit, or the total would add up ratios of different kinds
            lines = {key: replace(line, **own.get(key, Line()).settings()) for key, line in lines.items()}
            name = self.text(entries, "name") or "，".join(f"{column}={value}" for column, value in pairs)
            found.append(UnitLines(name, pairs, lines, item.start_mark.line + 1))
        return tuple(found)

    def base(self, top: dict) -> Thresholds | None:
        """The built-in profile named by `extends`, if any."""
        name = self.text(top, "extends")
        if name is None:
            return None
        if name not in profiles():
            self.problem(top["extends"][1], "profile_unknown", profile=name, profiles=listing(profiles()))
            return None
        return load_profile(name)

    def rule(self, entries: dict, key: str, indicator_id: str) -> Rule | None:
        written = self.text(entries, key)
        if written is None:
            return None
        try:
            return parse_rule(written, BY_ID[indicator_id])
        except RuleError as error:  # the line as written, cut short (a line of 5,000 digits is quoted in part)
            self.problem(entries[key][1], error.code, **{name: echoed(str(value)) for name, value in
                                                         error.params.items()})
            return None

    def line(self, indicator_id: str, node: yaml.Node, inherited: Line) -> Line:
        """An indicator's entry over what it inherits key by key; a changed target does not keep the inherited
        source (it would credit a document with a line it does not set)."""
        entries = self.mapping(node, indicator_id, LINE_KEYS)
        target = self.rule(entries, "target", indicator_id) if "target" in entries else inherited.target
        warn = self.rule(entries, "warn", indicator_id) if "warn" in entries else inherited.warn
        if "warn" in entries and target is None and "target" not in entries:
            self.problem(entries["warn"][0], "warn_without_target")
        elif target and warn and not warn.is_within(target):
            where = entries["warn"][1] if "warn" in entries else entries["target"][1]
            self.problem(where, "warn_looser", warn=warn.text, target=target.text)
        settings = self.settings(entries, indicator_id, inherited)
        if target and warn and target.is_within(warn) and "warn" in entries:  # the same line twice
            self.warnings.append(Message("lint_warn_never", {"warn": warn.text, "target": target.text},
                                         Where(self.origin, line=entries["warn"][1].start_mark.line + 1)))
        if "target" in entries and target and inherited.target and not target.is_within(inherited.target):
            self.warnings.append(Message("lint_looser", {"target": target.text, "base": inherited.target.text},
                                         Where(self.origin, line=entries["target"][1].start_mark.line + 1)))
        source = self.text(entries, "source")
        if source is None and (target == inherited.target or "target" not in entries):
            source = inherited.source  # a line written again unchanged keeps its source
        return Line(target, warn, source=source, **settings)

    def settings(self, entries: dict, indicator_id: str, inherited: Line) -> dict[str, str]:
        """The line's settings (formula, definition, suspended): written ones checked, the rest inherited."""
        chosen = inherited.settings()
        for setting in SETTINGS:
            value = self.text(entries, setting.key)
            if value is None:
                continue
            if indicator_id not in setting.indicators:
                self.problem(entries[setting.key][0], "setting_not_here", key=setting.key,
                             indicators=listing(setting.indicators))
            elif value not in setting.choices:
                self.problem(entries[setting.key][1], "setting_unknown", key=setting.key, value=value,
                             allowed=listing(setting.choices))
            else:
                chosen[setting.key] = value
        return chosen
