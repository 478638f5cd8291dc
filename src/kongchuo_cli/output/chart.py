"""Bar charts (document.Bars) drawn by matplotlib: an SVG with its text left as text, for a web page, and a PNG for
a Word document. Chinese labels need a font that has their glyphs, on a fresh machine and on Windows alike: the
OFL-licensed Noto Sans SC of the `kongchuo[briefing]` extra (pylopdf-fonts-zh-cn) first, then the CJK fonts a
machine commonly has. Every glyph of every label is looked up in the font before anything is drawn; when no font
has them all, the chart is left out and `Drawing.said` says why — a chart of empty boxes is never drawn.

matplotlib is imported here only, when a chart is drawn: no other command pays for it."""

from __future__ import annotations

import io
import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

from kongchuo_cli.output.document import Bars
from kongchuo_cli.problems import Message

PACKAGED_FONT = ("pylopdf_fonts_zh_cn", "NotoSansSC-Regular.otf")
# Fonts with Chinese glyphs a machine may have (Windows, macOS, Linux), tried in this order after the packaged one.
SYSTEM_FONTS = ("Microsoft YaHei", "DengXian", "SimHei", "PingFang SC", "Hiragino Sans GB", "Noto Sans CJK SC",
                "Noto Sans SC", "Source Han Sans SC", "Source Han Sans CN", "WenQuanYi Micro Hei",
                "WenQuanYi Zen Hei", "Droid Sans Fallback", "SimSun", "Noto Serif CJK SC")
# How a web page names the font (the browser draws the SVG's text with the first it has).
CSS_FONTS = "'Noto Sans SC', 'Noto Sans CJK SC', 'Source Han Sans SC', 'Microsoft YaHei', 'PingFang SC', " \
            "'SimHei', sans-serif"
FAILING, PASSING, LINE = "#C00000", "#8EA9C1", "#000000"  # failing bars red; the others a grey-blue that prints grey
WIDTH_CM, DPI = 15.6, 150  # the text width of a GB/T 9704 page
BAR_CM, MARGIN_CM, MAX_HEIGHT_CM = 0.55, 1.0, 20.0  # a bar a township; a chart never taller than a page's text
CM = 1 / 2.54


@dataclass
class Drawing:
    """Charts drawn for one document with one font, found once; `said` gathers what could not be drawn."""

    said: list[Message] = field(default_factory=list)
    _font: str | None = None  # the matplotlib family name of the font found
    _count: int = 0

    def svg(self, bars: Bars) -> str | None:
        """The chart as an <svg> element to place in HTML: no XML prologue, no namespace or metadata URLs, text as
        text in the page's CSS fonts; None when it cannot be drawn."""
        drawn = self._draw(bars, "svg")
        if drawn is None:
            return None
        text = drawn.decode("utf-8")
        text = text[text.index("<svg"):]
        text = re.sub(r"\s*<metadata>.*?</metadata>", "", text, flags=re.S)
        text = re.sub(r'\s+xmlns(:xlink)?="[^"]*"', "", text)
        return re.sub(r"font-family: [^;\"]*", f"font-family: {CSS_FONTS}", text)

    def png(self, bars: Bars) -> bytes | None:
        return self._draw(bars, "png")

    def _draw(self, bars: Bars, kind: str) -> bytes | None:
        family = self._family(bars)
        if family is None:
            return None
        import matplotlib

        self._count += 1
        settings = {"svg.fonttype": "none", "svg.hashsalt": f"kongchuo-{self._count}", "font.family": [family],
                    "axes.unicode_minus": False}
        with matplotlib.rc_context(settings):
            figure = _figure(bars)
            buffer = io.BytesIO()
            figure.savefig(buffer, format=kind, dpi=DPI, metadata={"Date": None} if kind == "svg" else None)
        return buffer.getvalue()

    def _family(self, bars: Bars) -> str | None:
        """The font for every chart of the document: the first that has every glyph of this chart's text."""
        try:
            import matplotlib  # noqa: F401
        except ImportError:
            self._tell(Message("chart_no_matplotlib"))
            return None
        needed = set("".join((*bars.labels, *bars.shown, bars.line_label, bars.axis_label, "0123456789.%"))) - {" "}
        if self._font is not None and _has(self._font, needed):
            return self._font
        candidates = _candidates()
        family = next((name for name in candidates if _has(name, needed)), None)
        if family is None:  # the glyphs the preferred font lacks (all Chinese ones when there is no font at all)
            missing = needed - _glyphs(candidates[0]) if candidates else {c for c in needed if not c.isascii()}
            self._tell(Message("chart_no_font", {"title": bars.title, "missing": "".join(sorted(missing))}))
            return None
        self._font = family
        return family

    def _tell(self, message: Message) -> None:
        if message not in self.said:
            self.said.append(message)


