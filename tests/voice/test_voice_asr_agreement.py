"""Does recognition change the grade? Standard (and forbidden) phrases spoken by espeak-ng,
recognized by Whisper base, graded in the same call as the original text.

Each phrase is said four times in one short call (greeting slot, before a hold, after
it, at the end), so every rule its wording can touch gets a verdict; the phrase agrees
when the recognized text gets exactly the same verdicts as the original. espeak-ng's
Mandarin is far from a person's, and Whisper base mishears much of it: the pinyin-aware
matching of the phrase catalog is what lets close mishearings (「千里大声一点」) still count.
The measured agreement is printed; the floor below keeps it from sliding."""

from __future__ import annotations

from pathlib import Path

import pytest

from simulator.grading import grade
from simulator.recording import Recording
from simulator.recording.events import Answer, Event, Hangup, Hold, Ring, Say, SessionHeader
from tests.voice.voice_asr_helpers import needs_espeak, shared_recognizer, speak

pytestmark = [pytest.mark.asr, pytest.mark.audio, needs_espeak]

PHRASES: list[tuple[str, str]] = [
    ("standard", "您好，欢迎致电福彩热线，1024号为您服务，请问有什么可以帮您？"),
    ("standard", "您好，福彩热线，请问有什么可以帮您？"),
    ("standard", "请您稍等，我帮您查询一下。"),
    ("standard", "感谢您的耐心等待。"),
    ("standard", "请问还有什么可以帮您？"),
    ("standard", "感谢您的来电，祝您生活愉快，再见！"),
    ("standard", "非常抱歉，我这边听不清楚，请您大声一点，好吗？"),
    ("standard", "您好，请问您能听到我的声音吗？"),
    ("standard", "王先生，您的联系电话是13912345678，对吗？"),
    ("standard", "你等一下。"),
    ("standard", "我不知道，这事不归我管。"),
    ("standard", "喂，说话呀！"),
    ("angry", "非常抱歉，给您添麻烦了。"),
    ("angry", "您的心情我非常理解，请您不要着急。"),
    ("angry", "我们会在二十四小时内给您答复。"),
    ("media", "您的查询会有专人负责，请您留下您的联系电话、单位名称和方便联系的时间。"),
    ("offtopic", "这里是福彩热线，请问有什么业务方面的问题可以帮到您？"),
    ("silent", "抱歉，由于电话线路问题，我这里听不到您的声音，请您换部电话或者稍后来电，好吗？"),
]
# Measured on the project machine (2 cores, int8): 10 of 18 phrases agree.
MIN_AGREEING = 8


def call_saying(persona: str, text: str) -> Recording:
    header = SessionHeader(
        id="agreement",
        scenario="none",
        persona=persona,
        org="福彩热线",
        agent_id="1024",
        trainee="测试",
        input="voice",
        call_time="2026-11-18T10:00:00+08:00",
    )
    events: list[Event] = [
        Ring(0.0, 1),
        Answer(2.0),
        Say(3.0, 6.0, "agent", text),
        Say(7.0, 9.0, "caller", "我姓王，电话是13912345678。"),
        Say(10.0, 13.0, "agent", text),
        Hold(14.0, True),
        Hold(20.0, False),
        Say(21.0, 24.0, "agent", text),
        Say(25.0, 26.0, "caller", "好的。"),
        Say(27.0, 30.0, "agent", text),
        Hangup(36.0, "caller"),
    ]
    return Recording(header=header, events=tuple(events))


def verdicts(persona: str, text: str) -> dict[str, str]:
    return {r.id: r.status for r in grade(call_saying(persona, text)).rules}


def test_recognized_phrases_grade_like_the_originals(tmp_path: Path) -> None:
    recognizer = shared_recognizer()
    agreeing = 0
    report = []
    for n, (persona, text) in enumerate(PHRASES):
        transcript = recognizer.transcribe(speak(text, tmp_path, f"phrase-{n}"))
        original, heard = verdicts(persona, text), verdicts(persona, transcript.text)
        differences = {k: (original[k], heard[k]) for k in original if original[k] != heard[k]}
        agreeing += not differences
        report.append(f"{'=' if not differences else '≠'} {text} → {transcript.text} {differences}")
    print(f"\ngrade agreement: {agreeing}/{len(PHRASES)}\n" + "\n".join(report))
    assert agreeing >= MIN_AGREEING, "\n".join(report)


def test_the_grade_depends_on_the_phrase() -> None:
    """The comparison above is not vacuous: different wordings grade differently."""
    assert verdicts("standard", "请您稍等，我帮您查询一下。") != verdicts("standard", "你等一下。")
    assert verdicts("standard", "感谢您的来电，再见！") != verdicts("standard", "喂，说话呀！")
