"""The next call for a trainee, from seeded histories in a real results database."""

from __future__ import annotations

import pytest

from simulator.coaching import coach, coach_calls
from simulator.store.engine import Store
from tests.coaching.coaching_seed import SCENARIOS_DIR, exercises, library, seed


def test_a_trainee_who_keeps_failing_hold_checkin_is_offered_the_hold_scenario(
    store: Store,
) -> None:
    # Four ★ inquiries passed on points, every one with the hold check-in missed.
    seed(store, "李明", [("standard-inquiry", ["hold.checkin"])] * 4)
    result = coach(store, "李明", library(), SCENARIOS_DIR)
    rec = result.recommendation
    assert rec is not None
    assert rec.scenario_id == "hold-lookup"
    assert rec.difficulty == 2 and rec.level == 1
    assert "hold.checkin" in exercises()[rec.scenario_id]
    assert [m.rule_id for m in rec.rules] == ["hold.checkin"]
    assert "「每15秒通报进展」（最近4次错4次）" in rec.reason
    assert "比您已通过的★高一级" in rec.reason
    checkin = next(m for m in result.rules if m.rule_id == "hold.checkin")
    assert checkin.mastery == 0.0 and checkin.checks == 4


def test_failing_calls_keep_the_level_but_still_train_the_missed_rule(store: Store) -> None:
    # Holding badly and missing the greeting, read-back and farewell: no call passed.
    missed = ["hold.checkin", "opening.greeting", "confirm.readback", "closing.farewell"]
    seed(store, "王芳", [("standard-inquiry", missed)] * 3)
    rec = coach(store, "王芳", library(), SCENARIOS_DIR).recommendation
    assert rec is not None and rec.level == 0
    assert rec.difficulty == 1
    assert "hold.checkin" in {m.rule_id for m in rec.rules}
    assert "从★起步" in rec.reason


def test_a_trainee_who_passes_everything_at_one_star_is_offered_two_stars(store: Store) -> None:
    one_star = [s.id for s in library() if s.difficulty == 1][:6]
    seed(store, "张伟", [(scenario, []) for scenario in one_star])
    result = coach(store, "张伟", library(), SCENARIOS_DIR)
    rec = result.recommendation
    assert rec is not None
    assert rec.difficulty == 2 and rec.level == 1
    assert rec.new_rules
    assert all(not m.known for m in rec.rules)  # it brings rules not met yet
    assert "已练过的规则都已掌握" in rec.reason
    assert not [m for m in result.rules if m.weak]


def test_recent_calls_weigh_more_than_old_ones(store: Store) -> None:
    # Failed the greeting three times, then got it right three times in a row.
    n = seed(store, "赵敏", [("standard-inquiry", ["opening.greeting"])] * 3)
    seed(store, "赵敏", [("standard-inquiry", [])] * 3, start=n)
    result = coach(store, "赵敏", library(), SCENARIOS_DIR)
    greeting = next(m for m in result.rules if m.rule_id == "opening.greeting")
    assert greeting.checks == 6 and greeting.fails == 3
    assert greeting.mastery is not None and greeting.mastery > 0.5  # plain rate would be 0.5
    assert greeting.recent == (False, False, True, True, True)
    assert greeting.lately() == "最近5次错2次"


def test_rules_never_met_are_unknown_not_weak(store: Store) -> None:
    seed(store, "孙丽", [("silent-call", [])])
    result = coach(store, "孙丽", library(), SCENARIOS_DIR)
    hold = next(m for m in result.rules if m.rule_id == "hold.checkin")
    assert hold.mastery is None and not hold.weak and hold.lately() == "还没有练过"
    assert result.calls == 1


def test_other_trainees_calls_do_not_count(store: Store) -> None:
    seed(store, "周杰", [("standard-inquiry", ["hold.checkin"])] * 4)
    result = coach(store, "吴娜", library(), SCENARIOS_DIR)
    assert result.calls == 0
    rec = result.recommendation
    assert rec is not None and rec.first and rec.difficulty == 1
    assert "还没有练习记录" in rec.reason


@pytest.mark.parametrize("scenarios", [[]], ids=["empty-library"])
def test_no_scenarios_no_recommendation(scenarios: list[object]) -> None:
    assert coach_calls("李明", [], [], {}).recommendation is None
