"""briefing.yaml (--meta): the 通报's header fields under Chinese or English keys, never invented; every problem
named with its line; bounded like a thresholds file (size, nesting, aliases)."""

import datetime

import pytest

from kongchuo_cli.policy.meta import Fonts, load
from tests.helpers import problems_of


def written(tmp_path, text, name="briefing.yaml"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return str(path)


def test_every_field_in_chinese(tmp_path):
    meta = load(written(tmp_path, "发文机关: 某县教育局\n文号: 某教督〔2026〕12号\n成文日期: 2026年12月2日\n"
                                  "抄送:\n  - 县督导室\n  - 县财政局\n印发机关: 某县教育局办公室\n印发日期: 2026-12-03\n"
                                  "工作要求:\n  - 对超过 30 天未劝返的学生，\n    逐人走访。\n  - Visit every child.\n"
                                  "字体:\n  正文: 仿宋\n"))
    assert (meta.issuer, meta.mark, meta.number, meta.title, meta.recipients) == (
        "某县教育局", None, "某教督〔2026〕12号", None, None)  # no title, no 主送: the view's defaults, no mark
    assert (meta.date, meta.printed_on) == (datetime.date(2026, 12, 2), datetime.date(2026, 12, 3))
    assert meta.copies == ("县督导室", "县财政局")
    # a paragraph folded over two lines by YAML keeps its own spaces and gains none between Chinese words
    assert meta.requirements == ("对超过 30 天未劝返的学生， 逐人走访。", "Visit every child.")
    assert meta.fonts == Fonts(body="仿宋")  # the others as GB/T 9704 names them


def test_english_keys_and_empty_fields(tmp_path):
    meta = load(written(tmp_path, "issuer: County bureau\nnumber:\ntitle: ''\nrequirements: One paragraph.\n"))
    assert (meta.issuer, meta.number, meta.title, meta.requirements) == ("County bureau", None, None,
                                                                         ("One paragraph.",))
    assert load(None).issuer is None and load(None).fonts == Fonts()


def test_every_problem_with_its_line(tmp_path):
    path = written(tmp_path, "发文机关: 甲\nissuer: 乙\n文号: [1, 2]\n成文日期: 十二月\n签发人: 丙\n字体:\n  正文体: 仿宋\n")
    assert problems_of(lambda: load(path), "zh") == [
        f"{path} 第 2 行：键「issuer」重复。",
        f"{path} 第 3 行：「文号」的值应为文字。",
        f"{path} 第 4 行：「成文日期」的日期「十二月」看不懂；请写成 2026年12月2日 或 2026-12-02。",
        f"{path} 第 5 行：未知的键「签发人」；可用的键：发文机关、issuer、发文机关标志、mark、文号、number、标题、title、主送、"
        "recipients、印发机关、printer、成文日期、date、印发日期、printed_on、抄送、copies、工作要求、requirements、字体、fonts。",
        f"{path} 第 7 行：未知的键「正文体」；可用的键：标题、title、正文、body、一级标题、heading、二级标题、subheading、页码、"
        "page_number。",
    ]


def test_syntax_errors_are_located(tmp_path):
    path = written(tmp_path, "发文机关: 甲\n标题: [未闭合\n")
    (problem,) = problems_of(lambda: load(path), "zh")
    assert problem.startswith(f"{path} 第 3 行") and "YAML 格式错误" in problem


@pytest.mark.parametrize("text, said", [
    ("工作要求: " + "[" * 5000 + "]" * 5000 + "\n", "嵌套了几千层括号"),
    ("抄送: |\n" + "  甲乙丙丁戊己庚辛壬癸\n" * 4000, "超过 100 KB"),
])
def test_bounded(tmp_path, text, said):
    (problem,) = problems_of(lambda: load(written(tmp_path, text)), "zh")
    assert said in problem


def test_aliases_cannot_make_it_large(tmp_path):
    # a "billion laughs": each level names the one before ten times; only text or lists of text are taken, so a
    # list of lists is refused at once, however many times it would repeat
    levels = ["a: &l0 笑"]
    for level in range(1, 9):
        levels.append(f"l{level}: &l{level} [" + ", ".join([f"*l{level - 1}"] * 10) + "]")
    path = written(tmp_path, "\n".join(levels) + "\n抄送: *l8\n")
    problems = problems_of(lambda: load(path), "zh")
    assert problems[:1] == [f"{path} 第 1 行：未知的键「a」；可用的键：发文机关、issuer、发文机关标志、mark、文号、number、标题、"
                            "title、主送、recipients、印发机关、printer、成文日期、date、印发日期、printed_on、抄送、copies、"
                            "工作要求、requirements、字体、fonts。"]
    # nine unknown keys (their values never read), and each of the ten items of 抄送 refused as not text
    assert sum(problem.endswith("「抄送」的值应为文字。") for problem in problems) == 10 and len(problems) == 19
