"""`kongchuo briefing`: the 通报 as a Word file (GB/T 9704: A4, the margins, fonts named for East Asian text on every
run, a ranking table in rank order with shared ranks, a chart per indicator failed anywhere), as a self-contained
web page (no reference outside it, a chart per indicator as SVG whose labels are text) and as Markdown (the same
tables); its numbers are check's and monthly's; no name or ID outside the masked list."""

import io
import json
import re
import stat
import zipfile

import docx  # kongchuo[briefing], installed by .[test]
import pytest
from docx.oxml.ns import qn

from tests.helpers import briefing as example
from tests.helpers.monthly import SECRETS

COUNTY = example.COUNTY
# The example county's indicators failed somewhere (check's table): consolidation (the county, 93.3 %), primary net
# enrolment (the county, 99.90 %), primary and junior dropouts (西河镇 1.20 %, 石桥镇…; 西河镇 2.39 %…), 三类 disabled
# enrolment (the county, 96.6 %), poverty-family dropouts (the county, 8) and junior age enrolment (白沙镇 93.67 %)
FAILING = ["九年义务教育巩固率", "小学适龄儿童入学率", "小学辍学率", "初中辍学率", "三类残疾儿童少年入学率", "脱贫家庭失学辍学人数",
           "初中阶段适龄少年入学率"]
# 九年巩固率 by hand, adjusted: N ÷ (E + TI − TO − DE − SU). 新华镇 527/535 = 98.50 %; 北山乡 636/656 and 桃园乡
# 954/984 are equal exactly (636 × 984 = 954 × 656 = 625,824): both 2nd, then 南岭乡 623/648 4th; 柳林镇 646/695 =
# 92.950 %, 白沙镇 368/396 = 92.929 %, 黄土岭乡 394/424 = 92.925 % all round to 92.9 % but differ: two decimals
# tell them apart. Needs: ⌈0.96 D⌉ − N, e.g. 城关镇 ⌈0.96 × 1870⌉ − 1690 = 106.
CONSOLIDATION = [("1", "新华镇", "98.5%", "≥ 96%", "0"), ("2", "北山乡", "97.0%", "≥ 96%", "0"),
                 ("2", "桃园乡", "97.0%", "≥ 96%", "0"), ("4", "南岭乡", "96.1%", "≥ 96%", "0"),
                 ("5", "西河镇", "94.4%", "≥ 96%", "6"), ("6", "柳林镇", "92.95%", "≥ 96%", "22"),
                 ("7", "白沙镇", "92.93%", "≥ 96%", "13"), ("8", "黄土岭乡", "92.92%", "≥ 96%", "14"),
                 ("9", "青龙乡", "91.7%", "≥ 96%", "24"), ("10", "东坪镇", "90.6%", "≥ 96%", "40"),
                 ("11", "城关镇", "90.4%", "≥ 96%", "106"), ("12", "石桥镇", "89.2%", "≥ 96%", "37"),
                 ("—", "全县", "93.3%", "≥ 96%", "228")]


@pytest.fixture
def ledgers(tmp_path):
    return example.ledgers(tmp_path)


def tables(document):
    return [[tuple(cell.text for cell in row.cells) for row in table.rows] for table in document.tables]


