"""The use cases, without click: each reads its inputs, computes, and returns data with the notices gathered on
the way. Nothing here prints, exits, or writes a file unless asked; bad input raises `KongchuoError` with every
problem of the run. The command line is a thin skin over these functions (docs/python-api.md).

    >>> import kongchuo_cli
    >>> evaluation = kongchuo_cli.check(["examples/county.csv"])
    >>> evaluation.passed, evaluation.records()[0]["unit"]
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from kongchuo_cli import i18n
from kongchuo_cli.i18n import listing
from kongchuo_cli.indicators.definitions import BY_ID, INDICATORS, Indicator, resolve
from kongchuo_cli.judge.evaluate import Judged, Result, evaluate, unmatched_groups
from kongchuo_cli.judge.gate import GATES, ExitCode, exit_code
from kongchuo_cli.model import GRADES, KINDS, ROSTER, SHARE_BY, STALE_DAYS, CountsTable, Progress
from kongchuo_cli.output.report import Report, json_record
from kongchuo_cli.output.values import status_counts
from kongchuo_cli.policy import thresholds as policy
from kongchuo_cli.policy.thresholds import Thresholds
from kongchuo_cli.problems import KongchuoError, Message, Where, fail
from kongchuo_cli.read.grades import DEFAULT_SYSTEM, SYSTEMS, GradeTable
from kongchuo_cli.read.grid import ReadOptions
from kongchuo_cli.read.inputs import Inputs, read_inputs, read_summaries
from kongchuo_cli.read.roster.counts import LISTED_ROWS

if TYPE_CHECKING:  # what only some use cases need is imported when they run: `check` of a county starts fast
    from kongchuo_cli.judge.monthly import Comparison, Event, Month
    from kongchuo_cli.judge.monthly import Problem as MonthlyProblem
    from kongchuo_cli.judge.plan import PlanRow
    from kongchuo_cli.policy.meta import Meta
    from kongchuo_cli.read.roster.ledger import ReturnList

VIEWS = ("ladder", "flow", "gaps")
PANDAS_MISSING = "to_frame needs pandas: pip install 'kongchuo[pandas]'"


class _Records:
    """What every result of a use case offers: its report in a language, its records, and a pandas DataFrame."""

    notices: list[Message]  # warnings: what the command line prints as 警告：…
    info: list[Message]  # what was read: the command line says it unless -q

    def report(self, lang: str = "zh") -> Report:
        raise NotImplementedError

    def records(self, lang: str = "zh") -> list[dict[str, object]]:
        """The records as `-f json` writes them: the same keys in the same order, percents as numbers."""
        report = self.report(lang)
        return [json_record(record, report.percents) for record in report.records]

    def to_frame(self, lang: str = "zh"):
        """The records as a pandas DataFrame (pip install 'kongchuo[pandas]')."""
        try:
            import pandas
        except ImportError:
            raise ImportError(PANDAS_MISSING) from None
        return pandas.DataFrame.from_records(self.records(lang), columns=list(self.report(lang).fields))


# ---- check ----------------------------------------------------------------------------------------------------


@dataclass
class Evaluation(_Records):
    """`check`'s outcome: every row's results, judged exactly, and what decides the exit code."""

    judged: Judged
    inputs: Inputs
    gate: str = "total"
    strict: bool = False
    notices: list[Message] = field(default_factory=list)
    info: list[Message] = field(default_factory=list)

    @property
    def results(self) -> list[Result]:
        """The typed results (exact `Fraction` rates), in the records' order."""
        return self.judged.results

    @property
    def skipped(self) -> list[str]:
        """The indicators none of whose columns the inputs have."""
        return self.judged.skipped

    @property
    def thresholds(self) -> Thresholds:
        return self.judged.thresholds

    @property
    def exit_code(self) -> int:
        """0 when no gated row fails (or warns, with strict), else 1."""
        return int(exit_code(self.results, self.gate, self.strict))

    @property
    def passed(self) -> bool:
        return self.exit_code == 0

    @property
    def counts(self) -> dict[str, int]:
        """Results by status: {"pass": n, "warn": n, "fail": n, "n/a": n}."""
        return status_counts(self.results)

    def report(self, lang: str = "zh", view: str | None = None) -> Report:
        """The report every format is rendered from; `view` chooses the table's layout: "long" (a row per unit and
        indicator), "compact" (a row per unit), or None (long when it fits the width)."""
        from kongchuo_cli.output.views.check import check_report

        return check_report(self.judged, lang, self.gate, self.strict, view, _subject(self.inputs.tables, lang))


