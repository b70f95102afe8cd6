"""A request outside the line's business: say so and suggest where to turn."""

from __future__ import annotations

from simulator.grading.context import RuleContext, quote
from simulator.grading.model import RuleResult
from simulator.grading.registry import rule
from simulator.grading.rules._common import agent_after, first_caller_line, first_saying
from simulator.grading.view import CallView

SCOPE = (
    "超出了我们的服务范围",
    "超出服务范围",
    "不在我们的服务范围",
    "暂时没有这项服务",
    "不归我们热线",
)
SUGGEST = ("建议您", "您可以拨打", "您可以咨询", "您可以联系", "您可以到", "您可以去")


@rule(
    "out_of_scope.suggest",
    title="超出服务范围：说明并给出建议",
    checks="超出服务范围的请求：说明不在服务范围内，并建议客户去哪里办理。",
    stage="protocol",
    source="002 关于特殊沟通内容的应答规范 5; 000 规范的应答用语 (4)",
    weight=2,
    personas=("out_of_scope",),
)
def out_of_scope_suggest(call: CallView, rule: RuleContext) -> RuleResult:
    """Pass when, after the caller's request, the agent says it is outside the service
    (group out_of_scope) and suggests where to go (group scope_suggest: 建议您 …)."""
    request = first_caller_line(call)
    if request is None:
        return rule.na("客户没有说话")
    after = agent_after(call, request)
    scope = first_saying(call, after, ("out_of_scope",), SCOPE)
    suggest = first_saying(call, after, ("scope_suggest",), SUGGEST)
    if scope is not None and suggest is not None:
        return rule.passed("说明超出范围并给出建议", at=suggest.t, evidence=quote(suggest.text))
    if not call.ended:
        return rule.na("录音不完整：还没有说明")
    missing = "、".join(
        n for n, ok in (("说明超出服务范围", scope), ("建议客户去哪里办", suggest)) if ok is None
    )
    said = scope or suggest or (after[0] if after else None)
    return rule.failed(
        f"超出服务范围的应答缺少：{missing}",
        at=said.t if said else call.end_time,
        evidence=quote(said.text) if said else "坐席没有回应",
        standard=rule.standard("out_of_scope").replace("……", "拨打相关热线咨询"),
        fix="说明这项需求不在本热线服务范围，并建议客户该去哪里咨询",
    )
