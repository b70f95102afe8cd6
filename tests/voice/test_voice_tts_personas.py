"""Persona voices: defaults per kind of caller, a scenario's `voice:` on top."""

from __future__ import annotations

import pytest

from simulator.scenario.models import KNOWN_PERSONAS, CallerLine
from simulator.scenario.voices import line_voice, persona_voice, scenario_voice, with_persona_voice
from tests.voice.voice_tts_helpers import scenario


def test_persona_defaults_sound_like_the_persona() -> None:
    normal = persona_voice("standard")
    assert (
        persona_voice("angry").rate > normal.rate and persona_voice("angry").volume >= normal.volume
    )
    assert persona_voice("silent").volume < 0.5 * normal.volume
    assert persona_voice("offtopic").rate < normal.rate
    assert persona_voice("media").rate > normal.rate


def test_every_known_persona_has_a_voice() -> None:
    assert all(persona_voice(p) for p in KNOWN_PERSONAS)
    with pytest.raises(ValueError, match="unknown persona"):
        persona_voice("robot")


def test_scenario_voice_overrides_only_the_fields_it_gives() -> None:
    assert scenario_voice(scenario("angry")) == persona_voice("angry")
    custom = scenario("angry", voice={"rate": 300})
    resolved = scenario_voice(custom)
    assert resolved.rate == 300
    assert resolved.volume == persona_voice("angry").volume


def test_a_line_can_speed_up_on_top_of_everything() -> None:
    scn = scenario("angry", voice={"pitch": 70})
    line = CallerLine(text="我受够了！", rate=320)
    voice = line_voice(scn, line)
    assert (voice.rate, voice.pitch, voice.volume) == (320, 70, persona_voice("angry").volume)


def test_with_persona_voice_is_idempotent() -> None:
    once = with_persona_voice(scenario("media", voice={"volume": 0.5}))
    assert once.voice == with_persona_voice(once).voice
    assert (once.voice.rate, once.voice.volume) == (persona_voice("media").rate, 0.5)
