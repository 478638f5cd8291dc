"""A document (output/document.py) as one self-contained web page: no reference to anything outside it (no link,
no script, no web font, no image file); charts as inline SVG whose labels are text; laid out like the Word file on
screen and printed on A4 with the 公文 margins (the browser's print dialog). Every text is escaped."""

from __future__ import annotations

from html import escape

from kongchuo_cli.i18n import inert
from kongchuo_cli.output.chart import Drawing
from kongchuo_cli.output.document import Document, Figure, Heading, Paragraph, Table
from kongchuo_cli.policy.meta import FALLBACKS, Fonts

STYLE = """
@page { size: A4; margin: 37mm 26mm 35mm 28mm; }
body { margin: 0 auto; max-width: 156mm; padding: 12mm 0; font: 16pt/28.95pt %(body)s; color: #000; }
p { margin: 0; text-indent: 2em; }
p.plain, .figure p { text-indent: 0; }
p.later { text-indent: 0; padding-left: 5em; }
.mark { text-align: center; color: #f00; font: 36pt/1.4 %(title)s; }
.doc-number { text-align: center; text-indent: 0; border-bottom: 2px solid #f00; padding-bottom: 4mm; margin-bottom: 8mm; }
h1 { text-align: center; font: 22pt/1.5 %(title)s; margin: 0 0 28.95pt; }
h2 { font: 16pt/28.95pt %(heading)s; margin: 0; text-indent: 2em; }
h3 { font: 16pt/28.95pt %(subheading)s; margin: 0; text-indent: 2em; }
h2, h3 { break-after: avoid; page-break-after: avoid; }  /* a heading never alone at the foot of a page */
tr { break-inside: avoid; }
.attachment { break-before: page; page-break-before: always; }
.attachment-number { font: 16pt/28.95pt %(heading)s; text-indent: 0; }
table { border-collapse: collapse; margin: 6pt auto 14pt; font-size: 12pt; line-height: 1.35; width: 100%%; }
table.compact { font-size: 10.5pt; }
caption { font: 14pt/1.5 %(heading)s; padding-bottom: 4pt; }
th, td { border: 1px solid #000; padding: 2pt 4pt; vertical-align: middle; }
th { font-family: %(heading)s; font-weight: normal; text-align: center; }
td.number { text-align: right; white-space: nowrap; }
tr.bold td { font-family: %(heading)s; }
thead { display: table-header-group; }
.figure { text-align: center; margin: 0 0 10pt; break-inside: avoid; }
.figure svg { max-width: 100%%; height: auto; }
.figure p { font-size: 14pt; }
.signature { text-align: right; text-indent: 0; }
.record { margin-top: 28.95pt; font-size: 14pt; border-top: 1.3px solid #000; border-bottom: 1.3px solid #000; }
.record p { text-indent: 0; padding: 0 1em; }
.record p + p { border-top: 1px solid #000; }
.record .right { float: right; }
"""


def to_html(document: Document, drawing: Drawing) -> str:
    fonts = _families(document.fonts)
    parts = [f'<!DOCTYPE html>\n<html lang="{"zh-CN" if document.lang == "zh" else "en"}">\n<head>\n'
             f'<meta charset="utf-8">\n<title>{_text(document.title)}</title>\n<style>{STYLE % fonts}</style>\n'
             "</head>\n<body>\n"]
    if document.mark:
        parts.append(f'<div class="mark">{_text(document.mark)}</div>\n')
    if document.mark or document.number:
        parts.append(f'<p class="doc-number">{_text(document.number or "")}</p>\n')
    parts.append(f"<h1>{_text(document.title)}</h1>\n")
    if document.recipients:
        parts.append(f'<p class="plain">{_text(document.recipients)}</p>\n')
    parts += [_block(block, drawing) for block in document.body]
    if document.attachment_lines:
        parts.append('<p class="plain">&nbsp;</p>\n')
        parts += [f'<p{"" if number == 0 else " class=later"}>{_text(line)}</p>\n'
                  for number, line in enumerate(document.attachment_lines)]
    parts += [f'<p class="signature">{_text(text)}</p>\n' for text in (document.signature, document.date) if text]
    for attachment in document.attachments:
        parts.append(f'<section class="attachment">\n<p class="attachment-number">{_text(attachment.heading)}</p>\n'
                     f"<h1>{_text(attachment.title)}</h1>\n")
        parts += [_block(block, drawing, compact=True) for block in attachment.blocks]
        parts.append("</section>\n")
    record = []
    if document.copies:
        record.append(f"<p>{_text(document.copies)}</p>")
    if document.printed:
        record.append(f'<p>{_text(document.printed[0])}<span class="right">{_text(document.printed[1])}</span></p>')
    if record:
        parts.append(f'<div class="record">{"".join(record)}</div>\n')
    parts.append("</body>\n</html>\n")
    return "".join(parts)


def _block(block, drawing: Drawing, compact: bool = False) -> str:
    if isinstance(block, Heading):
        return f"<h{block.level + 1}>{_text(block.text)}</h{block.level + 1}>\n"
    if isinstance(block, Paragraph):
        return f'<p{"" if block.indent else " class=plain"}>{_text(block.text)}</p>\n'
    if isinstance(block, Table):
        return _table(block, compact and len(block.header) > 6)
    if isinstance(block, Figure):
        return _figure(block, drawing)
    raise TypeError(block)


def _table(table: Table, compact: bool) -> str:
    caption = f"<caption>{_text(table.caption)}</caption>" if table.caption else ""
    weights = table.widths or (1,) * len(table.header)
    columns = "".join(f'<col style="width: {100 * weight / sum(weights):.1f}%">' for weight in weights)
    head = "".join(f"<th>{_text(cell)}</th>" for cell in table.header)
    rows = "".join(f'<tr{" class=bold" if number in table.bold else ""}>' + "".join(
        f'<td{" class=number" if column in table.right else ""}>{_text(cell)}</td>' for column, cell in enumerate(cells))
        + "</tr>\n" for number, cells in enumerate(table.rows))
    return (f'<table{" class=compact" if compact else ""}>{caption}<colgroup>{columns}</colgroup>'
            f"<thead><tr>{head}</tr></thead>\n<tbody>\n{rows}</tbody></table>\n")


def _figure(figure: Figure, drawing: Drawing) -> str:
    svg = drawing.svg(figure.bars)
    shown = svg if svg is not None else f"<p>{_text(figure.left_out)}</p>"
    return f'<div class="figure">{shown}<p>{_text(figure.caption)}</p></div>\n'


def _families(fonts: Fonts) -> dict[str, str]:
    """Each use's CSS font list: the configured font, its common stand-ins, then the generic family."""
    generic = {"title": "serif", "body": "serif", "heading": "sans-serif", "subheading": "serif"}
    return {use: ", ".join([*(f"'{name}'" for name in (getattr(fonts, use), *FALLBACKS.get(getattr(fonts, use), ()))
                              if "'" not in name), family]) for use, family in generic.items()}


def _text(text: str) -> str:
    return escape(inert(text))
