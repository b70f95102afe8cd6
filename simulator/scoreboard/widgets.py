"""The board's parts: big figures, the ranking, the honours, the weakest rule.

Each widget takes plain board data and a name function (real names or pseudonyms) and
keeps what it shows in `rows`/`lines`, so tests can read it without parsing the screen.
"""

from __future__ import annotations

from collections.abc import Callable

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Digits, Label, Static

from simulator.grading.rates import RuleRate
from simulator.store.board import Accolade, BoardData, RankBy, RankEntry

NameFn = Callable[[str], str]
NO_VALUE = "--"


class Figure(Vertical):
    """A caption over a number in big digits."""

    def __init__(self, caption: str, *, id: str) -> None:
        super().__init__(id=id, classes="figure")
        self._caption = caption

    def compose(self) -> ComposeResult:
        yield Label(self._caption, classes="caption")
        yield Digits(NO_VALUE)

    def show(self, value: str) -> None:
        self.query_one(Digits).update(value)

    @property
    def value(self) -> str:
        return self.query_one(Digits).value


def figures(data: BoardData) -> dict[str, str]:
    """The big numbers: class average, pass rate, calls (as Digits can draw them)."""
    if data.calls == 0 or data.average is None or data.pass_rate is None:
        return {"average": NO_VALUE, "pass-rate": NO_VALUE, "calls": "0"}
    return {
        "average": f"{data.average:.1f}",
        "pass-rate": f"{data.pass_rate * 100:.0f}%",
        "calls": str(data.calls),
    }


class Ranking(Static):
    """The live ranking: the top trainees by best or average score."""

    def __init__(self, *, top: int, rank_by: RankBy, show_ids: bool, id: str) -> None:
        super().__init__(id=id)
        self.top = top
        self.rank_by = rank_by
        self.show_ids = show_ids
        self.rows: list[tuple[str, ...]] = []

    def show(self, entries: tuple[RankEntry, ...], name: NameFn) -> None:
        primary = "最高分" if self.rank_by == "best" else "平均分"
        secondary = "平均分" if self.rank_by == "best" else "最高分"
        table = Table(expand=True, box=None, padding=(0, 1), header_style="bold")
        table.add_column("名次", justify="right", width=4)
        table.add_column("学员", ratio=3, no_wrap=True, overflow="ellipsis")
        if self.show_ids:
            table.add_column("工号", ratio=1, no_wrap=True)
        table.add_column(primary, justify="right", style="bold")
        table.add_column(secondary, justify="right")
        table.add_column("通过", justify="right")
        table.add_column("通话", justify="right")
        self.rows = []
        for place, entry in enumerate(entries[: self.top], start=1):
            best, average = str(entry.best), f"{entry.average:.1f}"
            first, second = (best, average) if self.rank_by == "best" else (average, best)
            cells = [str(place), name(entry.trainee)]
            if self.show_ids:
                cells.append(entry.agent_id)
            cells += [first, second, str(entry.passes), str(entry.calls)]
            self.rows.append(tuple(cells))
            table.add_row(*cells, style="bold yellow" if place <= 3 else None)
        if not self.rows:
            self.update(Text("还没有成绩。学员完成通话后，这里会自动出现排名。", style="dim"))
            return
        self.update(table)


class Honours(Static):
    """Per-rule accolades: fastest greeting, zero forbidden phrases, best hold etiquette."""

    def __init__(self, *, id: str) -> None:
        super().__init__(id=id)
        self.lines: list[str] = []

    def show(self, accolades: tuple[Accolade, ...], name: NameFn) -> None:
        self.lines = [f"{a.title}  {name(a.trainee)}  {a.detail}" for a in accolades]
        text = Text()
        for accolade in accolades:
            text.append(f"{accolade.title}\n", style="bold")
            text.append(f"  {name(accolade.trainee)}", style="bold reverse")
            text.append(f"  {accolade.detail}\n")
        self.update(text if accolades else Text("暂无", style="dim"))


class Weakest(Static):
    """The rule the class fails most right now, with its fail rate."""

    def __init__(self, *, id: str) -> None:
        super().__init__(id=id)
        self.line = ""

    def show(self, rule: RuleRate | None) -> None:
        if rule is None:
            self.line = ""
            self.update(Text("暂无失分规则", style="dim"))
            return
        # The title only: the board is read by trainees, who never see rule ids.
        self.line = f"{rule.title} {rule.rate:.0%}"
        text = Text(f"{rule.title}\n", style="bold")
        text.append(f"失败率 {rule.rate:.0%}（{rule.fails}/{rule.applicable}）")
        self.update(text)


class Latest(Static):
    """The last few calls, newest first: the board visibly moves as calls finish."""

    def __init__(self, *, id: str, local_time: Callable[[object], str]) -> None:
        super().__init__(id=id)
        self._local_time = local_time
        self.lines: list[str] = []

    def show(self, data: BoardData, name: NameFn) -> None:
        self.lines = [
            f"{self._local_time(c.finished_at)} {name(c.trainee)} {c.score}分"
            f" {'通过' if c.passed else '未通过'}"
            for c in data.latest
        ]
        self.update("\n".join(self.lines) if self.lines else Text("暂无", style="dim"))
