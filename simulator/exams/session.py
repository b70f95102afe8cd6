"""Running an exam, independent of any UI: the order, the attempts, recording results.

The attempts a trainee has used are read from the results store every time, so they
count across machines and restarts. Exam calls are stored with mode "exam", the exam's
id and the attempt number; the app shows no hints during them (`ExamSession.hints`).
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from simulator.errors import UserError
from simulator.exams.models import Exam
from simulator.recording.reader import Recording

if TYPE_CHECKING:
    from simulator.grading.model import Grade
    from simulator.recording.events import SessionHeader
    from simulator.store.engine import Store


def scenario_order(exam: Exam, trainee: str, attempt: int = 1) -> tuple[str, ...]:
    """The scenarios in the order `trainee` meets them in `attempt`.

    `fixed`: as listed. `shuffled`: drawn from the exam's seed, id, the trainee and the
    attempt, so it is the same on every machine and differs between trainees/attempts.
    """
    if exam.order == "fixed":
        return exam.scenarios
    # A str seed is hashed with SHA-512 by `random`, independent of PYTHONHASHSEED.
    rng = random.Random(f"{exam.seed}|{exam.id}|{trainee}|{attempt}")
    order = list(exam.scenarios)
    rng.shuffle(order)
    return tuple(order)


@dataclass(frozen=True)
class ExamStep:
    """The next call to run: `scenario`, number `position` (0-based) of `total`."""

    attempt: int
    position: int
    scenario: str
    total: int


@dataclass(frozen=True)
class ExamCall:
    """One stored call of an attempt.

    `complete` and `answered` are read from what the store keeps of every call, not from
    its stored `passed`, so a call stored before unfinished calls stopped passing (an
    unanswered call once scored 100) does not count as passed either.
    """

    scenario: str
    score: int
    passed: bool
    critical_fail: bool
    recording_path: str
    finished_at: datetime
    complete: bool = True
    """The recording has its hang-up (the app was not killed mid-call)."""
    answered: bool = True
    verified: bool = True
    """False: stored from a recording whose signature is missing or wrong."""

    @property
    def unfinished(self) -> str:
        """Why this call cannot count as passed, in Chinese; "" when it can."""
        if not self.verified:
            return "未验证"
        if not self.answered:
            return "电话未接听"
        if not self.complete:
            return "通话未完成"
        return ""

    @property
    def counts_as_passed(self) -> bool:
        return self.passed and not self.unfinished


@dataclass(frozen=True)
class AttemptResult:
    """One attempt: the calls done so far, and (once complete) its score and verdict."""

    number: int
    calls: tuple[ExamCall, ...]
    expected: int
    pass_mark: int

    @property
    def done(self) -> frozenset[str]:
        return frozenset(call.scenario for call in self.calls)

    @property
    def complete(self) -> bool:
        return len(self.done) >= self.expected

    @property
    def score(self) -> int | None:
        """The rounded average of the calls' scores (None before any call)."""
        if not self.calls:
            return None
        return round(sum(call.score for call in self.calls) / len(self.calls))

    @property
    def unfinished_calls(self) -> tuple[ExamCall, ...]:
        """Calls never answered or not finished: none of them can count as passed."""
        return tuple(call for call in self.calls if call.unfinished)

    @property
    def passed(self) -> bool:
        """Average at the pass mark, no critical fail, and every call taken to its end:
        a missed or cut-off exam call fails the attempt, whatever the other calls scored."""
        score = self.score
        critical = any(call.critical_fail for call in self.calls)
        if not self.complete or score is None or critical or self.unfinished_calls:
            return False
        return score >= self.pass_mark


class ExamClosed(UserError):
    """No attempt is left for this trainee."""


