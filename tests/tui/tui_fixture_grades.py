"""Fixed grades for snapshot tests: the screens are under test, not the grader's wording."""

from __future__ import annotations

from simulator.grading.catalog import RULES
from simulator.grading.model import Grade, RuleResult
from simulator.recording import Recording
from simulator.scenario import Scenario

# (at, evidence, standard, fix) for each rule failed in each fixture recording.
FAILS: dict[str, dict[str, tuple[float, str, str, str]]] = {
    "2026-03-01T09-30-00-001a": {
        "silent.spacing": (
            7.5,
            "您好，请问有什么可以帮您？",
            "每两次询问之间间隔 2–5 秒",
            "上一句说完后停 2–5 秒再询问，不要冷场太久",
        ),
        "opening.latency": (1.5, "您好，福彩热线……", "接通后 2 秒内问候", "接起后立即问候"),
    },
    "2026-03-02T09-30-00-002a": {},
    "2026-03-03T09-30-00-003a": {
        "complaint.commitment": (
            12.0,
            "我们会尽快处理。",
            "在 N 个工作日内给您答复",
            "说出具体时限",
        ),
    },
    "2026-03-04T09-30-00-004a": {
        "forbidden.phrases": (9.0, "不知道", "不说服务禁用语", "改说：这个问题我帮您查询一下"),
    },
    "2026-03-05T09-30-00-005a": {},
}


def fixture_grade(recording: Recording, scenario: Scenario | None) -> Grade:
    header = recording.header
    fails = FAILS.get(header.id, {})
    results = []
    for spec in RULES:
        applies = (not spec.personas or header.persona in spec.personas) and not (
            spec.id.startswith("voice.")
        )
        if not applies:
            results.append(RuleResult(spec.id, "na", spec.weight, spec.stage))
            continue
        if spec.id in fails:
            at, evidence, standard, fix = fails[spec.id]
            results.append(
                RuleResult(
                    spec.id,
                    "fail",
                    spec.weight,
                    spec.stage,
                    message=f"{spec.title}未做到",
                    at=at,
                    evidence=evidence,
                    standard=standard,
                    source=spec.source,
                    fix=fix,
                    critical=spec.critical,
                )
            )
        else:
            results.append(RuleResult(spec.id, "pass", spec.weight, spec.stage))
    judged = [r for r in results if r.status != "na"]
    passed_weight = sum(r.weight for r in judged if r.status == "pass")
    score = round(100 * passed_weight / sum(r.weight for r in judged))
    critical = any(r.critical and r.status == "fail" for r in results)
    return Grade(
        recording=str(recording.path),
        scenario=header.scenario,
        persona=header.persona,
        score=score,
        passed=score >= 80 and not critical,
        complete=recording.complete,
        rules=tuple(results),
    )
