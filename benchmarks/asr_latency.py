"""End of speech → transcript ready: the trainee's reply, recognized by Whisper base on CPU.

Utterances are standard phrases spoken by espeak-ng (Mandarin, f2 variant, about 120
characters a minute), 2–6 s of speech each, padded with silence and fed through the
real pipeline: the WAV file as virtual microphone, Silero VAD endpointing, the kept
faster-whisper model (int8). Per utterance:

- recognition: wall time from the endpointer's "utterance over" to the transcript
  (saving the utterance WAV included); with push-to-talk this is release → transcript;
- hands-free: the end-of-speech silence the endpointer waits for (read off the clock)
  plus recognition, i.e. true end of speech → transcript;
- real-time factor: recognition time / seconds of audio recognized;
- hands-free live: the app's way, in real time (the WAV paced by the wall clock, the
  recognizer in its worker thread, which starts on the pause before the end-of-speech
  silence is complete): end of speech → transcript delivered, read off one clock.

In the same run, the same clips go through SpeechRecognition's own
`recognize_faster_whisper` (the same decoding options; it builds a new `WhisperModel`
on every call), and through the kept model with greedy decoding (beam 1).

    .venv/bin/python -m benchmarks.asr_latency [--rounds 3] [--live-rounds 1]

Writes benchmarks/results/asr_latency.md.
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from benchmarks._common import percentile
from simulator.clock import FakeClock, MonotonicClock
from simulator.voice.trainee.mic import WavFileSource
from simulator.voice.trainee.mic_wav import AudioClip, concatenate, read_wav
from simulator.voice.trainee.model import choose_model, model_location
from simulator.voice.trainee.recognizer import WhisperRecognizer
from simulator.voice.trainee.recognizer_text import decode_options
from simulator.voice.trainee.vad import speech_bounds
from simulator.voice.trainee.voice_input import (
    SpeechEnded,
    UtteranceRecognized,
    VoiceEvent,
    VoiceInput,
)

RESULTS = Path(__file__).resolve().parent / "results" / "asr_latency.md"
COMMAND = ".venv/bin/python -m benchmarks.asr_latency"
TARGET_S = 1.0
VOICE, RATE = "cmn-latn-pinyin+f2", "110"

PHRASES = [  # 2–6 s each at this rate; longer ones are left out by `synthesize`
    "让您久等了。",
    "请您不要挂机。",
    "您好，福彩热线。",
    "请问您贵姓？",
    "感谢您的耐心等待。",
    "好的，请您稍等。",
    "请问还有什么可以帮您？",
    "请您稍等，我帮您查询一下。",
    "非常抱歉，给您添麻烦了。",
    "好的，我已经记录下来了。",
    "您好，请问您能听到我的声音吗？",
    "我们会在二十四小时内给您答复。",
]


@dataclass(frozen=True)
class Utterance:
    text: str
    clip: AudioClip  # the endpointer's cut: speech plus its pre- and post-roll
    speech: float  # seconds of speech (Silero)
    wait: float  # end of speech → endpointer decided the utterance was over (clock)
    recognition: float  # endpointer decided → transcript ready (wall)
    transcript: str


def synthesize(folder: Path) -> list[tuple[str, AudioClip]]:
    clips = []
    for n, text in enumerate(PHRASES):
        path = folder / f"u{n}.wav"
        subprocess.run(
            ["espeak-ng", "-v", VOICE, "-s", RATE, "-w", str(path), text],
            check=True,
            capture_output=True,
        )
        clip = read_wav(path)
        bounds = speech_bounds(clip)
        if bounds is not None and 2.0 <= bounds[1] - bounds[0] <= 6.0:
            clips.append((text, clip))
    return clips


def through_pipeline(text: str, clip: AudioClip, recognizer: WhisperRecognizer) -> Utterance:
    """One utterance through the virtual microphone, the endpointer and the recognizer."""
    padded = concatenate([AudioClip.silence(1.0), clip, AudioClip.silence(2.0)])
    clock = FakeClock()
    marks: dict[str, float] = {}
    found: list[UtteranceRecognized] = []

    def deliver(event: VoiceEvent) -> None:
        if isinstance(event, SpeechEnded) and "decided" not in marks:
            marks["decided"], marks["clock"], marks["end"] = (
                time.perf_counter(),
                clock.now(),
                event.end,
            )
        elif isinstance(event, UtteranceRecognized) and not found:
            marks["ready"] = time.perf_counter()
            found.append(event)

    with tempfile.TemporaryDirectory(prefix="callsim-asr-bench-") as tmp:
        voice = VoiceInput(
            WavFileSource(padded, clock=clock),
            recognizer,
            clock=clock,
            deliver=deliver,
            audio_dir=Path(tmp),
            background=False,
        )
        voice.run()
        if not found:
            raise SystemExit(f"no utterance recognized in {text!r}")
        cut = read_wav(found[0].audio)
    return Utterance(
        text=text,
        clip=cut,
        speech=found[0].end - found[0].onset,
        wait=marks["clock"] - marks["end"],
        recognition=marks["ready"] - marks["decided"],
        transcript=found[0].text,
    )


@dataclass(frozen=True)
class LiveReply:
    latency: float  # end of speech → transcript delivered (one clock, real time)
    guessed: bool  # the transcript was ready from the pause
    phrase: str
    transcript: str


def hands_free_live(text: str, clip: AudioClip, recognizer: WhisperRecognizer) -> LiveReply:
    """One utterance as the app hears it: real-time audio, recognition in the worker."""
    import threading

    padded = concatenate([AudioClip.silence(1.0), clip, AudioClip.silence(2.0)])
    clock = MonotonicClock()
    found: list[tuple[float, str]] = []
    done = threading.Event()

    def deliver(event: VoiceEvent) -> None:
        if isinstance(event, UtteranceRecognized) and not found:
            found.append((clock.now() - event.end, event.text))
            done.set()

    with tempfile.TemporaryDirectory(prefix="callsim-asr-bench-") as tmp:
        voice = VoiceInput(
            WavFileSource(padded, clock=clock),
            recognizer,
            clock=clock,
            deliver=deliver,
            audio_dir=Path(tmp),
        )
        voice.start()
        if not done.wait(padded.duration + 30.0):
            raise SystemExit(f"no utterance recognized live in {text!r}")
        voice.close()
    latency, said = found[0]
    return LiveReply(latency, voice.guesses_used > 0, text, said)


def speech_recognition_per_call(clip: AudioClip, model_dir: str, beam_size: int) -> float:
    """SpeechRecognition's `recognize_faster_whisper`, which loads the model each call."""
    import speech_recognition as sr

    options = decode_options(clip.duration, beam_size=beam_size)
    started = time.perf_counter()
    sr.Recognizer().recognize_faster_whisper(
        clip.to_audio_data(),
        model=model_dir,
        init_options={"device": "cpu", "compute_type": "int8"},
        **options,
    )
    return time.perf_counter() - started


