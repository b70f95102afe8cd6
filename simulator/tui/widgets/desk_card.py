"""The desk card beside the call: whose line this is, the agent's number, and what the
agent may look up (the scenario's `facts`), which appear once the caller is on hold."""

from __future__ import annotations

from collections.abc import Mapping

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Static


def card_text(
    org: str, agent_id: str, facts: Mapping[str, str], *, revealed: bool, exam: str = ""
) -> Text:
    """The card's lines: organization and work number (and the exam being taken), then
    the facts or where they are."""
    text = Text()
    if exam:
        text.append("考试 ", style="dim")
        text.append(f"{exam}\n", style="bold")
    text.append("单位 ", style="dim")
    text.append(org, style="bold")
    text.append("\n工号 ", style="dim")
    text.append(agent_id or "--", style="bold")
    if not facts:
        return text
    text.append("\n\n")
    if not revealed:
        text.append("查询资料：请客户稍等，按 F2 保持后显示。", style="dim italic")
        return text
    text.append("查询结果", style="bold underline")
    for label, value in facts.items():  # label and answer on one line: the card is narrow
        text.append(f"\n{label}：", style="bold cyan")
        text.append(value)
    return text


class DeskCard(VerticalScroll):
    """What a real agent has on the desk; `reveal()` when the first hold starts."""

    DEFAULT_CSS = """
    DeskCard {
        width: 30; height: 1fr; border: round $secondary; padding: 0 1;
        scrollbar-size-vertical: 1;
    }
    DeskCard > Static { width: 1fr; }
    """

    def __init__(
        self,
        org: str,
        agent_id: str,
        facts: Mapping[str, str],
        *,
        exam: str = "",
        id: str | None = None,
    ) -> None:
        super().__init__(id=id)
        self.exam = exam
        self.org = org
        self.agent_id = agent_id
        self.facts = dict(facts)
        self.revealed = False
        self.border_title = "服务台"

    def compose(self) -> ComposeResult:
        yield Static(self._text(), id="desk-text")

    def _text(self) -> Text:
        return card_text(
            self.org, self.agent_id, self.facts, revealed=self.revealed, exam=self.exam
        )

    def reveal(self) -> None:
        """The agent has put the caller on hold to look things up: show the facts."""
        if self.revealed or not self.facts:
            return
        self.revealed = True
        self.query_one("#desk-text", Static).update(self._text())

    def plain(self) -> str:
        """The card as plain text (tests read this)."""
        return self._text().plain
