"""`callsim transcribe FILE.wav [--json]`: what the speech recognizer hears in a WAV file.

Prints the recognized text (Simplified Chinese), one line per file; with --json, one
object per file (an array for several) with segments, times and confidence. A doubtful
transcript is marked 「（识别可信度低）」 in text mode.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from simulator.errors import UserError
from simulator.voice.trainee.mic_wav import read_wav
from simulator.voice.trainee.model import ENV_VAR, ModelError
from simulator.voice.trainee.recognizer import WhisperRecognizer
from simulator.voice.trainee.recognizer_text import LOW_CONFIDENCE

if TYPE_CHECKING:
    from simulator.settings import Settings


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "transcribe",
        help="用语音识别转写 WAV 文件（离线 Whisper）",
        description="用离线 Whisper 模型转写 WAV 文件中的普通话，输出简体中文。",
    )
    parser.add_argument("files", nargs="+", type=Path, metavar="FILE.wav", help="要转写的 WAV 文件")
    parser.add_argument("--json", action="store_true", help="输出 JSON：文字、分段时间、可信度")
    parser.add_argument(
        "--model",
        default=None,
        metavar="MODEL",
        help=f"识别模型：内置 base、本地 CTranslate2 模型目录或模型名（默认取 ${ENV_VAR}）",
    )
    parser.add_argument(
        "--beam-size", type=int, default=5, metavar="N", help="束搜索宽度（1 最快，默认 5）"
    )
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace, settings: Settings) -> int:
    clips = [(path, read_wav(path)) for path in args.files]
    recognizer = WhisperRecognizer(args.model, beam_size=args.beam_size)
    results: list[dict[str, Any]] = []
    for path, clip in clips:
        try:
            transcript = recognizer.transcribe(clip)
        except ModelError as exc:
            raise UserError(str(exc), hint=f"用 --model 或 ${ENV_VAR} 指定可用的模型") from exc
        if args.json:
            results.append(
                {"file": str(path), "model": recognizer.choice.label, **transcript.to_json()}
            )
            continue
        mark = "（识别可信度低）" if transcript.confidence < LOW_CONFIDENCE else ""
        prefix = f"{path}: " if len(clips) > 1 else ""
        print(f"{prefix}{transcript.text}{mark}")
    if args.json:
        payload: Any = results[0] if len(results) == 1 else results
        json.dump(payload, sys.stdout, ensure_ascii=False, indent=1)
        sys.stdout.write("\n")
    return 0
