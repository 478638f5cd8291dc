"""Bounded work on any input: a thresholds file built to explode (YAML aliases, merge keys, nesting, digits, size),
a workbook built to explode (a cell at XFD1048576, a zip bomb, repeated cells), special files (a FIFO with no
writer, /dev/zero) and floods of problems all end quickly with exit 2 (or a capped list) and the reason.

The bombs run in a child process with a time limit: a regression must fail the test, not hang or kill pytest."""

import io
import os
import re
import subprocess
import sys
import zipfile

import openpyxl
import pytest

from kongchuo_cli.read import workbook
from tests.helpers.check import CONSOLIDATION

COUNTY = [CONSOLIDATION, ["甲镇", "100", "95"], ["乙镇", "200", "194"]]
LIMIT = 30  # seconds: each case below takes well under 3 on this project's 2-core CI machine


def kongchuo(tmp_path, *args, stdin=subprocess.DEVNULL):
    return subprocess.run([sys.executable, "-m", "kongchuo_cli", *args, "--lang", "en"], cwd=tmp_path,
                          stdin=stdin, capture_output=True, text=True, timeout=LIMIT)


# ---- thresholds files -------------------------------------------------------------------------------------------

def laughs() -> str:
    """Billion laughs: 9^12 strings from a few hundred bytes of aliases."""
    text, previous = 'version: 1\nindicators:\n  a0: &a0 ["x","x","x","x","x","x","x","x","x"]\n', "a0"
    for level in range(1, 12):
        text += f"  a{level}: &a{level} [{', '.join([f'*{previous}'] * 9)}]\n"
        previous = f"a{level}"
    return text


def merges() -> str:
    """Merge keys doubling at each level: 2^24 merges."""
    text = 'version: 1\nindicators:\n  consolidation_9y: &m0 {target: ">= 96%"}\n'
    for level in range(1, 25):
        text += f"  m{level}: &m{level}\n    <<: [*m{level - 1}, *m{level - 1}]\n    k{level}: 1\n"
    return text


THRESHOLDS = {
    "aliases": (laughs(), r"laughs.yaml, line 4: unknown indicator 'a1'"),
    "merge keys": (merges(), r"merges.yaml, line 4: unknown indicator 'm1'"),
    "nesting": ("version: 1\nindicators: " + "[" * 60_000 + "]" * 60_000 + "\n", "nests brackets thousands deep"),
    "5,000 digits": ('version: 1\nindicators:\n  consolidation_9y:\n    target: ">= ' + "9" * 5000 + '%"\n',
                     r"line 4: '>= 9{21}…' is not a line"),
    "10 MB": ("version: 1\n# " + "x" * 10_000_000 + "\n", "the thresholds file is over 200 KB"),
    "mapping of 10^5 keys": ("version: 1\nindicators: {" + ", ".join(f"k{i}: 1" for i in range(100_000)) + "}\n",
                             "the thresholds file is over 200 KB"),
}


@pytest.mark.parametrize("case", THRESHOLDS)
def test_thresholds_bombs(tmp_path, write_table, case):
    content, expected = THRESHOLDS[case]
    name = {"aliases": "laughs.yaml", "merge keys": "merges.yaml"}.get(case, "lines.yaml")
    (tmp_path / name).write_text(content, encoding="utf-8")
    result = kongchuo(tmp_path, "check", write_table(COUNTY), "-t", name)
    assert result.returncode == 2, result.stderr[-500:]
    assert re.search(expected, result.stderr), result.stderr[:1000]
    assert len(result.stderr) < 20_000


def test_thresholds_from_a_device(tmp_path, write_table):
    result = kongchuo(tmp_path, "check", write_table(COUNTY), "-t", "/dev/zero")
    assert result.returncode == 2 and "/dev/zero: the thresholds file is over 200 KB" in result.stderr


def test_a_name_that_is_no_text(tmp_path, write_table):
    (tmp_path / "lines.yaml").write_text("version: 1\nname: [县, 标准]\n", encoding="utf-8")
    result = kongchuo(tmp_path, "check", write_table(COUNTY), "-t", "lines.yaml")
    assert result.returncode == 2 and "lines.yaml, line 2" in result.stderr, result.stderr


