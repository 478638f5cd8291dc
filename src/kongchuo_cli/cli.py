"""The command line: parse options, call the library, print. Heavy imports wait until a command runs, so that
`kongchuo --help` and `--version` start fast."""

from __future__ import annotations

import codecs
import contextlib
import functools
import signal
import sys
import traceback

import click

from kongchuo_cli import __version__

FORMATS = ("table", "csv", "tsv", "json", "markdown", "xlsx")
LANGS = ("zh", "en")
GATES = ("total", "units")


class CannotEvaluate(click.ClickException):
    """Input kongchuo cannot evaluate: every problem on its own line on stderr, exit 2 (1 means "gate failed")."""

    exit_code = 2

    def __init__(self, lines: list[str], lang: str) -> None:
        from kongchuo_cli.messages import Message

        super().__init__("\n".join(lines))
        self.lines = lines
        self.prefix = Message("error_prefix").render(lang)

    def show(self, file=None) -> None:
        for line in self.lines:
            click.echo(f"{self.prefix}{line}", err=True)


class Encoding(click.ParamType):
    """A text encoding Python knows (gbk, gb18030, utf-8, utf-16…), checked when the options are read."""

    name = "encoding"

    def convert(self, value, param, ctx):
        try:
            return codecs.lookup(value).name
        except LookupError:
            self.fail(f"unknown encoding '{value}' / 不认识的编码（常用：utf-8、gb18030、utf-16）", param, ctx)


class ColumnList(click.ParamType):
    """Comma-separated column names: 乡镇,学校 (the Chinese comma works too)."""

    name = "columns"

    def convert(self, value, param, ctx):
        if isinstance(value, tuple):
            return value
        names = tuple(name.strip() for name in value.replace("，", ",").split(",") if name.strip())
        return names or self.fail("give at least one column / 请至少给一列", param, ctx)


def input_options(command):
    """How inputs are read: shared by every command that reads tables."""
    for option in reversed((
        click.option("--encoding", type=Encoding(), help="CSV 的编码（默认自动：BOM、UTF-8、GB18030）/ CSV encoding"),
        click.option("--sheet", metavar="NAME|N", help="Excel 工作表名或序号（默认第一个）/ sheet name or number"),
        click.option("--header-row", type=click.IntRange(min=1), metavar="N",
                     help="表头所在行（默认自动查找）/ the row where the header starts"),
    )):
        command = option(command)
    return command


def output_options(command):
    """Where and how results go: shared by every command that prints results."""
    for option in reversed((
        click.option("-f", "--format", "output_format", type=click.Choice(FORMATS),
                     help="输出格式 / output format [default: table, or from the -o extension]"),
        click.option("-o", "--output", metavar="PATH",
                     help="写入文件（完整写入或不写）/ write to a file, whole or not at all"),
        click.option("--lang", type=click.Choice(LANGS), default="zh", show_default=True,
                     help="标签语言 / labels and headers (JSON keys stay English)"),
        click.option("--output-encoding", type=Encoding(),
                     help="输出编码，如旧软件需要 gbk / output encoding [default: utf-8, BOM for CSV/TSV files]"),
        click.option("--color/--no-color", default=None, help="表格颜色（默认仅终端）/ colour the table"),
        click.option("-q", "--quiet", is_flag=True, help="只输出错误和退出码 / only errors and the exit code"),
        click.option("-v", "--verbose", is_flag=True, help="说明读取了什么 / say what was read; tracebacks"),
    )):
        command = option(command)
    return command


def reports_errors(command):
    """Expected problems become messages (exit 2); an unexpected one is a bug: one line, or the traceback with -v."""

    @functools.wraps(command)
    def run(*args, **kwargs):
        from kongchuo_cli.messages import KongchuoError, Message

        lang = kwargs.get("lang", "zh")
        try:
            return command(*args, **kwargs)
        except KongchuoError as error:
            raise CannotEvaluate([problem.render(lang) for problem in error.problems], lang) from None
        except (click.ClickException, click.exceptions.Exit, SystemExit, KeyboardInterrupt, BrokenPipeError):
            raise
        except Exception as error:  # noqa: BLE001 - a bug: say so plainly, never a bare traceback by default
            if kwargs.get("verbose"):
                traceback.print_exc()
            detail = f"{type(error).__name__}: {error}"
            code = "internal_error" if "verbose" in kwargs else "internal_error_plain"  # only where -v exists
            raise CannotEvaluate([Message(code, {"detail": detail}).render(lang)], lang) from None

    return run


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "-V", "--version", prog_name="kongchuo")
def cli() -> None:
    """kongchuo（控辍保学）：义务教育巩固率、辍学率、入学率等指标的精确计算与达标判定，并给出需劝返复学的人数。

    kongchuo computes the compulsory-education indicators of a county exactly, judges them against the lines of a
    thresholds file, and says how many children must return to school to close each gap.
    """


