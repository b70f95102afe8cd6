"""Exams: files checked with file:line, seeded orders, attempts counted from the store
(SQLite and PostgreSQL), exam results kept apart from practice."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from simulator.cli import main
from simulator.exams import ExamSession, load_exam, scenario_order
from simulator.exams.models import Exam
from simulator.exams.plan import plan_text, scenario_title
from simulator.exams.session import ExamClosed
from simulator.grading.catalog import RULES
from simulator.grading.model import Grade, RuleResult, Status
from simulator.store import sign_recording
from simulator.store.board import load_board
from simulator.store.engine import Store
from simulator.store.filters import ResultFilter
from simulator.store.samples import sample_header
from simulator.yamlpos import YamlFileError

EXAMS = Path(__file__).resolve().parents[2] / "scenarios" / "exams"
T0 = datetime(2026, 11, 20, 2, 0, tzinfo=UTC)
EXAM = Exam(
    id="mini",
    title="小测",
    scenarios=("silent-call", "media-inquiry", "hold-lookup"),
    order="shuffled",
    seed=7,
    attempts=2,
    pass_mark=80,
)


def grade(scenario: str, score: int, *, critical: bool = False) -> Grade:
    results = []
    for spec in RULES:
        status: Status = "fail" if critical and spec.id == "forbidden.phrases" else "pass"
        results.append(RuleResult(spec.id, status, spec.weight, spec.stage, critical=spec.critical))
    return Grade(
        "", scenario, "standard", score, score >= 80 and not critical, True, tuple(results)
    )


def take(session: ExamSession, scores: list[int], *, start: int = 0, critical: bool = False):
    result = None
    for n, score in enumerate(scores):
        step = session.next_call()
        assert step is not None
        header = sample_header(f"{session.trainee}-{start + n}", session.trainee, "1", "standard")
        result = session.record(
            grade(step.scenario, score, critical=critical),
            header,
            finished_at=T0 + timedelta(minutes=start + n),
        )
    return result


def test_example_exams_load() -> None:
    files = sorted(EXAMS.glob("*.yaml"))
    assert len(files) >= 2
    for path in files:
        exam = load_exam(path)
        assert exam.id == path.stem


def test_orders_are_seeded_per_trainee_and_attempt() -> None:
    first = scenario_order(EXAM, "李明", 1)
    assert sorted(first) == sorted(EXAM.scenarios)
    assert scenario_order(EXAM, "李明", 1) == first  # same on every machine
    others = {scenario_order(EXAM, name, 1) for name in ("王芳", "赵强", "孙丽", "周杰", "吴军")}
    assert len(others | {first}) > 1
    fixed = EXAM.model_copy(update={"order": "fixed", "seed": None})
    assert scenario_order(fixed, "李明", 2) == EXAM.scenarios


@pytest.mark.parametrize(
    ("text", "where", "message"),
    [
        ("id: a\ntitle: t\nscenarios: [silent-call]\nattemps: 2\n", ":4:1:", "attemps"),
        ("id: a\ntitle: t\nscenarios:\n  - silent-call\n  - nope\n", ":5:5:", "找不到场景 'nope'"),
        ("id: a\ntitle: t\nscenarios: [silent-call, silent-call]\n", ":", "列了两次"),
        ("id: a\ntitle: t\nscenarios: [silent-call]\nseed: 3\n", ":", "shuffled"),
        ("id: a\ntitle: t\nscenarios: [silent-call]\nattempts: 0\n", ":4:11:", "attempts"),
    ],
)
def test_mistakes_name_file_and_line(tmp_path: Path, text: str, where: str, message: str) -> None:
    path = tmp_path / "exam.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(YamlFileError) as caught:
        load_exam(path)
    rendered = caught.value.render()
    assert rendered.startswith(f"{path}{where}")
    assert message in rendered


def test_attempts_are_counted_from_the_store(store: Store) -> None:
    session = ExamSession(EXAM, "李明", store=store, class_name="一班")
    assert (session.attempts_used, session.attempts_left) == (0, 2)
    assert session.hints is False
    step = session.next_call()
    assert step is not None
    assert (step.attempt, step.position, step.total) == (1, 0, 3)
    assert step.scenario == session.order(1)[0]

    partial = take(session, [90])
    assert partial is not None and not partial.complete and not partial.passed
    assert (session.attempts_used, session.attempts_left) == (1, 1)
    wrong = next(s for s in EXAM.scenarios if s != session.next_call().scenario)  # type: ignore[union-attr]
    with pytest.raises(ValueError, match="exam expects scenario"):
        session.record(grade(wrong, 90), sample_header("x", "李明", "1", "standard"))

    first = take(session, [70, 70], start=1)
    assert first is not None and first.complete
    assert first.score == 77 and not first.passed  # (90 + 70 + 70) / 3
    step = session.next_call()
    assert step is not None and step.attempt == 2 and step.scenario == session.order(2)[0]

    second = take(session, [85, 80, 90], start=3)
    assert second is not None and second.passed and second.score == 85
    assert session.next_call() is None
    assert session.attempts_left == 0
    with pytest.raises(ExamClosed):
        session.record(grade("silent-call", 99), sample_header("y", "李明", "1", "standard"))

    # Another trainee, another machine: their own attempts.
    assert ExamSession(EXAM, "王芳", store=store).attempts_left == 2


def test_a_forbidden_phrase_fails_the_attempt(store: Store) -> None:
    session = ExamSession(EXAM, "赵强", store=store)
    result = take(session, [100, 100, 95], critical=True)
    assert result is not None and result.complete and result.score == 98
    assert not result.passed


def test_exam_calls_are_kept_apart_from_practice(store: Store) -> None:
    take(ExamSession(EXAM, "李明", store=store, class_name="一班"), [90, 90, 90])
    practice = load_board(store, ResultFilter(class_name="一班", mode="practice"))
    exams = load_board(store, ResultFilter(class_name="一班", mode="exam"))
    assert (practice.calls, exams.calls) == (0, 3)


def test_plan_text(store: Store) -> None:
    session = ExamSession(EXAM, "李明", store=store)
    take(session, [90])
    text = plan_text(session, title_of=lambda s: f"《{s}》")
    assert "已用 1 次，剩余 1 次" in text
    assert "第 1 次：进行中（1/3）" in text
    nxt = session.next_call()
    assert nxt is not None and f"→ {nxt.position + 1}. 《{nxt.scenario}》" in text
    assert f"{nxt.scenario} " not in text  # titles, not ids, where a trainee reads
    assert "（已完成）" in text


def test_cli_prints_the_plan(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    url = f"sqlite:///{tmp_path}/results.sqlite3"
    exam = EXAMS / "special-calls.yaml"
    assert main(["--db", url, "exam", str(exam), "--trainee", "李明"]) == 0
    out = capsys.readouterr().out
    assert "特殊来电处理考试" in out and "剩余 1 次" in out
    order = scenario_order(load_exam(exam), "李明", 1)
    assert f"→ 1. {scenario_title(order[0])}" in out and order[0] not in out


def test_cli_bad_exam_file_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text("id: a\ntitle: t\nscenarios: [gone]\n", encoding="utf-8")
    assert main(["exam", str(path), "--trainee", "李明"]) == 2
    assert f"{path}:3:" in capsys.readouterr().err


def stored_call(session: ExamSession, n: int, score: int, *, complete: bool, answered: bool):
    """One exam call stored as an older grader may have stored it: passed, whatever it was."""
    step = session.next_call()
    assert step is not None
    results = [
        RuleResult(spec.id, "pass" if answered or spec.id == "answer.rings" else "na",
                   spec.weight, spec.stage, critical=spec.critical)
        for spec in RULES
    ]  # fmt: skip
    g = Grade("", step.scenario, "standard", score, True, complete, tuple(results))
    header = sample_header(f"{session.trainee}-{n}", session.trainee, "1", "standard")
    return session.record(g, header, finished_at=T0 + timedelta(minutes=n))


@pytest.mark.parametrize(
    ("complete", "answered", "why"),
    [(False, True, "通话未完成"), (True, False, "电话未接听"), (False, False, "电话未接听")],
)
def test_an_unfinished_call_never_counts_as_passed(
    store: Store, complete: bool, answered: bool, why: str
) -> None:
    session = ExamSession(EXAM, "孙丽", store=store)
    stored_call(session, 0, 100, complete=True, answered=True)
    stored_call(session, 1, 100, complete=complete, answered=answered)
    result = stored_call(session, 2, 100, complete=True, answered=True)
    assert result.complete and result.score == 100
    assert not result.passed  # an average of 100 cannot make up for a call not taken
    [unfinished] = result.unfinished_calls
    assert unfinished.unfinished == why and not unfinished.counts_as_passed
    text = plan_text(session, title_of=lambda s: "")
    assert "第 1 次：已完成，平均 100 分，未通过（有通话未接听或未完成）" in text
    assert f"100 分 未通过，{why}" in text


def test_grade_save_of_unanswered_exam_calls_fails_the_attempt(
    store: Store, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from tests.grading.grading_builder import call

    exam = EXAMS / "special-calls.yaml"
    for n, scenario in enumerate(load_exam(exam).scenarios):
        builder = call(scenario=scenario).rings(2)  # the app was closed while it rang
        builder.header.update(id=f"missed-{n}", mode="exam", exam="special-calls", exam_attempt=1)
        path = tmp_path / f"missed-{n}.jsonl"
        path.write_text(builder.text(), encoding="utf-8")
        assert sign_recording(path, store)  # written by the app, which could not save then
    assert main(["--db", store.url, "grade", "--save", "--summary", str(tmp_path)]) == 0
    capsys.readouterr()
    assert main(["--db", store.url, "exam", str(exam), "--trainee", "李明"]) == 0
    out = capsys.readouterr().out
    assert "第 1 次：已完成，平均 0 分，未通过（有通话未接听或未完成）" in out
    assert out.count("0 分 未通过，电话未接听") == 4
