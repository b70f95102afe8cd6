"""Exams as the app runs them: the exam files on offer, and one exam call (no Textual here).

A trainer's exam files live in `exams/` inside the scenarios folder (plus any file named
with `callsim run --exam FILE`). What a trainee has used of an exam is read from the
results store through `ExamSession`, so it counts across machines and restarts.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from simulator.errors import UserError
from simulator.exams.loader import load_exam
from simulator.exams.models import Exam
from simulator.exams.session import AttemptResult, ExamSession, ExamStep

EXAMS_FOLDER = "exams"


@dataclass(frozen=True)
class ExamShelf:
    """The exams that loaded (with their files), and one line per file that did not."""

    exams: tuple[tuple[Exam, Path], ...] = ()
    problems: tuple[str, ...] = ()

    def by_id(self, exam_id: str) -> Exam | None:
        return next((exam for exam, _ in self.exams if exam.id == exam_id), None)

    def id_of(self, path: Path) -> str | None:
        wanted = path.resolve()
        return next((exam.id for exam, file in self.exams if file.resolve() == wanted), None)


def load_exams(
    scenarios_dir: Path, extra_files: Iterable[Path] = (), below: Sequence[Path] = ()
) -> ExamShelf:
    """Every exam file in `scenarios_dir/exams/` and `extra_files`, then in the `exams/` of
    the folders `below` (the shipped library under a trainer's own folder), where an exam
    whose id is already there is left out; its scenarios must be in one of these folders.
    A broken file is listed as a problem, never hides the others."""
    layers = [scenarios_dir, *below]
    exams: list[tuple[Exam, Path]] = []
    problems: list[str] = []
    for depth, layer in enumerate(layers):
        folder = layer / EXAMS_FOLDER
        files = sorted(folder.glob("*.yaml")) + sorted(folder.glob("*.yml"))
        if depth == 0:
            seen = {file.resolve() for file in files}
            files += [file for file in extra_files if file.resolve() not in seen]
        for file in files:
            try:
                exam = load_exam(file, scenario_dirs=layers)
            except UserError as error:
                problems.append(str(error).strip().splitlines()[0])
                continue
            if any(known.id == exam.id for known, _ in exams):
                if depth == 0:
                    problems.append(f"{file}: 考试 id '{exam.id}' 与另一个考试文件重复，已跳过")
                continue  # below: replaced by the trainer's exam of the same id
            exams.append((exam, file))
    return ExamShelf(tuple(exams), tuple(problems))


@dataclass(frozen=True)
class ExamCall:
    """One call of an exam: which attempt, which scenario, and the session to record it."""

    session: ExamSession
    step: ExamStep

    @property
    def header_extra(self) -> dict[str, Any]:
        """Written into the recording's header, so the file says which exam it was."""
        return {"exam": self.session.exam.id, "exam_attempt": self.step.attempt}

    @property
    def short_label(self) -> str:
        """For the call's header, where the scenario's title and the trainee come first
        (short enough for 80 columns; the desk card names the exam in full)."""
        step = self.step
        return f"考试 第 {step.position + 1}/{step.total} 通"

    @property
    def desk_label(self) -> str:
        """The exam's title and this call's place in it, for the desk card."""
        step = self.step
        return f"{self.session.exam.title} · 第 {step.position + 1}/{step.total} 通"

    @property
    def label(self) -> str:
        step = self.step
        return (
            f"考试：{self.session.exam.title} · 第 {step.attempt} 次"
            f" · 第 {step.position + 1}/{step.total} 通"
        )


@dataclass(frozen=True)
class ExamProgress:
    """An exam call once stored: its attempt as it now stands, and what comes next."""

    attempt: AttemptResult
    next_step: ExamStep | None
    attempts_left: int

    @property
    def next_in_attempt(self) -> ExamStep | None:
        """The next call of the same attempt (a new attempt starts from the exam list)."""
        step = self.next_step
        return step if step is not None and step.attempt == self.attempt.number else None

    def summary(self, exam: Exam) -> str:
        attempt = self.attempt
        done = f"第 {attempt.number} 次考试"
        if not attempt.complete:
            return f"{done}：已完成 {len(attempt.done)}/{attempt.expected} 通，成绩已保存"
        verdict = "通过 ✔" if attempt.passed else "未通过 ✘"
        critical = any(call.critical_fail for call in attempt.calls)
        why = ""
        if critical and not attempt.passed:
            why = "（有通话使用了服务禁用语）"
        elif attempt.unfinished_calls:
            why = "（有通话未接听或未完成）"
        return (
            f"{done}已完成：平均 {attempt.score} 分，{verdict}{why}"
            f" · 及格线 {exam.pass_mark} 分 · 剩余 {self.attempts_left} 次"
        )
