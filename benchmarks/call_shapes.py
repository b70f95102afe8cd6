"""Realistic recordings for benchmarks: the five core personas' call shapes, varied text.

Each call has 15–25 utterances. Wording varies per call (surnames, numbers, questions,
fillers, good and bad phrasing), and about a third are voice calls with recognition-style
homophone errors, so phrase matching is exercised on text it has not seen before.
"""

from __future__ import annotations

import json
import random
from collections.abc import Callable
from typing import Any

SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗"
TOPICS = ["双色球", "福彩3D", "七乐彩", "快乐8", "刮刮乐"]
PRIZES = ["二等奖", "三等奖", "四等奖", "五等奖", "一等奖"]
PLACES = ["市福彩中心兑奖大厅", "区福彩服务站", "省福彩中心", "就近的投注站"]
FILLERS = ["嗯，", "那个，", "就是，", "哦，", "", "", ""]
HOMOPHONES = {
    "帮": "邦",
    "稍候": "稍后",
    "等待": "等代",
    "再见": "在见",
    "来电": "来点",
    "线路": "线录",
    "听不到": "听不道",
    "福彩": "福财",
    "核实": "核是",
}
OPENINGS = [
    "您好，欢迎致电福彩热线，{id}号为您服务，请问有什么可以帮您？",
    "您好，福彩热线，工号{id}，很高兴为您服务。",
    "您好，我是{id}号话务员，请问有什么可以帮到您？",
    "喂，你好，什么事？",
]
FAREWELLS = [
    "感谢您的来电，祝您生活愉快，再见！",
    "感谢您的来电，再见。",
    "好的，再见。",
    "行，就这样。",
]
MORE_HELP = ["请问还有什么可以帮您？", "请问您还有其他问题吗？", "还有别的事吗？"]


NEUTRAL = [
    "今天",
    "其实",
    "还是",
    "比较",
    "这边",
    "那边",
    "上午",
    "下午",
    "晚上",
    "彩票",
    "号码",
    "中心",
    "大厅",
    "窗口",
    "周末",
    "最近",
    "附近",
    "地址",
    "时间",
    "手续",
    "证件",
    "原件",
    "复印",
    "办理",
    "领取",
    "奖金",
    "规定",
    "流程",
    "系统",
    "网站",
    "公告",
    "柜台",
    "门口",
    "楼下",
]
"""Neutral words appended to make every utterance of a `unique` call new text."""


class Timeline:
    """Appends events with realistic timing: speech of about 100–170 characters a minute."""

    def __init__(self, rng: random.Random, voice: bool, unique: bool = False) -> None:
        self.rng = rng
        self.voice = voice
        self.unique = unique
        self.t = 0.0
        self.events: list[dict[str, Any]] = []

    def ring(self, count: int) -> None:
        for n in range(1, count + 1):
            self.events.append({"t": round((n - 1) * 3.0, 2), "kind": "ring", "n": n})
        self.t = (count - 1) * 3.0 + self.rng.uniform(0.5, 2.5)
        self.events.append({"t": round(self.t, 2), "kind": "answer"})

    def say(self, who: str, text: str, pause: float | None = None) -> None:
        if self.voice and who == "agent" and self.rng.random() < 0.5:
            text = self._misrecognize(text)
        if self.unique:
            text += "，" + "".join(self.rng.sample(NEUTRAL, 3))
        self.t += pause if pause is not None else self.rng.uniform(0.4, 2.5)
        duration = max(0.6, len(text) / self.rng.uniform(1.6, 2.8))
        event = {"t": round(self.t, 2), "end": round(self.t + duration, 2), "kind": "say"}
        self.events.append({**event, "who": who, "text": text})
        self.t += duration

    def hold(self, seconds: float) -> None:
        self.t += self.rng.uniform(0.3, 1.0)
        self.events.append({"t": round(self.t, 2), "kind": "hold", "on": True})
        self.t += seconds
        self.events.append({"t": round(self.t, 2), "kind": "hold", "on": False})

    def hangup(self, who: str, after: float) -> None:
        self.events.append({"t": round(self.t + after, 2), "kind": "hangup", "who": who})

    def _misrecognize(self, text: str) -> str:
        for right, wrong in HOMOPHONES.items():
            if right in text and self.rng.random() < 0.4:
                text = text.replace(right, wrong, 1)
        return text