def check(paths: str | Path | Iterable[str | Path], *, thresholds: str | Path | None = None,
          profile: str | None = None, by: str | Iterable[str] | None = None, kind: str | None = None,
          system: str | None = None, cohort: int | None = None, year: int | None = None, gate: str = "total",
          strict: bool = False, encoding: str | None = None, sheet: str | int | None = None,
          header_row: int | None = None, id_checks: bool = True, history: bool = False,
          listed: int | None = LISTED_ROWS, on_file: Callable[[str], None] | None = None,
          on_progress: Callable[[float], None] | None = None) -> Evaluation:
    """Read the tables (summary tables, grade tables or rosters, of one kind), compute every indicator whose
    columns are present, judge each against its line and give the returns needed.

    `thresholds` is a YAML file, `profile` a built-in one (default: ./thresholds.yaml if it exists, else the
    national lines); `by` rolls units up by text columns ("乡镇" or ["乡镇", "学校"]); `kind` forces summary,
    grades or roster; `system` (6-3, 5-4, 九年一贯制), `cohort` and `year` choose what grade tables judge, `history`
    keeps earlier cohorts (never gated); `gate` (total or units) and `strict` decide `exit_code`. `listed` caps the
    rows named per problem and the places listed where a grade table does not add up (None: all). For a progress
    display: `on_file` hears of each file as its reading begins, `on_progress` how far a roster's reading has come
    (a fraction of that file).
    """
    _choice("--gate", gate, GATES)
    _choice("--kind", kind, KINDS)
    _choice("--system", system, tuple(SYSTEMS))
    options = _read_options(encoding, sheet, header_row)
    files = _paths(paths)
    if not files:
        raise fail("usage_no_files")
    keys = _columns(by)
    steps = _Steps()
    notices = steps.notices
    lines = steps.attempt(lambda: policy.load(_text(thresholds), profile))
    loaded = steps.attempt(lambda: read_inputs(files, options, kind, system or DEFAULT_SYSTEM, on_file, year, listed,
                                               id_checks, Progress(on_progress)))
    steps.raise_any()
    table_notices = [notice for table in loaded.tables for notice in table.notices]
    if loaded.kind == GRADES:
        from kongchuo_cli.judge.grades import MAX_LISTED_GAPS, evaluate_grades, gap_notices

        notices.extend(gap_notices(loaded.tables, None if listed is None else MAX_LISTED_GAPS))
        judged, more = _judge(lambda: evaluate_grades(loaded.tables, lines, keys, cohort, year, history),
                              notices + table_notices)
        notices.extend(more)
    else:
        if cohort or history or (year and loaded.kind != ROSTER):
            raise KongchuoError([Message("usage_grades_only")], notices + table_notices)
        judged = _judge(lambda: evaluate(loaded.tables, lines, keys), notices + table_notices)
        notices.extend(unmatched_groups(loaded.tables, lines))
    said = [message for message in map(_read_as, loaded.tables) if message is not None]
    return Evaluation(judged, loaded, gate, strict, notices + table_notices, said)


@dataclass
class _Steps:
    """The steps of one run: a step's problems are kept and the next step still runs, so that one run reports the
    problems of every input at once."""

    problems: list[Message] = field(default_factory=list)
    notices: list[Message] = field(default_factory=list)

    def attempt(self, action: Callable):
        try:
            return action()
        except KongchuoError as error:
            self.problems.extend(error.problems)
            self.notices.extend(error.notices)
            return None

    def raise_any(self) -> None:
        if self.problems:
            raise KongchuoError(self.problems, self.notices)


def _judge(action, notices: list[Message]):
    """Judging raises its problems with the warnings gathered so far (an unrecognised column is often why)."""
    try:
        return action()
    except KongchuoError as error:
        raise KongchuoError(error.problems, notices + error.notices) from None


def _subject(tables: list, lang: str) -> str:
    """What was read, for a workbook's title: each table's own title, else its file's name."""
    return listing(dict.fromkeys(table.reading.title or Path(table.path).name for table in tables)).render(lang)