def test_the_word_file(run, tmp_path, ledgers):
    meta = example.meta(tmp_path)
    result = run("briefing", COUNTY, "--ledgers", *ledgers, "--meta", meta, "-o", "通报.docx")
    assert result.exit_code == 0, result.stderr
    assert result.stderr.splitlines()[-1] == "已写入 通报.docx（7 项指标排名）"
    document = docx.Document(str(tmp_path / "通报.docx"))
    texts = [paragraph.text for paragraph in document.paragraphs]
    # the masthead, its number, the title (the month of the last ledger), the sections in order
    assert texts[:5] == ["示例县教育局", "", "示教督〔2024〕12号", "", "关于2024年11月全县控辍保学工作情况的通报"]
    headings = [text for text in texts if re.match(r"^[一二三四五六七八九十]+、", text)]
    assert headings == ["一、总体情况", "二、各乡镇排名", "三、本月进展", "四、存在问题", "五、工作要求"]
    assert [text for text in texts if re.match(r"^（[一二三四五六七]）", text)] == [
        f"（{'一二三四五六七'[number]}）{name}（标准 {rule}）" for number, (name, rule) in enumerate(zip(FAILING, (
            "≥ 96%", "≥ 100%", "≤ 1%", "≤ 2%", "≥ 97%", "= 0", "≥ 95%")))]
    assert "示例县教育局" in texts and "2024年12月2日" in texts  # the signature and the date
    assert "抄送：县人民政府督导室，县财政局。" in texts
    # 印发机关 at the left, the date at a right tab stop (a real tab, not a visible escape)
    assert "示例县教育局办公室\t2024年12月2日印发" in texts
    assert ["附件1", "附件2", "附件3"] == [text for text in texts if re.fullmatch(r"附件\d", text)]
    found = tables(document)
    assert found[1] == [("名次", "乡镇", "比率", "标准", "需劝返"), *CONSOLIDATION]
    # a picture per indicator failed anywhere
    assert len(document.inline_shapes) == len(FAILING) == 7
    # A4, the margins of GB/T 9704, 22 lines a page (28.95 pt), page numbers 「— N —」 at the outer corners
    for section in document.sections[:1]:
        assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)  # Word keeps twips
        assert [round(margin.mm) for margin in (section.top_margin, section.bottom_margin, section.left_margin,
                                                section.right_margin)] == [37, 35, 28, 26]
        footers = [section.footer.paragraphs[0], section.even_page_footer.paragraphs[0]]
        shown = ["".join(text.text for text in paragraph._p.iter(qn("w:t"))) for paragraph in footers]
        assert shown == ["— 1 —", "— 1 —"] and [paragraph.alignment for paragraph in footers] == [2, 0]
        assert 'w:instr=" PAGE "' in footers[0]._p.xml
    assert document.styles["Normal"].paragraph_format.line_spacing.pt == 28.95
    assert document.settings.odd_and_even_pages_header_footer


def test_every_run_names_its_east_asian_font(run, tmp_path, ledgers):
    run("briefing", COUNTY, "--ledger", ledgers[2], "--previous", ledgers[1], "-o", "通报.docx")
    parts = zipfile.ZipFile(tmp_path / "通报.docx")
    names = [name for name in parts.namelist() if re.fullmatch(r"word/(document|footer\d*)\.xml", name)]
    runs = [found for name in names for found in re.findall(r"<w:r>.*?</w:r>|<w:r .*?</w:r>",
                                                             parts.read(name).decode())]
    assert len(runs) > 500
    fonts = {re.search(r'w:eastAsia="([^"]+)"', found).group(1) if "w:eastAsia" in found else None for found in runs
             if "<w:t" in found}
    # GB/T 9704: title 小标宋, body 仿宋, headings 黑体 then 楷体, page numbers 宋体; and nothing without one
    assert fonts == {"方正小标宋简体", "仿宋_GB2312", "黑体", "楷体_GB2312", "宋体"}
    table = parts.read("word/fontTable.xml").decode()
    assert '<w:font w:name="仿宋_GB2312"><w:altName w:val="仿宋,FangSong,STFangsong"/><w:charset w:val="86"/>' in table


def test_fonts_from_meta(run, tmp_path):
    (tmp_path / "b.yaml").write_text("字体:\n  正文: 仿宋\n  标题: 宋体\n", encoding="utf-8")
    run("briefing", COUNTY, "--meta", "b.yaml", "-o", "通报.docx")
    body = zipfile.ZipFile(tmp_path / "通报.docx").read("word/document.xml").decode()
    assert 'w:eastAsia="仿宋"' in body and 'w:eastAsia="宋体"' in body and "仿宋_GB2312" not in body


def test_the_web_page_is_self_contained_with_its_charts_as_text(run, tmp_path, ledgers):
    result = run("briefing", COUNTY, "--ledgers", *ledgers, "-o", "通报.html")
    assert result.exit_code == 0, result.stderr
    page = (tmp_path / "通报.html").read_text("utf-8")
    assert "http" not in page and "//" not in page and "<script" not in page and "src=" not in page
    assert set(re.findall(r"url\((.)", page)) == {"#"}  # the charts' own clip paths, nothing outside
    charts = re.findall(r"<svg.*?</svg>", page, flags=re.S)
    assert len(charts) == 7
    labels = re.findall(r"<text[^>]*>([^<]*)</text>", charts[0])
    # the townships in rank order and their rates, written as text
    assert [label for label in labels if label.endswith(("镇", "乡"))] == [row[1] for row in CONSOLIDATION[:-1]]
    assert "98.5%" in labels and "标准 ≥ 96%" in labels
    assert "<caption>" not in page or "</caption>" in page
    assert "@page { size: A4; margin: 37mm 26mm 35mm 28mm; }" in page


