"""Scores over time as a bar chart, with the pass mark drawn across it."""

from __future__ import annotations

from collections.abc import Sequence

from rich.console import Group
from rich.text import Text
from textual.widget import Widget

AXIS_CELLS = 5
BAR = "█"
EIGHTHS = " ▁▂▃▄▅▆▇█"


def chart_rows(
    scores: Sequence[tuple[int, bool]], width: int, height: int, pass_mark: int = 80
) -> list[Text]:
    """`height` rows of `width` cells: one 2-cell column per call, newest on the right."""
    height = max(3, height)
    columns = max(1, (width - AXIS_CELLS) // 2)
    shown = list(scores)[-columns:]
    mark_row = round(pass_mark / 100 * height)
    rows = []
    for level in range(height, 0, -1):
        if level == height:
            label = "100 ┤"
        elif level == mark_row:
            label = f"{pass_mark:3d} ┤"
        else:
            label = "    │"
        row = Text.assemble((label, "dim"))
        for score, passed in shown:
            filled = score / 100 * height - (level - 1)
            cell = EIGHTHS[max(0, min(8, int(filled * 8)))]
            on_mark = level == mark_row and cell == " "
            if on_mark:
                row.append("╌╌", style="dim")
            else:
                row.append(cell * 2, style="green" if passed else "red")
        rows.append(row)
    axis = Text("  0 └" + "──" * len(shown), style="dim")
    rows.append(axis)
    return rows


class ProgressChart(Widget):
    """Set `scores` (oldest first) to redraw."""

    DEFAULT_CSS = """
    ProgressChart { height: 8; }
    """

    def __init__(self, *, id: str | None = None, empty: str = "还没有已评分的通话。") -> None:
        super().__init__(id=id)
        self.empty = empty
        """Shown with no scores: while loading, a loading line, never "no calls" yet."""
        self._scores: list[tuple[int, bool]] = []
        self._pass_mark = 80

    def show(self, scores: Sequence[tuple[int, bool]], pass_mark: int = 80) -> None:
        self._scores = list(scores)
        self._pass_mark = pass_mark
        self.refresh()

    def render(self) -> Group | Text:
        if not self._scores:
            return Text(self.empty, style="dim")
        height = self.content_region.height - 1
        rows = chart_rows(self._scores, self.content_region.width, height, self._pass_mark)
        return Group(*rows)
