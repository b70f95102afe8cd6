"""A whole spoken call: espeak-ng says the agent's replies into the virtual microphone (a
WAV file), the real Whisper base model recognizes them, the engine runs the call on a
fake clock and the grader judges the recording. The replies are placed on time, late,
or over the caller, and the timing rules must see exactly that."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pytest

from simulator.clock import FakeClock
from simulator.engine import EstimatedVoice, default_reply_matcher, estimate_duration, start_session
from simulator.engine.session import Trainee
from simulator.grading import grade
from simulator.recording import read_recording
from simulator.recording.events import Say
from simulator.scenario import Scenario
from simulator.voice.trainee.mic import WavFileSource
from simulator.voice.trainee.mic_wav import SAMPLE_RATE, AudioClip, write_wav
from simulator.voice.trainee.vad import speech_bounds
from simulator.voice.trainee.voice_input import VoiceEvent, VoiceInput
from simulator.voice.trainee.voice_input_call import VoiceCallBridge
from tests.voice.voice_asr_helpers import drain, needs_espeak, shared_recognizer, speak

pytestmark = [pytest.mark.asr, pytest.mark.audio, needs_espeak]

RATE = 170  # the caller's espeak rate (EstimatedVoice times its lines from it)
ANSWER = 3.0  # the agent picks up during the second ring
LINE_1 = "您好，我想问一下上期双色球的开奖结果。"
PAUSE_1 = 12.0  # the caller waits for the greeting, then asks
LINE_2 = "好的，那兑奖要带些什么？"
PAUSE_2 = 8.0
HANGUP_AFTER = 25.0
LINE_1_START = ANSWER + PAUSE_1
LINE_1_END = LINE_1_START + estimate_duration(LINE_1, RATE)
LINE_2_START = LINE_1_END + PAUSE_2
LINE_2_END = LINE_2_START + estimate_duration(LINE_2, RATE)

GREETING = "您好，福彩热线，请问有什么可以帮您？"
REPLY_1 = "请您稍等，我帮您查询一下。"
REPLY_2 = "请带上彩票和身份证，感谢您的来电，再见。"


@dataclass(frozen=True)
class Timing:
    """When the agent starts each reply (seconds of call time)."""

    greeting: float
    reply_1: float
    reply_2: float


TIMINGS = {
    "on_time": Timing(ANSWER + 0.8, LINE_1_END + 1.0, LINE_2_END + 1.0),
    "late": Timing(ANSWER + 3.0, LINE_1_END + 1.0, LINE_2_END + 11.5),
    "overlapping": Timing(ANSWER + 0.8, LINE_1_END - 1.5, LINE_2_END + 1.0),
}
TIMING_RULES = ("opening.latency", "response.dead_air", "voice.no_interrupt")
EXPECTED = {
    "on_time": ("pass", "pass", "pass"),
    "late": ("fail", "fail", "pass"),
    "overlapping": ("pass", "pass", "fail"),
}


def scenario() -> Scenario:
    """The caller asks twice at fixed times, whatever the agent says (no `on` branches)."""
    return Scenario.model_validate(
        {
            "id": "voice-timing",
            "title": "语音计时",
            "persona": "standard",
            "org": "福彩热线",
            "voice": {"rate": RATE},
            "call_time": "2026-11-18T10:00:00+08:00",
            "script": {
                "beats": {
                    "main": {
                        "caller": [
                            {"text": LINE_1, "pause": PAUSE_1},
                            {"text": LINE_2, "pause": PAUSE_2},
                        ],
                        "hangup": True,
                        "hangup_after": HANGUP_AFTER,
                    }
                }
            },
        }
    )


def microphone_wav(folder: Path, timing: Timing) -> tuple[Path, dict[str, float]]:
    """The agent's side of the call as one WAV, starting at the answer; and the true
    speech onsets (espeak pads its WAVs with a little silence)."""
    placed = [
        (timing.greeting, GREETING),
        (timing.reply_1, REPLY_1),
        (timing.reply_2, REPLY_2),
    ]
    clips = [speak(text, folder, f"reply-{i}") for i, (_, text) in enumerate(placed)]
    length = max(at + clip.duration for (at, _), clip in zip(placed, clips, strict=True))
    track = np.zeros(round((length + 1.0 - ANSWER) * SAMPLE_RATE), dtype=np.float32)
    onsets: dict[str, float] = {}
    for (at, text), clip in zip(placed, clips, strict=True):
        bounds = speech_bounds(clip)
        assert bounds is not None
        start = round((at - bounds[0] - ANSWER) * SAMPLE_RATE)
        track[start : start + len(clip.samples)] += clip.samples
        onsets[text] = at
    return write_wav(folder / "microphone.wav", AudioClip(track)), onsets


@needs_espeak
@pytest.mark.parametrize("case", sorted(TIMINGS))
def test_spoken_call_is_timed_from_the_audio_and_graded(tmp_path: Path, case: str) -> None:
    mic_wav, onsets = microphone_wav(tmp_path, TIMINGS[case])
    scn = scenario()
    clock = FakeClock()
    session = start_session(
        scn,
        Trainee("语音测试", "1024"),
        recordings=tmp_path / "recordings",
        clock=clock,
        matcher=default_reply_matcher(),
        voice=EstimatedVoice(),
        input_kind="voice",
        mode="exam",
    )
    call = session.call
    call.start()
    clock.set(ANSWER)
    call.advance()
    call.answer()
    events: list[VoiceEvent] = []
    voice = VoiceInput(
        WavFileSource(mic_wav, clock=clock),  # what `--mic-file` uses
        shared_recognizer(),
        clock=clock,
        deliver=events.append,
        audio_dir=tmp_path / "utterances",
        background=False,
    )
    bridge = VoiceCallBridge(call)
    while voice.step():
        for event in drain(events):
            bridge.handle(event)
        call.advance()
    for event in drain(events):
        bridge.handle(event)
    while not call.ended:
        due = call.next_due()
        assert due is not None
        clock.set(max(clock.now(), call.origin + due))
        call.advance()
    session.close()

    recording = read_recording(session.path)
    agent = [e for e in recording.events if isinstance(e, Say) and e.who == "agent"]
    assert len(agent) == 3
    for say, onset in zip(agent, onsets.values(), strict=True):
        assert say.t == pytest.approx(onset, abs=0.15)  # speech onset, from the audio
        assert say.end > say.t + 1.0
        assert say.asr is not None and say.asr.raw == say.text and say.asr.confidence > 0.0
        assert say.audio is not None and (session.path.parent / say.audio).is_file()
    result = grade(recording, scenario=scn)
    statuses = tuple(result.rule(rule).status for rule in TIMING_RULES)
    assert statuses == EXPECTED[case]
    # Spoken at about 122 characters a minute; only a decoding loop (flagged, low
    # confidence) would make the recognized text run faster than 150.
    assert result.rule("voice.pace").status == "pass"
