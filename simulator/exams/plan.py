"""The exam plan as text for `callsim exam`: order, attempts used and left, results."""

from __future__ import annotations

from collections.abc import Callable

from simulator.errors import UserError
from simulator.exams.session import ExamSession
from simulator.scenario.loader import find_scenario, load_scenario

ORDER_NAMES = {"fixed": "固定顺序", "shuffled": "每位学员顺序不同"}


def scenario_title(scenario_id: str) -> str:
    """The scenario's title from its file, or "" when it cannot be read."""
    path = find_scenario(scenario_id)
    if path is None:
        return ""
    try:
        return load_scenario(path).title
    except UserError:
        return ""


def plan_text(session: ExamSession, *, title_of: Callable[[str], str] = scenario_title) -> str:
    """The plan as a trainee reads it: scenarios by title (the id only when the title is
    unknown)."""

    def name(scenario_id: str) -> str:
        return title_of(scenario_id) or scenario_id

    exam = session.exam
    attempts = session.attempts()
    used, left = len(attempts), max(0, exam.attempts - len(attempts))
    lines = [
        f"考试：{exam.title}",
        f"学员：{session.trainee} · 及格线 {exam.pass_mark} 分 · {ORDER_NAMES[exam.order]}"
        f" · 可考 {exam.attempts} 次，已用 {used} 次，剩余 {left} 次",
    ]
    if exam.description:
        lines.append(exam.description)
    for attempt in attempts:
        if attempt.complete:
            verdict = "通过" if attempt.passed else "未通过"
            if attempt.unfinished_calls:
                verdict += "（有通话未接听或未完成）"
            state = f"已完成，平均 {attempt.score} 分，{verdict}"
        else:
            state = f"进行中（{len(attempt.done)}/{attempt.expected}）"
        lines.append(f"第 {attempt.number} 次：{state}")
        for call in attempt.calls:
            mark = "通过" if call.counts_as_passed else "未通过"
            critical = "，使用了服务禁用语" if call.critical_fail else ""
            unfinished = f"，{call.unfinished}" if call.unfinished else ""
            lines.append(f"  {name(call.scenario)}  {call.score} 分 {mark}{critical}{unfinished}")
    unverified = session.unverified_calls()
    if unverified:
        lines.append("未验证的考试录音（签名缺失或不符，不计入考试、不算通过）：")
        for call in unverified:
            lines.append(f"  {name(call.scenario)}  {call.score} 分 未验证")
    step = session.next_call()
    if step is None:
        lines.append("没有剩余的考试次数。")
    else:
        lines.append(f"第 {step.attempt} 次的顺序：")
        order = session.order(step.attempt)
        done = next((a.done for a in attempts if a.number == step.attempt), frozenset())
        for position, scenario in enumerate(order, start=1):
            status = "（已完成）" if scenario in done else ""
            arrow = "→ " if scenario == step.scenario else "  "
            lines.append(f"{arrow}{position}. {name(scenario)}{status}")
    lines.append("考试中不显示提示；考试成绩单独记录，不计入练习。")
    return "\n".join(lines) + "\n"
