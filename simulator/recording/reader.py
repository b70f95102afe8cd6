"""Reading a recording back: tolerant of what it does not know, precise about what is wrong.

Any file in the format must be readable, including ones the simulator did not write, so
unknown fields and unknown event kinds are ignored. A file cut short by a crash (last
line incomplete, no hangup) reads as incomplete rather than failing.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from simulator.files import NotRegularFile, read_capped
from simulator.recording.events import (
    FORMAT_VERSION,
    Answer,
    Asr,
    Event,
    Hangup,
    Hold,
    Ring,
    Say,
    SessionHeader,
    Speaker,
)
from simulator.recording.lines import RecordingError, load_line

__all__ = [
    "FORMAT",
    "MAX_BYTES",
    "Recording",
    "RecordingError",
    "parse_recording",
    "read_recording",
]


FORMAT = FORMAT_VERSION
"""The newest recording format this version reads."""
MAX_BYTES = 50_000_000
"""An hour-long call is well under a megabyte; a file this large is not a recording."""


@dataclass(frozen=True)
class Recording:
    """A call as read from a file: the header, the events in file order, and where."""

    header: SessionHeader
    events: tuple[Event, ...]
    path: Path | None = None
    lines: tuple[int, ...] = field(default=())  # the file line of each event
    truncated: bool = False  # the last line was cut off mid-write

    @property
    def complete(self) -> bool:
        """A call is complete when somebody hung up and nothing was cut off."""
        return not self.truncated and any(isinstance(e, Hangup) for e in self.events)

    def in_time_order(self) -> list[Event]:
        """Events sorted by time, stably (a file may hold them out of order)."""
        return sorted(self.events, key=lambda e: e.t)


def read_recording(path: Path) -> Recording:
    """Read one recording; raise RecordingError with file and line for unreadable input."""
    try:
        raw = read_capped(path, MAX_BYTES)
    except FileNotFoundError:
        raise RecordingError("no such file", path=path) from None
    except IsADirectoryError:
        raise RecordingError("is a directory, not a recording", path=path) from None
    except NotRegularFile:
        raise RecordingError(
            "不是普通文件（设备、管道或套接字），不能当作录音读取",
            path=path,
            hint="指定一个 .jsonl 文件",
        ) from None
    except OSError as exc:
        raise RecordingError(f"cannot read: {exc.strerror or exc}", path=path) from None
    if raw is None:
        raise RecordingError(
            f"文件超过 {MAX_BYTES // 1_000_000} MB，不像是通话录音",
            path=path,
            hint="一通电话的录音通常不到 1 MB，检查是不是选错了文件",
        )
    try:
        text = raw.decode("utf-8-sig")  # a leading byte order mark is harmless
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise RecordingError(
            "not UTF-8 text", path=path, line=line, hint="a recording is JSON Lines in UTF-8"
        ) from None
    return parse_recording(text, path)


def parse_recording(text: str, path: Path | None = None) -> Recording:
    """Parse recording text; `path` is only used in error messages."""
    text = text.removeprefix("\ufeff")
    lines = text.split("\n")
    ends_cleanly = text.endswith("\n")
    numbered = [(i + 1, line) for i, line in enumerate(lines) if line.strip()]
    if not numbered:
        raise RecordingError("empty file, no session header", path=path, line=1)
    header = _parse_header(numbered[0], path)
    events: list[Event] = []
    event_lines: list[int] = []
    truncated = False
    for position, (number, line) in enumerate(numbered[1:], start=2):
        is_last = position == len(numbered)
        try:
            data = load_line(line, path, number)
        except RecordingError:
            if is_last and not ends_cleanly:
                truncated = True  # the process died mid-line; keep everything before it
                break
            raise
        event = _parse_event(data, path, number)
        if event is not None:
            events.append(event)
            event_lines.append(number)
    return Recording(header, tuple(events), path, tuple(event_lines), truncated)


def _parse_header(numbered: tuple[int, str], path: Path | None) -> SessionHeader:
    number, line = numbered
    data = load_line(line, path, number, what="the session header")
    if not isinstance(data, dict) or data.get("kind") != "session":
        raise RecordingError(
            'the first line must be the session header ({"kind": "session", …})',
            path=path,
            line=number,
        )
    fmt = data.get("format", 1)
    if isinstance(fmt, bool) or not isinstance(fmt, int) or fmt < 1:
        raise RecordingError(f"unknown format {str(fmt)[:40]}", path=path, line=number)
    if fmt > FORMAT:
        raise RecordingError(
            f"录音格式 {fmt} 比这个版本的 callsim 新（只认得格式 {FORMAT}）",
            path=path,
            line=number,
            hint="升级 callsim 后再评分",
        )
    known = {"kind", "format", "id", "scenario", "persona", "org", "agent_id", "trainee"}
    known |= {"input", "mode", "call_time"}
    input_kind = data.get("input", "keyboard")
    mode = data.get("mode", "practice")
    return SessionHeader(
        id=_text(data.get("id", "")),
        scenario=_text(data.get("scenario", "")),
        persona=_text(data.get("persona", "standard")) or "standard",
        org=_text(data.get("org", "")),
        agent_id=_text(data.get("agent_id", "")),
        trainee=_text(data.get("trainee", "")),
        input="voice" if input_kind == "voice" else "keyboard",
        mode="exam" if mode == "exam" else "practice",
        call_time=_text(data.get("call_time", "")),
        format=fmt,
        extra={k: v for k, v in data.items() if k not in known},
    )


def _text(value: Any) -> str:
    return value if isinstance(value, str) else str(value)


def _parse_event(data: Any, path: Path | None, number: int) -> Event | None:
    if not isinstance(data, dict):
        raise RecordingError("an event must be a JSON object", path=path, line=number)
    kind = data.get("kind")
    reader = _EVENT_READERS.get(kind) if isinstance(kind, str) else None
    if reader is None:
        return None  # an event kind from a newer format: ignore it
    t = _time(data, "t", path, number)
    return reader(data, t, path, number)


def _time(data: dict[str, Any], key: str, path: Path | None, number: int) -> float:
    value = data.get(key)
    number_value: float | None = None
    if not isinstance(value, bool) and isinstance(value, int | float):
        try:
            number_value = float(value)
        except OverflowError:
            number_value = None
    if number_value is None or not math.isfinite(number_value):
        shown = repr(value) if len(repr(value)) <= 40 else repr(value)[:40] + "…"
        raise RecordingError(
            f"{data.get('kind')} event needs a finite number '{key}' (got {shown})",
            path=path,
            line=number,
        )
    return number_value


def _who(data: dict[str, Any], path: Path | None, number: int) -> Speaker:
    who = data.get("who")
    if who == "agent":
        return "agent"
    if who == "caller":
        return "caller"
    raise RecordingError(
        f'\'who\' must be "agent" or "caller" (got {who!r})', path=path, line=number
    )


def _ring(data: dict[str, Any], t: float, path: Path | None, number: int) -> Event:
    n = data.get("n", 0)
    if isinstance(n, bool) or not isinstance(n, int):
        raise RecordingError(f"ring 'n' must be a whole number (got {n!r})", path=path, line=number)
    return Ring(t=t, n=n)


def _answer(data: dict[str, Any], t: float, path: Path | None, number: int) -> Event:
    return Answer(t=t)


def _say(data: dict[str, Any], t: float, path: Path | None, number: int) -> Event:
    end = _time(data, "end", path, number) if "end" in data else t
    text = data.get("text")
    if not isinstance(text, str):
        raise RecordingError(f"say 'text' must be a string (got {text!r})", path=path, line=number)
    asr_data = data.get("asr")
    asr = None
    if isinstance(asr_data, dict):
        confidence = asr_data.get("confidence", 1.0)
        conf = _confidence(confidence)
        asr = Asr(confidence=conf, raw=_text(asr_data.get("raw", text)))
    audio = data.get("audio")
    who = _who(data, path, number)
    return Say(
        t=t,
        end=max(t, end),
        who=who,
        text=text,
        audio=audio if isinstance(audio, str) else None,
        asr=asr,
        corrected=data.get("corrected") is True,
    )


def _confidence(value: Any) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return 1.0
    try:
        number = float(value)
    except OverflowError:
        return 1.0
    return number if math.isfinite(number) else 1.0


def _hold(data: dict[str, Any], t: float, path: Path | None, number: int) -> Event:
    on = data.get("on")
    if not isinstance(on, bool):
        raise RecordingError(
            f"hold 'on' must be true or false (got {on!r})", path=path, line=number
        )
    return Hold(t=t, on=on)


def _hangup(data: dict[str, Any], t: float, path: Path | None, number: int) -> Event:
    return Hangup(t=t, who=_who(data, path, number))


_EVENT_READERS = {
    "ring": _ring,
    "answer": _answer,
    "say": _say,
    "hold": _hold,
    "hangup": _hangup,
}