def test_markdown_has_the_same_tables(run, tmp_path, ledgers):
    run("briefing", COUNTY, "--ledgers", *ledgers, "-o", "通报.docx")
    markdown = run("briefing", COUNTY, "--ledgers", *ledgers).stdout  # markdown without -o
    word = tables(docx.Document(str(tmp_path / "通报.docx")))
    written = []
    for block in re.findall(r"(?:^\|.*\|\n)+", markdown, flags=re.M):
        rows = [line.strip("|").split(" | ") for line in block.strip().splitlines()]
        written.append([tuple(re.sub(r"\\(.)", r"\1", cell.strip().removeprefix("**").removesuffix("**"))
                              for cell in row) for row in rows[:1] + rows[2:]])
    assert written == word


def test_the_numbers_are_checks_and_monthlys(run, ledgers):
    checked = json.loads(run("check", COUNTY, "-f", "json").stdout)["results"]
    ranked = json.loads(run("briefing", COUNTY, "-f", "json").stdout)["rankings"]
    by_key = {(record["unit"], record["indicator"]): record for record in checked}
    assert len(ranked) == 12 * 7
    for record in ranked:
        same = by_key[record["unit"], record["indicator"]]
        assert [record[key] for key in ("numerator", "denominator", "rate", "status", "returns_needed")] == [
            same[key] for key in ("numerator", "denominator", "rate", "status", "returns_needed")]
    months = json.loads(run("monthly", *ledgers, "-f", "json").stdout)["units"]
    last = [record for record in months if record["period"] == "2024-11-30"]
    markdown = run("briefing", COUNTY, "--ledgers", *ledgers).stdout
    progress = markdown[markdown.index("## 三、本月进展"):markdown.index("## 四、存在问题")]
    rows = [line.strip("|").split(" | ") for line in progress.splitlines() if line.startswith("| ")][2:]
    keys = ("opening", "new", "returned", "closed_other", "vanished", "closing", "returned_to_date")
    assert [[cell.strip().removeprefix("**").removesuffix("**") for cell in row] for row in rows] == [
        [record["unit"] if not record["is_total"] else "全县", *(str(record[key]) for key in keys)] for record in last]
    # by hand (tests/helpers/monthly.py): 城关镇 (甲镇) opens November with 孙三 and 周五, 孙三 returns: 2, 0, 1, 0, 0,
    # 1, and 钱二, 褚十, 孙三 returned since September: 3; 石桥镇 (乙镇) 吴六, 郑七, 陈九; 陈九 超龄, 卫十一 new: 3, 1, 0, 1, 0, 3, 0
    assert rows[0][1:] == [" 2", "0", "1", "0", "0", "1", "3 "] or [cell.strip() for cell in rows[0][1:]] == [
        "2", "0", "1", "0", "0", "1", "3"]
    assert [cell.strip() for cell in rows[1][1:]] == ["3", "1", "0", "1", "0", "3", "0"]


def test_problems_are_sentences_with_their_numbers(run, ledgers):
    markdown = run("briefing", COUNTY, "--ledgers", *ledgers).stdout
    problems = markdown[markdown.index("## 四、存在问题"):].split("## ", 2)[1]
    assert "7. 初中阶段适龄少年入学率（标准 ≥ 95%）：1 个乡镇未达标：白沙镇 93.67%（需劝返 10 人）。" in problems
    assert "6. 脱贫家庭失学辍学人数（标准 = 0）：全县 8 人；6 个乡镇未达标：南岭乡 1 人、北山乡 1 人、石桥镇 1 人、白沙镇 1 人、" \
           "柳林镇 2 人、新华镇 2 人。" in problems
    # November (30 Nov): 郑七 last visited 25 Oct (36 days), 卫十一 registered 12 Nov, never visited (18 days): one
    # stale case beyond 30 days… and 吴六, registered 5 Sep with no visit: two in 石桥镇
    assert "8. 超过 30 天未劝返的在册学生 2 人：石桥镇 2 人。" in problems
    assert "10. 数据问题 2 处（同一学生多行 1 处、无故消失 1 处），见附件3。" in problems


