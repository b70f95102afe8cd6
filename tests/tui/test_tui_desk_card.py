"""The desk card: the line's organization and the agent's work number from the first
ring, and the scenario's facts once the caller is put on hold to look them up."""

from __future__ import annotations

from pathlib import Path

from simulator.clock import FakeClock
from simulator.tui.widgets.desk_card import DeskCard, card_text
from tests.tui.tui_helpers import SIZE, new_app, run_until, start_call, tap, type_text


async def test_the_facts_appear_when_the_caller_is_put_on_hold(tmp_path: Path) -> None:
    clock = FakeClock()
    app = new_app(tmp_path, clock, "standard-inquiry")
    async with app.run_test(size=SIZE) as pilot:
        screen = await start_call(pilot)
        desk = screen.query_one(DeskCard)
        before = desk.plain()
        assert "单位 福彩热线" in before and "工号 1024" in before
        assert "兑奖地点" not in before and "按 F2 保持后显示" in before
        await tap(pilot, "space")
        await type_text(pilot, "您好，请您稍等，我帮您查询一下。")
        await run_until(pilot, screen, clock, 3.0)
        await tap(pilot, "enter")
        assert "兑奖地点" not in desk.plain()  # asking is not looking up
        await tap(pilot, "f2")
        after = desk.plain()
        assert "市福彩中心兑奖大厅（人民路 88 号一楼）" in after
        assert "需携带" in after
        await tap(pilot, "f2")  # back on the line: what was found stays on the desk
        assert "兑奖地点" in desk.plain()


def test_a_scenario_without_facts_shows_only_who_answers() -> None:
    text = card_text("ETC客服中心", "1024", {}, revealed=False).plain
    assert text == "单位 ETC客服中心\n工号 1024"