def kept_model(recognizer: WhisperRecognizer, clip: AudioClip) -> float:
    started = time.perf_counter()
    recognizer.transcribe(clip)
    return time.perf_counter() - started


def row(name: str, values: list[float], audio: float) -> str:
    return (
        f"| {name} | {len(values)} | {percentile(values, 50):.2f} | {percentile(values, 95):.2f} "
        f"| {max(values):.2f} | {sum(values) / audio:.2f} |"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--live-rounds", type=int, default=1, help="real-time hands-free rounds")
    args = parser.parse_args(argv)
    load_before = os.getloadavg()[0]
    model_dir = model_location(choose_model("base"))
    recognizer = WhisperRecognizer("base")
    recognizer.load()
    greedy = WhisperRecognizer("base", beam_size=1)
    greedy.load()
    with tempfile.TemporaryDirectory(prefix="callsim-asr-bench-") as tmp:
        clips = synthesize(Path(tmp))
    if not clips:
        raise SystemExit("no espeak-ng utterance of 2–6 s")
    # SpeechRecognition's Whisper path reads its audio back with soundfile (a dev extra).
    has_soundfile = importlib.util.find_spec("soundfile") is not None
    utterances: list[Utterance] = []
    beam1: list[float] = []
    per_call: list[float] = []
    for _ in range(args.rounds):
        for text, clip in clips:
            done = through_pipeline(text, clip, recognizer)
            utterances.append(done)
            beam1.append(kept_model(greedy, done.clip))
            if has_soundfile:
                per_call.append(speech_recognition_per_call(done.clip, model_dir, 5))
    live = [
        hands_free_live(text, clip, recognizer)
        for _ in range(args.live_rounds)
        for text, clip in clips
    ]
    load_after = os.getloadavg()[0]
    audio = sum(u.clip.duration for u in utterances)
    recognition = [u.recognition for u in utterances]
    hands_free = [u.wait + u.recognition for u in utterances]
    p50 = percentile(recognition, 50)
    live_p50 = percentile([r.latency for r in live], 50) if live else 0.0
    by_phrase = {u.text: u.transcript for u in utterances}
    same_text = sum(r.transcript == by_phrase[r.phrase] for r in live)
    lines = [
        "# Speech recognition latency",
        "",
        f"Command: `{' '.join([COMMAND, *(argv if argv is not None else sys.argv[1:])])}`",
        "",
        f"Machine: {platform.machine()}, {os.cpu_count()} CPUs, Python "
        f"{platform.python_version()}; load average {load_before:.2f} before, "
        f"{load_after:.2f} after (other work on the machine slows every row alike).",
        f"Model: Whisper base, CTranslate2 int8 on CPU ({recognizer.cpu_threads} threads), "
        f"loaded once in {recognizer.load_seconds:.2f} s. Decoding: language zh, beam 5, "
        "temperature 0 only, VAD filter, token cap, repetition penalty 1.2.",
        f"Utterances: {len(clips)} phrases by espeak-ng ({VOICE}, -s {RATE}), "
        f"{min(u.speech for u in utterances):.1f}–{max(u.speech for u in utterances):.1f} s "
        f"of speech, {args.rounds} rounds: n = {len(utterances)}.",
        "",
        "| end of speech → transcript ready | n | p50 s | p95 s | max s | real-time factor |",
        "|---|---|---|---|---|---|",
        row("push-to-talk: release → transcript (kept model, beam 5)", recognition, audio),
        row("hands-free: end of speech → transcript (+ silence wait)", hands_free, audio),
        row(
            "hands-free live: end of speech → transcript, recognized from the pause",
            [r.latency for r in live],
            audio * len(live) / len(utterances),
        )
        if live
        else "| hands-free live: not run (--live-rounds 0) | | | | | |",
        row("kept model, greedy (beam 1)", beam1, audio),
        row("SpeechRecognition recognize_faster_whisper (per call)", per_call, audio)
        if per_call
        else "| SpeechRecognition recognize_faster_whisper: not run (needs soundfile) | | | | | |",
        "",
        f"Hands-free waits {statistics.fmean(u.wait for u in utterances):.2f} s on average "
        "for the end-of-speech silence (0.6 s setting, frame-rounded) before recognizing.",
        f"Hands-free live: the transcript was ready from the pause for "
        f"{sum(r.guessed for r in live)} of {len(live)} replies, and its text was the "
        f"push-to-talk row's for {same_text} of {len(live)}; its real-time factor column is "
        "latency / audio (the recognizer starts before the latency does).",
        "Real-time factor: recognition seconds / seconds of audio recognized.",
        "",
        f"Target p50 ≤ {TARGET_S:.1f} s (release → transcript): "
        f"{'met' if p50 <= TARGET_S else 'NOT met'} ({p50:.2f} s)"
        + (
            f"; hands-free live {'met' if live_p50 <= TARGET_S else 'NOT met'} ({live_p50:.2f} s)."
            if live
            else "."
        ),
        "",
        "Sample transcripts (first round):",
        "",
        *[f"- {u.text} → {u.transcript}" for u in utterances[: len(clips)]],
        "",
    ]
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text("\n".join(lines), encoding="utf-8")
    print("\n".join(lines))
    return 0 if p50 <= TARGET_S else 1


if __name__ == "__main__":
    sys.exit(main())
