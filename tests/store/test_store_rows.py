"""Rows are neither lost nor misreported (issue 16, item 7): recordings without an id,
text PostgreSQL refuses, and an in-memory database that would keep nothing."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy import func, select

from simulator.cli import main
from simulator.store.engine import Store, open_store
from simulator.store.schema import CallResult


def _recording(trainee: str, text: str, *, call_id: str | None = None) -> str:
    header: dict[str, object] = {
        "kind": "session",
        "format": 1,
        "scenario": "silent-call",
        "persona": "silent",
        "org": "福彩热线",
        "agent_id": "1024",
        "trainee": trainee,
    }
    if call_id is not None:
        header["id"] = call_id
    lines = [
        json.dumps(header, ensure_ascii=False),
        '{"t": 0.0, "kind": "ring", "n": 1}',
        '{"t": 4.2, "kind": "answer"}',
        json.dumps({"t": 5.6, "end": 8.1, "kind": "say", "who": "agent", "text": text}),
        '{"t": 40.1, "kind": "hangup", "who": "caller"}',
    ]
    return "\n".join(lines) + "\n"


def _count(store: Store) -> int:
    with store.engine.connect() as conn:
        return int(conn.execute(select(func.count()).select_from(CallResult)).scalar_one())


def _save(
    db_url: str, folder: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> tuple[int, str]:
    monkeypatch.delenv("CALLSIM_DB", raising=False)
    code = main(["--db", db_url, "grade", "--save", "--summary", str(folder)])
    return code, capsys.readouterr().err


def test_recordings_without_an_id_each_get_their_own_row(
    store: Store,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    folder = tmp_path / "third-party"
    folder.mkdir()
    for n, name in enumerate(["甲", "乙", "丙"]):
        (folder / f"{n}.jsonl").write_text(_recording(name, f"您好 {n}"), encoding="utf-8")
    code, err = _save(store.url, folder, monkeypatch, capsys)
    assert code == 0, err
    assert "已将 3 通电话" in err
    assert _count(store) == 3
    code, err = _save(store.url, folder, monkeypatch, capsys)  # saving again keeps one each
    assert code == 0, err
    assert _count(store) == 3


def test_a_name_with_nul_is_stored_and_the_batch_goes_on(
    store: Store,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    folder = tmp_path / "calls"
    folder.mkdir()
    (folder / "a.jsonl").write_text(_recording("李\x00明", "您好", call_id="nul-1"), "utf-8")
    (folder / "b.jsonl").write_text(_recording("王芳", "您好", call_id="ok-2"), "utf-8")
    long_name = "长" * 300
    (folder / "c.jsonl").write_text(_recording(long_name, "您好", call_id="x" * 200), "utf-8")
    code, err = _save(store.url, folder, monkeypatch, capsys)
    assert code == 0, err
    assert "网络" not in err
    assert "已将 3 通电话" in err
    with store.engine.connect() as conn:
        names = set(conn.execute(select(CallResult.trainee)).scalars())
    assert names == {"李明", "王芳", "长" * 120}


@pytest.mark.parametrize(
    "url", ["sqlite://", "sqlite:///:memory:", "sqlite+pysqlite://", "sqlite:///file::memory:"]
)
def test_in_memory_databases_are_refused_for_saving(
    url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "call.jsonl"
    path.write_text(_recording("李明", "您好", call_id="mem-1"), encoding="utf-8")
    code, err = _save(url, path, monkeypatch, capsys)
    assert code == 2
    assert "只在内存中" in err
    assert "已将" not in err
    assert "Traceback" not in err
    open_store(url).close()
