"""The scoreboard's figures from a small, hand-made class (SQLite and PostgreSQL)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from simulator.grading.catalog import RULES
from simulator.grading.model import Grade, RuleResult, Status
from simulator.store import save_result
from simulator.store.board import load_board, weakest_rule
from simulator.store.engine import Store
from simulator.store.filters import ResultFilter, Since
from simulator.store.repository import ExamRef
from simulator.store.samples import sample_header

T0 = datetime(2026, 11, 20, 2, 0, tzinfo=UTC)


def grade(score: int, fails: tuple[str, ...] = (), holds: bool = False) -> Grade:
    """Every general rule passes except `fails`; hold rules apply only with `holds`."""
    results = []
    for spec in RULES:
        status: Status = "pass"
        if spec.personas or (spec.stage == "hold" and not holds):
            status = "na"
        if spec.id in fails:
            status = "fail"
        results.append(RuleResult(spec.id, status, spec.weight, spec.stage))
    critical = "forbidden.phrases" in fails
    return Grade("", "s1", "standard", score, score >= 80 and not critical, True, tuple(results))


def put(
    store: Store,
    n: int,
    trainee: str,
    g: Grade,
    *,
    minutes: int,
    klass: str = "一班",
    latency: float | None = None,
    exam: ExamRef | None = None,
) -> None:
    from simulator.store.repository import save_result as save

    header = sample_header(f"call-{n}", trainee, f"10{n}", "standard")
    save(
        g,
        header,
        store=store,
        class_name=klass,
        finished_at=T0 + timedelta(minutes=minutes),
        greeting_latency=latency,
        exam=exam,
        made_here=True,  # as the app stores its own calls: verified, so on the board
    )


def fill(store: Store) -> None:
    put(store, 1, "王芳", grade(95), minutes=1, latency=0.8)
    put(store, 2, "王芳", grade(70, ("hold.thanks",), holds=True), minutes=2, latency=1.0)
    put(store, 3, "李明", grade(90, holds=True), minutes=3, latency=1.6)
    put(store, 4, "李明", grade(88, holds=True), minutes=4, latency=1.2)
    put(
        store,
        5,
        "赵强",
        grade(60, ("forbidden.phrases", "opening.latency")),
        minutes=5,
        latency=2.5,
    )
    put(store, 6, "赵强", grade(50, ("opening.latency",)), minutes=6, latency=3.0)
    put(store, 7, "别班", grade(100), minutes=7, klass="二班", latency=0.1)
    put(store, 8, "王芳", grade(40, ("opening.latency",)), minutes=8, exam=ExamRef("final", 1))


def test_class_figures(store: Store) -> None:
    fill(store)
    board = load_board(store, ResultFilter(class_name="一班", mode="practice"), now=T0)
    assert board.calls == 6
    assert board.trainees == 3
    assert board.average == (95 + 70 + 90 + 88 + 60 + 50) / 6
    assert board.pass_rate == 3 / 6
    assert [e.trainee for e in board.ranking] == ["王芳", "李明", "赵强"]
    top = board.ranking[0]
    assert (top.best, top.average, top.passes, top.calls) == (95, 82.5, 1, 2)
    assert board.latest[0].trainee == "赵强"
    assert board.latest[0].finished_at == T0 + timedelta(minutes=6)


def test_ranking_by_average(store: Store) -> None:
    fill(store)
    board = load_board(store, ResultFilter(class_name="一班", mode="practice"), rank_by="average")
    assert [e.trainee for e in board.ranking] == ["李明", "王芳", "赵强"]


def test_accolades_and_weakest_rule(store: Store) -> None:
    fill(store)
    board = load_board(store, ResultFilter(class_name="一班", mode="practice"))
    honours = {a.key: a for a in board.accolades}
    assert honours["fastest_greeting"].trainee == "王芳"
    assert honours["fastest_greeting"].detail == "平均 0.9 秒"
    assert honours["no_forbidden"].trainee == "李明"  # 王芳 has 2 clean calls too; tie by name
    assert "共 2 人" in honours["no_forbidden"].detail
    assert honours["hold_etiquette"].trainee == "李明"  # 6 of 6 hold checks vs 王芳's 2 of 3
    assert board.weakest is not None
    assert board.weakest.rule_id == "opening.latency"
    assert (board.weakest.fails, board.weakest.applicable) == (2, 6)


def test_filters_class_mode_and_time(store: Store) -> None:
    fill(store)
    exam = load_board(store, ResultFilter(class_name="一班", mode="exam"))
    assert (exam.calls, exam.ranking[0].trainee, exam.ranking[0].best) == (1, "王芳", 40)
    everything = load_board(store, ResultFilter(mode="all"))
    assert everything.calls == 8
    assert everything.trainees == 4
    recent = load_board(
        store,
        ResultFilter(class_name="一班", mode="practice", since=Since(span=timedelta(minutes=2))),
        now=T0 + timedelta(minutes=6, seconds=30),
    )
    assert recent.calls == 2
    assert {e.trainee for e in recent.ranking} == {"赵强"}
    rates = {r.rule_id: r for r in recent.rule_rates}
    assert rates["opening.latency"].rate == 1.0
    assert rates["forbidden.phrases"].fails == 1


def test_empty_board(store: Store) -> None:
    board = load_board(store, ResultFilter(class_name="无人班"))
    assert board.calls == 0
    assert board.average is None
    assert board.ranking == ()
    assert board.weakest is None


def test_weakest_prefers_rules_checked_often() -> None:
    from simulator.grading.rates import RuleRate

    rates = (RuleRate("a.rare", 1, 1), RuleRate("b.common", 3, 10), RuleRate("c.ok", 0, 10))
    assert weakest_rule(rates) == RuleRate("b.common", 3, 10)
    assert weakest_rule((RuleRate("a.rare", 1, 1),)) == RuleRate("a.rare", 1, 1)
    assert weakest_rule((RuleRate("c.ok", 0, 10),)) is None


def test_public_save_result_signature(store: Store) -> None:
    header = sample_header("pub", "钱七", "9", "standard")
    save_result(grade(90), header, store=store, made_here=True)
    assert load_board(store, ResultFilter()).calls == 1