def test_thousands_of_unknown_keys_are_capped(tmp_path, write_table):
    (tmp_path / "lines.yaml").write_text(
        "version: 1\nindicators:\n" + "".join(f'  u{i}: {{target: ">= 1%"}}\n' for i in range(1000)), "utf-8")
    result = kongchuo(tmp_path, "check", write_table(COUNTY), "-t", "lines.yaml")
    lines = result.stderr.splitlines()
    assert result.returncode == 2 and len(lines) == 51, lines[-3:]  # 50 and one counting the rest
    assert lines[-1] == "... and 950 more errors; -v lists more of them."
    verbose = kongchuo(tmp_path, "check", write_table(COUNTY), "-t", "lines.yaml", "-v").stderr.splitlines()
    assert len(verbose) == 201 and verbose[-1] == "... and 800 more errors not listed."  # the 200 kept


# ---- workbooks --------------------------------------------------------------------------------------------------

def workbook_bytes(edit=None, member="xl/worksheets/sheet1.xml") -> bytes:
    """The two-township table as .xlsx, its sheet's XML passed through `edit`."""
    book = openpyxl.Workbook()
    for row in COUNTY:
        book.active.append([int(value) if value.isdigit() else value for value in row])
    buffer = io.BytesIO()
    book.save(buffer)
    if edit is None:
        return buffer.getvalue()
    source, out = zipfile.ZipFile(buffer), io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            data = source.read(item.filename)
            target.writestr(item, edit(data) if item.filename == member else data)
    return out.getvalue()


def far_cell(reference: str, quote='"', element="c"):
    def edit(xml: bytes) -> bytes:
        row = re.sub(r"\D", "", reference)
        cell = f'<row r="{row}"><{element} s="0" r={quote}{reference}{quote} t="n"><v>1</v></{element}></row>'
        return xml.replace(b"</sheetData>", cell.encode() + b"</sheetData>")
    return edit


@pytest.mark.parametrize("reference, quote, element, size", [
    ("XFD1048576", '"', "c", "1048576 rows × 16384 columns"),  # the last cell of a sheet
    ("XFD1", '"', "c", None), ("ZZ1048576", "'", "c", "1048576 rows × 702 columns"),  # single quotes
    ("AAA50000", '"', "x:c", "50000 rows × 703 columns"),  # a prefixed element
    ("A9999999", '"', "c", "9999999 rows × 3 columns"),  # below a sheet's last row
])
def test_a_cell_far_away(tmp_path, reference, quote, element, size):
    """A 5 KB file with a cell at the far corner: calamine would lay out the whole block between (17 billion
    cells; the process aborts, out of memory)."""
    (tmp_path / "far.xlsx").write_bytes(workbook_bytes(far_cell(reference, quote, element)))
    result = kongchuo(tmp_path, "check", "far.xlsx")
    if size is None:  # one row of 16,384 columns is big, not a bomb: read (and its stray cell ignored)
        assert result.returncode in (0, 1), result.stderr
        return
    assert result.returncode == 2, result.stderr[-300:]
    assert "far.xlsx: the sheet 'Sheet' declares" in result.stderr and size in result.stderr, result.stderr


def test_a_wide_honest_sheet_is_read(tmp_path):
    """Forty columns, some of them two letters: the slow count runs and lets it through."""
    book = openpyxl.Workbook()
    book.active.append([*CONSOLIDATION, *(f"备注{i}" for i in range(40))])
    book.active.append(["甲镇", 100, 95, *([""] * 40)])
    book.save(tmp_path / "wide.xlsx")
    result = kongchuo(tmp_path, "check", "wide.xlsx", "-f", "csv")
    assert result.returncode == 1 and "甲镇,false,consolidation_9y" in result.stdout, result.stderr


def test_a_zip_bomb(tmp_path):
    """60 MB of spaces packed into 60 KB: refused before it is unpacked."""
    bomb = workbook_bytes(lambda xml: xml.replace(b"</sheetData>", b" " * 60_000_000 + b"</sheetData>"))
    assert len(bomb) < 200_000
    (tmp_path / "bomb.xlsx").write_bytes(bomb)
    result = kongchuo(tmp_path, "check", "bomb.xlsx")
    assert result.returncode == 2 and "bomb.xlsx: the workbook would unpack to about 0.1 GB" in result.stderr


def test_a_workbook_declaring_gigabytes(tmp_path, monkeypatch):
    """The total of every part, whatever each one's ratio (the limit lowered to see it without gigabytes)."""
    from kongchuo_cli.read.summary import load_file
    from tests.helpers import problems_of

    (tmp_path / "big.xlsx").write_bytes(workbook_bytes())
    monkeypatch.setattr(workbook, "MAX_UNPACKED", 1000)
    assert problems_of(lambda: load_file(str(tmp_path / "big.xlsx"))) == [
        f"{tmp_path / 'big.xlsx'}: the workbook would unpack to about 0.0 GB, far beyond a real report (it may be "
        "built to harm): not read."]