@lru_cache(maxsize=1)
def _candidates() -> tuple[str, ...]:
    """Font family names, the packaged one first (registered with matplotlib when installed), then those of the
    system fonts matplotlib finds."""
    from matplotlib import font_manager

    try:
        packaged = resources.files(PACKAGED_FONT[0]).joinpath(PACKAGED_FONT[1])
    except ModuleNotFoundError:
        packaged = None
    found = []
    if packaged is not None and packaged.is_file():
        font_manager.fontManager.addfont(str(packaged))
        found.append(font_manager.FontProperties(fname=str(packaged)).get_name())
    present = {entry.name for entry in font_manager.fontManager.ttflist}
    return (*found, *(name for name in SYSTEM_FONTS if name in present))


@lru_cache(maxsize=32)
def _glyphs(family: str) -> frozenset[str]:
    """The characters a font has glyphs for (its character map), read once."""
    from matplotlib import font_manager

    path = font_manager.findfont(font_manager.FontProperties(family=family), fallback_to_default=False)
    return frozenset(map(chr, font_manager.get_font(path).get_charmap()))


def _has(family: str, needed: set[str]) -> bool:
    return needed <= _glyphs(family)


def _figure(bars: Bars):
    """Horizontal bars in rank order, the first at the top as in the ranking table: a county's 10–30 township names
    stay level and readable, the values in a column at the right, the line drawn across the bars."""
    from matplotlib.figure import Figure

    from kongchuo_cli.output.text import width_of

    count = len(bars.values)
    height = min(MAX_HEIGHT_CM, 2 * MARGIN_CM + BAR_CM * count)
    figure = Figure(figsize=(WIDTH_CM * CM, height * CM))
    # fixed margins, measured from the labels: a layout engine would measure every label again (a second a chart
    # with a CJK font); a display column of 9 pt text is about 4.5 pt wide; the values (92.95%, 100.0% (12/12)) the right 16 %
    longest = max(map(width_of, bars.labels), default=0)
    left = min(0.4, (longest * 4.5 + 14) / (WIDTH_CM * CM * 72))
    figure.subplots_adjust(left=left, right=0.84, top=1 - MARGIN_CM / height, bottom=MARGIN_CM / height)
    axes = figure.add_subplot()
    positions = range(count)
    axes.barh(positions, bars.values, height=0.62, color=[FAILING if bad else PASSING for bad in bars.failing],
              zorder=2)
    axes.set_yticks(list(positions), bars.labels, fontsize=9)
    axes.set_ylim(count - 0.5, -0.5)  # rank 1 at the top
    top = max([*bars.values, bars.line or 0, 0]) or 1
    axes.set_xlim(0, top * 1.04)  # from zero
    for position, shown in enumerate(bars.shown):  # a column of values right of the axes: the line crosses none
        axes.annotate(shown, (1, position), xycoords=("axes fraction", "data"), xytext=(4, 0),
                      textcoords="offset points", ha="left", va="center", fontsize=8)
    if bars.line is not None:
        axes.axvline(bars.line, color=LINE, linestyle=(0, (5, 3)), linewidth=1, zorder=3)
        axes.annotate(bars.line_label, (bars.line, 1), xycoords=("data", "axes fraction"), xytext=(0, 3),
                      textcoords="offset points", ha="center", va="bottom", fontsize=8)
    if bars.axis_label:
        axes.set_xlabel(bars.axis_label, fontsize=9)
    axes.tick_params(axis="x", labelsize=8)
    axes.tick_params(axis="y", length=0)
    axes.grid(axis="x", color="#D9D9D9", linewidth=0.5, zorder=0)
    for side in ("top", "right"):
        axes.spines[side].set_visible(False)
    return figure
