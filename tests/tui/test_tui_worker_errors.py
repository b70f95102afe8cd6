"""A background job that fails outside its own error handling is never silent."""

from __future__ import annotations

from pathlib import Path

from textual import work

from simulator.clock import FakeClock
from simulator.tui.screens.base import CallsimScreen
from tests.tui.tui_helpers import SIZE, new_app, until


class FailingScreen(CallsimScreen[None]):
    def on_mount(self) -> None:
        self.fail()

    @work(thread=True, exit_on_error=False)
    def fail(self) -> None:
        raise RuntimeError("数据库连接断开")


async def test_a_failed_worker_is_told_and_logged(tmp_path: Path) -> None:
    app = new_app(tmp_path, FakeClock())
    async with app.run_test(size=SIZE) as pilot:
        await app.push_screen(FailingScreen())
        await until(pilot, lambda: bool(list(app._notifications)))
        notes = [n.message for n in app._notifications]
        assert any("后台任务出错（RuntimeError）" in note for note in notes), notes
        logs = list((app.services.data_dir / "logs").glob("crash-*.log"))
        assert len(logs) == 1
        assert "数据库连接断开" in logs[0].read_text(encoding="utf-8")