def test_an_ods_of_repeated_cells(tmp_path):
    """LibreOffice's repetition attributes: one cell said to repeat 16,000 times on a million rows."""
    content = ('<?xml version="1.0" encoding="UTF-8"?><office:document-content '
               'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
               'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
               'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"><office:body><office:spreadsheet>'
               '<table:table table:name="Sheet1"><table:table-row table:number-rows-repeated="1000000">'
               '<table:table-cell table:number-columns-repeated="16000" office:value-type="float" office:value="1">'
               '<text:p>1</text:p></table:table-cell></table:table-row></table:table>'
               '</office:spreadsheet></office:body></office:document-content>')
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        archive.writestr("content.xml", content, zipfile.ZIP_DEFLATED)
    (tmp_path / "repeated.ods").write_bytes(buffer.getvalue())
    result = kongchuo(tmp_path, "check", "repeated.ods")
    assert result.returncode == 2 and result.stderr.startswith("Error: repeated.ods: "), result.stderr


# ---- special files and long cells ----------------------------------------------------------------------------

def test_a_fifo_nobody_writes_to(tmp_path):
    os.mkfifo(tmp_path / "pipe.csv")
    result = kongchuo(tmp_path, "check", "pipe.csv")
    assert result.returncode == 2 and result.stderr == "Error: pipe.csv: the file is empty.\n"


def test_dev_zero(tmp_path):
    result = kongchuo(tmp_path, "check", "/dev/zero")
    assert result.returncode == 2 and result.stderr == "Error: /dev/zero: nothing but zero bytes: not a table.\n"


def test_standard_input_of_zeros(tmp_path):
    with open("/dev/zero", "rb") as zeros:
        result = kongchuo(tmp_path, "check", "-", stdin=zeros)
    assert result.returncode == 2 and "nothing but zero bytes" in result.stderr


def test_process_substitution_is_read(tmp_path, write_table):
    path = write_table(COUNTY)
    result = subprocess.run(["bash", "-c", f"{sys.executable} -m kongchuo_cli check <(cat {path}) -f csv --lang en"],
                            cwd=tmp_path, capture_output=True, text=True, timeout=LIMIT)
    assert result.returncode == 0, result.stderr
    assert "Total,true,consolidation_9y,nine-year consolidation rate,289,300" in result.stdout


@pytest.mark.parametrize("quoted", [False, True])
def test_a_one_megabyte_cell_is_called_too_long(tmp_path, write_table, quoted):
    cell = "9" * 1_000_000
    (tmp_path / "long.csv").write_text(
        f"{','.join(CONSOLIDATION)}\n甲镇,100,{chr(34) + cell + chr(34) if quoted else cell}\n", "utf-8")
    result = kongchuo(tmp_path, "check", "long.csv")
    assert result.returncode == 2
    assert result.stderr.startswith("Error: long.csv, row 2: a cell of this row is longer than 131072 characters")


def test_an_unclosed_quote_is_called_so(tmp_path):
    (tmp_path / "quote.csv").write_text(
        f"{','.join(CONSOLIDATION)}\n甲镇,\"100,95\n乙镇,200,194\n丙镇,300,290\n", "utf-8")
    result = kongchuo(tmp_path, "check", "quote.csv")
    assert result.returncode == 2 and "quote.csv, row 2: a quotation mark" in result.stderr, result.stderr


# ---- floods -----------------------------------------------------------------------------------------------------

def test_a_hundred_thousand_unknown_columns(tmp_path):
    header = [*CONSOLIDATION, *(f"列{i}" for i in range(100_000))]
    (tmp_path / "wide.csv").write_text(f"{','.join(header)}\n甲镇,100,95{',' * 100_000}\n", "utf-8")
    result = kongchuo(tmp_path, "check", "wide.csv")
    assert result.returncode == 1 and len(result.stderr) < 10_000, result.stderr[-500:]
    assert "99980 more columns not recognised, ignored." in result.stderr, result.stderr[-1000:]


def test_twenty_thousand_bad_cells(tmp_path):
    rows = [",".join(CONSOLIDATION), *(f"镇{i},abc,95" for i in range(20_000))]
    (tmp_path / "bad.csv").write_text("\n".join(rows) + "\n", "utf-8")
    result = kongchuo(tmp_path, "check", "bad.csv")
    lines = result.stderr.splitlines()
    assert result.returncode == 2 and len(lines) == 51
    assert lines[0] == "Error: bad.csv, row 2, column B (一年级入学人数): 'abc' is not a number; enter a count."
    assert lines[-1] == "... and 19950 more errors; -v lists more of them."
