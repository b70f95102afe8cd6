"""Disk full during a call: every line written before stays, the call goes on, the
recording reads as unfinished (never a pass) and the trainee gets one Chinese line."""

from __future__ import annotations

import errno
import json
import shutil
from pathlib import Path
from typing import IO

import pytest

from simulator.grading import grade
from simulator.recording import Answer, CallRecorder, Event, Hangup, Ring, Say, read_recording
from simulator.recording.writer import RecordingWriter
from tests.grading.grading_builder import standard_call

HEADER = standard_call().build().header
EVENTS: list[Event] = [
    Ring(t=0.0, n=1),
    Answer(t=3.0),
    Say(t=3.5, end=6.0, who="agent", text="您好，福彩热线，很高兴为您服务"),
    Say(t=7.0, end=9.0, who="caller", text="我想问一下开奖结果"),
    Say(t=10.0, end=14.0, who="agent", text="好的，开奖号码在官网公告里"),
    Hangup(t=20.0, who="caller"),
]


class FillingDisk:
    """A text file on a disk with `room` bytes left: like a real buffered file, a flush
    writes what fits, then fails with ENOSPC and keeps the rest pending."""

    def __init__(self, path: Path, room: int) -> None:
        self._real = path.open("xb")
        self.room = room
        self._pending = b""
        self.closed = False

    def write(self, text: str) -> int:
        self._pending += text.encode("utf-8")
        return len(text)

    def flush(self) -> None:
        fits, self._pending = self._pending[: self.room], self._pending[self.room :]
        self._real.write(fits)
        self._real.flush()
        self.room -= len(fits)
        if self._pending:
            raise OSError(errno.ENOSPC, "No space left on device")

    def fileno(self) -> int:
        return self._real.fileno()

    def close(self) -> None:
        self.closed = True
        try:
            self.flush()
        finally:
            self._real.close()


def _writer(tmp_path: Path, room: int) -> tuple[RecordingWriter, list[FillingDisk]]:
    opened: list[FillingDisk] = []

    def open_file(path: Path) -> IO[str]:
        opened.append(FillingDisk(path, room))
        return opened[-1]  # type: ignore[return-value]

    return RecordingWriter(tmp_path / "call.jsonl", HEADER, open_file=open_file), opened


def _line(data: dict[str, object]) -> bytes:
    return (json.dumps(data, ensure_ascii=False) + "\n").encode("utf-8")


LINES = [_line(HEADER.to_json())] + [_line(event.to_json()) for event in EVENTS]


@pytest.mark.parametrize("whole", [1, 3, 5])
@pytest.mark.parametrize("part", [0, 7])
def test_the_lines_before_the_disk_filled_are_kept_and_the_call_fails(
    tmp_path: Path, whole: int, part: int
) -> None:
    room = sum(len(line) for line in LINES[: whole + 1]) + part  # header + `whole` events
    writer, [disk] = _writer(tmp_path, room)
    for event in EVENTS:
        writer.write(event)  # never raises: the call goes on
    writer.close()
    assert disk.closed
    assert writer.failure is not None and writer.lost == len(EVENTS) - whole
    assert "\n" not in writer.failure
    assert "录音写入失败（磁盘已满）" in writer.failure and str(writer.path) in writer.failure

    recording = read_recording(writer.path)
    assert list(recording.events) == EVENTS[:whole]  # exactly what fit, nothing garbled
    assert recording.truncated == (part > 0) and not recording.complete
    assert not grade(recording).passed


def test_a_disk_full_at_the_header_leaves_no_exception(tmp_path: Path) -> None:
    writer, _ = _writer(tmp_path, room=10)
    writer.write(EVENTS[0])
    writer.close()
    assert writer.failure is not None and writer.lost == 2
    assert writer.path.read_bytes() == LINES[0][:10]


def test_a_disk_that_does_not_fill_changes_nothing(tmp_path: Path) -> None:
    writer, _ = _writer(tmp_path, room=10 * sum(len(line) for line in LINES))
    for event in EVENTS:
        writer.write(event)
    writer.close()
    assert writer.failure is None and writer.lost == 0
    recording = read_recording(writer.path)
    assert recording.complete and list(recording.events) == EVENTS


def test_no_room_for_the_audio_keeps_the_words(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    wav = tmp_path / "line.wav"
    wav.write_bytes(b"RIFF....WAVE")

    def full(source: Path, target: Path) -> None:
        Path(target).write_bytes(b"RIF")  # a part got written before the disk filled
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(shutil, "copyfile", full)
    recorder = CallRecorder(RecordingWriter(tmp_path / "rec" / "call.jsonl", HEADER))
    recorder.write(Say(t=1.0, end=2.0, who="caller", text="喂？", audio=str(wav)))
    recorder.close()
    [event] = read_recording(recorder.path).events
    assert isinstance(event, Say) and event.text == "喂？" and event.audio is None
    assert recorder.failure is None
    assert recorder.audio_failure is not None and "磁盘已满" in recorder.audio_failure
    assert not any(recorder.writer.audio_dir.glob("*.wav"))


def test_play_on_a_full_disk_says_so_in_one_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from simulator.cli import main

    root = Path(__file__).resolve().parents[2] / "scenarios"
    monkeypatch.setenv("CALLSIM_RECORDINGS_DIR", str(tmp_path))
    monkeypatch.setattr(
        "simulator.recording.writer._open", lambda path: FillingDisk(path, room=900)
    )
    script = root / "scripts" / "standard-inquiry.good.yaml"
    code = main(["play", str(root / "standard-inquiry.yaml"), "--script", str(script), "--fast"])
    err = capsys.readouterr().err
    assert code == 2
    assert len(err.strip().splitlines()) == 1 and "录音写入失败（磁盘已满）" in err
    [path] = tmp_path.rglob("*.jsonl")
    recording = read_recording(path)  # what fit is still there, cut off, never complete
    assert recording.events and not recording.complete
