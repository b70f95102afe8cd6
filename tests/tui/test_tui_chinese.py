"""What a trainee reads is Chinese and right: the command palette (found by pinyin too),
the work number, the class in the header, the help's close hint, an exam's own pass mark,
and a resumed exam that says 继续."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from rich.align import Align
from textual.command import CommandInput, CommandList
from textual.containers import VerticalScroll
from textual.pilot import Pilot
from textual.widgets import Input, Static

from simulator.clock import FakeClock
from simulator.grading.model import Grade
from simulator.store.engine import open_store
from simulator.tui.app import CallsimApp
from simulator.tui.palette import NO_MATCHES, PLACEHOLDER, ChineseCommandPalette, pinyin_keys
from simulator.tui.screens.exams import ExamListScreen
from simulator.tui.screens.help import CLOSE_HINT, HelpScreen
from simulator.tui.screens.picker import PickerScreen
from simulator.tui.screens.report import ReportScreen, passes_at
from simulator.tui.screens.signin import SignInScreen
from tests.tui.test_tui_exams import _plan, _take
from tests.tui.tui_helpers import (
    SIZE,
    make_services,
    new_app,
    settle,
    sign_in,
    tap,
    type_text,
    until,
    wait_for_screen,
)


async def _palette_finds(pilot: Pilot[Any], query: str, first: str) -> bool:
    """Whether the palette, given `query`, lists `first` alone (waits for the search)."""
    await pilot.press("ctrl+p")
    palette = await wait_for_screen(pilot, ChineseCommandPalette)
    assert palette.query_one(CommandInput).placeholder == PLACEHOLDER
    for key in query:
        await pilot.press(key)
    commands = palette.query_one(CommandList)

    def options() -> list[str]:
        prompts = [commands.get_option_at_index(i).prompt for i in range(commands.option_count)]
        return [str(p.renderable if isinstance(p, Align) else p) for p in prompts]

    try:
        await until(pilot, lambda: len(options()) == 1 and options()[0].startswith(first))
    except AssertionError:
        return False
    finally:
        await pilot.press("escape")
    return True


def test_pinyin_keys() -> None:
    assert pinyin_keys("参加考试") == ("cjks", "canjiakaoshi")


async def test_the_palette_is_chinese_and_finds_commands_by_pinyin(tmp_path: Path) -> None:
    async with new_app(tmp_path, FakeClock()).run_test(size=(80, 24)) as pilot:
        await sign_in(pilot)
        await wait_for_screen(pilot, PickerScreen)
        assert await _palette_finds(pilot, "ks", "参加考试")
        assert await _palette_finds(pilot, "lishi", "历史成绩")
        assert await _palette_finds(pilot, "zzq", NO_MATCHES)


async def test_the_work_number_takes_digits_only(tmp_path: Path) -> None:
    async with new_app(tmp_path, FakeClock()).run_test(size=SIZE) as pilot:
        await settle(pilot)
        name = pilot.app.screen.query_one("#signin-name", Input)
        name.value = "李明"
        pilot.app.screen.query_one("#signin-agent-id", Input).focus()
        await type_text(pilot, "abc12")
        assert pilot.app.screen.query_one("#signin-agent-id", Input).value == "12"
        # A value that bypassed typing (an old settings file) is refused with the reason.
        pilot.app.screen.query_one("#signin-agent-id", Input).value = "ab1"
        await tap(pilot, "enter")
        assert isinstance(pilot.app.screen, SignInScreen)
        assert "只能是数字" in str(pilot.app.screen.query_one("#signin-error", Static).render())


async def test_the_header_shows_the_class(tmp_path: Path) -> None:
    async with new_app(tmp_path, FakeClock()).run_test(size=SIZE) as pilot:
        await settle(pilot)
        pilot.app.screen.query_one("#signin-class", Input).value = "春季一班"
        await sign_in(pilot, "王小红", "2048")
        picker = await wait_for_screen(pilot, PickerScreen)
        assert picker.sub_title == "王小红 · 工号 2048 · 春季一班"


async def test_the_help_close_hint_shows_without_scrolling(tmp_path: Path) -> None:
    async with new_app(tmp_path, FakeClock()).run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("f1")
        help_screen = await wait_for_screen(pilot, HelpScreen)
        frame = help_screen.query_one(VerticalScroll)
        assert frame.border_subtitle == CLOSE_HINT
        assert frame.max_scroll_y > 0  # the text scrolls, the hint on the frame does not


def test_passes_at_another_mark() -> None:
    grade = Grade("", "standard-inquiry", "standard", 82, True, True, ())
    assert grade.passed and passes_at(grade, 80) and not passes_at(grade, 85)


async def test_an_exam_uses_its_pass_mark_and_a_resumed_exam_says_continue(
    tmp_path: Path,
) -> None:
    exam_file = tmp_path / "strict.yaml"
    exam_file.write_text(
        "id: strict\ntitle: 严格测验\nscenarios: [standard-inquiry, silent-call]\n"
        "attempts: 2\npass_mark: 85\n",
        encoding="utf-8",
    )
    clock, store = FakeClock(), open_store(f"sqlite:///{tmp_path}/results.sqlite3")
    services = make_services(tmp_path, clock, grader=None, store_factory=lambda: store)
    app = CallsimApp(services, exam_file=exam_file)
    async with app.run_test(size=SIZE) as pilot:
        await sign_in(pilot)
        exams = await wait_for_screen(pilot, ExamListScreen)
        await until(pilot, lambda: exams.plan_shown_for == "strict")
        plan = _plan(exams)
        assert "按回车开始考试" in plan and "→ 1. 查询开奖结果" in plan
        assert "standard-inquiry" not in plan
        await tap(pilot, "enter")
        report: ReportScreen = await _take(pilot, clock, "standard-inquiry", "考试 第 1/2 通")
        meta = str(report.query_one("#report-meta", Static).render())
        assert "及格 85 分" in meta
        await tap(pilot, "escape")
        exams = await wait_for_screen(pilot, ExamListScreen)
        await until(pilot, lambda: "进行中" in _plan(exams))
        assert "按回车继续考试" in _plan(exams)