KINDS = ("summary", "grades", "roster")
SYSTEMS = ("6-3", "5-4", "九年一贯制")
grade_options = (
    click.option("--kind", type=click.Choice(KINDS),
                 help="输入种类（默认按表头自动识别）：汇总表、年级表或学生名册 / input kind [default: from the header]"),
    click.option("--system", type=click.Choice(SYSTEMS), default="6-3", show_default=True,
                 help="年级表的学制（学制列优先）/ school system of grade tables (a 学制 column wins)"),
    click.option("--cohort", type=click.IntRange(1949, 2100), metavar="YEAR",
                 help="年级表：判定这一届（入一年级的学年，如 2012）/ grade tables: judge the cohort that entered "
                      "grade 1 in YEAR [default: the latest complete one]"),
    click.option("--no-id-checks", "id_checks", is_flag=True, default=True, flag_value=False,
                 help="名册：不逐行核对身份证号、学籍号、年龄和重复（全省汇总时快得多）/ rosters: skip the per-row "
                      "identity checks (a province-wide count in a fraction of the time)"),
    click.option("--year", type=click.IntRange(1949, 2100), metavar="YEAR",
                 help="年级表：辍学率判定这一学年（如 2019 = 2019年9月至2020年8月）；名册：名册所属学年（核对年龄）/ "
                      "grade tables: the school year of the dropout rates [default: the latest]; rosters: the school "
                      "year the roster describes, for the age checks [default: the current one]"),
)


def evaluation_options(command):
    """What is evaluated and against which lines: shared by check and plan."""
    for option in reversed((
        click.argument("files", nargs=-1, required=True),
        click.option("-t", "--thresholds", "thresholds_path", metavar="PATH",
                     help="阈值文件 / thresholds YAML [default: ./thresholds.yaml, else the built-in national lines]"),
        click.option("-p", "--profile", metavar="NAME",
                     help="内置标准，如 youzhi-2017（见 kongchuo thresholds list）/ a built-in profile"),
        click.option("--by", type=ColumnList(), default=(), metavar="COLUMN[,COLUMN]",
                     help="按列汇总，如 乡镇 或 乡镇,学校 / roll rows up by a column, e.g. 乡镇 or 乡镇,学校"),
        *grade_options,
    )):
        command = option(command)
    return input_options(output_options(reports_errors(command)))


