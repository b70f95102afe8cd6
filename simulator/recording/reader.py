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
from simulator.recording.signature import (
    SIGNATURE_KIND,
    Check,
    Signature,
    check_signature,
    content_digest,
    read_signature,
)

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
    signature: Signature | None = None  # the last signature line, if any
    content_sha256: str = ""
    """SHA-256 of the text before the signature line (all of it when unsigned)."""
    appended: bool = False  # lines follow the signature line: it does not cover them

    def check_signature(self, key: bytes) -> Check:
        """Whether the file is exactly as the holder of `key` signed it."""
        return check_signature(self.signature, self.content_sha256, key, appended=self.appended)

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
        raise RecordingError("找不到这个录音文件", path=path, hint="检查路径和文件名") from None
    except IsADirectoryError:
        raise RecordingError("这是目录，不是录音文件", path=path, hint=_HINT) from None
    except NotRegularFile:
        raise RecordingError(
            "不是普通文件（设备、管道或套接字），不能当作录音读取",
            path=path,
            hint="指定一个 .jsonl 文件",
        ) from None
    except OSError as exc:
        raise RecordingError(
            f"无法读取录音：{exc.strerror or exc}", path=path, hint="检查文件的读取权限"
        ) from None
    if raw is None:
        raise RecordingError(
            f"文件超过 {MAX_BYTES // 1_000_000} MB，不像是通话录音",
            path=path,
            hint="一通电话的录音通常不到 1 MB，检查是不是选错了文件",
        )
    try:
        # One leading byte order mark is harmless; parse_recording strips it (one only,
        # as sign_file does, so a file with two is signed and checked over the same bytes).
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise RecordingError(
            "不是 UTF-8 文本", path=path, line=line, hint="录音是 UTF-8 编码的 JSON Lines"
        ) from None
    return parse_recording(text, path)


def parse_recording(text: str, path: Path | None = None) -> Recording:
    """Parse recording text; `path` is only used in error messages."""
    text = text.removeprefix("\ufeff")  # exactly one, as recording.signature.sign_file
    lines = text.split("\n")
    ends_cleanly = text.endswith("\n")
    numbered = [(i + 1, line) for i, line in enumerate(lines) if line.strip()]
    if not numbered:
        raise RecordingError("空文件，没有会话头", path=path, line=1, hint=_HINT)
    header = _parse_header(numbered[0], path)
    starts = _line_starts(lines)
    events: list[Event] = []
    event_lines: list[int] = []
    truncated = False
    signature: Signature | None = None
    signed_up_to = len(text)
    appended = False
    for position, (number, line) in enumerate(numbered[1:], start=2):
        is_last = position == len(numbered)
        try:
            data = load_line(line, path, number)
        except RecordingError:
            if is_last and not ends_cleanly:
                truncated = True  # the process died mid-line; keep everything before it
                appended = signature is not None
                break
            raise
        if isinstance(data, dict) and data.get("kind") == SIGNATURE_KIND:
            signature, signed_up_to, appended = (
                read_signature(data, number),
                starts[number - 1],
                False,
            )
            continue
        appended = signature is not None
        event = _parse_event(data, path, number)
        if event is not None:
            events.append(event)
            event_lines.append(number)
    signed = text[:signed_up_to].encode("utf-8", "surrogatepass")
    return Recording(
        header,
        tuple(events),
        path,
        tuple(event_lines),
        truncated,
        signature=signature,
        content_sha256=content_digest(signed),
        appended=appended,
    )


def _line_starts(lines: list[str]) -> list[int]:
    """The offset in the text at which each line starts."""
    starts: list[int] = []
    offset = 0
    for line in lines:
        starts.append(offset)
        offset += len(line) + 1
    return starts


def _parse_header(numbered: tuple[int, str], path: Path | None) -> SessionHeader:
    number, line = numbered
    data = load_line(line, path, number, what="会话头")
    if not isinstance(data, dict) or data.get("kind") != "session":
        raise RecordingError(
            '第一行必须是会话头（{"kind": "session", …}）',
            path=path,
            line=number,
            hint=_HINT,
        )
    fmt = data.get("format", 1)
    if isinstance(fmt, bool) or not isinstance(fmt, int) or fmt < 1:
        raise RecordingError(
            f"未知的录音格式 {_shown(fmt)}", path=path, line=number, hint="format 应是正整数，如 1"
        )
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


_HINT = "录音是 JSON Lines：第一行会话头，之后每行一个事件（见 RECORDING_FORMAT）"


def _shown(value: Any) -> str:
    """A value for a message: short, on one line, never the whole of a huge input."""
    try:
        text = repr(value)
    except (ValueError, RecursionError):  # an integer too long to print, deep nesting
        text = type(value).__name__
    return text if len(text) <= 40 else text[:40] + "…"


def _text(value: Any) -> str:
    return value if isinstance(value, str) else str(value)


def _parse_event(data: Any, path: Path | None, number: int) -> Event | None:
    if not isinstance(data, dict):
        raise RecordingError(
            "事件必须是 JSON 对象（{…}）", path=path, line=number, hint="每行一个事件对象"
        )
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
        raise RecordingError(
            f"{_shown(data.get('kind'))} 事件的 '{key}' 必须是有限的数字（现在是 {_shown(value)}）",
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
        f'\'who\' 必须是 "agent" 或 "caller"（现在是 {_shown(who)}）', path=path, line=number
    )


def _ring(data: dict[str, Any], t: float, path: Path | None, number: int) -> Event:
    n = data.get("n", 0)
    if isinstance(n, bool) or not isinstance(n, int):
        raise RecordingError(
            f"ring 事件的 'n' 必须是整数（现在是 {_shown(n)}）", path=path, line=number
        )
    return Ring(t=t, n=n)


def _answer(data: dict[str, Any], t: float, path: Path | None, number: int) -> Event:
    return Answer(t=t)


def _say(data: dict[str, Any], t: float, path: Path | None, number: int) -> Event:
    end = _time(data, "end", path, number) if "end" in data else t
    text = data.get("text")
    if not isinstance(text, str):
        raise RecordingError(
            f"say 事件的 'text' 必须是字符串（现在是 {_shown(text)}）", path=path, line=number
        )
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
            f"hold 事件的 'on' 必须是 true 或 false（现在是 {_shown(on)}）", path=path, line=number
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