class ExamSession:
    """One trainee taking one exam; every figure comes from the results store."""

    hints = False
    """Exam calls show no hints."""
    mode = "exam"

    def __init__(
        self,
        exam: Exam,
        trainee: str,
        *,
        store: Store | None = None,
        class_name: str | None = None,
    ) -> None:
        self.exam = exam
        self.trainee = trainee
        self.class_name = class_name
        self._store = store

    @property
    def store(self) -> Store:
        if self._store is None:
            # SQLAlchemy is imported when the database is used, not at start-up.
            from simulator.store.engine import open_store  # noqa: PLC0415

            self._store = open_store()
        return self._store

    def order(self, attempt: int = 1) -> tuple[str, ...]:
        return scenario_order(self.exam, self.trainee, attempt)

    def attempts(self) -> tuple[AttemptResult, ...]:
        """The attempts started so far, oldest first."""
        # SQLAlchemy and the grader are imported when attempts are read, not at start-up.
        from sqlalchemy import Connection, or_, select  # noqa: PLC0415

        from simulator.grading.grader import ALWAYS_APPLIES  # noqa: PLC0415
        from simulator.store.schema import CallResult, RuleOutcome  # noqa: PLC0415

        # The grader judges a call never answered by one rule only (every other is na),
        # and the store keeps a row per judged rule: a row of another rule means an answer.
        answered = (
            select(RuleOutcome.result_id)
            .where(RuleOutcome.result_id == CallResult.id, RuleOutcome.rule_id != ALWAYS_APPLIES)
            .exists()
            .label("answered")
        )

        def query(conn: Connection) -> list[tuple[int, ExamCall]]:
            rows = conn.execute(
                select(
                    CallResult.exam_attempt,
                    CallResult.scenario,
                    CallResult.score,
                    CallResult.passed,
                    CallResult.critical_fail,
                    CallResult.recording_path,
                    CallResult.finished_at,
                    CallResult.complete,
                    answered,
                )
                .where(
                    CallResult.exam_id == self.exam.id,
                    CallResult.trainee == self.trainee,
                    CallResult.mode == "exam",
                    # An unverified recording is nobody's exam call: it must not pass, and
                    # must not use up (or fill) an attempt of the trainee it names.
                    or_(CallResult.verified.is_(None), CallResult.verified.is_(True)),
                )
                .order_by(CallResult.exam_attempt, CallResult.finished_at, CallResult.id)
            ).all()
            return [
                (int(r[0] or 1), ExamCall(r[1], r[2], r[3], r[4], r[5], r[6], r[7], bool(r[8])))
                for r in rows
            ]

        by_attempt: dict[int, list[ExamCall]] = {}
        for number, call in self.store.read(query):
            by_attempt.setdefault(number, []).append(call)
        expected = len(self.exam.scenarios)
        return tuple(
            AttemptResult(number, tuple(calls), expected, self.exam.pass_mark)
            for number, calls in sorted(by_attempt.items())
        )

    def unverified_calls(self) -> tuple[ExamCall, ...]:
        """Exam recordings stored for this trainee without a valid signature: shown as
        未验证, never counted in an attempt, never passed."""
        # SQLAlchemy is imported when the database is used, not at start-up.
        from sqlalchemy import Connection, select  # noqa: PLC0415

        from simulator.store.schema import CallResult  # noqa: PLC0415

        def query(conn: Connection) -> list[ExamCall]:
            rows = conn.execute(
                select(
                    CallResult.scenario,
                    CallResult.score,
                    CallResult.critical_fail,
                    CallResult.recording_path,
                    CallResult.finished_at,
                    CallResult.complete,
                )
                .where(
                    CallResult.exam_id == self.exam.id,
                    CallResult.trainee == self.trainee,
                    CallResult.mode == "exam",
                    CallResult.verified.is_(False),
                )
                .order_by(CallResult.finished_at, CallResult.id)
            ).all()
            return [
                ExamCall(r[0], r[1], False, r[2], r[3], r[4], r[5], verified=False) for r in rows
            ]

        return tuple(self.store.read(query))

    @property
    def attempts_used(self) -> int:
        return len(self.attempts())

    @property
    def attempts_left(self) -> int:
        return max(0, self.exam.attempts - self.attempts_used)

    def next_call(self) -> ExamStep | None:
        """The call to run next, or None when every attempt is used up and complete."""
        attempts = self.attempts()
        total = len(self.exam.scenarios)
        if attempts and not attempts[-1].complete:
            current = attempts[-1]
            for position, scenario in enumerate(self.order(current.number)):
                if scenario not in current.done:
                    return ExamStep(current.number, position, scenario, total)
        if len(attempts) >= self.exam.attempts:
            return None
        number = attempts[-1].number + 1 if attempts else 1
        return ExamStep(number, 0, self.order(number)[0], total)

    def record(
        self,
        grade: Grade,
        header: SessionHeader | Recording,
        recording_path: Path | str | None = None,
        *,
        finished_at: datetime | None = None,
        sign: bool = False,
    ) -> AttemptResult:
        """Store an exam call the calling program ran itself (it must be the scenario
        `next_call()` named) and return its attempt as it now stands. Recordings from
        elsewhere go through `grade --save`, which checks their signature. `sign`: also
        sign the recording file (the app's own recordings)."""
        # SQLAlchemy is imported when the database is used, not at start-up.
        from simulator.store.repository import ExamRef, save_result  # noqa: PLC0415

        step = self.next_call()
        if step is None:
            raise ExamClosed(
                f"{self.trainee} 的考试 {self.exam.id} 已没有剩余次数",
                hint="请联系培训老师",
            )
        session = header.header if isinstance(header, Recording) else header
        scenario = grade.scenario or session.scenario
        if scenario != step.scenario:
            raise ValueError(f"exam expects scenario '{step.scenario}' next, not '{scenario}'")
        save_result(
            grade,
            header,
            recording_path,
            class_name=self.class_name,
            store=self.store,
            exam=ExamRef(self.exam.id, step.attempt),
            finished_at=finished_at,
            made_here=True,  # the app ran this exam call itself
            sign=sign,
        )
        return next(a for a in self.attempts() if a.number == step.attempt)