def gather(files, thresholds_path, profile, by, encoding, sheet, header_row, output_format, output, lang, quiet,
           verbose, kind=None, system="6-3", cohort=None, year=None, history=False, id_checks=True):
    """(evaluation, output format): the thresholds and every table read and evaluated, with every problem of
    every input reported in one run; warnings (and with -v, what was read) go to stderr."""
    from kongchuo_cli import evaluate, inputs, thresholds
    from kongchuo_cli import output as out
    from kongchuo_cli.messages import KongchuoError, Message, Where
    from kongchuo_cli.read import ReadOptions
    from kongchuo_cli.roster import LISTED_ROWS

    if thresholds_path and profile:
        raise click.UsageError("-t and --profile: give one (a file may say `extends: NAME`) / 只能二选一")
    problems: list = []
    notices: list = []

    def attempt(action):
        """Run one step; keep its problems so that one run reports those of every input."""
        try:
            return action()
        except KongchuoError as error:
            problems.extend(error.problems)
            notices.extend(error.notices)
            return None

    policy = attempt(lambda: thresholds.load(thresholds_path, profile))
    with reading_progress(files, lang, quiet) as on_file:
        loaded = attempt(lambda: inputs.read_inputs(list(files), ReadOptions(encoding, sheet, header_row), kind,
                                                    system, on_file, year, None if verbose else LISTED_ROWS,
                                                    id_checks))
    tables = loaded.tables if loaded else None
    if output is not None:
        given = [*files, *([policy.path] if policy and policy.path else [])]
        attempt(lambda: out.check_not_input(output, given))
    output_format = attempt(lambda: out.choose_format(output_format, output)) or "table"
    evaluation = None
    if not problems and loaded.kind == inputs.GRADES:
        if not quiet:  # which kind of input was taken: said once, not a warning
            for table in tables:
                click.echo(grades_read(table).render(lang), err=True)
        evaluation = attempt(lambda: _evaluate_grades(tables, policy, by, cohort, year, history, notices, verbose))
    elif not problems:
        if cohort or history or (year and loaded.kind != inputs.ROSTER):
            raise click.UsageError("--cohort, --year and --history are for grade tables / 仅用于年级表")
        if loaded.kind == inputs.ROSTER and not quiet:
            for table in tables:
                click.echo(Message("read_roster", {"rows": table.details["roster_rows"], "units": len(table.units)},
                                   Where(table.path)).render(lang), err=True)
        evaluation = attempt(lambda: evaluate.evaluate(tables, policy, by))
        if evaluation is not None:
            notices.extend(evaluate.unmatched_groups(tables, policy))
    if not quiet:
        warning = Message("warning_prefix").render(lang)
        for notice in notices + [notice for table in tables or () for notice in table.notices]:
            click.echo(f"{warning}{notice.render(lang)}", err=True)
    if verbose:
        for table in tables or ():
            click.echo(table.description().render(lang), err=True)
    if problems:
        raise KongchuoError(problems)
    return evaluation, output_format


MAX_LISTED_GAPS = 20  # identity gaps on stderr; `kongchuo cohorts --view gaps` lists them all


def _evaluate_grades(tables, policy, by, cohort, year, history, notices, verbose):
    """Grade tables: say so, check the stock-flow identity, and judge the cohorts and years."""
    from kongchuo_cli import cohorts
    from kongchuo_cli.messages import Message

    for table in tables:
        gaps = cohorts.identity_gaps(table)
        listed = gaps if verbose else gaps[:MAX_LISTED_GAPS]
        notices.extend(gap_message(gap, table.path) for gap in listed)
        if len(gaps) > len(listed):
            notices.append(Message("gaps_more", {"count": len(gaps) - len(listed), "file": table.path}))
    evaluation, more = cohorts.evaluate_grades(tables, policy, by, cohort, year, history)
    notices.extend(more)
    return evaluation


def grades_read(table):
    from kongchuo_cli.messages import Message, Where

    return Message("read_grades", {"layout": Message(f"layout_{table.layout}"), "units": len(table.units),
                                   "first": table.years[0], "last": table.years[-1]}, Where(table.path))


def gap_message(gap, path):
    from kongchuo_cli.messages import Message, Where

    return Message(f"gap_{gap.what}", {"unit": gap.unit, "year": gap.year, "grade": gap.grade,
                                       "expected": gap.expected, "found": gap.found, "gap": f"{gap.size:+d}"},
                   Where(path))


@cli.command()
@click.option("--gate", type=click.Choice(GATES), default="total", show_default=True,
              help="决定退出码的行：合计行，或每一行 / rows that decide the exit code")
@click.option("--strict", is_flag=True, help="预警也算未通过 / a warn fails the gate too")
@click.option("--junit", "junit_path", metavar="PATH",
              help="写 JUnit XML 报告（GitLab/Jenkins）/ write a JUnit XML report for CI")
@click.option("--summary", is_flag=True, help="只输出一行结论（用于日志）/ print one summary line for logs")
@click.option("--history", is_flag=True,
              help="年级表：列出每一届、每一学年（只判定最新的）/ grade tables: every cohort and year (only the "
                   "latest is gated)")
