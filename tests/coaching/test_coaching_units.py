"""Coaching's parts on their own: which rules a scenario trains, mastery, no UI imports."""

from __future__ import annotations

import json
import subprocess
import sys
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path

from simulator.coaching.exercised import exercised_rules, fallback_rules, persona_rules
from simulator.coaching.mastery import HALF_LIFE, rule_mastery, weakest
from tests.coaching.coaching_seed import SCENARIOS_DIR, exercises, library

ROOT = Path(__file__).resolve().parents[2]


def test_the_hold_scenario_trains_the_hold_rules_and_the_silent_one_does_not() -> None:
    found = exercises()
    assert {"hold.permission", "hold.checkin", "hold.thanks", "hold.consent"} <= found[
        "hold-lookup"
    ]
    assert not {r for r in found["silent-call"] if r.startswith("hold.")}
    assert persona_rules("silent") <= found["silent-call"]
    # The inquiry's good script puts the caller on hold too: it trains the check-in.
    assert "hold.checkin" in found["standard-inquiry"]


def test_every_shipped_scenario_trains_its_persona_rules_and_the_greeting() -> None:
    for scenario in library():
        rules = exercises()[scenario.id]
        assert persona_rules(scenario.persona) <= rules, scenario.id
        assert "opening.greeting" in rules, scenario.id


def test_without_a_good_script_the_persona_and_the_opening_and_closing_count(
    tmp_path: Path,
) -> None:
    scenario = next(s for s in library() if s.id == "media-inquiry")
    rules = exercised_rules(scenario, tmp_path)  # no scripts/ folder here
    assert rules == fallback_rules("media")
    assert persona_rules("media") <= rules and "opening.greeting" in rules
    assert "hold.checkin" not in rules


def test_a_broken_good_script_falls_back_instead_of_failing(tmp_path: Path) -> None:
    scenario = next(s for s in library() if s.id == "hold-lookup")
    (tmp_path / "scripts").mkdir()
    (tmp_path / "scripts" / "hold-lookup.good.yaml").write_text("- {do: dance}\n", "utf-8")
    assert exercised_rules(scenario, tmp_path) == fallback_rules("hold")


def test_the_scenario_directory_default_has_scripts() -> None:
    assert (SCENARIOS_DIR / "scripts" / "hold-lookup.good.yaml").is_file()


@dataclass(frozen=True)
class Call:
    finished_at: datetime
    statuses: dict[str, str] = field(default_factory=dict)
    scenario: str = "standard-inquiry"
    passed: bool = True
    mode: str = "practice"


def _calls(*results: str) -> list[Call]:
    start = datetime(2026, 11, 20, tzinfo=UTC)
    return [
        Call(start + timedelta(minutes=n), {"hold.checkin": status})
        for n, status in enumerate(results)
    ]


def test_mastery_halves_the_weight_of_a_check_every_half_life() -> None:
    # One fail, then HALF_LIFE passes: the fail weighs ½ against the passes' sum.
    passes = int(HALF_LIFE)
    mastery = rule_mastery(_calls("fail", *["pass"] * passes))["hold.checkin"]
    weights = [0.5 ** (age / HALF_LIFE) for age in range(passes + 1)]
    assert mastery.mastery is not None
    assert abs(mastery.mastery - sum(weights[:-1]) / sum(weights)) < 1e-9
    assert mastery.checks == passes + 1 and mastery.fails == 1


def test_na_does_not_count_and_the_order_is_by_time_not_by_list() -> None:
    calls = _calls("pass", "na", "fail")
    mastery = rule_mastery(list(reversed(calls)))["hold.checkin"]
    assert mastery.recent == (True, False)
    assert mastery.checks == 2


def test_weakest_puts_the_most_missed_first() -> None:
    start = datetime(2026, 11, 20, tzinfo=UTC)
    calls = [
        Call(start + timedelta(minutes=n), {"hold.checkin": "fail", "opening.greeting": g})
        for n, g in enumerate(["fail", "pass", "pass"])
    ]
    ranked = [m.rule_id for m in weakest(rule_mastery(calls))]
    assert ranked[0] == "hold.checkin"


def test_coaching_never_imports_the_ui_or_audio() -> None:
    probe = (
        "import sys, json; from pathlib import Path; "
        "from simulator.scenario.loader import load_scenario; "
        "from simulator.coaching.exercised import exercised_rules; "
        "exercised_rules(load_scenario('scenarios/hold-lookup.yaml'), Path('scenarios')); "
        "print(json.dumps(sorted(sys.modules)))"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe], cwd=ROOT, capture_output=True, text=True, check=True
    )
    loaded = json.loads(done.stdout)
    offenders = [
        m
        for m in loaded
        if m.split(".")[0] in ("textual", "pyttsx3", "faster_whisper", "pyaudio")
        or m.startswith(("simulator.tui", "simulator.voice"))
    ]
    assert offenders == []
