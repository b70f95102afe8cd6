"""课堂演示 in a real headless Chromium: `callsim serve scoreboard --live` shows a call
another machine is writing to the database, line by line, without a reload."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from simulator.store.engine import open_store
from simulator.store.live import LiveWriter
from tests.scoreboard.test_scoreboard_browser import (  # noqa: F401 -- `browser` is a fixture
    browser,
    serve_board,
    wait_for_text,
)

pytestmark = pytest.mark.browser
CLASS = "演示班"


@pytest.fixture
def served_live_board(tmp_path: Path) -> Iterator[str]:
    with serve_board(tmp_path, CLASS, ("甲", "乙"), 2, "--live") as (page, _):
        yield page


def test_browser_shows_a_live_call_as_it_happens(
    served_live_board: str,
    browser: object,  # noqa: F811 -- the fixture imported above
    tmp_path: Path,
) -> None:
    driver = browser
    driver.get(served_live_board)  # type: ignore[attr-defined]
    wait_for_text(driver, "课堂演示", "等待学员开启课堂演示")

    # A trainee on another machine opts in: the writer is the app's.
    store = open_store(f"sqlite:///{tmp_path}/results.sqlite3")
    writer = LiveWriter(store, "browser-live-1")
    writer.start()
    try:
        writer.publish("start", 0.0, {"trainee": "东方明", "agent_id": "4242",
                                      "title": "接通后没有声音", "class": CLASS})  # fmt: skip
        writer.publish("ring", 0.0, {"n": 1})
        writer.publish("answer", 2.0)
        writer.publish("agent", 2.5, {"text": "您好请问有什么可以帮您", "end": 5.0})
        wait_for_text(driver, "东方明", "通话中", "有什么可以帮您", timeout=20)
        rule = {"rule": "opening.latency", "title": "两秒内问候", "status": "fail"}
        writer.publish("rule", 2.5, {**rule, "detail": "接听后 2.5 秒才问候"})
        writer.publish("end", 9.0, {"who": "agent", "reason": "agent_hung_up"})
        wait_for_text(driver, "两秒内问候", "学员挂机", timeout=20)
    finally:
        writer.close()
        store.close()