@evaluation_options
def check(files, thresholds_path, profile, by, kind, system, id_checks, cohort, year, gate, strict, junit_path, summary,
          history, encoding, sheet, header_row, output_format, output, lang, output_encoding, color, quiet,
          verbose) -> None:
    """读取汇总表，计算各项指标，对照标准判定，并给出需劝返人数。

    Read summary tables (one row per 乡镇 or 学校; CSV in UTF-8 or GBK, or .xlsx; - for standard input), compute
    every indicator whose columns are present, judge each against its line, and give the returns needed.

    \b
    退出码 / exit codes:
      0  通过 / no failing row
      1  有未达标 / a gated row fails (or warns, with --strict)
      2  无法判定 / cannot evaluate: bad input, thresholds or options
    """
    from kongchuo_cli import output as out
    from kongchuo_cli.gate import exit_code
    from kongchuo_cli.render import check_report

    evaluation, output_format = gather(files, thresholds_path, profile, by, encoding, sheet, header_row,
                                       output_format, output, lang, quiet, verbose, kind, system, cohort, year,
                                       history, id_checks)
    if junit_path is not None:
        from kongchuo_cli.junit import to_junit

        out.check_not_input(junit_path, [*files, *filter(None, [evaluation.thresholds.path, output])])

        out.write_atomic(junit_path, to_junit(evaluation, lang, gate, strict))
    if summary and not quiet:
        from kongchuo_cli.render import summary_line

        click.echo(summary_line(evaluation, lang, gate))
    if output is not None or not summary:
        emit(check_report(evaluation, lang, gate, strict), output_format, output, lang=lang,
             encoding=output_encoding, color=color, quiet=quiet)
    sys.exit(exit_code(evaluation.results, gate, strict))


@cli.command()
@click.option("-i", "--indicator", "indicators", multiple=True, metavar="ID",
              help="只分配这个指标（可重复）；默认：合计未达标的全部指标 / only this indicator (repeatable)")
@evaluation_options
def plan(files, thresholds_path, profile, by, kind, system, id_checks, cohort, year, indicators, encoding, sheet,
         header_row, output_format, output, lang, output_encoding, color, quiet, verbose) -> None:
    """把全县需劝返人数分配到各单位（请各乡镇认领）。

    Split the county's returns needed among its units in proportion to the children each has lost (largest
    remainder: whole children, summing to the county's need, no unit asked for more than it lost), beside each
    unit's own need to meet the line alone. With --by 乡镇, the townships share the need.
    """
    from kongchuo_cli.plan import plan as make_plan
    from kongchuo_cli.render import plan_report

    evaluation, output_format = gather(files, thresholds_path, profile, by, encoding, sheet, header_row,
                                       output_format, output, lang, quiet, verbose, kind, system, cohort, year,
                                       id_checks=id_checks)
    rows = make_plan(evaluation, indicators)
    emit(plan_report(rows, evaluation, lang), output_format, output, lang=lang, encoding=output_encoding,
         color=color, quiet=quiet)


@cli.command()
@click.argument("file")
@click.option("--reveal", is_flag=True,
              help="显示完整姓名和身份证号（默认遮蔽，如 张*、11010519****0012）/ show names and ID numbers in full "
                   "[default: masked]")
@input_options
@output_options
@reports_errors
def returns(file, reveal, encoding, sheet, header_row, output_format, output, lang, output_encoding, color, quiet,
            verbose) -> None:
    """需劝返学生名单：仍失学的学生（未劝返、劝返中），按乡镇、学校列出，优先群体在前，附包保责任人。

    The children still out of school, from a dropout ledger (劝返状态 未劝返 or 劝返中; 已复学, 转学核实,
    因身体原因不具备学习条件 and 送教上门 are counted apart) or a 学籍 roster (学籍状态 辍学): by township and
    school, priority groups first (脱贫户, 残疾, 孤儿/事实无人抚养, 留守, 随迁), with the person responsible.
    Names and IDs are masked unless --reveal; files are written readable by their owner only; -o names.xlsx has
    a sheet per township, to send on as it is.
    """
    from kongchuo_cli import output as out
    from kongchuo_cli.messages import Message, Where
    from kongchuo_cli.read import ReadOptions
    from kongchuo_cli.returns import read_returns, returns_report

    if output is not None:
        out.check_not_input(output, [file])
    output_format = out.choose_format(output_format, output)
    found = read_returns(file, ReadOptions(encoding, sheet, header_row), reveal)
    if reveal:  # always said, even with -q: personal data is on its way out
        click.echo(Message("returns_reveal_warning").render(lang), err=True)
    if not quiet:
        click.echo(Message(f"returns_read_{found.source}", {"rows": sum(found.counts.values())}, Where(file)
                           ).render(lang), err=True)
        if found.counts.get("unknown"):
            click.echo(Message("warning_prefix").render(lang) + Message(
                "returns_unknown", {"count": found.counts["unknown"]}, Where(file)).render(lang), err=True)
    emit(returns_report(found, lang, reveal), output_format, output, lang=lang, encoding=output_encoding,
         color=color, quiet=quiet)