def _read_as(table: CountsTable | GradeTable) -> Message | None:
    """Which kind of input a table was taken for, said once (a summary table goes without saying)."""
    if isinstance(table, GradeTable):
        return Message("read_grades", {"layout": Message(f"layout_{table.layout}"), "units": len(table.units),
                                       "first": table.years[0], "last": table.years[-1]}, Where(table.path))
    if table.kind == ROSTER:
        return Message("read_roster", {"rows": table.rows, "units": len(table.units)}, Where(table.path))
    return None


# ---- plan -----------------------------------------------------------------------------------------------------


@dataclass
class Plan(_Records):
    """The county's returns needed, split among its units: in proportion to the children each has lost, or
    (share_by="gap") among the units below the line in proportion to their own gaps."""

    evaluation: Evaluation
    rows: list[PlanRow]
    share_by: str = SHARE_BY[0]

    @property
    def notices(self) -> list[Message]:
        return self.evaluation.notices

    @property
    def info(self) -> list[Message]:
        return self.evaluation.info

    def report(self, lang: str = "zh") -> Report:
        from kongchuo_cli.output.views.plan import plan_report

        return plan_report(self.rows, self.evaluation.judged, lang, self.share_by,
                           _subject(self.evaluation.inputs.tables, lang))


def plan(paths: str | Path | Iterable[str | Path], *, indicators: Iterable[str] = (), share_by: str = SHARE_BY[0],
         **options) -> Plan:
    """Split the returns needed among the units (townships with by="乡镇"): for each indicator asked for by id or
    name (default: every one the total fails), each unit's share by the largest remainder, beside its own need.
    `share_by` "lost" (default): every unit, in proportion to the children it lost; "gap": only the units below
    the line, in proportion to their own gaps, none above its gap. Takes the options of `check`."""
    from kongchuo_cli.judge.plan import make_plan

    _choice("--share-by", share_by, SHARE_BY)
    evaluation = check(paths, **options)
    return Plan(evaluation, make_plan(evaluation.judged, _names(indicators), share_by), share_by)


# ---- cohorts --------------------------------------------------------------------------------------------------


@dataclass
class Cohorts(_Records):
    """Grade tables cohort by cohort: the ladder of sizes, the UIS flow rates, or where the table does not add up."""

    tables: list[GradeTable]
    view: str = "ladder"
    year: int | None = None  # the school year of the flow rates
    notices: list[Message] = field(default_factory=list)
    info: list[Message] = field(default_factory=list)

    def report(self, lang: str = "zh") -> Report:
        from kongchuo_cli.output.views import cohorts as views

        named = _subject(self.tables, lang)
        if self.view == "flow":
            return views.flow_report(self.tables, lang, self.year, named)
        return (views.ladder_report if self.view == "ladder" else views.gaps_report)(self.tables, lang, named)


def cohorts(paths: str | Path | Iterable[str | Path], *, view: str = "ladder", system: str | None = None,
            year: int | None = None, encoding: str | None = None, sheet: str | int | None = None,
            header_row: int | None = None) -> Cohorts:
    """Follow every cohort of grade tables: `view` "ladder" (each cohort's size grade by grade), "flow" (UIS
    rates for `year`, default the latest with next year's figures) or "gaps"."""
    _choice("--view", view, VIEWS)
    _choice("--system", system, tuple(SYSTEMS))
    files = _paths(paths)
    loaded = read_inputs(files, _read_options(encoding, sheet, header_row), GRADES, system or DEFAULT_SYSTEM)
    if not any(table.cells for table in loaded.tables):
        raise KongchuoError([Message("no_data_rows", {}, Where(files[0]))])
    chosen = year
    if view == "flow":
        from kongchuo_cli.indicators.flows import flow_years

        years = flow_years(loaded.tables)
        if not years or (year is not None and year not in years):
            raise fail("flow_no_year", year=year or "—", years=listing(years) if years else "—")
        chosen = year if year is not None else years[-1]
    return Cohorts(loaded.tables, view, chosen, [notice for table in loaded.tables for notice in table.notices],
                   [_read_as(table) for table in loaded.tables])


# ---- returns --------------------------------------------------------------------------------------------------


