"""The rule catalog of STANDARDS.md as data: ids, stages, weights, thresholds, sources.

Rule ids are a public interface (recordings, scenario files, reports and the scoreboard
refer to them), so they are listed here once and everything else looks them up.
`params` are the default thresholds; a scenario may override them by name.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from simulator.grading.library_specs import library_rules

Stage = Literal["opening", "courtesy", "hold", "closing", "protocol"]

STAGE_TITLES: dict[str, str] = {
    "opening": "开场",
    "courtesy": "礼貌与应答",
    "hold": "保持",
    "closing": "结束",
    "protocol": "特殊来电规范",
}

ParamValue = float | int | bool | str


@dataclass(frozen=True)
class RuleSpec:
    """One rule of the catalog."""

    id: str
    title: str
    stage: Stage
    source: str
    weight: int = 1
    critical: bool = False
    personas: tuple[str, ...] = ()
    """Empty: applies to every call. Otherwise only to calls of these personas."""
    params: dict[str, ParamValue] = field(default_factory=dict)


RULES: tuple[RuleSpec, ...] = (
    RuleSpec(
        "answer.rings",
        "三声之内接听",
        "opening",
        "000 「铃声响起三声之内应接听电话」",
        params={"max_rings": 3},
    ),
    RuleSpec(
        "opening.greeting",
        "规范问候语",
        "opening",
        "000 规范的问候语, 中国移动首问句; 002 常规开头语",
    ),
    RuleSpec(
        "opening.latency",
        "两秒内问候",
        "opening",
        "000 「电话接通后两秒钟之内…问候客户」",
        params={"max_seconds": 2.0},
    ),
    RuleSpec(
        "opening.holiday",
        "节日问候",
        "opening",
        "000 中国移动 备注1; 002 重要节日开头语",
        params={"weekend": False},
    ),
    RuleSpec("courtesy.nin", "称“您”不称“你”", "courtesy", "000 ETC 「把“你”统一改成“您”」"),
    RuleSpec(
        "courtesy.surname",
        "姓氏称呼",
        "courtesy",
        "000 「在称谓前…加上客户姓氏」; 002 了解用户姓氏时的称呼语",
    ),
    RuleSpec(
        "forbidden.phrases",
        "服务禁用语",
        "courtesy",
        "000 服务禁用语, 服务禁语词汇, 座席代表服务禁忌",
        critical=True,
    ),
    RuleSpec(
        "response.dead_air",
        "10秒内回应",
        "courtesy",
        "000 「10 秒钟内…产生解决问题的各种方案」「10 秒种内拿出备选方案」",
        params={"max_seconds": 10.0},
    ),
    RuleSpec(
        "hold.permission",
        "保持前征得同意",
        "hold",
        "000 「搁电话进行查询时请求对方的同意」; 002 保持前提醒用户",
    ),
    RuleSpec(
        "hold.checkin",
        "每15秒通报进展",
        "hold",
        "000 「时间稍长的每15 秒通报进展」",
        params={"max_seconds": 15.0},
    ),
    RuleSpec(
        "hold.thanks", "感谢耐心等待", "hold", "000 「Hold用户回来后应讲：感谢您的耐心等待」; 002"
    ),
    RuleSpec(
        "confirm.readback",
        "复述核实号码",
        "courtesy",
        "002 「一定要一一和用户复述核实」; 000 「准确概括和复述」",
        params={"min_digits": 5},
    ),
    RuleSpec("closing.more_help", "询问其他需求", "closing", "all standards"),
    RuleSpec("closing.farewell", "结束语", "closing", "002 「感谢您的来电，祝您生活愉快，再见！」"),
    RuleSpec(
        "closing.caller_hangs_up_first",
        "客户先挂机",
        "closing",
        "000 「不能先于客户收线」; 002 「然后过5秒挂机」",
        params={"wait_seconds": 5.0},
    ),
    RuleSpec(
        "voice.pace",
        "语速适中",
        "courtesy",
        "000 「语速适中，每分钟吐字约120个」",
        params={"min_cpm": 90, "max_cpm": 150, "min_utterance_seconds": 3.0},
    ),
    RuleSpec(
        "voice.no_interrupt",
        "不打断客户",
        "courtesy",
        "000 「客户讲话时，不要轻易打断、插话」",
        params={"max_overlap_seconds": 0.5},
    ),
    RuleSpec(
        "silent.prompts",
        "无声电话重复询问",
        "protocol",
        "002 无声电话问候语; 000 中国移动 「电话接通客户无声音时」",
        weight=2,
        personas=("silent",),
        params={"min_prompts": 2},
    ),
    RuleSpec(
        "silent.spacing",
        "无声电话间隔2–5秒",
        "protocol",
        "002 无声电话问候语",
        weight=2,
        personas=("silent",),
        params={"min_seconds": 2.0, "max_seconds": 5.0},
    ),
    RuleSpec(
        "silent.line_notice",
        "说明线路问题",
        "protocol",
        "002 无声电话问候语; 000 福彩 「遇到无声电话时」",
        weight=2,
        personas=("silent",),
    ),
    RuleSpec(
        "silent.farewell_hangup",
        "道别后2–5秒挂机",
        "protocol",
        "002 无声电话问候语",
        weight=2,
        personas=("silent",),
        params={"min_seconds": 2.0, "max_seconds": 5.0},
    ),
    RuleSpec(
        "offtopic.redirect",
        "引导回业务",
        "protocol",
        "000 福彩 骚扰电话; 002 骚扰电话",
        weight=2,
        personas=("offtopic",),
    ),
    RuleSpec(
        "offtopic.limit",
        "2–3次引导后结束",
        "protocol",
        "000 福彩 骚扰电话; 002 骚扰电话",
        weight=2,
        personas=("offtopic",),
        params={"min_redirects": 2, "max_redirects": 3},
    ),
    RuleSpec(
        "offtopic.hangup",
        "告知后3–6秒挂机",
        "protocol",
        "000 福彩 骚扰电话; 002 骚扰电话",
        weight=2,
        personas=("offtopic",),
        params={"min_seconds": 3.0, "max_seconds": 6.0},
    ),
    RuleSpec(
        "media.no_comment",
        "不对媒体表态",
        "protocol",
        "000 传媒来电",
        weight=2,
        personas=("media",),
    ),
    RuleSpec(
        "media.handoff", "专人负责", "protocol", "000 传媒来电", weight=2, personas=("media",)
    ),
    RuleSpec(
        "media.contact", "留下联系方式", "protocol", "000 传媒来电", weight=2, personas=("media",)
    ),
    RuleSpec(
        "complaint.apology",
        "致歉",
        "protocol",
        "000 福彩 抱怨与投诉; 002 用户抱怨与投诉",
        weight=2,
        personas=("angry",),
        params={"within_replies": 2},
    ),
    RuleSpec(
        "complaint.empathy",
        "理解客户感受",
        "protocol",
        "000 福彩 抱怨与投诉; 002 用户抱怨与投诉",
        weight=2,
        personas=("angry",),
    ),
    RuleSpec(
        "complaint.record",
        "记录并转交",
        "protocol",
        "000 福彩 投诉; 002 用户抱怨与投诉",
        weight=2,
        personas=("angry",),
    ),
    RuleSpec(
        "complaint.commitment",
        "承诺答复时限",
        "protocol",
        "000 不能实时解决的情况; 002 无法当场答复的用户投诉",
        weight=2,
        personas=("angry",),
    ),
)

# The scenario library's situation protocols (inaudible, dialect, wrong number …).
RULES += library_rules(RuleSpec)

RULES_BY_ID: dict[str, RuleSpec] = {rule.id: rule for rule in RULES}