VIEWS = ("ladder", "flow", "gaps")


@cli.command()
@click.argument("files", nargs=-1, required=True)
@click.option("--view", type=click.Choice(VIEWS), default="ladder", show_default=True,
              help="ladder 每届各年级人数；flow UIS 升级率、留级率、辍学率与巩固到各年级的比例；gaps 对不上的地方 / "
                   "ladder: each cohort grade by grade; flow: UIS rates and survival; gaps: where the table does not "
                   "add up")
@click.option("--system", type=click.Choice(SYSTEMS), default="6-3", show_default=True,
              help="学制（学制列优先）/ school system (a 学制 column wins)")
@click.option("--year", type=click.IntRange(1949, 2100), metavar="YEAR",
              help="flow：用这一学年到下一学年的变动（默认最新）/ flow: the school year whose rates [default: latest]")
@input_options
@output_options
@reports_errors
def cohorts(files, view, system, year, encoding, sheet, header_row, output_format, output, lang, output_encoding,
            color, quiet, verbose) -> None:
    """逐届跟踪年级表：每一届在各年级的人数（流失处标 ↓）、UIS 流动率，或数据对不上的地方。

    Follow every cohort of grade tables (教育事业统计, long or wide): each cohort's size grade by grade (a ↓ marks
    where it shrank), the UIS flow rates with survival to each grade, or every place where next year's stock is
    not this year's plus the movements.
    """
    from kongchuo_cli import inputs, ladder
    from kongchuo_cli import output as out
    from kongchuo_cli.messages import KongchuoError, Message, Where
    from kongchuo_cli.read import ReadOptions

    loaded = inputs.read_inputs(list(files), ReadOptions(encoding, sheet, header_row), inputs.GRADES, system)
    if output is not None:
        out.check_not_input(output, list(files))
    output_format = out.choose_format(output_format, output)
    if not quiet:
        for table in loaded.tables:
            click.echo(grades_read(table).render(lang), err=True)
            for notice in table.notices:
                click.echo(f"{Message('warning_prefix').render(lang)}{notice.render(lang)}", err=True)
    if verbose:
        for table in loaded.tables:
            click.echo(Message("read_details_grades", {"header": "+".join(map(str, table.details["header_rows"]))},
                               Where(table.path)).render(lang), err=True)
    if not any(table.cells for table in loaded.tables):
        raise KongchuoError([Message("no_data_rows", {}, Where(files[0]))])
    report = {"ladder": lambda: ladder.ladder_report(loaded.tables, lang),
              "flow": lambda: ladder.flow_report(loaded.tables, lang, year),
              "gaps": lambda: ladder.gaps_report(loaded.tables, lang)}[view]()
    emit(report, output_format, output, lang=lang, encoding=output_encoding, color=color, quiet=quiet)


@cli.group(name="thresholds")
def thresholds_group() -> None:
    """阈值文件与内置标准：列出、查看、检查。 / Thresholds files and built-in profiles: list, show, check."""


@thresholds_group.command(name="list")
@click.option("--lang", type=click.Choice(LANGS), default="zh", show_default=True, help="语言 / language")
def thresholds_list(lang: str) -> None:
    """列出内置标准。 / List the built-in profiles."""
    from kongchuo_cli import thresholds
    from kongchuo_cli.messages import Message

    for name in thresholds.profiles():
        mark = Message("profile_default").render(lang) if name == thresholds.DEFAULT_PROFILE else ""
        click.echo(f"{name:<16}{thresholds.load_profile(name).name}{mark}")


@thresholds_group.command(name="show")
@click.argument("name")
@reports_errors
def thresholds_show(name: str) -> None:
    """显示一个内置标准（YAML，可复制后修改）。 / Print a built-in profile's YAML, to copy and adapt."""
    from kongchuo_cli import thresholds

    thresholds.load_profile(name)  # an unknown name is an error listing the profiles
    click.echo(thresholds.profile_text(name), nl=False)


