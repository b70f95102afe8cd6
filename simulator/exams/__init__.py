"""Exams: a trainer's set of scenarios with attempts and a pass mark, kept apart from practice.

For the app (UI-agnostic):

    exam = load_exam("scenarios/exams/basic.yaml")
    session = ExamSession(exam, trainee="李明")
    step = session.next_call()          # ExamStep(attempt=1, position=0, scenario="…") or None
    ...run the call without hints, grade it...
    session.record(grade, recording)    # stored with mode "exam", this exam and attempt
    session.attempts_left
"""

from __future__ import annotations

from simulator.exams.loader import load_exam, validate_exam_file
from simulator.exams.models import Exam
from simulator.exams.session import AttemptResult, ExamSession, ExamStep, scenario_order

__all__ = [
    "AttemptResult",
    "Exam",
    "ExamSession",
    "ExamStep",
    "load_exam",
    "scenario_order",
    "validate_exam_file",
]
