"""Problems found in a YAML file: one line each, `file:line:column: field: message — hint`.

A file can have many problems; the loaders collect them all before giving up, so a
trainer fixes a file in one pass instead of one error per run. A *warning* is printed the
same way, marked 「警告：」, and does not stop the file from loading (`callsim validate`
still exits 0 for it).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from simulator.errors import UserError


@dataclass(frozen=True)
class Problem:
    """One mistake in a file, with where it is (1-based line and column) and how to fix it.

    `field` is the dotted path of the value in the file (`script.beats.greet.on[0].goto`),
    empty for problems of the file as a whole (bad YAML, empty file).
    """

    path: Path
    line: int | None
    column: int | None
    field: str
    message: str
    hint: str | None = None
    warning: bool = False
    """A doubt, not a mistake: printed, but the file is still valid."""

    def __str__(self) -> str:
        where = str(self.path)
        if self.line is not None:
            where += f":{self.line}"
            if self.column is not None:
                where += f":{self.column}"
        text = f"{where}: "
        if self.field:
            text += f"{self.field}: "
        text += f"警告：{self.message}" if self.warning else self.message
        if self.hint:
            text += f" — {self.hint}"
        return text

    def sort_key(self) -> tuple[str, int, int, str, str]:
        return (str(self.path), self.line or 0, self.column or 0, self.field, self.message)


def sorted_problems(problems: Iterable[Problem]) -> list[Problem]:
    """Problems in file order, each reported once."""
    return sorted(set(problems), key=Problem.sort_key)


class YamlFileError(UserError):
    """A YAML file (a scenario, a trainee script, a phrase catalog file, an exam, any YAML
    model file) that cannot be loaded.

    `problems` lists every mistake found; `str()` is one line per problem. The scenario
    loader raises its own subclass, `ScenarioFileError`; other kinds of files raise this.
    """

    def __init__(self, problems: Sequence[Problem]) -> None:
        if not problems:
            raise ValueError(f"{type(self).__name__} needs at least one problem")
        self.problems = list(problems)
        first = self.problems[0]
        message = f"{first.field}: {first.message}" if first.field else first.message
        super().__init__(
            message, path=first.path, line=first.line, column=first.column, hint=first.hint
        )

    def render(self) -> str:
        return "\n".join(str(problem) for problem in self.problems)


def format_field(path: Sequence[str | int]) -> str:
    """`("script", "beats", "greet", "on", 0, "goto")` -> `script.beats.greet.on[0].goto`."""
    text = ""
    for step in path:
        if isinstance(step, int):
            text += f"[{step}]"
        else:
            text += f".{step}" if text else step
    return text
