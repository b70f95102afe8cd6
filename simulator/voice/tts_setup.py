"""`make_caller_voice`: the best caller voice this machine allows, and why not better.

- espeak-ng and a sound device: lines are synthesized and played.
- espeak-ng, no sound device: lines are synthesized (exact durations, audio saved beside
  the recording) but not played; the trainee reads them.
- no espeak-ng (or synthesis cannot start): text only, durations estimated from the text.
Every fallback comes with one Chinese line for the app to show; nothing here raises.
Start-up takes ~0.4 s (the synthesis worker and a device probe): call it off the UI thread.
"""

from __future__ import annotations

import atexit
import logging
import shutil
import weakref

from simulator.engine.voice import CallerVoice, EstimatedVoice
from simulator.voice.caller_voice import SpeakingCallerVoice
from simulator.voice.player import AplayPlayer, Player, SilentPlayer, audio_device, probe_device
from simulator.voice.speaker import SpeakerUnavailable
from simulator.voice.tts_client import WorkerSpeaker

log = logging.getLogger(__name__)

_OPEN: weakref.WeakSet[SpeakingCallerVoice] = weakref.WeakSet()

NO_ESPEAK = "未找到 espeak-ng，来电者的话只显示为文字（安装：sudo apt-get install espeak-ng）"
NO_SYNTH = "语音合成无法启动（{reason}），来电者的话只显示为文字"
NO_DEVICE = "没有可用的音频设备（{device}），来电者的话只显示为文字；来电语音仍随录音保存"


def espeak_installed() -> bool:
    """Whether the `espeak-ng` program is on PATH (the library comes with it)."""
    return shutil.which("espeak-ng") is not None


def make_caller_voice(
    *, speak: bool = True, play: bool = True, device: str | None = None
) -> tuple[CallerVoice, str | None]:
    """The caller voice, plus a one-line notice when it had to fall back.

    `speak=False` is text-only on purpose (no notice); `play=False` synthesizes without
    playing; `device` is the ALSA device (default `$CALLSIM_AUDIO_DEVICE`, else "default").
    """
    if not speak:
        return EstimatedVoice(), None
    if not espeak_installed():
        return EstimatedVoice(), NO_ESPEAK
    try:
        speaker = WorkerSpeaker()
    except SpeakerUnavailable as exc:
        log.warning("speech synthesis unavailable: %s", exc)
        return EstimatedVoice(), NO_SYNTH.format(reason=exc)
    device = device or audio_device()
    player: Player
    notice: str | None = None
    if not play:
        player = SilentPlayer()
    elif (problem := probe_device(device)) is None:
        player = AplayPlayer(device)
    else:
        log.warning("no sound on %s: %s", device, problem)
        player = SilentPlayer()
        notice = NO_DEVICE.format(device=device)
    voice = SpeakingCallerVoice(speaker, player)
    _OPEN.add(voice)
    return voice, notice


@atexit.register
def _close_all() -> None:
    """No aplay or synthesis worker outlives the app, whoever forgot to close a voice."""
    for voice in list(_OPEN):
        voice.close()
