"""The command palette in Chinese: a Chinese prompt and no-match line, and commands found
by their characters, their pinyin or their pinyin initials (`ks` finds 考试).
"""

from __future__ import annotations

from functools import lru_cache
from typing import Final

from rich.align import Align
from rich.text import Text
from textual.command import (
    CommandList,
    CommandPalette,
    DiscoveryHit,
    Hit,
    Hits,
    Provider,
)
from textual.content import Content
from textual.widgets.option_list import Option

from simulator.timers import timer_delay

PLACEHOLDER: Final = "输入命令名称或拼音首字母（如 ks 找考试）…"
THEME_PLACEHOLDER: Final = "搜索配色…"
NO_MATCHES: Final = "没有找到匹配的命令"


@lru_cache(maxsize=256)
def pinyin_keys(name: str) -> tuple[str, str]:
    """The name's pinyin initials and its full toneless pinyin, lower case, no spaces."""
    # pypinyin loads its dictionaries on import (a fifth of the start-up): only once
    # the palette is searched.
    from pypinyin import Style, lazy_pinyin  # noqa: PLC0415

    initials = "".join(lazy_pinyin(name, style=Style.FIRST_LETTER)).lower()
    full = "".join(lazy_pinyin(name)).lower()
    return initials.replace(" ", ""), full.replace(" ", "")


def pinyin_span(name: str, query: str) -> tuple[int, int] | None:
    """Where the query's letters sit in the name when they are a run of its initials."""
    # pypinyin loads its dictionaries on import: only once the palette is searched.
    from pypinyin import Style, lazy_pinyin  # noqa: PLC0415

    initials = "".join(lazy_pinyin(name, style=Style.FIRST_LETTER)).lower()
    if len(initials) != len(name):
        return None  # letters and characters do not line up one to one
    start = initials.find(query.lower().replace(" ", ""))
    return None if start < 0 else (start, start + len(query.replace(" ", "")))


class PinyinCommandsProvider(Provider):
    """The app's system commands, matched on the name, its pinyin and its initials."""

    async def discover(self) -> Hits:
        for name, help_text, callback, discover in self.app.get_system_commands(self.screen):
            if discover:
                yield DiscoveryHit(name, callback, help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for name, help_text, callback, *_ in self.app.get_system_commands(self.screen):
            score = matcher.match(name)
            display = matcher.highlight(name) if score > 0 else Content(name)
            if score <= 0 and query.isascii():
                score = max(matcher.match(key) for key in pinyin_keys(name)) * 0.9
                span = pinyin_span(name, query)
                if span is not None:
                    display = Content(name).stylize(matcher.match_style, *span)
            if score > 0:
                yield Hit(score, display, callback, help=help_text)


class ChineseCommandPalette(CommandPalette):
    """Textual's palette with its two English texts in Chinese."""

    def __init__(
        self,
        providers: list[type[Provider]] | None = None,
        *,
        placeholder: str = PLACEHOLDER,
        id: str | None = None,
    ) -> None:
        super().__init__(providers, placeholder=placeholder, id=id)

    def _start_no_matches_countdown(self, search_value: str) -> None:
        # Textual writes "No matches found" inside this method; the same steps, in Chinese.
        self._stop_no_matches_countdown()

        def show_no_matches() -> None:
            if search_value:
                self.query_one(CommandList).add_option(
                    Option(
                        Align.center(Text(NO_MATCHES, style="not bold")),
                        disabled=True,
                        id=self._NO_MATCHES,
                    )
                )
                self._list_visible = True
            else:
                self._list_visible = False

        self._no_matches_timer = self.set_timer(
            timer_delay(self._NO_MATCHES_COUNTDOWN), show_no_matches
        )
