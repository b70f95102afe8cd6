"""The call's recording sink: writes events and keeps their audio beside the recording."""

from __future__ import annotations

import shutil
from dataclasses import replace
from pathlib import Path

from simulator.recording.events import Event, Say
from simulator.recording.writer import RecordingWriter, failure_reason


class CallRecorder:
    """Wraps a RecordingWriter. A `say` event whose `audio` is a WAV somewhere else (the
    TTS cache, a temporary microphone capture) gets that file copied into `<id>/` next to
    the recording, and its `audio` field rewritten relative to the recording, so a
    recording folder carries everything a replay needs.
    """

    def __init__(self, writer: RecordingWriter) -> None:
        self.writer = writer
        self._count = 0
        self.audio_failure: str | None = None

    @property
    def failure(self) -> str | None:
        """One Chinese line when the recording could not be written to the end, else
        None (see RecordingWriter). Audio that could not be kept is not a failure of the
        recording: see `audio_failure`."""
        return self.writer.failure

    @property
    def path(self) -> Path:
        return self.writer.path

    def write(self, event: Event) -> None:
        if isinstance(event, Say) and event.audio is not None:
            event = replace(event, audio=self._keep_audio(Path(event.audio), event.who))
        self.writer.write(event)

    def _keep_audio(self, source: Path, who: str) -> str | None:
        if not source.is_file():
            return None  # the audio was never made (device gone); the text still counts
        self._count += 1
        folder = self.writer.audio_dir
        target = folder / f"{self._count:03d}-{who}{source.suffix or '.wav'}"
        try:
            folder.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(source, target)
        except OSError as exc:
            # No room for the audio is no reason to lose the words: the event is still
            # written, without audio, and a half-copied WAV is not left behind.
            target.unlink(missing_ok=True)
            self.audio_failure = self.audio_failure or (
                f"通话音频未能保存（{failure_reason(exc)}）：{folder}，录音只保留文字"
            )
            return None
        return target.relative_to(self.writer.path.parent).as_posix()

    def close(self) -> None:
        self.writer.close()
