"""How each kind of caller sounds by default, before a scenario says otherwise.

Rates are espeak-ng words per minute (one hanzi is one word), so 170 is an ordinary
pace; pitch 0–99 (50 neutral); volume 0–1 of the synthesizer's full level. A scenario's
`voice:` overrides only the fields it gives; a line's own rate/pitch/volume override
both (an angry caller who speeds up as the call goes on).
"""

from __future__ import annotations

from types import MappingProxyType

from simulator.scenario.models import KNOWN_PERSONAS, CallerLine, Scenario, Voice

_NORMAL = Voice(rate=170, pitch=50, volume=0.9)

PERSONA_VOICES = MappingProxyType(
    {
        "standard": _NORMAL,
        "angry": Voice(rate=235, pitch=62, volume=1.0),  # fast and loud
        "silent": Voice(rate=140, pitch=44, volume=0.3),  # faint, hesitant
        "inaudible": Voice(rate=175, pitch=48, volume=0.25),  # barely there
        "offtopic": Voice(rate=118, pitch=52, volume=0.85),  # drawling
        "media": Voice(rate=205, pitch=54, volume=0.9),  # brisk
        "complaint": Voice(rate=200, pitch=57, volume=0.95),
        "supervisor": Voice(rate=205, pitch=58, volume=0.95),
        "sales": Voice(rate=215, pitch=56, volume=0.9),
        "lingering": Voice(rate=140, pitch=50, volume=0.85),
        "praise": Voice(rate=165, pitch=58, volume=0.9),
        "holiday": Voice(rate=170, pitch=56, volume=0.9),
        "dialect": Voice(rate=160, pitch=45, volume=0.9),
        "personal_info": Voice(rate=185, pitch=52, volume=0.9),
        "wrong_number": Voice(rate=180, pitch=50, volume=0.9),
    }
)
"""Default voice per persona; personas not listed speak like `standard`."""


def persona_voice(persona: str) -> Voice:
    """The default voice of `persona` (the standard voice for any other persona)."""
    if persona not in KNOWN_PERSONAS:
        raise ValueError(f"unknown persona {persona!r}")
    return PERSONA_VOICES.get(persona, _NORMAL)


def scenario_voice(scenario: Scenario) -> Voice:
    """The caller's voice: the persona's default with the scenario's `voice:` fields on top."""
    base = persona_voice(scenario.persona)
    if "voice" not in scenario.model_fields_set:
        return base
    given = scenario.voice.model_dump(include=scenario.voice.model_fields_set)
    return base.model_copy(update=given)


def line_voice(scenario: Scenario, line: CallerLine) -> Voice:
    """The voice one caller line is spoken in (persona, scenario, then line changes)."""
    return line.voice(scenario_voice(scenario))


def with_persona_voice(scenario: Scenario) -> Scenario:
    """The scenario with its caller voice resolved (persona default + `voice:` fields).

    The engine speaks every line in `scenario.voice`; `start_session` passes every
    scenario through this, so an angry caller sounds (and takes as long) as angry in the
    app as in headless play, even when the scenario gives no `voice:`. Idempotent.
    """
    return scenario.model_copy(update={"voice": scenario_voice(scenario)})
