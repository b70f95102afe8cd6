"""The app stores its own calls as verified and signs the recordings it wrote, never a
file it only opened from elsewhere."""

from __future__ import annotations

import random
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from simulator.recording import read_recording
from simulator.store.engine import open_store
from simulator.store.samples import sample_grade
from simulator.store.schema import CallResult
from simulator.store.signing import recording_key
from simulator.tui.model.services import default_result_saver
from tests.grading.grading_builder import standard_call


def _recording(folder: Path, name: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{name}.jsonl"
    builder = standard_call()
    builder.header["id"] = name
    path.write_text(builder.text(), encoding="utf-8")
    return path


def test_own_recordings_are_signed_others_left_alone(tmp_path: Path) -> None:
    store = open_store(f"sqlite:///{tmp_path}/results.sqlite3")
    own_dir = tmp_path / "recordings"
    own = _recording(own_dir / "2026-12-02" / "李明", "own-call")
    elsewhere = _recording(tmp_path / "fixtures", "opened-call")
    before = elsewhere.read_bytes()

    for path in (own, elsewhere):
        notice = default_result_saver(
            sample_grade(random.Random(1), recording=str(path)),
            read_recording(path),
            lambda: store,
            own_dir,
        )
        assert notice == "成绩已保存到成绩库。"

    key = recording_key(store)
    assert read_recording(own).check_signature(key) == "verified"
    assert elsewhere.read_bytes() == before
    with Session(store.engine) as session:
        rows = {r.call_id: r.verified for r in session.scalars(select(CallResult))}
    assert rows == {"own-call": True, "opened-call": True}  # both calls ran in this app
    store.close()
