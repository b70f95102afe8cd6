"""Hostile recordings: each is refused with one `file:line` line, never a traceback,
never a hang, never unbounded memory; a BOM is accepted like in scenarios."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from simulator.recording import RecordingError, read_recording
from simulator.recording import reader as reader_module
from simulator.recording.names import MAX_NAME_BYTES, sanitize_name
from simulator.recording.writer import recording_path
from tests.grading.grading_builder import standard_call

HEADER = '{"kind": "session", "format": 1, "id": "x", "scenario": "test-call"}\n'


def _write(tmp_path: Path, text: str, name: str = "a.jsonl") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def _refused(path: Path, line: int) -> str:
    with pytest.raises(RecordingError) as caught:
        read_recording(path)
    shown = str(caught.value)
    assert shown.startswith(f"{path}:{line}"), shown
    assert "\n" not in shown
    return shown


def test_a_deeply_nested_array_is_one_line(tmp_path: Path) -> None:
    path = _write(tmp_path, HEADER + "[" * 100_000 + "]" * 100_000 + "\n")
    assert "嵌套" in _refused(path, 2)


def test_an_integer_past_python_s_digit_limit_is_one_line(tmp_path: Path) -> None:
    event = '{"kind": "ring", "t": 0, "n": ' + "9" * 5000 + "}\n"
    assert "数字太长" in _refused(_write(tmp_path, HEADER + event), 2)


@pytest.mark.parametrize("t", ["1" + "0" * 400, "1e400", "-1e400"])
def test_a_time_too_large_for_a_float_is_one_line(tmp_path: Path, t: str) -> None:
    event = '{"kind": "ring", "t": ' + t + ', "n": 1}\n'
    assert "必须是有限的数字" in _refused(_write(tmp_path, HEADER + event), 2)


def test_a_huge_asr_confidence_does_not_overflow(tmp_path: Path) -> None:
    event = '{"kind": "say", "t": 1, "who": "agent", "text": "您好", "asr": {"confidence": 1'
    path = _write(tmp_path, HEADER + event + "0" * 400 + "}}\n")
    assert read_recording(path).events[0].asr is not None  # type: ignore[union-attr]


def test_a_lone_surrogate_is_refused_with_its_line(tmp_path: Path) -> None:
    event = '{"kind": "say", "t": 1, "who": "agent", "text": "\\ud800您好"}\n'
    assert "ud800" in _refused(_write(tmp_path, HEADER + event), 2)


def test_a_surrogate_pair_is_an_ordinary_character(tmp_path: Path) -> None:
    event = '{"kind": "say", "t": 1, "who": "agent", "text": "\\ud83d\\ude00"}\n'
    recording = read_recording(_write(tmp_path, HEADER + event))
    assert recording.events[0].text == "😀"  # type: ignore[union-attr]


def test_a_newer_format_is_refused(tmp_path: Path) -> None:
    path = _write(tmp_path, HEADER.replace('"format": 1', '"format": 2'))
    shown = _refused(path, 1)
    assert "格式 2" in shown and "升级" in shown


def test_a_byte_order_mark_is_accepted(tmp_path: Path) -> None:
    path = tmp_path / "bom.jsonl"
    path.write_bytes(b"\xef\xbb\xbf" + standard_call().text().encode("utf-8"))
    assert read_recording(path).complete


def test_dev_zero_is_capped_on_bytes_read(monkeypatch: pytest.MonkeyPatch) -> None:
    if not Path("/dev/zero").exists():
        pytest.skip("no /dev/zero")
    with pytest.raises(RecordingError) as caught:
        read_recording(Path("/dev/zero"))
    assert "不是普通文件" in str(caught.value)


def test_a_file_over_the_cap_is_refused_honestly(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(reader_module, "MAX_BYTES", 1000)
    path = _write(tmp_path, HEADER + "\n" * 2000)
    with pytest.raises(RecordingError) as caught:
        read_recording(path)
    assert "不像是通话录音" in str(caught.value)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_a_fifo_is_refused_without_blocking(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.jsonl"
    os.mkfifo(fifo)
    with pytest.raises(RecordingError) as caught:
        read_recording(fifo)
    assert "不是普通文件" in str(caught.value)


def test_a_name_of_four_byte_characters_fits_a_file_name(tmp_path: Path) -> None:
    name = sanitize_name("𠀀" * 64)
    assert name and len(name.encode("utf-8")) <= MAX_NAME_BYTES
    path = recording_path(tmp_path, "𠀀" * 64, "2026-01-01T00-00-00-abcd")
    path.parent.mkdir(parents=True)
    path.write_text(HEADER, encoding="utf-8")
    assert read_recording(path).header.id == "x"


def test_the_writer_survives_a_lone_surrogate(tmp_path: Path) -> None:
    from simulator.recording.events import Say, SessionHeader
    from simulator.recording.writer import RecordingWriter

    header = SessionHeader("x", "test-call", "standard", "o", "", "t")
    with RecordingWriter(tmp_path / "w.jsonl", header) as writer:
        writer.write(Say(t=1.0, end=1.0, who="agent", text="\ud800您好"))
    assert "您好" in read_recording(tmp_path / "w.jsonl").events[0].text  # type: ignore[union-attr]