def _standard(tl: Timeline, rng: random.Random, agent_id: str) -> None:
    name, topic, prize = rng.choice(SURNAMES), rng.choice(TOPICS), rng.choice(PRIZES)
    phone = f"1{rng.randint(3, 9)}{rng.randint(100000000, 999999999)}"
    tl.say("agent", rng.choice(OPENINGS).format(id=agent_id))
    tl.say("caller", f"{rng.choice(FILLERS)}我中了{topic}{prize}，想问一下去哪里兑奖。")
    tl.say("agent", rng.choice(["好的，我帮您查询一下，请您稍等，不要挂机。", "你等一下。"]))
    tl.say("caller", "好的。")
    tl.hold(rng.uniform(5, 22))
    tl.say(
        "agent",
        rng.choice(["感谢您的耐心等待，", "查到了，", "让您久等了，"])
        + f"{prize}需要到{rng.choice(PLACES)}兑奖，请带上彩票和身份证。",
    )
    tl.say("caller", f"要带户口本吗？我{rng.choice(['下午', '明天', '周末'])}过去行不行？")
    tl.say("agent", "不需要户口本，带彩票原件和本人身份证就可以，工作日都可以办理。")
    tl.say("caller", f"好的，我姓{name}，电话是{phone}，能不能先帮我登记一下？")
    tl.say(
        "agent",
        rng.choice(
            [
                f"好的，{name}先生，我和您核实一下，您的电话是{phone}。",
                "好的，已经记下了。",
                f"{name}女士，您的号码是{phone}对吗？",
            ]
        ),
    )
    tl.say("caller", "对，没错。")
    tl.say("agent", "已经帮您登记了，兑奖大厅的工作人员会在两个工作日内与您联系。")
    for _ in range(rng.randint(1, 4)):
        tl.say("caller", f"{rng.choice(FILLERS)}那{rng.choice(TOPICS)}的奖金要交税吗？")
        tl.say("agent", f"单注奖金超过{rng.choice(['一万', '1万', '一万元'])}需要缴纳个人所得税。")
    tl.say("agent", rng.choice(MORE_HELP))
    tl.say("caller", "没有了，谢谢。")
    tl.say("agent", rng.choice(FAREWELLS))
    tl.hangup(rng.choice(["caller", "caller", "agent"]), rng.uniform(0.5, 7))


def _angry(tl: Timeline, rng: random.Random, agent_id: str) -> None:
    tl.say("agent", rng.choice(OPENINGS).format(id=agent_id))
    tl.say("caller", f"你们热线怎么这么难打通？我等了{rng.randint(10, 40)}分钟！")
    tl.say("agent", rng.choice(["非常抱歉，让您久等了，您先别着急。", "现在打通了，您说吧。"]))
    tl.say("caller", f"我要投诉你们{rng.randint(1000, 9999)}号工作人员，态度太差了！")
    tl.say(
        "agent",
        rng.choice(
            [
                "您的心情我非常理解，您方便把事情的经过向我描述一下么？",
                "这不是我的错，你找领导也没用。",
            ]
        ),
    )
    for _ in range(rng.randint(3, 7)):
        tl.say(
            "caller",
            rng.choice(
                [
                    "上次我来问兑奖，他直接挂我电话！",
                    "说话特别冲，问两句就不耐烦。",
                    "我到底要等多久？",
                    "你们到底管不管？",
                ]
            ),
        )
        tl.say(
            "agent",
            rng.choice(
                [
                    "非常抱歉给您添麻烦了。",
                    "我理解您的感受，请您不要着急。",
                    "嗯，您继续说。",
                    "好的，我在听。",
                ]
            ),
        )
    tl.say(
        "agent",
        "我们很重视您所描述的情况，我一定会详细记录下来提交给相关的负责人进行核查，"
        + rng.choice(
            ["我们会在24小时内给您答复。", "我们会尽快给您答复。", "两个工作日内给您回复。"]
        ),
    )
    tl.say("caller", "那好吧。")
    tl.say("agent", rng.choice(MORE_HELP))
    tl.say("caller", "没有了。")
    tl.say("agent", rng.choice(FAREWELLS))
    tl.hangup("caller", rng.uniform(0.5, 3))


def _silent(tl: Timeline, rng: random.Random, agent_id: str) -> None:
    tl.say("agent", rng.choice(OPENINGS).format(id=agent_id))
    for prompt in ("请问有什么可以帮您？", "请问您能听到我的声音吗？"):
        tl.say("agent", prompt, pause=rng.uniform(1.5, 6))
    tl.say("caller", "喂？喂？刚才信号不好，现在能听到吗？", pause=rng.uniform(1, 4))
    tl.say("agent", "您好，现在可以听到了，请问有什么可以帮您？")
    _standard_tail(tl, rng)