@dataclass
class Returns(_Records):
    """The children still out of school, by township and school, priority groups first; masked unless revealed."""

    found: ReturnList
    path: str
    revealed: bool = False

    @property
    def info(self) -> list[Message]:
        return [Message(f"returns_read_{self.found.source}", {"rows": sum(self.found.counts.values())},
                        Where(self.path))]

    @property
    def notices(self) -> list[Message]:
        unknown = self.found.counts.get("unknown")
        said = [Message("returns_unknown", {"count": unknown}, Where(self.path))] if unknown else []
        return said + self.found.notices

    def report(self, lang: str = "zh") -> Report:
        from kongchuo_cli.output.views.returns import returns_report

        return returns_report(self.found, lang, self.revealed, Path(self.path).name)


def returns(path: str | Path, *, reveal: bool = False, encoding: str | None = None, sheet: str | int | None = None,
            header_row: int | None = None, on_progress: Callable[[float], None] | None = None,
            listed: int | None = LISTED_ROWS) -> Returns:
    """The list of children to bring back, from a dropout ledger (劝返状态) or a 学籍 roster (学籍状态 辍学).
    Names and ID numbers are masked unless `reveal`; `on_progress` hears how far the reading has come; `listed`
    caps the rows named per problem of the file (None: all)."""
    from kongchuo_cli.read.roster.ledger import read_returns

    options = _read_options(encoding, sheet, header_row)
    return Returns(read_returns(_text(path), options, reveal, Progress(on_progress), listed), _text(path), reveal)


# ---- monthly --------------------------------------------------------------------------------------------------


@dataclass
class Monthly(_Records):
    """The ledger followed month by month: the township table of each month (`.records`), the events between
    snapshots, the data problems; names and IDs masked unless revealed."""

    comparison: Comparison
    revealed: bool = False
    strict: bool = False
    info: list[Message] = field(default_factory=list)

    @property
    def notices(self) -> list[Message]:
        from kongchuo_cli.judge.monthly import problem_notices

        return self.comparison.notices + problem_notices(self.comparison.problems)

    @property
    def periods(self) -> list[Month]:
        return self.comparison.months

    @property
    def events(self) -> list[Event]:
        return self.comparison.events

    @property
    def problems(self) -> list[MonthlyProblem]:
        return self.comparison.problems

    @property
    def exit_code(self) -> int:
        """0 for a report; 1 with strict when the ledgers have data problems (vanished cases, children listed twice,
        rows that cannot be read)."""
        return int(ExitCode.GATE_FAILED if self.strict and self.problems else ExitCode.PASSED)

    def report(self, lang: str = "zh") -> Report:
        from kongchuo_cli.output.views.monthly import monthly_report

        return monthly_report(self.comparison, lang, self.revealed)

    def period_records(self) -> list[dict[str, object]]:
        """The snapshots in their order, as JSON's "periods"."""
        from kongchuo_cli.output.views.monthly import period_records

        return period_records(self.comparison)

    def event_records(self, lang: str = "zh") -> list[dict[str, object]]:
        """The events, as JSON's "events"."""
        from kongchuo_cli.output.views.monthly import event_records

        return event_records(self.comparison, lang)

    def problem_records(self, lang: str = "zh") -> list[dict[str, object]]:
        """The data problems, as JSON's "problems"."""
        from kongchuo_cli.output.views.monthly import problem_records

        return problem_records(self.comparison, lang)


