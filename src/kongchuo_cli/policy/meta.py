"""briefing.yaml (`--meta`): the 通报's header fields (发文机关, 文号, 标题, 主送, 成文日期, 抄送, 印发), the text of its
工作要求 and its fonts. Read as a thresholds file is (a size cap, the safe loader, every problem named with its line);
only text or lists of text are taken, so no alias or nesting can make it large. A field not given stays empty:
nothing is invented but the defaults the 公文 rules name (a title, the usual 主送, the fonts)."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

import yaml

from kongchuo_cli.policy.thresholds import NodeReader, compose, yaml_text
from kongchuo_cli.problems import KongchuoError, capped
from kongchuo_cli.read.cells import parse_date

MAX_FILE_BYTES = 100_000  # a briefing.yaml of every field and a page of requirements is a few KB


@dataclass(frozen=True)
class Fonts:
    """Font names by use (GB/T 9704: title 小标宋, body 仿宋, headings 黑体 then 楷体, page numbers 宋体)."""

    title: str = "方正小标宋简体"
    body: str = "仿宋_GB2312"
    heading: str = "黑体"
    subheading: str = "楷体_GB2312"
    page_number: str = "宋体"


# The font names a machine without the first one is likely to have, for Word's substitution and CSS's lists.
FALLBACKS = {"方正小标宋简体": ("方正小标宋_GBK", "华文中宋", "宋体"), "仿宋_GB2312": ("仿宋", "FangSong", "STFangsong"),
             "楷体_GB2312": ("楷体", "KaiTi", "STKaiti"), "黑体": ("SimHei", "STHeiti"), "宋体": ("SimSun", "STSong")}


@dataclass(frozen=True)
class Meta:
    issuer: str | None = None  # 发文机关 (署名)
    mark: str | None = None  # 发文机关标志 (the red masthead); the issuer's name when not given
    number: str | None = None  # 发文字号
    title: str | None = None
    recipients: str | None = None  # 主送机关
    date: datetime.date | None = None  # 成文日期
    copies: tuple[str, ...] = ()  # 抄送机关
    printer: str | None = None  # 印发机关
    printed_on: datetime.date | None = None  # 印发日期
    requirements: tuple[str, ...] = ()  # 工作要求, a paragraph each
    fonts: Fonts = field(default_factory=Fonts)
    path: str | None = None


# key → (Chinese key, English key); either may be written
TEXTS = {"issuer": ("发文机关", "issuer"), "mark": ("发文机关标志", "mark"), "number": ("文号", "number"),
         "title": ("标题", "title"), "recipients": ("主送", "recipients"), "printer": ("印发机关", "printer")}
DATES = {"date": ("成文日期", "date"), "printed_on": ("印发日期", "printed_on")}
LISTS = {"copies": ("抄送", "copies"), "requirements": ("工作要求", "requirements")}
FONTS = {"title": ("标题", "title"), "body": ("正文", "body"), "heading": ("一级标题", "heading"),
         "subheading": ("二级标题", "subheading"), "page_number": ("页码", "page_number")}
FONTS_KEY = ("字体", "fonts")
TOP_KEYS = tuple(name for names in (*TEXTS.values(), *DATES.values(), *LISTS.values(), FONTS_KEY) for name in names)


def load(path: str | None) -> Meta:
    """The fields of `path` (None: the defaults); KongchuoError lists every problem with its line."""
    if path is None:
        return Meta()
    text = yaml_text(path, MAX_FILE_BYTES, "meta_too_large")
    return _Reader(path).read(compose(text, path, "meta_too_deep"))


class _Reader(NodeReader):
    def read(self, root: yaml.Node | None) -> Meta:
        top = self.mapping(root, "briefing.yaml", TOP_KEYS) if root is not None else {}
        values: dict[str, object] = {}
        for key, names in TEXTS.items():
            values[key] = self.one(top, names, self.words)
        for key, names in DATES.items():
            values[key] = self.one(top, names, self.day)
        for key, names in LISTS.items():
            values[key] = self.one(top, names, self.paragraphs) or ()
        fonts = self.one(top, FONTS_KEY, lambda node, key: self.mapping(node, key, tuple(
            name for names in FONTS.values() for name in names)))
        chosen = {key: self.one(fonts or {}, names, self.words) for key, names in FONTS.items()}
        if self.problems:
            raise KongchuoError(capped(sorted(self.problems, key=lambda problem: problem.where.line)))
        return Meta(**values, fonts=Fonts(**{key: name for key, name in chosen.items() if name}), path=self.origin)

    def one(self, entries: dict, names: tuple[str, str], read):
        """The value under the Chinese or the English key (both: a problem), read by `read`."""
        given = [name for name in names if name in entries]
        if len(given) > 1:
            self.problem(entries[given[1]][0], "thresholds_duplicate_key", key=given[1])
        return read(entries[given[0]][1], given[0]) if given else None

    def words(self, node: yaml.Node, key: str) -> str | None:
        """Text on one line (YAML's own line breaks folded away); empty is not given."""
        if not isinstance(node, yaml.ScalarNode):
            self.problem(node, "thresholds_not_text", key=key)
            return None
        return _joined(node.value) or None

    def day(self, node: yaml.Node, key: str) -> datetime.date | None:
        written = self.words(node, key)
        if written is None:
            return None
        found = parse_date(written)
        if found is None:
            self.problem(node, "meta_bad_date", key=key, value=written)
        return found

    def paragraphs(self, node: yaml.Node, key: str) -> tuple[str, ...]:
        """A list of texts (a paragraph each), or one text."""
        if isinstance(node, yaml.SequenceNode):
            return tuple(text for item in node.value if (text := self.words(item, key)))
        text = self.words(node, key)
        return (text,) if text else ()


def _joined(text: str) -> str:
    """A text on one line: the lines of a block joined as the language joins words (a space between two Latin
    words, none in Chinese), runs of spaces within a line made one."""
    joined = ""
    for line in (" ".join(line.split()) for line in text.splitlines()):
        if line:
            joined += " " + line if joined and joined[-1].isascii() and line[0].isascii() else line
    return joined
