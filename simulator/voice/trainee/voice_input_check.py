"""Can the trainee answer by voice? One cheap check, one clear notice.

`voice_input_availability()` looks for what voice input needs, in the order a user
would fix it: faster-whisper, the speech model's files, then the microphone (PortAudio
and a recording device) or the virtual microphone's WAV file. It never loads the
model. When something is missing the app falls back to the keyboard and shows the
message, which names the missing piece and the command that fixes it.
"""

from __future__ import annotations

import importlib.util
import wave
from pathlib import Path

from simulator import settings
from simulator.voice.trainee.mic_devices import default_input_name, input_devices, sound_problem
from simulator.voice.trainee.model import choose_model, model_problem

MIC_FILE_ENV = "CALLSIM_MIC_FILE"
FALLBACK = "已改用键盘输入。"
MIC_HINT = "请运行 make run；没有麦克风时可用 --mic-file 文件.wav 作为虚拟麦克风"


def mic_file_setting(mic_file: Path | str | None = None) -> Path | None:
    """The virtual microphone: the argument, else `$CALLSIM_MIC_FILE`, else none."""
    value = mic_file if mic_file is not None else settings.current().mic_file
    return Path(value).expanduser() if value is not None else None


def voice_input_availability(
    mic_file: Path | str | None = None, model: str | None = None
) -> tuple[bool, str]:
    """(True, what will be used) or (False, what is missing and how to fix it)."""
    if importlib.util.find_spec("faster_whisper") is None:
        return False, f"语音输入不可用：未安装 faster-whisper。请运行 make run。{FALLBACK}"
    choice = choose_model(model)
    problem = model_problem(choice)
    if problem is not None:
        return False, f"语音输入不可用：{problem}。{FALLBACK}"
    file = mic_file_setting(mic_file)
    if file is not None:
        trouble = _wav_trouble(file)
        if trouble is not None:
            return False, f"语音输入不可用：虚拟麦克风文件 {file} {trouble}。{FALLBACK}"
        return True, f"语音输入：虚拟麦克风 {file.name}，识别模型 {choice.label}。"
    problem = sound_problem()
    if problem is not None:
        return False, f"语音输入不可用：{problem}。{MIC_HINT}。{FALLBACK}"
    name = default_input_name()
    if name is None or not input_devices():
        return False, (
            "语音输入不可用：没有找到麦克风。请接上麦克风或耳麦后重试，"
            f"或用 --mic-file 文件.wav 作为虚拟麦克风。{FALLBACK}"
        )
    return True, f"语音输入：麦克风「{name}」，识别模型 {choice.label}。"


def _wav_trouble(path: Path) -> str | None:
    if not path.is_file():
        return "不存在"
    try:
        with wave.open(str(path), "rb") as wav:
            wav.getnframes()
    except (wave.Error, EOFError, OSError) as exc:
        return f"不是可读的 PCM WAV 文件（{exc}）"
    return None