def monthly(paths: str | Path | Iterable[str | Path], *, sheets: bool = False, plan: str | Path | None = None,
            stale_days: int = STALE_DAYS, reveal: bool = False, strict: bool = False, encoding: str | None = None,
            sheet: str | int | None = None, header_row: int | None = None,
            on_file: Callable[[str], None] | None = None) -> Monthly:
    """Two or more snapshots of the county's dropout ledger (files, or with `sheets` every sheet of each workbook),
    in the order of their 统计时点 when they state it, else as given: the cases matched from month to month, the
    events, the township table of each month and the data problems. `plan` is a table of unit + quota (`kongchuo
    plan -o` output) for each unit's progress; `stale_days` the days without a visit that make an open case stale.
    Names and ID numbers are masked unless `reveal`; `strict` makes data problems exit 1; `on_file` hears of each
    file as its reading begins."""
    from kongchuo_cli.judge.monthly import compare, order
    from kongchuo_cli.read.grid import worksheets
    from kongchuo_cli.read.quotas import read_quotas
    from kongchuo_cli.read.roster.snapshot import check_identity, read_snapshot

    if sheets and sheet is not None:
        raise fail("usage_sheets_and_sheet")
    if stale_days < 0:
        raise fail("usage_choice", option="--stale-days", value=stale_days, allowed="0, 1, 2…")
    files = _paths(paths)
    steps, sources, snapshots = _Steps(), [], []
    for position, path in enumerate(files):
        if path in files[:position]:
            steps.problems.append(Message("file_given_twice", {}, Where(path)))
            continue
        titles = steps.attempt(lambda: worksheets(path) if sheets else [sheet])
        sources.extend((path, _read_options(encoding, title, header_row)) for title in titles or ())
    for path, options in sources:
        if on_file is not None:
            on_file(path)
        snapshots.append(steps.attempt(lambda: read_snapshot(path, options, reveal, named_by_sheet=sheets,
                                                             checks=False)))
    quotas = None
    if plan is not None:
        quotas = steps.attempt(lambda: read_quotas(str(plan), _read_options(encoding, None, None)))
    if not steps.problems and len(sources) < 2:
        steps.problems.append(Message("monthly_two_snapshots", {"count": len(sources)}))
    steps.raise_any()
    months, said = order(snapshots)
    check_identity(months[-1].snapshot)  # the ledger to correct: the latest (the checks cost scans of their own)
    comparison = compare(months, stale_days, quotas.by_unit if quotas else None)
    comparison.notices[:0] = [notice for snapshot in snapshots for notice in snapshot.notices] + said + (
        quotas.notices if quotas else [])
    info = [Message("monthly_read", {"label": month.label, "rows": month.snapshot.rows,
                                     "open": sum(case.open for case in month.snapshot.cases)},
                    Where(month.snapshot.name)) for month in comparison.months]
    return Monthly(comparison, reveal, strict, info)


# ---- briefing -------------------------------------------------------------------------------------------------


@dataclass
class Briefing(_Records):
    """The 通报 (supervision briefing) from `check`'s evaluation and, when ledgers are given, `monthly`'s comparison
    (two or more) or `returns`' list (one): `.records` are the rankings, `.document(lang)` the 通报 itself."""

    evaluation: Evaluation
    meta: Meta
    comparison: Monthly | None = None
    still_out: Returns | None = None
    revealed: bool = False
    plan: str | None = None
    today: datetime.date = field(default_factory=datetime.date.today)
    notices: list[Message] = field(default_factory=list)
    info: list[Message] = field(default_factory=list)

    def sources(self, lang: str = "zh"):
        from kongchuo_cli.output.views.briefing import Sources

        problems = [*self.evaluation.notices, *(self.still_out.notices if self.still_out else [])]
        return Sources(self.evaluation.judged, _subject(self.evaluation.inputs.tables, lang), self.meta, self.today,
                       self.comparison.comparison if self.comparison else None,
                       self.still_out.found if self.still_out else None, problems, self.revealed, self.plan)

    def report(self, lang: str = "zh") -> Report:
        from kongchuo_cli.output.views.briefing import briefing_report

        return briefing_report(self.sources(lang), lang)

    def document(self, lang: str = "zh"):
        """The 通报 as a document (output.document.Document): what -o 通报.docx, .html and .md are written from."""
        from kongchuo_cli.output.views.briefing import briefing

        return briefing(self.sources(lang), lang)


def briefing(paths: str | Path | Iterable[str | Path], *, ledgers: Iterable[str | Path] = (),
             plan: str | Path | None = None, meta: str | Path | None = None, reveal: bool = False,
             thresholds: str | Path | None = None, profile: str | None = None, encoding: str | None = None,
             sheet: str | int | None = None, header_row: int | None = None,
             on_file: Callable[[str], None] | None = None, today: datetime.date | None = None) -> Briefing:
    """The 通报 of the summary tables at `paths`, judged as `check` judges them; with two or more `ledgers` (months
    in order, as `monthly` takes them) the month's progress and `plan`'s quotas, with one the list of children
    still out (`returns`); `meta` a briefing.yaml of its header fields, requirements and fonts. Names and IDs are
    masked unless `reveal`. Every problem of every input is raised together."""
    from kongchuo_cli.policy import meta as briefing_meta

    ledgers = _paths(ledgers)
    if plan is not None and len(ledgers) < 2:
        raise fail("briefing_plan_needs_ledgers")
    steps = _Steps()
    fields = steps.attempt(lambda: briefing_meta.load(_text(meta)))
    evaluation = steps.attempt(lambda: check(paths, thresholds=thresholds, profile=profile, encoding=encoding,
                                       sheet=sheet, header_row=header_row, on_file=on_file))
    compared = listed = None
    if len(ledgers) >= 2:
        compared = steps.attempt(lambda: monthly(ledgers, plan=plan, reveal=reveal, encoding=encoding, sheet=sheet,
                                                 header_row=header_row, on_file=on_file))
    elif ledgers:
        listed = steps.attempt(lambda: returns(ledgers[0], reveal=reveal, encoding=encoding, sheet=sheet,
                                               header_row=header_row))
    steps.raise_any()
    said = [*evaluation.notices, *(compared.notices if compared else []), *(listed.notices if listed else [])]
    said += _briefing_notices(evaluation, fields, compared or listed)
    info = [*evaluation.info, *(compared.info if compared else []), *(listed.info if listed else [])]
    return Briefing(evaluation, fields, compared, listed, reveal, _text(plan), today or datetime.date.today(), said,
                    info)


