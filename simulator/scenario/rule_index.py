"""The rules of the catalog as a scenario file sees them: id, title, source, personas,
parameters with their defaults, in catalog order.

Generated from the rule registry (simulator/grading/rules) by
`python -m simulator.grading.rule_index`; do not edit. A test fails while it is out of date.
Kept as data so that loading a scenario never imports the grader, which sits above it.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class RuleEntry:
    """What a scenario file may say about one rule."""

    title: str
    source: str
    personas: tuple[str, ...] = ()
    params: dict[str, bool | int | float | str] = field(default_factory=dict)


RULES: dict[str, RuleEntry] = {
    "answer.rings": RuleEntry(
        title="三声之内接听",
        source="000 「铃声响起三声之内应接听电话」",
        params={"max_rings": 3},
    ),
    "opening.greeting": RuleEntry(
        title="规范问候语",
        source="000 规范的问候语, 中国移动首问句; 002 常规开头语",
    ),
    "opening.latency": RuleEntry(
        title="两秒内问候",
        source="000 「电话接通后两秒钟之内…问候客户」",
        params={"max_seconds": 2.0},
    ),
    "opening.holiday": RuleEntry(
        title="节日问候",
        source="000 中国移动 备注1; 002 重要节日开头语",
        params={"weekend": False},
    ),
    "courtesy.nin": RuleEntry(
        title="称“您”不称“你”",
        source="000 ETC 「把“你”统一改成“您”」",
    ),
    "courtesy.surname": RuleEntry(
        title="姓氏称呼",
        source="000 「在称谓前…加上客户姓氏」; 002 了解用户姓氏时的称呼语",
    ),
    "forbidden.phrases": RuleEntry(
        title="服务禁用语",
        source="000 服务禁用语, 服务禁语词汇, 座席代表服务禁忌",
    ),
    "response.dead_air": RuleEntry(
        title="10秒内回应",
        source="000 「10 秒钟内…产生解决问题的各种方案」「10 秒种内拿出备选方案」",
        params={"max_seconds": 10.0},
    ),
    "hold.permission": RuleEntry(
        title="保持前征得同意",
        source="000 「搁电话进行查询时请求对方的同意」; 002 保持前提醒用户",
    ),
    "hold.checkin": RuleEntry(
        title="每15秒通报进展",
        source="000 「时间稍长的每15 秒通报进展」",
        params={"max_seconds": 15.0},
    ),
    "hold.thanks": RuleEntry(
        title="感谢耐心等待",
        source="000 「Hold用户回来后应讲：感谢您的耐心等待」; 002",
    ),
    "confirm.readback": RuleEntry(
        title="复述核实号码",
        source="002 「一定要一一和用户复述核实」; 000 「准确概括和复述」",
        params={"min_digits": 5},
    ),
    "closing.more_help": RuleEntry(
        title="询问其他需求",
        source="all standards",
    ),
    "closing.farewell": RuleEntry(
        title="结束语",
        source="002 「感谢您的来电，祝您生活愉快，再见！」",
    ),
    "closing.caller_hangs_up_first": RuleEntry(
        title="客户先挂机",
        source="000 「不能先于客户收线」; 002 「然后过5秒挂机」",
        params={"wait_seconds": 5.0},
    ),
    "voice.pace": RuleEntry(
        title="语速适中",
        source="000 「语速适中，每分钟吐字约120个」",
        params={"min_cpm": 90, "max_cpm": 150, "min_utterance_seconds": 3.0},
    ),
    "voice.no_interrupt": RuleEntry(
        title="不打断客户",
        source="000 「客户讲话时，不要轻易打断、插话」",
        params={"max_overlap_seconds": 0.5},
    ),
    "silent.prompts": RuleEntry(
        title="无声电话重复询问",
        source="002 无声电话问候语; 000 中国移动 「电话接通客户无声音时」",
        personas=("silent",),
        params={"min_prompts": 2},
    ),
    "silent.spacing": RuleEntry(
        title="无声电话间隔2–5秒",
        source="002 无声电话问候语",
        personas=("silent",),
        params={"min_seconds": 2.0, "max_seconds": 5.0},
    ),
    "silent.line_notice": RuleEntry(
        title="说明线路问题",
        source="002 无声电话问候语; 000 福彩 「遇到无声电话时」",
        personas=("silent",),
    ),
    "silent.farewell_hangup": RuleEntry(
        title="道别后2–5秒挂机",
        source="002 无声电话问候语",
        personas=("silent",),
        params={"min_seconds": 2.0, "max_seconds": 5.0},
    ),
    "offtopic.redirect": RuleEntry(
        title="引导回业务",
        source="000 福彩 骚扰电话; 002 骚扰电话",
        personas=("offtopic",),
    ),
    "offtopic.limit": RuleEntry(
        title="2–3次引导后结束",
        source="000 福彩 骚扰电话; 002 骚扰电话",
        personas=("offtopic",),
        params={"min_redirects": 2, "max_redirects": 3},
    ),
    "offtopic.hangup": RuleEntry(
        title="告知后3–6秒挂机",
        source="000 福彩 骚扰电话; 002 骚扰电话",
        personas=("offtopic",),
        params={"min_seconds": 3.0, "max_seconds": 6.0},
    ),
    "media.no_comment": RuleEntry(
        title="不对媒体表态",
        source="000 传媒来电",
        personas=("media",),
    ),
    "media.handoff": RuleEntry(
        title="专人负责",
        source="000 传媒来电",
        personas=("media",),
    ),
    "media.contact": RuleEntry(
        title="留下联系方式",
        source="000 传媒来电",
        personas=("media",),
    ),
    "complaint.apology": RuleEntry(
        title="致歉",
        source="000 福彩 抱怨与投诉; 002 用户抱怨与投诉",
        personas=("angry",),
        params={"within_replies": 2},
    ),
    "complaint.empathy": RuleEntry(
        title="理解客户感受",
        source="000 福彩 抱怨与投诉; 002 用户抱怨与投诉",
        personas=("angry",),
    ),
    "complaint.record": RuleEntry(
        title="记录并转交",
        source="000 福彩 投诉; 002 用户抱怨与投诉",
        personas=("angry",),
    ),
    "complaint.commitment": RuleEntry(
        title="承诺答复时限",
        source="000 不能实时解决的情况; 002 无法当场答复的用户投诉",
        personas=("angry",),
    ),
    "inaudible.speak_up": RuleEntry(
        title="听不清时致歉并请客户配合",
        source="002 电话无法听清的应答规范 1、2、3; 000 规范的应答用语 (5)",
        personas=("inaudible",),
    ),
    "inaudible.call_again": RuleEntry(
        title="请客户换电话再打",
        source="002 电话无法听清的应答规范 1、3",
        personas=("inaudible",),
        params={"line_clears": False, "wait_seconds": 5.0},
    ),
    "dialect.mandarin": RuleEntry(
        title="礼貌请客户讲普通话",
        source="002 电话无法听清的应答规范 4; 000 规范的应答用语 (6)",
        personas=("dialect",),
    ),
    "dialect.helper": RuleEntry(
        title="请客户找身边的人帮忙",
        source="002 电话无法听清的应答规范 4",
        personas=("dialect",),
    ),
    "wrong_number.notice": RuleEntry(
        title="报出中心名称，请查证后再拨",
        source="002 关于特殊沟通内容的应答规范 2",
        personas=("wrong_number",),
    ),
    "specific_agent.offer_help": RuleEntry(
        title="先主动提供帮助",
        source="002 关于特殊沟通内容的应答规范 1",
        personas=("specific_agent",),
    ),
    "specific_agent.trained": RuleEntry(
        title="说明同事都受过专业培训",
        source="002 关于特殊沟通内容的应答规范 1",
        personas=("specific_agent",),
    ),
    "specific_agent.callback": RuleEntry(
        title="留下电话和回复时间",
        source="002 关于特殊沟通内容的应答规范 1",
        personas=("specific_agent",),
    ),
    "specific_agent.decline": RuleEntry(
        title="私事婉拒转告",
        source="002 关于特殊沟通内容的应答规范 1",
        personas=("specific_agent",),
    ),
    "personal_info.work_name_only": RuleEntry(
        title="只通报工号或昵称",
        source="002 关于特殊沟通内容的应答规范 4",
        personas=("personal_info",),
    ),
    "callback.record": RuleEntry(
        title="说明需核实后回复",
        source="002 关于特殊沟通内容的应答规范 11; 000 规范的应答用语 (3)",
        personas=("callback",),
    ),
    "callback.time": RuleEntry(
        title="承诺回复时限",
        source="002 关于特殊沟通内容的应答规范 11; 000 福彩 不能实时解决的情况",
        personas=("callback",),
    ),
    "callback.contact": RuleEntry(
        title="留下联系电话",
        source="002 关于特殊沟通内容的应答规范 11; 000 规范的应答用语 (3)",
        personas=("callback",),
    ),
    "complaint.colleague": RuleEntry(
        title="投诉同事：致歉、问经过、记录转交",
        source="002 用户抱怨与投诉的应答规范 3、4",
        personas=("complaint",),
    ),
    "complaint.contact": RuleEntry(
        title="投诉同事：留下联系方式",
        source="002 用户抱怨与投诉的应答规范 3、4",
        personas=("complaint",),
    ),
    "complaint.own_fault": RuleEntry(
        title="自己出错：感谢指正并重新核实",
        source="002 用户抱怨与投诉的应答规范 5",
        personas=("complaint", "supervisor"),
        params={"within_replies": 2},
    ),
    "supervisor.apology": RuleEntry(
        title="要求转主管：诚恳致歉",
        source="002 用户抱怨与投诉的应答规范 6",
        personas=("supervisor",),
        params={"within_replies": 2},
    ),
    "supervisor.callback": RuleEntry(
        title="要求转主管：留电由相关人员回复",
        source="002 用户抱怨与投诉的应答规范 6",
        personas=("supervisor",),
    ),
    "out_of_scope.suggest": RuleEntry(
        title="超出服务范围：说明并给出建议",
        source="002 关于特殊沟通内容的应答规范 5; 000 规范的应答用语 (4)",
        personas=("out_of_scope",),
    ),
    "hold.consent": RuleEntry(
        title="客户同意后再保持",
        source="002 需要进行保持时的应答规范 2「取得用户认可后再按保持键」",
        personas=("hold",),
    ),
    "verify.readback": RuleEntry(
        title="当场复述账号和邮箱",
        source="002 需要核实用户相关信息时应答规范 1",
        personas=("verify",),
        params={"min_digits": 5, "within_replies": 2},
    ),
    "verify.mismatch": RuleEntry(
        title="核实不符时规范告知、不透露资料",
        source="002 需要核实用户相关信息时应答规范 2; 000 广东移动 3.1.8「禁止泄露客户资料」",
        personas=("verify",),
        params={"records_match": True},
    ),
    "praise.reply": RuleEntry(
        title="回应致谢与表扬",
        source="002 关于特殊沟通内容的应答规范 10; 000 标准服务用语词汇 1、3",
        personas=("praise",),
    ),
    "lingering.ask": RuleEntry(
        title="客户不挂机时再询问并告知挂线",
        source="002 结束语规范 3",
        personas=("lingering",),
    ),
    "lingering.wait": RuleEntry(
        title="告知挂线后约 5 秒挂机",
        source="002 结束语规范 3「然后过5秒挂机」",
        personas=("lingering",),
        params={"min_seconds": 5.0, "max_seconds": 10.0},
    ),
    "sales.no_transfer": RuleEntry(
        title="推销来电不转接",
        source="000 福彩 特殊服务标准应对 2「与业务无关的电话」",
        personas=("sales",),
    ),
    "sales.record": RuleEntry(
        title="记录称呼、公司、电话和时间",
        source="000 福彩 特殊服务标准应对 2「与业务无关的电话」",
        personas=("sales",),
    ),
    "opening.wait_apology": RuleEntry(
        title="久等先致歉",
        source="000 规范的问候语 (3)「让客户等候时，接通后要先致歉」",
        params={"max_rings": 3},
    ),
}