@thresholds_group.command(name="check")
@click.argument("path")
@click.option("--data", multiple=True, metavar="FILE", help="用这些数据检查指标是否用得上 / data whose columns to check")
@click.option("--lang", type=click.Choice(LANGS), default="zh", show_default=True, help="语言 / language")
@reports_errors
def thresholds_check(path: str, data: tuple[str, ...], lang: str) -> None:
    """检查阈值文件：列出所有错误（带行号）和可疑之处。退出码 0 无问题，1 有警告，2 有错误。

    Lint a thresholds file: every error with its line; warnings for a warn line that can never fire, a line
    looser than the profile it extends, and (with --data) lines for indicators the data never provides.
    Exit 0 clean, 1 warnings, 2 errors.
    """
    from kongchuo_cli import evaluate, load, thresholds
    from kongchuo_cli.indicators import BY_ID
    from kongchuo_cli.messages import Message, Where

    policy = thresholds.load(path)
    warnings = list(policy.warnings)
    if data:
        tables = load.load_files(list(data))
        warnings += evaluate.check_unit_lines(tables, policy) + evaluate.unmatched_groups(tables, policy)
        available, _ = evaluate.available_indicators(tables)
        for indicator_id in policy.positions:
            if all(indicator.id != indicator_id for indicator in available):
                indicator = BY_ID[indicator_id]
                warnings.append(Message("lint_not_in_data", {"indicator": indicator.term},
                                        Where(path, line=policy.positions[indicator_id])))
    prefix = Message("warning_prefix").render(lang)
    for warning in sorted(warnings, key=lambda message: message.where.line):
        click.echo(f"{prefix}{warning.render(lang)}")
    if warnings:
        sys.exit(1)
    count = sum(line.target is not None for line in policy.lines.values())
    click.echo(Message("lint_clean", {"file": path, "count": count}).render(lang))


@cli.command()
@click.argument("indicator", required=False)
@click.option("-t", "--thresholds", "thresholds_path", metavar="PATH", help="阈值文件 / thresholds YAML")
@click.option("-p", "--profile", metavar="NAME", help="内置标准 / a built-in profile")
@click.option("--data", multiple=True, metavar="FILE", help="数据文件（配合 --unit）/ data files, with --unit")
@click.option("--unit", metavar="NAME", help="写出这个单位的计算过程（合计 为全体）/ the unit to work through")
@click.option("--lang", type=click.Choice(LANGS), default="zh", show_default=True, help="语言 / language")
@input_options
@reports_errors
def explain(indicator, thresholds_path, profile, data, unit, lang, encoding, sheet, header_row) -> None:
    """解释指标：公式、所需列、标准及其来源、需劝返人数的算法；加 --data 与 --unit 时逐步写出该单位的计算。

    Explain the indicators (or one): formulas, columns, the active line with its source, the returns arithmetic;
    with --data and --unit, that unit's computation step by step, with its numbers.
    """
    from kongchuo_cli import evaluate, load, thresholds
    from kongchuo_cli import explain as explaining
    from kongchuo_cli.indicators import BY_ID, INDICATORS
    from kongchuo_cli.messages import KongchuoError, Message
    from kongchuo_cli.read import ReadOptions

    if thresholds_path and profile:
        raise click.UsageError("-t and --profile: give one / 只能二选一")
    if indicator is not None and indicator not in BY_ID:
        raise KongchuoError([Message("explain_unknown", {"indicator": indicator, "allowed": ", ".join(BY_ID)})])
    if unit is not None and not data:
        raise KongchuoError([Message("explain_unit_needs_data")])
    if unit is not None and indicator is None:
        raise KongchuoError([Message("explain_needs_indicator")])
    policy = thresholds.load(thresholds_path, profile)
    for chosen in [BY_ID[indicator]] if indicator else INDICATORS:
        click.echo("\n".join(explaining.describe(chosen, policy, lang)) + "\n")
    if unit is None:
        return
    tables = load.load_files(list(data), ReadOptions(encoding, sheet, header_row))
    units = [each for table in tables for each in table.units]
    counts = explaining.unit_counts(units, unit)
    if counts is None:
        names = "、".join(each.label for each in units[:20]) + ("…" if len(units) > 20 else "")
        raise KongchuoError([Message("explain_unit_unknown", {"unit": unit, "units": names})])
    evaluation = evaluate.evaluate(tables, policy)  # the very results check gives
    results = [each for each in evaluation.results if each.indicator.id == indicator]
    if not results:
        allowed = ", ".join(dict.fromkeys(each.indicator.id for each in evaluation.results))
        raise KongchuoError([Message("plan_indicator_absent", {"indicator": indicator, "allowed": allowed})])
    total = unit in explaining.TOTAL_NAMES
    (result,) = [each for each in results if (each.is_total if total and len(units) > 1 else
                                              each.unit == unit or (total and len(units) == 1))]
    place = next((each.where.render(lang) for each in units if each.label == unit), None)
    where = unit if place is None else (f"{unit}（{place}）" if lang == "zh" else f"{unit} ({place})")
    click.echo("\n".join(explaining.computation(result, counts, where, lang)))