def _standard_tail(tl: Timeline, rng: random.Random) -> None:
    for _ in range(rng.randint(4, 7)):
        tl.say("caller", f"{rng.choice(FILLERS)}{rng.choice(TOPICS)}昨天开奖了吗？号码是多少？")
        tl.say(
            "agent",
            rng.choice(
                [
                    "昨天已经开奖，开奖号码可以在官网的开奖公告里查看。",
                    "我不知道。",
                    "开奖结果在每天晚上九点半以后公布。",
                ]
            ),
        )
    tl.say("agent", rng.choice(MORE_HELP))
    tl.say("caller", "没有了。")
    tl.say("agent", rng.choice(FAREWELLS))
    tl.hangup("caller", rng.uniform(0.5, 3))


def _offtopic(tl: Timeline, rng: random.Random, agent_id: str) -> None:
    tl.say("agent", rng.choice(OPENINGS).format(id=agent_id))
    rounds = rng.randint(7, 11)
    for i in range(rounds):
        tl.say(
            "caller",
            rng.choice(
                [
                    "小姐，你们都有什么服务呀？",
                    "可不可以陪我聊一下？",
                    "你多大了？结婚了吗？",
                    "今天天气真好，你吃饭了吗？",
                    "我就是想让你跟我聊天。",
                ]
            ),
        )
        if i == rounds - 1:
            tl.say("agent", "非常抱歉，您的需求超出了我们的服务范围，我要挂机了，再见！")
        else:
            tl.say(
                "agent",
                rng.choice(
                    [
                        "先生，很抱歉，这里是业务咨询的热线，请问有什么业务方面的问题可以帮到您？",
                        "您好，我们是中国福利彩票的客户服务热线，请问有什么可以帮到您？",
                        "哈哈，那你想聊什么？",
                        "我今年二十五岁。",
                    ]
                ),
            )
    tl.hangup("agent", rng.uniform(1, 8))


def _media(tl: Timeline, rng: random.Random, agent_id: str) -> None:
    tl.say("agent", rng.choice(OPENINGS).format(id=agent_id))
    paper = rng.choice(["晨报", "晚报", "都市报", "电视台"])
    tl.say(
        "caller", f"您好，我是{paper}记者，听说你们昨天系统出了故障，导致很多人没法兑奖，是真的吗？"
    )
    for _ in range(rng.randint(5, 8)):
        tl.say(
            "agent",
            rng.choice(
                [
                    "您的查询会有专人负责，请您留下您的联系电话、单位名称和方便联系的时间，我们的同事会尽快与您联系的。",
                    "是的，确实出了一点问题。",
                    "我觉得应该很快就能恢复。",
                    f"受影响的大概有{rng.randint(100, 5000)}人。",
                    "这个情况我们会有专人负责跟进。",
                ]
            ),
        )
        tl.say(
            "caller",
            rng.choice(
                [
                    "那你们什么时候能恢复？",
                    "损失谁来承担？",
                    "是不是服务器的问题？",
                    f"我的电话是1{rng.randint(3000000000, 9999999999)}，下午都方便。",
                ]
            ),
        )
    tl.say("agent", "好的，已经记录下来了，我们的同事会尽快与您联系。")
    tl.say("agent", rng.choice(MORE_HELP))
    tl.say("caller", "没有了。")
    tl.say("agent", rng.choice(FAREWELLS))
    tl.hangup("caller", rng.uniform(0.5, 3))


SHAPES: dict[str, Callable[[Timeline, random.Random, str], None]] = {
    "standard": _standard,
    "angry": _angry,
    "silent": _silent,
    "offtopic": _offtopic,
    "media": _media,
}


def make_call(seed: int, unique: bool = False) -> str:
    """One recording's JSONL text, deterministic for `seed`; with `unique`, every
    utterance ends in a clause of random neutral words, so no text repeats."""
    rng = random.Random(seed)
    persona = list(SHAPES)[seed % len(SHAPES)]
    voice = rng.random() < 0.35
    agent_id = str(rng.randint(1000, 9999))
    header = {
        "kind": "session",
        "format": 1,
        "id": f"bench-{seed}",
        "scenario": f"bench-{persona}",
        "persona": persona,
        "org": "福彩热线",
        "agent_id": agent_id,
        "trainee": f"学员{seed % 40}",
        "input": "voice" if voice else "keyboard",
        "mode": "practice",
        "call_time": rng.choice(["2026-11-18T10:00:00+08:00", "2026-10-01T09:30:00+08:00"]),
    }
    tl = Timeline(rng, voice, unique)
    tl.ring(rng.randint(1, 4))
    SHAPES[persona](tl, rng, agent_id)
    lines = [header, *tl.events]
    return "".join(json.dumps(line, ensure_ascii=False) + "\n" for line in lines)
