"""Recordings: written line by line, read back exactly, errors named by file and line."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from simulator.recording import (
    Answer,
    Asr,
    CallRecorder,
    Event,
    Hangup,
    Hold,
    RecordingError,
    RecordingWriter,
    Ring,
    Say,
    SessionHeader,
    parse_recording,
    read_recording,
    recording_path,
    sanitize_name,
)

HEADER = SessionHeader(
    id="2026-11-22T09-15-02-a1b2",
    scenario="silent-call",
    persona="silent",
    org="福彩热线",
    agent_id="1024",
    trainee="李明",
    call_time="2026-11-20T10:00:00+08:00",
)
EVENTS: list[Event] = [
    Ring(t=0.0, n=1),
    Answer(t=4.2),
    Say(t=4.9, end=8.1, who="agent", text="您好，欢迎致电福彩热线"),
    Say(t=9.0, end=12.5, who="caller", text="我想问一下开奖结果。"),
    Hold(t=14.0, on=True),
    Hold(t=22.0, on=False),
    Say(
        t=23,
        end=25,
        who="agent",
        text="感谢您的耐心等待",
        asr=Asr(0.71, "感謝您的耐心等待"),
        corrected=True,
    ),
    Hangup(t=40.1, who="caller"),
]


def test_a_recording_reads_back_exactly_as_written(tmp_path: Path) -> None:
    path = tmp_path / "call.jsonl"
    with RecordingWriter(path, HEADER) as writer:
        for event in EVENTS:
            writer.write(event)
    recording = read_recording(path)
    assert recording.header == HEADER
    assert list(recording.events) == EVENTS
    assert recording.complete
    first = json.loads(path.read_text(encoding="utf-8").splitlines()[0])
    assert first["kind"] == "session" and first["format"] == 1 and first["trainee"] == "李明"


def test_every_event_is_on_disk_as_soon_as_it_is_written(tmp_path: Path) -> None:
    path = tmp_path / "call.jsonl"
    writer = RecordingWriter(path, HEADER)
    writer.write(EVENTS[0])
    writer.write(EVENTS[1])
    # read by another handle while the writer is still open: nothing is buffered
    recording = read_recording(path)
    assert list(recording.events) == EVENTS[:2] and not recording.complete
    writer.close()


def test_the_writer_never_overwrites_an_earlier_call(tmp_path: Path) -> None:
    path = tmp_path / "call.jsonl"
    RecordingWriter(path, HEADER).close()
    with pytest.raises(FileExistsError):
        RecordingWriter(path, HEADER)


def test_a_line_cut_off_by_a_crash_reads_as_an_incomplete_call() -> None:
    text = (
        json.dumps(HEADER.to_json()) + "\n" + '{"t": 0.0, "kind": "ring", "n": 1}\n{"t": 4.2, "ki'
    )
    recording = parse_recording(text)
    assert recording.truncated and not recording.complete
    assert list(recording.events) == [Ring(t=0.0, n=1)]


def test_unknown_fields_and_event_kinds_are_ignored() -> None:
    lines = [
        {**HEADER.to_json(), "room": "A3"},
        {"t": 0.0, "kind": "ring", "n": 1, "volume": 3},
        {"t": 1.0, "kind": "dtmf", "digit": "5"},
        {"t": 2.0, "kind": "hangup", "who": "caller"},
    ]
    recording = parse_recording("\n".join(json.dumps(x) for x in lines) + "\n")
    assert recording.header.extra == {"room": "A3"}
    assert list(recording.events) == [Ring(t=0.0, n=1), Hangup(t=2.0, who="caller")]


@pytest.mark.parametrize(
    ("text", "line", "message"),
    [
        ("", 1, "空文件"),
        ("[1, 2]\n", 1, "第一行必须是会话头"),
        ('{"kind": "session"}\n{"t": "x", "kind": "ring"}\n', 2, "的 't' 必须是有限的数字"),
        ('{"kind": "session"}\n{"t": 1, "kind": "say", "who": "boss", "text": "a"}\n', 2, "'who'"),
        (
            '{"kind": "session"}\n{nope}\n{"t": 1, "kind": "answer"}\n',
            2,
            "不是有效的 JSON（键名要用双引号）",
        ),
        ('{"kind": "session"}\n{"t": 1, "kind": "hold", "on": "yes"}\n', 2, "hold 事件的 'on'"),
        ('{"kind": "session"}\n\n\n{"t": 1, "kind": "say", "who": "agent"}\n', 4, "'text'"),
        ('{"kind": "session"}\n{"t": NaN, "kind": "answer"}\n', 2, "必须是有限的数字"),
        ('{"kind": "session", "format": 0}\n', 1, "未知的录音格式"),
    ],
)
def test_unreadable_recordings_name_the_file_and_line(text: str, line: int, message: str) -> None:
    with pytest.raises(RecordingError) as caught:
        parse_recording(text, Path("calls/x.jsonl"))
    assert str(caught.value).startswith(f"calls/x.jsonl:{line}")
    assert message in str(caught.value)


def test_file_level_problems_are_one_clear_line(tmp_path: Path) -> None:
    with pytest.raises(RecordingError, match="找不到这个录音文件"):
        read_recording(tmp_path / "missing.jsonl")
    with pytest.raises(RecordingError, match="这是目录"):
        read_recording(tmp_path)
    binary = tmp_path / "b.jsonl"
    binary.write_bytes(b'{"kind": "session"}\n\xff\xfe\x00')
    with pytest.raises(RecordingError, match=r"b.jsonl:2: 不是 UTF-8"):
        read_recording(binary)


@given(st.text())
def test_any_text_reads_as_a_recording_or_a_clear_error(text: str) -> None:
    try:
        parse_recording(text)
    except RecordingError as error:
        assert str(error)


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("李明", "李明"),
        ("../x", "x"),
        ("/etc", "etc"),
        ("..", "匿名"),
        ("", "匿名"),
        ("   ", "匿名"),
        ("王小明😀", "王小明"),
        ("a/b\\c:d*e?f", "abcdef"),
        ("CON", "匿名"),
        ("张 三", "张_三"),
    ],
)
def test_trainee_names_become_safe_path_parts(name: str, expected: str) -> None:
    assert sanitize_name(name) == expected


def test_long_names_are_cut_and_paths_stay_inside_the_root(tmp_path: Path) -> None:
    assert len(sanitize_name("王" * 200)) == 64
    for name in ("../../etc/passwd", "/root", "..\\..\\x", "\x00evil", "." * 10):
        path = recording_path(tmp_path, name, "id")
        assert path.resolve().is_relative_to(tmp_path.resolve())
        assert len(path.relative_to(tmp_path).parts) == 3


@given(st.text())
def test_sanitized_names_are_always_one_safe_part(name: str) -> None:
    part = sanitize_name(name)
    assert part and "/" not in part and "\\" not in part and not part.startswith(".")
    assert len(part) <= 64


def test_audio_is_copied_beside_the_recording(tmp_path: Path) -> None:
    wav = tmp_path / "cache" / "line.wav"
    wav.parent.mkdir()
    wav.write_bytes(b"RIFF....WAVE")
    path = tmp_path / "rec" / "call.jsonl"
    recorder = CallRecorder(RecordingWriter(path, HEADER))
    recorder.write(Say(t=1, end=2, who="caller", text="喂", audio=str(wav)))
    recorder.write(Say(t=3, end=4, who="agent", text="您好", audio=str(tmp_path / "gone.wav")))
    recorder.close()
    says = [e for e in read_recording(path).events if isinstance(e, Say)]
    assert says[0].audio == "call/001-caller.wav"
    assert (path.parent / "call" / "001-caller.wav").read_bytes() == b"RIFF....WAVE"
    assert says[1].audio is None
