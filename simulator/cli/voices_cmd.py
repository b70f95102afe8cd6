"""`callsim voices`: the installed speech voices, and which one speaks Mandarin."""

from __future__ import annotations

import argparse
from typing import Any

from simulator.cli.say_cmd import NO_ESPEAK_HINT, require_espeak
from simulator.errors import UserError


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "voices",
        help="列出可用的合成语音，并说明普通话用哪一个",
        description="列出 espeak-ng 的中文语音（--all 列出全部），并指出来电者说普通话所用的语音。",
    )
    parser.add_argument("--all", action="store_true", help="列出所有语言的语音")
    parser.set_defaults(handler=run_voices)


def run_voices(args: argparse.Namespace) -> int:
    from simulator.voice.speaker import SpeakerError
    from simulator.voice.tts_client import WorkerSpeaker
    from simulator.voice.tts_voices import mandarin_rank

    require_espeak()
    try:
        speaker = WorkerSpeaker()
    except SpeakerError as exc:
        raise UserError(f"语音合成无法启动：{exc}", hint=NO_ESPEAK_HINT) from None
    speaker.close()
    chosen = speaker.voice
    voices = speaker.voices()
    if not args.all:
        voices = [v for v in voices if mandarin_rank(v) is not None or _chinese(v.languages)]
    print(f"espeak-ng {speaker.espeak_version}，{'全部' if args.all else '中文'}语音：")
    width = max((len(v.id) for v in voices), default=0)
    for v in voices:
        mark = "  ← 普通话使用" if v.id == chosen.id else ""
        print(f"  {v.id:<{width}}  {v.name}  [{', '.join(v.languages)}]{mark}")
    print(f"普通话使用：{chosen.id}（{chosen.name}）")
    return 0


def _chinese(languages: tuple[str, ...]) -> bool:
    return any(lang.lower().startswith(("zh", "cmn", "yue", "hak", "nan")) for lang in languages)
