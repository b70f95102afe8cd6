"""Recordings: the JSONL file format of docs/recording-format.md, written and read."""

from __future__ import annotations

from simulator.recording.events import (
    Answer,
    Asr,
    Event,
    Hangup,
    Hold,
    Ring,
    Say,
    SessionHeader,
)
from simulator.recording.names import sanitize_name
from simulator.recording.reader import Recording, RecordingError, parse_recording, read_recording
from simulator.recording.recorder import CallRecorder
from simulator.recording.writer import RecordingWriter, new_call_id, recording_path

__all__ = [
    "Answer",
    "Asr",
    "CallRecorder",
    "Event",
    "Hangup",
    "Hold",
    "Recording",
    "RecordingError",
    "RecordingWriter",
    "Ring",
    "Say",
    "SessionHeader",
    "new_call_id",
    "parse_recording",
    "read_recording",
    "recording_path",
    "sanitize_name",
]
