"""Telling the call what the trainee said: `VoiceInput` events → `Call` methods.

Run it on the thread that owns the call (the UI thread). Speech onset makes the agent
"talking" (the caller's timeouts wait); a recognized utterance becomes
`call.agent_said(text, onset, end, audio=…, asr=…)` with the times of the speech
itself, converted to call time. In practice mode (`review=True`) a recognized utterance
waits in `pending` until the trainee confirms or corrects it; the recording then keeps
both the corrected text and, in `asr.raw`, what was recognized. In exam mode what was
recognized is what is graded.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from simulator.recording.events import Asr, Say
from simulator.voice.trainee.voice_input import (
    RecognitionFailed,
    SpeechStarted,
    UtteranceDiscarded,
    UtteranceRecognized,
    VoiceEvent,
)


class CallLike(Protocol):
    """The part of `simulator.engine.Call` a voice reply needs."""

    origin: float

    def agent_started(self) -> None: ...

    def agent_cancelled(self) -> None: ...

    def agent_said(
        self,
        text: str,
        onset: float,
        end: float | None = None,
        *,
        audio: Path | None = None,
        asr: Asr | None = None,
        corrected: bool = False,
    ) -> Say: ...


@dataclass(frozen=True)
class PendingReply:
    """A recognized utterance the trainee may still correct (practice mode)."""

    utterance: UtteranceRecognized
    onset: float  # call time
    end: float  # call time

    @property
    def text(self) -> str:
        return self.utterance.text

    @property
    def low_confidence(self) -> bool:
        return self.utterance.low_confidence


class VoiceCallBridge:
    """Applies voice events to one call. `handle()` returns what it did, for the UI."""

    def __init__(self, call: CallLike, *, review: bool = False) -> None:
        self.call = call
        self.review = review
        self.pending: list[PendingReply] = []
        self.said: list[Say] = []

    def handle(self, event: VoiceEvent) -> PendingReply | Say | None:
        if isinstance(event, SpeechStarted):
            self.call.agent_started()
            return None
        if isinstance(event, UtteranceDiscarded | RecognitionFailed):
            if not self.pending:
                self.call.agent_cancelled()
            return None
        if isinstance(event, UtteranceRecognized):
            reply = PendingReply(
                event,
                onset=event.onset - self.call.origin,
                end=event.end - self.call.origin,
            )
            if self.review:
                self.pending.append(reply)
                return reply
            return self._say(reply, reply.text)
        return None

    def confirm(self, reply: PendingReply, text: str | None = None) -> Say:
        """The trainee accepts `reply`, as recognized or corrected to `text`."""
        if reply in self.pending:
            self.pending.remove(reply)
        final = reply.text if text is None else text.strip()
        return self._say(reply, final)

    def _say(self, reply: PendingReply, text: str) -> Say:
        say = self.call.agent_said(
            text,
            reply.onset,
            reply.end,
            audio=reply.utterance.audio,
            asr=reply.utterance.asr,
            corrected=text != reply.text,
        )
        self.said.append(say)
        return say
