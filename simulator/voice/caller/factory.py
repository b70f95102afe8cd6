"""`make_caller_voice`: the best caller voice this machine allows, and why not better.

- the platform's synthesizer (espeak-ng, SAPI5 or NSSS through pyttsx3) with a Mandarin
  voice, and a sound device: lines are synthesized and played.
- the same without a sound device: lines are synthesized (exact durations, audio saved
  beside the recording) but not played; the trainee reads them.
- no synthesizer, or none of its voices speaks Mandarin (or it cannot start): text only,
  durations estimated from the text.
Every fallback comes with one Chinese line for the app to show; nothing here raises.
Start-up takes ~0.4 s (the synthesis worker and a device probe): call it off the UI thread.
"""

from __future__ import annotations

import atexit
import logging
import weakref
from collections.abc import Callable

from simulator.engine.voice import CallerVoice, EstimatedVoice
from simulator.voice.caller.caller_voice import SpeakingCallerVoice
from simulator.voice.caller.client import WorkerSpeaker
from simulator.voice.caller.drivers import SynthDriver, adapter_for
from simulator.voice.caller.espeak import NO_ESPEAK, espeak_installed
from simulator.voice.caller.player import Player, SilentPlayer, SoundDevicePlayer, probe_device
from simulator.voice.caller.speaker import NoMandarinVoice, Speaker, SpeakerUnavailable
from simulator.voice.sound import describe, output_device

log = logging.getLogger(__name__)

_OPEN: weakref.WeakSet[SpeakingCallerVoice] = weakref.WeakSet()

NO_SYNTH = "语音合成无法启动（{reason}），来电者的话只显示为文字"
NO_MANDARIN = "本机没有普通话合成语音，来电者的话只显示为文字（{hint}）"
NO_DEVICE = "没有可用的音频设备（{device}），来电者的话只显示为文字；来电语音仍随录音保存"

__all__ = ["NO_DEVICE", "NO_ESPEAK", "NO_MANDARIN", "NO_SYNTH", "espeak_installed"]


def _worker_speaker(driver: SynthDriver) -> Speaker:
    return WorkerSpeaker(driver=driver.name)


def make_caller_voice(
    *,
    speak: bool = True,
    play: bool = True,
    device: str | None = None,
    driver: SynthDriver | None = None,
    speaker_factory: Callable[[SynthDriver], Speaker] = _worker_speaker,
) -> tuple[CallerVoice, str | None]:
    """The caller voice, plus a one-line notice when it had to fall back.

    `speak=False` is text-only on purpose (no notice); `play=False` synthesizes without
    playing; `device` is the sound device (default `$CALLSIM_AUDIO_DEVICE`, else the
    system default; see simulator.voice.sound); `driver` is the platform's by default.
    """
    if not speak:
        return EstimatedVoice(), None
    driver = driver or adapter_for()
    problem = driver.problem()
    if problem is not None:
        log.warning("speech synthesis unavailable (%s): %s", driver.name, problem)
        return EstimatedVoice(), problem
    try:
        speaker = speaker_factory(driver)
    except NoMandarinVoice as exc:
        log.warning("no Mandarin voice: %s", exc)
        return EstimatedVoice(), NO_MANDARIN.format(hint=driver.voice_hint)
    except SpeakerUnavailable as exc:
        log.warning("speech synthesis unavailable: %s", exc)
        return EstimatedVoice(), NO_SYNTH.format(reason=exc)
    chosen = output_device(device)
    player: Player
    notice: str | None = None
    if not play:
        player = SilentPlayer()
    elif (problem := probe_device(chosen)) is None:
        player = SoundDevicePlayer(chosen)
    else:
        log.warning("no sound on %s: %s", describe(chosen), problem)
        player = SilentPlayer()
        notice = NO_DEVICE.format(device=describe(chosen))
    voice = SpeakingCallerVoice(speaker, player)
    _OPEN.add(voice)
    return voice, notice


@atexit.register
def _close_all() -> None:
    """No playback stream or synthesis worker outlives the app, whoever forgot to close a voice."""
    for voice in list(_OPEN):
        voice.close()
