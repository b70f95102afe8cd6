"""Catalog entries of the scenario library's situation protocols (listed in the README).

Each situation of the standards with its own prescribed wording (a caller who cannot be
heard, a dialect, a wrong number, a vendor's sales call …) gets protocol rules here,
limited to its persona. `catalog.py` appends them to `RULES`; they are built from the
`RuleSpec` class it passes in, so this module needs no import of the catalog at runtime.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from simulator.grading.catalog import RuleSpec

_CANT_HEAR = "002 电话无法听清的应答规范"
_SPECIAL = "002 关于特殊沟通内容的应答规范"
_COMPLAINT = "002 用户抱怨与投诉的应答规范"
_VERIFY = "002 需要核实用户相关信息时应答规范"
_SALES = "000 福彩 特殊服务标准应对 2「与业务无关的电话」"


def library_rules(spec: type[RuleSpec]) -> tuple[RuleSpec, ...]:
    """The library's rules, weight 2 (protocol rules), each for its own persona."""

    def rule(
        rule_id: str,
        title: str,
        source: str,
        persona: str | tuple[str, ...],
        stage: str = "protocol",
        **params: float | int | bool | str,
    ) -> RuleSpec:
        personas = (persona,) if isinstance(persona, str) else persona
        return spec(
            rule_id,
            title,
            "hold" if stage == "hold" else "protocol",
            source,
            weight=2,
            personas=personas,
            params=dict(params),
        )

    return (
        rule(
            "inaudible.speak_up",
            "听不清时致歉并请客户配合",
            f"{_CANT_HEAR} 1、2、3; 000 规范的应答用语 (5)",
            "inaudible",
        ),
        rule(
            "inaudible.call_again",
            "请客户换电话再打",
            f"{_CANT_HEAR} 1、3",
            "inaudible",
            line_clears=False,
            wait_seconds=5.0,
        ),
        rule(
            "dialect.mandarin",
            "礼貌请客户讲普通话",
            f"{_CANT_HEAR} 4; 000 规范的应答用语 (6)",
            "dialect",
        ),
        rule("dialect.helper", "请客户找身边的人帮忙", f"{_CANT_HEAR} 4", "dialect"),
        rule("wrong_number.notice", "报出中心名称，请查证后再拨", f"{_SPECIAL} 2", "wrong_number"),
        rule("specific_agent.offer_help", "先主动提供帮助", f"{_SPECIAL} 1", "specific_agent"),
        rule("specific_agent.trained", "说明同事都受过专业培训", f"{_SPECIAL} 1", "specific_agent"),
        rule("specific_agent.callback", "留下电话和回复时间", f"{_SPECIAL} 1", "specific_agent"),
        rule("specific_agent.decline", "私事婉拒转告", f"{_SPECIAL} 1", "specific_agent"),
        rule("personal_info.work_name_only", "只通报工号或昵称", f"{_SPECIAL} 4", "personal_info"),
        rule(
            "callback.record",
            "说明需核实后回复",
            f"{_SPECIAL} 11; 000 规范的应答用语 (3)",
            "callback",
        ),
        rule(
            "callback.time",
            "承诺回复时限",
            f"{_SPECIAL} 11; 000 福彩 不能实时解决的情况",
            "callback",
        ),
        rule(
            "callback.contact", "留下联系电话", f"{_SPECIAL} 11; 000 规范的应答用语 (3)", "callback"
        ),
        rule(
            "complaint.colleague",
            "投诉同事：致歉、问经过、记录转交",
            f"{_COMPLAINT} 3、4",
            "complaint",
        ),
        rule("complaint.contact", "投诉同事：留下联系方式", f"{_COMPLAINT} 3、4", "complaint"),
        rule(
            "complaint.own_fault",
            "自己出错：感谢指正并重新核实",
            f"{_COMPLAINT} 5",
            ("complaint", "supervisor"),
            within_replies=2,
        ),
        rule(
            "supervisor.apology",
            "要求转主管：诚恳致歉",
            f"{_COMPLAINT} 6",
            "supervisor",
            within_replies=2,
        ),
        rule(
            "supervisor.callback", "要求转主管：留电由相关人员回复", f"{_COMPLAINT} 6", "supervisor"
        ),
        rule(
            "out_of_scope.suggest",
            "超出服务范围：说明并给出建议",
            f"{_SPECIAL} 5; 000 规范的应答用语 (4)",
            "out_of_scope",
        ),
        rule(
            "hold.consent",
            "客户同意后再保持",
            "002 需要进行保持时的应答规范 2「取得用户认可后再按保持键」",
            "hold",
            stage="hold",
        ),
        rule(
            "verify.readback",
            "当场复述账号和邮箱",
            f"{_VERIFY} 1",
            "verify",
            min_digits=5,
            within_replies=2,
        ),
        rule(
            "verify.mismatch",
            "核实不符时规范告知、不透露资料",
            f"{_VERIFY} 2; 000 广东移动 3.1.8「禁止泄露客户资料」",
            "verify",
            records_match=True,
        ),
        rule(
            "praise.reply", "回应致谢与表扬", f"{_SPECIAL} 10; 000 标准服务用语词汇 1、3", "praise"
        ),
        rule("lingering.ask", "客户不挂机时再询问并告知挂线", "002 结束语规范 3", "lingering"),
        rule(
            "lingering.wait",
            "告知挂线后约 5 秒挂机",
            "002 结束语规范 3「然后过5秒挂机」",
            "lingering",
            min_seconds=5.0,
            max_seconds=10.0,
        ),
        rule("sales.no_transfer", "推销来电不转接", _SALES, "sales"),
        rule("sales.record", "记录称呼、公司、电话和时间", _SALES, "sales"),
    )