def _briefing_notices(evaluation: Evaluation, fields: Meta, ledgers: Monthly | Returns | None) -> list[Message]:
    """What the 通报 leaves blank, and townships of the ledgers the summary tables do not have."""
    said = []
    if fields.path is None:
        said.append(Message("briefing_no_meta"))
    else:
        missing = [i18n.term(f"briefing_field_{name}") for name, given in (
            ("issuer", fields.issuer), ("number", fields.number), ("requirements", fields.requirements)) if not given]
        if missing:
            said.append(Message("briefing_meta_missing", {"fields": listing(missing)}, Where(fields.path)))
    units = {result.unit for result in evaluation.results if not result.is_total}
    if isinstance(ledgers, Monthly):
        apart = [unit for unit in ledgers.comparison.units if unit not in units]
    elif isinstance(ledgers, Returns):
        apart = [unit for unit in ledgers.found.by_township if unit and unit not in units]
    else:
        apart = []
    if apart:
        said.append(Message("briefing_units_apart", {"units": listing(apart, 10)}))
    return said


# ---- explain --------------------------------------------------------------------------------------------------


@dataclass
class Explanation:
    """Indicators in words, and one unit's computation written out with its numbers."""

    indicators: list[Indicator]
    thresholds: Thresholds
    result: Result | None = None  # the unit's result, as check gives it
    counts: dict[str, int] | None = None
    unit: str | None = None
    place: Where | None = None  # the unit's row

    def text(self, lang: str = "zh") -> str:
        from kongchuo_cli.output.views.explain import computation, describe

        blocks = ["\n".join(describe(indicator, self.thresholds, lang)) + "\n" for indicator in self.indicators]
        if self.result is not None:
            where = self.unit if self.place is None else i18n.text("explain_where", lang, unit=self.unit,
                                                                    place=self.place)
            blocks.append("\n".join(computation(self.result, self.counts, where, lang)))
        return "\n".join(blocks) + "\n"


def explain(indicator: str | None = None, *, thresholds: str | Path | None = None, profile: str | None = None,
            data: Iterable[str | Path] = (), unit: str | None = None, encoding: str | None = None,
            sheet: str | int | None = None, header_row: int | None = None) -> Explanation:
    """The indicators (or one, by id or Chinese name): formulas, columns, the active line with its source, the
    returns arithmetic; with `data` and `unit` (合计 for the whole), that unit's computation step by step."""
    from kongchuo_cli.output.views.explain import TOTAL_NAMES, unit_counts

    chosen = resolve(indicator) if indicator is not None else None
    files = _paths(data)
    if unit is not None and not files:
        raise fail("explain_unit_needs_data")
    if unit is not None and chosen is None:
        raise fail("explain_needs_indicator")
    lines = policy.load(_text(thresholds), profile)
    explanation = Explanation([chosen] if chosen else list(INDICATORS), lines)
    if unit is None:
        return explanation
    tables = read_summaries(files, _read_options(encoding, sheet, header_row))
    units = [each for table in tables for each in table.units]
    counts = unit_counts(units, unit)
    if counts is None:
        raise fail("explain_unit_unknown", unit=unit, units=listing((each.label for each in units), 20))
    everything = evaluate(tables, lines).results  # the very results check gives
    results = [each for each in everything if each.indicator.id == chosen.id]
    if not results:
        raise fail("plan_indicator_absent", indicator=chosen.typed,
                   allowed=listing(dict.fromkeys(each.indicator.typed for each in everything)))
    total = unit in TOTAL_NAMES
    (result,) = [each for each in results if (each.is_total if total and len(units) > 1 else
                                              each.unit == unit or (total and len(units) == 1))]
    place = next((each.where for each in units if each.label == unit), None)
    return Explanation([chosen], lines, result, counts, unit, place)