def test_no_name_or_id_unless_revealed(run, tmp_path, ledgers):
    for name in ("通报.docx", "通报.html", "通报.md"):
        result = run("briefing", COUNTY, "--ledgers", *ledgers, "-o", name, "-v")
        data = (tmp_path / name).read_bytes()
        shown = "".join(zipfile.ZipFile(io.BytesIO(data)).read(part).decode("utf-8", "replace") for part in
                        zipfile.ZipFile(io.BytesIO(data)).namelist()) if name.endswith(".docx") else data.decode()
        shown += result.stdout + result.stderr
        assert [secret for secret in SECRETS if secret in shown] == [], name
        assert stat.S_IMODE((tmp_path / name).stat().st_mode) == 0o600  # the masked list is still the children's
    revealed = run("briefing", COUNTY, "--ledgers", *ledgers, "--reveal").stdout
    listed = revealed[revealed.index("## 附件2"):revealed.index("## 附件3")]
    assert "周五" in listed and "周五" not in revealed.replace(listed, "")  # in the list, and only there


def test_one_ledger_gives_the_list_of_returns(run, ledgers):
    markdown = run("briefing", COUNTY, "--ledger", ledgers[2]).stdout
    assert "三、本月进展" not in markdown and "## 附件2　未复学学生名册" in markdown
    # November: 周五, 吴六, 郑七 劝返中; 卫十一 未劝返 (孙三 已复学, 陈九 closed but 未劝返 in its status column)
    assert "台账中仍失学 5 人（未劝返 2 人，劝返中 3 人）（名单见附件2）。" in markdown


def test_a_chart_no_font_can_draw_is_left_out_and_said(run, tmp_path, monkeypatch):
    from kongchuo_cli.output import chart

    monkeypatch.setattr(chart, "_candidates", lambda: ())
    result = run("briefing", COUNTY, "-o", "通报.docx")
    assert result.exit_code == 0
    assert "没有含「" in result.stderr and "的图未画出（以免画成方框）" in result.stderr
    document = docx.Document(str(tmp_path / "通报.docx"))
    assert len(document.inline_shapes) == 0
    assert "（九年义务教育巩固率：本机没有能显示全部标签的中文字体，图未画出，数值见上表。）" in [
        paragraph.text for paragraph in document.paragraphs]


@pytest.mark.parametrize("args, said", [
    (["--previous", "a.csv"], "--previous（上期台账）要与 --ledger（本期台账）一起用。"),
    (["--plan", "p.csv"], "--plan（劝返任务）要有两期以上台账"),
    (["--ledgers", "a.csv", "--ledger", "b.csv"], "--ledgers 与 --ledger/--previous 只能二选一。"),
    (["-o", "通报.xlsx"], "这个命令不写 xlsx；可以写：docx、html、markdown、json。"),
])
def test_usage(run, args, said):
    result = run("briefing", COUNTY, *args)
    assert result.exit_code == 2 and said in result.stderr


def test_a_bad_meta_file_is_located(run, tmp_path):
    (tmp_path / "b.yaml").write_text("发文机关: 甲\n标题: [未闭合\n", encoding="utf-8")
    result = run("briefing", COUNTY, "--meta", "b.yaml", "-o", "通报.docx")
    assert result.exit_code == 2 and result.stderr.startswith("错误：b.yaml 第 3 行")
    assert not (tmp_path / "通报.docx").exists()


def test_other_commands_write_no_document(run):
    result = run("check", COUNTY, "-o", "x.docx")
    assert result.exit_code == 2
    assert "这个命令不写 docx；可以写：table、csv、tsv、json、markdown、xlsx。" in result.stderr


def test_progress_against_the_plan(run, ledgers):
    assert run("plan", COUNTY, "-o", "任务.xlsx").exit_code == 0
    markdown = run("briefing", COUNTY, "--ledgers", *ledgers, "--plan", "任务.xlsx").stdout
    progress = markdown[markdown.index("## 三、本月进展"):markdown.index("## 四、存在问题")]
    rows = {cells[0].strip("* "): [cell.strip("* ") for cell in cells[1:]] for cells in (
        line.strip("|").split(" | ") for line in progress.splitlines() if line.startswith("| "))}
    # plan's shares of the 228 (a township's quota: its largest share, here always consolidation's): 城关镇 73 of
    # 180 lost → 73; the twelve add up to 228. 城关镇 returned 3 since September: 3 / 73 = 4.1 %; the county 3 / 228
    # = 1.3 %
    assert rows["城关镇"][-3:] == ["3", "73", "4.1%"] and rows["石桥镇"][-3:] == ["0", "24", "0.0%"]
    assert rows["全县"][-3:] == ["3", "228", "1.3%"]
    assert "按劝返任务（任务.xlsx），全县任务 228 人，累计复学 3 人，完成 1.3%。" in progress