@cli.command()
@click.argument("folder", default=".", required=False)
@click.option("--force", is_flag=True, help="覆盖已有文件 / overwrite existing files")
@click.option("--lang", type=click.Choice(LANGS), default="zh", show_default=True, help="语言 / language")
@reports_errors
def init(folder: str, force: bool, lang: str) -> None:
    """写出可填写的模板（CSV 与 xlsx）和继承国家标准的 thresholds.yaml。

    Write a template to fill in (CSV with a BOM and .xlsx: every column under its Chinese header, an example row,
    a 合计 row) and a thresholds.yaml extending the default profile. Existing files are kept unless --force.
    """
    from pathlib import Path

    from kongchuo_cli import init as initial
    from kongchuo_cli.messages import Message

    written = initial.write(Path(folder), force)
    for path in written:
        click.echo(Message("init_done", {"file": path}).render(lang))
    click.echo(Message("init_next", {"file": written[0]}).render(lang))


PROGRESS_BYTES = 2_000_000  # inputs smaller than this read in a blink: no progress display


@contextlib.contextmanager
def reading_progress(files: tuple[str, ...], lang: str, quiet: bool):
    """A transient progress display on stderr while large inputs are read; only on a terminal, never with -q."""
    from pathlib import Path

    from rich.console import Console

    console = Console(stderr=True)
    size = sum(Path(name).stat().st_size for name in files if name != "-" and Path(name).is_file())
    if quiet or not console.is_terminal or size < PROGRESS_BYTES:
        yield None
        return
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        SpinnerColumn,
        TextColumn,
    )

    from kongchuo_cli.messages import Message

    with Progress(SpinnerColumn(), TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                  console=console, transient=True) as progress:
        task = progress.add_task("", total=len(files))
        begun = 0

        def on_file(name: str) -> None:
            nonlocal begun
            progress.update(task, completed=begun, description=Message("reading", {"file": name}).render(lang))
            begun += 1

        yield on_file


def emit(report, output_format: str, output: str | None, *, lang: str, encoding: str | None, color: bool | None,
         quiet: bool) -> None:
    """Render once and send it whole: to the file (atomically), or to stdout (machine formats as bytes, so a
    Windows console's code page never garbles a CSV)."""
    from kongchuo_cli import output as out
    from kongchuo_cli.messages import Where, fail

    if output is None and quiet:
        return
    terminal, colour_wanted = _terminal() if output is None else (False, False)
    if output_format == "xlsx" and terminal:
        raise fail("xlsx_to_terminal", Where("-"))
    options = {"lang": lang}
    if output_format == "table":
        color = (colour_wanted if color is None else color) and output is None
        options.update(color=color, width=_terminal_width() if terminal else None)
    content = out.FORMATTERS[output_format](report, **options)
    if output is None and output_format == "table" and encoding is None:
        click.echo(content, nl=False, color=color)  # click speaks the terminal's own encoding
        return
    data = content if isinstance(content, bytes) else out.encode(
        content, encoding, bom=output is not None and output_format in out.BOM_FORMATS)
    if output is not None:
        out.write_atomic(output, data, private=report.private)
    else:
        sys.stdout.buffer.write(data)
        sys.stdout.flush()


def _terminal() -> tuple[bool, bool]:
    """(stdout is a terminal, colour wanted): rich's reading, which honours FORCE_COLOR and NO_COLOR."""
    from rich.console import Console

    console = Console(file=sys.stdout)
    return console.is_terminal, console.is_terminal and not console.no_color


def _terminal_width() -> int:
    import shutil

    return shutil.get_terminal_size((140, 24)).columns


def main() -> None:
    if hasattr(signal, "SIGPIPE"):  # `kongchuo check … | head` ends quietly, as Unix tools do
        signal.signal(signal.SIGPIPE, signal.SIG_DFL)
    cli(prog_name="kongchuo")
