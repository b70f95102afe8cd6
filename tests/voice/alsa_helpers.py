"""Real sound devices without a sound card: ALSA's `file` plugin in a config of our own.

No kernel sound driver is needed (containers have none, and `snd-aloop` cannot be loaded
there): a `file` PCM over a `null` slave is an ALSA device that PortAudio opens like any
other. Played audio lands in a raw file the test reads back; a capture device reads its
samples from a raw file (`infile`). `ALSA_CONFIG_PATH` replaces the whole ALSA
configuration, so the devices a test sees are exactly these, on any machine.
ALSA and PortAudio read their configuration once per process: the code under test runs
in a subprocess.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

ROOT = Path(__file__).resolve().parents[2]

_DEVICE = """
pcm.{name} {{
    type file
    slave.pcm {{ type null }}
    file "{out}"
    {infile}
    format "raw"
    hint {{ show on description "{name}" }}
}}
"""


def alsa_env(
    tmp_path: Path,
    *,
    mic: npt.NDArray[np.int16] | None = None,
    default: str | None = None,
) -> dict[str, str]:
    """An environment whose ALSA has `callsim_out` (played audio → tmp/out.raw) and, given
    `mic` samples, `callsim_mic` (16-bit mono capture reading them); `default` names the
    device that "default" is (`callsim_out` unless said otherwise)."""
    parts = [_DEVICE.format(name="callsim_out", out=tmp_path / "out.raw", infile="")]
    if mic is not None:
        infile = tmp_path / "mic.raw"
        mic.astype("<i2").tofile(infile)
        parts.append(
            _DEVICE.format(name="callsim_mic", out=os.devnull, infile=f'infile "{infile}"')
        )
    # Without a "default" PCM, alsa-lib aborts the process while PortAudio enumerates.
    parts.append(f'pcm.!default "{default or "callsim_out"}"\n')
    config = tmp_path / "asound.conf"
    config.write_text("".join(parts), encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if not k.startswith("CALLSIM_")}
    env["ALSA_CONFIG_PATH"] = str(config)
    env["CALLSIM_CACHE_DIR"] = str(tmp_path / "cache")
    env["PYTHONPATH"] = str(ROOT)
    return env


def run_json(code: str, env: dict[str, str], timeout: float = 60.0) -> Any:
    """Run `code` in a fresh interpreter with `env`; its last stdout line, as JSON."""
    done = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
        timeout=timeout,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    return json.loads(done.stdout.strip().splitlines()[-1])


def played(tmp_path: Path) -> npt.NDArray[np.int16]:
    """What reached the `callsim_out` device, as 16-bit samples."""
    return np.fromfile(tmp_path / "out.raw", dtype="<i2").astype(np.int16)


def contains(haystack: npt.NDArray[np.int16], needle: npt.NDArray[np.int16]) -> bool:
    """Whether `needle` (starting with a non-zero sample) occurs whole in `haystack`."""
    first = int(np.flatnonzero(needle)[0])
    for start in np.flatnonzero(haystack == needle[first]):
        at = int(start) - first
        if at >= 0 and np.array_equal(haystack[at : at + len(needle)], needle):
            return True
    return False
