"""`callsim voices`: the platform's speech voices, which one speaks Mandarin, and the
sound devices (`--devices`)."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, Any

from simulator.cli.say_cmd import require_synth
from simulator.errors import UserError

if TYPE_CHECKING:
    from simulator.settings import Settings


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "voices",
        help="列出本机的合成语音，并说明普通话用哪一个",
        description=(
            "列出本机语音合成（Linux：espeak-ng；Windows：SAPI5；macOS：系统语音）提供的"
            "中文语音（--all 列出全部），并指出来电者说普通话所用的语音；"
            "--devices 另外列出播放和录音设备。"
        ),
    )
    parser.add_argument("--all", action="store_true", help="列出所有语言的语音")
    parser.add_argument("--devices", action="store_true", help="同时列出播放和录音设备")
    parser.set_defaults(handler=run_voices)


def run_voices(args: argparse.Namespace, settings: Settings) -> int:
    from simulator.voice.caller.client import WorkerSpeaker
    from simulator.voice.caller.speaker import SpeakerError
    from simulator.voice.caller.voices import is_chinese

    driver = require_synth()
    try:
        speaker = WorkerSpeaker(driver=driver.name, require_mandarin=False)
    except SpeakerError as exc:
        raise UserError(f"语音合成无法启动：{exc}", hint=driver.voice_hint) from None
    speaker.close()
    chosen = speaker.mandarin
    voices = speaker.voices()
    if not args.all:
        voices = [v for v in voices if is_chinese(v)]
    print(f"{speaker.engine}（pyttsx3 {driver.name}），{'全部' if args.all else '中文'}语音：")
    width = max((len(v.id) for v in voices), default=0)
    for v in voices:
        mark = "  ← 普通话使用" if chosen is not None and v.id == chosen.id else ""
        print(f"  {v.id:<{width}}  {v.name}  [{', '.join(v.languages)}]{mark}")
    if not voices:
        print("  （没有）")
    if chosen is None:
        print(f"没有普通话语音，来电者的话只显示为文字。{driver.voice_hint}")
    else:
        print(f"普通话使用：{chosen.id}（{chosen.name}）")
    if args.devices:
        _print_devices()
    return 0


def _print_devices() -> None:
    from simulator.voice.sound import SoundUnavailable, devices, sounddevice

    try:
        sounddevice()
    except SoundUnavailable as exc:
        print(f"声音设备：{exc}")
        return
    found = devices()
    print("声音设备（CALLSIM_AUDIO_DEVICE / CALLSIM_MIC_DEVICE 可填编号或名称）：")
    for d in found:
        kinds = "、".join(k for k, n in (("播放", d.outputs), ("录音", d.inputs)) if n > 0)
        print(f"  {d.index:>3}  {d.name}  [{d.host_api}]  {kinds}")
    if not found:
        print("  （没有：来电者的话只显示为文字，语音输入可用 --mic-file）")
