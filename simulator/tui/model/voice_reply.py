"""The trainee's voice in a call: microphone events applied to the call, for the screen.

Imported only when a call is taken by voice (it pulls in the audio stack). The voice
input delivers events from its own threads; the screen posts them to itself and hands
them here on the UI thread. In practice mode a recognized reply waits in the reply box
for the trainee to confirm (Enter) or correct it; in exam mode it is said as heard.
"""

from __future__ import annotations

from dataclasses import dataclass

from simulator.engine.call import Call
from simulator.recording.events import Say
from simulator.tui.model.services import VoiceInputLike
from simulator.voice.trainee.voice_input import (
    RecognitionFailed,
    SourceEnded,
    SpeechEnded,
    SpeechStarted,
    UtteranceDiscarded,
    UtteranceRecognized,
)
from simulator.voice.trainee.voice_input_call import PendingReply, VoiceCallBridge


@dataclass(frozen=True)
class VoiceUpdate:
    """What the screen should show after a voice event."""

    status: str = ""
    """One line for the hint bar ("正在听…", "没听清…")."""
    reply_text: str | None = None
    """Text to put in the reply box for the trainee to confirm or correct."""
    said: Say | None = None


class VoiceReplies:
    """One call's voice input and the bridge that tells the call what was said."""

    def __init__(self, voice_input: VoiceInputLike, call: Call, *, review: bool) -> None:
        self.voice_input = voice_input
        self.bridge = VoiceCallBridge(call, review=review)

    @property
    def pending(self) -> list[PendingReply]:
        return self.bridge.pending

    def start(self) -> None:
        self.voice_input.start()

    def close(self) -> None:
        self.voice_input.close()

    def heard(self, event: object) -> VoiceUpdate:
        if isinstance(event, SpeechStarted):
            self.bridge.handle(event)
            return VoiceUpdate("🎤 正在听…")
        if isinstance(event, SpeechEnded):
            return VoiceUpdate("🎤 正在识别…")
        if isinstance(event, UtteranceRecognized):
            result = self.bridge.handle(event)
            doubt = "（识别把握不大，请核对）" if event.low_confidence else ""
            if isinstance(result, PendingReply):
                status = f"识别结果已填入回复框{doubt}：回车确认，可先修改"
                return VoiceUpdate(status, reply_text=result.text)
            return VoiceUpdate(doubt, said=result if isinstance(result, Say) else None)
        if isinstance(event, UtteranceDiscarded | RecognitionFailed):
            self.bridge.handle(event)
            return VoiceUpdate("没有听清，请再说一遍或直接打字回复。")
        if isinstance(event, SourceEnded) and event.error:
            return VoiceUpdate(f"麦克风出错：{event.error}。请改用键盘回复。")
        return VoiceUpdate()

    def confirm(self, text: str) -> Say | None:
        """Enter in the reply box: the oldest recognized reply, as the trainee left it."""
        if not self.bridge.pending:
            return None
        return self.bridge.confirm(self.bridge.pending[0], text)
