"""Every problem of every input, located: a `Message` is a catalogue code, its values and the place (file, the
spreadsheet's own row and column, or a YAML line); a `KongchuoError` carries all the problems of a run at once."""

from __future__ import annotations

from dataclasses import dataclass, field

from kongchuo_cli import i18n

MAX_LISTED_PROBLEMS = 200


@dataclass(frozen=True, slots=True)  # one per unit read
class Where:
    """A place in an input: file, and the spreadsheet's own row and column, or a line of a YAML file."""

    file: str
    row: int | None = None
    column: str | None = None  # the header as written
    letter: str | None = None  # the spreadsheet column letter
    line: int | None = None
    character: int | None = None  # the position in a line of text (a YAML file), from 1

    def render(self, lang: str) -> str:
        parts = [_shortened(i18n.inert(self.file))]
        if self.line is not None and self.character is not None:
            parts.append(i18n.text("where_line_character", lang, line=self.line, character=self.character))
        elif self.line is not None:
            parts.append(i18n.text("where_line", lang, line=self.line))
        if self.row is not None:
            parts.append(i18n.text("where_row", lang, row=self.row))
        if self.column is not None:
            code = "where_column_letter" if self.letter else "where_column"
            parts.append(i18n.text(code, lang, column=self.column, letter=self.letter))
        return i18n.text("where_separator", lang).join(parts)


MAX_SHOWN_PATH = 120  # a longer path is shown by its start and its end


def _shortened(path: str) -> str:
    if len(path) <= MAX_SHOWN_PATH:
        return path
    return f"{path[:MAX_SHOWN_PATH // 2]}…{path[-(MAX_SHOWN_PATH // 2 - 1):]}"


@dataclass(frozen=True)
class Message:
    code: str
    params: dict[str, object] = field(default_factory=dict)
    where: Where | None = None

    def render(self, lang: str) -> str:
        text = i18n.text(self.code, lang, **self.params)
        return text if self.where is None else i18n.text("located", lang, where=self.where, text=text)


class KongchuoError(Exception):
    """Input kongchuo cannot evaluate (exit 2); carries every problem found, not just the first, and the
    warnings gathered on the way (an unrecognised column is often the cause of the errors)."""

    def __init__(self, problems: list[Message], notices: list[Message] | None = None) -> None:
        super().__init__(problems[0].code if problems else "error")
        self.problems = problems
        self.notices = notices or []

    def lines(self, lang: str = "zh") -> list[str]:
        """The lines the command line prints on stderr, one per problem: 错误：… / Error: …"""
        prefix = i18n.text("error_prefix", lang)
        return [f"{prefix}{problem.render(lang)}" for problem in self.problems]

    def __str__(self) -> str:
        return "\n".join(self.lines("en"))


def fail(code: str, where: Where | None = None, **params: object) -> KongchuoError:
    return KongchuoError([Message(code, params, where)])




def capped(problems: list[Message]) -> list[Message]:
    """At most MAX_LISTED_PROBLEMS, then one line saying how many more (counting those of lists capped before:
    the problems of several files, each capped when read)."""
    kept = [problem for problem in problems if problem.code != "more_errors"]
    more = sum(problem.params["count"] for problem in problems if problem.code == "more_errors")
    more += max(0, len(kept) - MAX_LISTED_PROBLEMS)
    return kept[:MAX_LISTED_PROBLEMS] + ([Message("more_errors", {"count": more})] if more else [])
