"""课堂演示: one call shown live on the class board, as it happens.

The trainee opts in while the phone rings. From then on what the engine reports (rings,
the answer, each line said, holds, the hang-up), the meters once a second and each rule
as it resolves go to the results database, where the board polls for them. No Textual
here: `LiveCall` feeds this from the engine's listener; the database writes run in
`LiveWriter`'s thread and the partial grading in a thread of its own, so the call's
screen never waits on either.

Rules resolve twice. During the call the recording so far is graded after each step,
and a rule is shown as soon as its verdict cannot change any more: the answer and the
greeting once they happened, a fail of a rule no later words can undo (a forbidden
phrase, dead air, an overlong hold). After the hang-up the real grade gives every
rule's final verdict and the score.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict
from typing import TYPE_CHECKING, Any, Protocol

from simulator import settings
from simulator.engine.notices import (
    AgentSaid,
    CallAnswered,
    CallEnded,
    CallerLineStarted,
    CallNotice,
    HoldChanged,
    RingSounded,
)
from simulator.recording.events import Event, SessionHeader
from simulator.recording.reader import Recording

if TYPE_CHECKING:
    from simulator.grading.model import Grade
    from simulator.scenario.models import Scenario
    from simulator.tui.model.live_call import Limits, Meters

DEMO_ENV = "CALLSIM_CLASS_DEMO"
"""Set to 1 on a classroom's demo machine: 课堂演示 starts switched on for every call."""
SETTLED_ONCE_HAPPENED = frozenset({"answer.rings", "opening.greeting", "opening.latency"})
"""Decided by the answer and the first words: later words cannot change them."""
FAILS_FOR_GOOD = frozenset(
    {
        "forbidden.phrases",
        "courtesy.nin",
        "response.dead_air",
        "hold.checkin",
        "hold.permission",
        "voice.no_interrupt",
    }
)
"""Once failed, failed: nothing said later makes up for them."""
METER_EVERY = 1.0


def demo_by_default() -> bool:
    return settings.current().class_demo.strip().lower() in ("1", "yes", "true", "on")


class Publisher(Protocol):
    """Where live events go (a `LiveWriter`, or a list in tests)."""

    def publish(self, kind: str, t: float | None, data: dict[str, Any] | None = None) -> None: ...

    def close(self, timeout: float = 10.0) -> None: ...


Grader = Callable[[Recording], "Grade"]


class ClassDemo:
    """Turns one call's notices, meters and grade into live events."""

    def __init__(
        self,
        publisher: Publisher,
        header: SessionHeader,
        scenario: Scenario,
        limits: Limits,
        *,
        grader: Grader | None = None,
        class_name: str = "",
    ) -> None:
        self.publisher = publisher
        self.header = header
        self.grader = grader
        self._resolved: dict[str, str] = {}
        self._next_meters = 0.0
        self._pool = ThreadPoolExecutor(1, thread_name_prefix="live-rules")
        self._closed = False
        self.resolve_error: str | None = None
        """Why grading the call so far failed, if it did (shown nowhere else)."""
        publisher.publish(
            "start",
            0.0,
            {
                "trainee": header.trainee,
                "agent_id": header.agent_id,
                "class": class_name,
                "scenario": header.scenario,
                "title": scenario.title,
                "persona": header.persona,
                "mode": header.mode,
                "input": header.input,
                "limits": asdict(limits),
            },
        )

    def caught_up(self, notices: Iterable[CallNotice]) -> None:
        """What happened before the opt-in (the rings so far), in order."""
        for notice in notices:
            self.heard(notice, ())

    def heard(self, notice: CallNotice, events: Iterable[Event]) -> None:
        """One engine notice; `events` is the recording so far, for resolving rules."""
        kind, t, data = _as_event(notice)
        if kind is None:
            return
        if kind == "end" and self.grader is not None:
            # Behind the rules still being resolved (one worker, in order): what settled
            # during the call is shown before the hang-up, however slow grading is.
            self._pool.submit(self.publisher.publish, kind, t, data)
            return
        self.publisher.publish(kind, t, data)
        if kind in ("answer", "agent", "hold") and self.grader is not None:
            snapshot = tuple(events)
            self._pool.submit(self._resolve, snapshot)

    def meters(self, meters: Meters, now: float) -> None:
        """The meters, at most once a second of call time."""
        if now < self._next_meters:
            return
        self._next_meters = now + METER_EVERY
        self.publisher.publish(
            "meters",
            round(now, 3),
            {
                "state": meters.state.value,
                "rings": meters.rings,
                "talk": _round(meters.talk),
                "silence": _round(meters.silence),
                "waiting": meters.waiting,
                "hold": _round(meters.hold),
            },
        )

    def graded(self, grade: Grade) -> None:
        """The final verdicts and the score, after the hang-up."""
        self._pool.shutdown(wait=True)  # partial verdicts first, then the final ones
        for rule in grade.rules:
            if rule.status != "na":
                self._publish_rule(rule.id, rule.title, rule.status, rule.at, rule, final=True)
        self.publisher.publish(
            "graded",
            None,
            {
                "score": grade.score,
                "passed": grade.passed,
                "pass_mark": grade.pass_mark,
                "unfinished": grade.unfinished,
            },
        )

    def close(self) -> None:
        """Send what is queued and stop (a call left before its end is marked over)."""
        if self._closed:
            return
        self._closed = True
        self._pool.shutdown(wait=True)
        self.publisher.close()

    # ------------------------------------------------------------- rules

    def _resolve(self, events: tuple[Event, ...]) -> None:
        assert self.grader is not None
        try:
            grade = self.grader(Recording(self.header, events))
        except Exception as exc:  # a bonus only: the final grade still gives every verdict
            self.resolve_error = f"{type(exc).__name__}: {exc}"
            return
        for rule in grade.rules:
            if rule.id in self._resolved:
                continue
            settled = rule.id in SETTLED_ONCE_HAPPENED and rule.status in ("pass", "fail")
            if settled or (rule.id in FAILS_FOR_GOOD and rule.status == "fail"):
                self._publish_rule(rule.id, rule.title, rule.status, rule.at, rule, final=False)

    def _publish_rule(
        self, rule_id: str, title: str, status: str, at: float | None, rule: Any, *, final: bool
    ) -> None:
        if final and self._resolved.get(rule_id) == status:
            return  # already shown with this verdict during the call
        self._resolved[rule_id] = status
        detail = rule.evidence or rule.message if status == "fail" else ""
        self.publisher.publish(
            "rule",
            at,
            {"rule": rule_id, "title": title or rule_id, "status": status, "detail": detail},
        )


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 1)


def _as_event(notice: CallNotice) -> tuple[str | None, float | None, dict[str, Any]]:
    if isinstance(notice, RingSounded):
        return "ring", notice.t, {"n": notice.n}
    if isinstance(notice, CallAnswered):
        return "answer", notice.t, {}
    if isinstance(notice, CallerLineStarted):
        return "caller", notice.t, {"text": notice.text, "end": notice.end}
    if isinstance(notice, AgentSaid):
        return "agent", notice.say.t, {"text": notice.say.text, "end": notice.say.end}
    if isinstance(notice, HoldChanged):
        return "hold", notice.t, {"on": notice.on}
    if isinstance(notice, CallEnded):
        return "end", notice.t, {"who": notice.who, "reason": notice.reason}
    return None, None, {}
