"""Is there a microphone? Asked of PortAudio (quietly: see simulator.voice.sound)."""

from __future__ import annotations

from simulator.voice.sound import (
    SoundUnavailable,
    devices,
    find_device,
    input_device,
    sounddevice,
)


def sound_problem() -> str | None:
    """Why PortAudio cannot be used here (what to install), or None when it can."""
    try:
        sounddevice()
    except SoundUnavailable as exc:
        return str(exc)
    return None


def input_devices() -> list[tuple[int, str]]:
    """(index, name) of every device that can record; [] without PortAudio or devices."""
    return [(d.index, d.name) for d in devices() if d.inputs > 0]


def default_input_name(device: str | int | None = None) -> str | None:
    """The chosen (else default) microphone's name, or None when there is none."""
    info = find_device(input_device(device), kind="input")
    return None if info is None or info.inputs == 0 else info.name