# ---- thresholds -----------------------------------------------------------------------------------------------


def load_thresholds(path: str | Path | None = None, profile: str | None = None) -> Thresholds:
    """The lines of a thresholds file, or of a built-in profile (default: ./thresholds.yaml, else national-2025)."""
    return policy.load(_text(path), profile)


@dataclass
class Lint:
    """What `thresholds check` finds in a file: its lines, and the warnings (legal but likely mistaken)."""

    thresholds: Thresholds
    warnings: list[Message]

    @property
    def targets(self) -> int:
        return sum(line.target is not None for line in self.thresholds.lines.values())


def lint_thresholds(path: str | Path, data: Iterable[str | Path] = ()) -> Lint:
    """Every error of a thresholds file (raised), and its warnings: a warn line that never fires, a line looser
    than the profile it extends, and with `data`, lines the data never feed and groups that match no unit."""
    from kongchuo_cli.judge.evaluate import available_indicators, check_unit_lines

    lines = policy.load(_text(path))
    warnings = list(lines.warnings)
    files = _paths(data)
    if files:
        tables = read_summaries(files)
        warnings += check_unit_lines(tables, lines) + unmatched_groups(tables, lines)
        available = {indicator.id for indicator in available_indicators(tables)[0]}
        warnings += [Message("lint_not_in_data", {"indicator": BY_ID[indicator_id].term},
                             Where(_text(path), line=position))
                     for indicator_id, position in lines.positions.items() if indicator_id not in available]
    return Lint(lines, sorted(warnings, key=lambda message: message.where.line))


# ---- init -----------------------------------------------------------------------------------------------------


def init(folder: str | Path = ".", force: bool = False) -> list[Path]:
    """Write a template to fill in (CSV with a BOM and .xlsx) and a thresholds.yaml extending the default profile:
    all of them, or none (an existing file is kept unless `force`)."""
    from kongchuo_cli.output.files import write_atomic
    from kongchuo_cli.output.template import files

    folder = Path(folder)
    if not folder.is_dir():
        raise fail("output_folder_missing", Where(str(folder)))
    planned = files(folder)
    existing = [path for path in planned if path.exists()]
    if existing and not force:
        raise KongchuoError([Message("init_exists", {}, Where(str(path))) for path in existing])
    for path, data in planned.items():
        write_atomic(str(path), data)
    return list(planned)


# ---- arguments ------------------------------------------------------------------------------------------------


def _paths(paths: str | Path | Iterable[str | Path]) -> list[str]:
    """One path or several, as text ("-" is standard input)."""
    if isinstance(paths, (str, Path)):
        return [str(paths)]
    return [str(path) for path in paths]


def _names(names: str | Iterable[str]) -> tuple[str, ...]:
    """One indicator name or several."""
    return (names,) if isinstance(names, str) else tuple(names)


def _text(path: str | Path | None) -> str | None:
    return None if path is None else str(path)


def _columns(by: str | Iterable[str] | None) -> tuple[str, ...]:
    """"乡镇,学校" (the Chinese comma too) or ["乡镇", "学校"] → ("乡镇", "学校")."""
    if by is None:
        return ()
    names = by.replace("，", ",").split(",") if isinstance(by, str) else by
    return tuple(name.strip() for name in names if name.strip())


def _read_options(encoding: str | None, sheet: str | int | None, header_row: int | None) -> ReadOptions:
    return ReadOptions(encoding, None if sheet is None else str(sheet), header_row)


def _choice(option: str, value: str | None, allowed: tuple[str, ...]) -> None:
    if value is not None and value not in allowed:
        raise fail("usage_choice", option=option, value=value, allowed=listing(allowed))


__all__ = ["Briefing", "Cohorts", "Evaluation", "Explanation", "KongchuoError", "Lint", "Monthly", "Plan", "Returns",
           "briefing", "check", "cohorts", "explain", "init", "lint_thresholds", "load_thresholds", "monthly", "plan",
           "returns"]
