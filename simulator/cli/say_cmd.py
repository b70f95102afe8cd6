"""`callsim say TEXT`: speak a line in a persona's voice, or write it to a WAV file."""

from __future__ import annotations

import argparse
import shutil
from pathlib import Path
from typing import TYPE_CHECKING, Any

from simulator.errors import UserError
from simulator.scenario.models import KNOWN_PERSONAS, PERSONA_TITLES

if TYPE_CHECKING:
    from simulator.settings import Settings
    from simulator.voice.caller.drivers import SynthDriver

SYNTH_TIMEOUT = 30.0
NO_ESPEAK = "未找到 espeak-ng，无法合成语音"
NO_ESPEAK_HINT = "安装：sudo apt-get install espeak-ng"
_RANGES = {"rate": "60–400", "pitch": "0–99", "volume": "0–1"}


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "say",
        help="用来电者的声音朗读一句话（或保存为 WAV）",
        description="用本机的普通话合成语音（Linux 上为 espeak-ng）朗读一句话；"
        "给出 -o 时保存为 WAV 文件而不播放。",
    )
    parser.add_argument("text", metavar="TEXT", help="要朗读的话（中文）")
    parser.add_argument("-o", "--output", type=Path, metavar="FILE.wav", help="保存为 WAV 文件")
    parser.add_argument(
        "--persona",
        choices=KNOWN_PERSONAS,
        default="standard",
        metavar="NAME",
        help="来电者类型，决定默认语速、音高、音量："
        + "、".join(f"{p}（{PERSONA_TITLES[p]}）" for p in KNOWN_PERSONAS[:6])
        + " 等",
    )
    parser.add_argument("--rate", type=int, help="语速（每分钟字数，60–400）")
    parser.add_argument("--pitch", type=int, help="音高（0–99）")
    parser.add_argument("--volume", type=float, help="音量（0–1）")
    parser.add_argument(
        "--device",
        help="播放设备：编号或名称（callsim voices --devices 列出；"
        "默认：$CALLSIM_AUDIO_DEVICE 或系统默认）",
    )
    parser.set_defaults(handler=run_say)


def require_synth() -> SynthDriver:
    """The platform's speech driver; UserError (exit 2, one line) when it cannot run here."""
    from simulator.voice.caller.drivers import adapter_for

    driver = adapter_for()
    problem = driver.problem()
    if problem is not None:
        if driver.name == "espeak":
            raise UserError(NO_ESPEAK, hint=NO_ESPEAK_HINT)
        raise UserError(problem)
    return driver


def run_say(args: argparse.Namespace, settings: Settings) -> int:
    from pydantic import ValidationError

    from simulator.scenario.voices import persona_voice
    from simulator.voice.caller.cache import wav_duration
    from simulator.voice.caller.client import WorkerSpeaker
    from simulator.voice.caller.player import PlaybackError, SoundDevicePlayer
    from simulator.voice.caller.speaker import SpeakerError
    from simulator.voice.sound import output_device

    text = args.text.strip()
    if not text:
        raise UserError("没有要朗读的文字", hint='例如：callsim say "您好，请讲"')
    changes = {
        k: getattr(args, k) for k in ("rate", "pitch", "volume") if getattr(args, k) is not None
    }
    try:
        voice = persona_voice(args.persona).model_copy(update=changes)
        voice = type(voice).model_validate(voice.model_dump())
    except ValidationError as exc:
        field = str(exc.errors()[0]["loc"][0])
        raise UserError(f"--{field} 取值无效", hint=f"应在 {_RANGES[field]} 之间") from None
    driver = require_synth()
    try:
        speaker = WorkerSpeaker(driver=driver.name)
    except SpeakerError as exc:
        raise UserError(f"语音合成无法启动：{exc}", hint=driver.voice_hint) from None
    try:
        wav = speaker.synthesize(text, voice, urgent=True).result(timeout=SYNTH_TIMEOUT)
    except (SpeakerError, TimeoutError) as exc:
        raise UserError(f"合成失败：{exc or '超时'}") from None
    finally:
        speaker.close()
    seconds = wav_duration(wav)
    if args.output is not None:
        out: Path = args.output
        try:
            out.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(wav, out)
        except OSError as exc:
            raise UserError(f"无法写入：{exc.strerror}", path=out) from None
        print(f"已保存 {out}（{seconds:.2f} 秒，语音 {speaker.voice.id}）")
        return 0
    player = SoundDevicePlayer(output_device(args.device))
    try:
        player.play(wav)
    except PlaybackError as exc:
        raise UserError(f"无法播放：{exc}", hint="用 -o 文件.wav 保存为文件") from None
    try:
        player.wait(seconds + 5.0)
    finally:
        player.stop()
    print(f"已朗读（{seconds:.2f} 秒，语音 {speaker.voice.id}）")
    return 0
