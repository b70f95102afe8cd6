"""What a reply to a journalist says about the subject of the call, from its words alone.

To a journalist, a frontline agent says nothing about the subject: no figures, causes,
confirmations, denials or opinions (000 传媒来电). The grader's media.no_comment and the
journalist's branches (`catalog: [media_comment]`) both ask `comment_to_press`, so the caller
reacts to exactly what the grade fails. The grader adds what only the call knows (the
journalist's own numbers and words, see simulator.grading.press).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, NamedTuple

from simulator.standards.negation import refusal_prefix
from simulator.standards.normalize import normalize, sentence_starts

if TYPE_CHECKING:
    from simulator.standards.matching import PhraseMatcher

COMMENT_GROUP = "media_comment"
"""The catalog group of comments to the press; asked of a reply, it means `comment_to_press`."""
HANDOFF_GROUP = "media_handoff"
CONTACT_GROUPS = ("ask_phone", "ask_organization", "ask_time", "readback")

ALLOWED = re.compile(
    "|".join(
        (
            r"您的查询会有专人负责",
            r"会有专人负责",
            r"专人负责",
            r"(?:我们的)?同事会尽快与您联系的?",
            r"请您留下",
            r"[0-9零一二三四五六七八九十两几]+个?(?:小时|工作日|天|分钟)(?:之)?内",
        )
    )
)
"""Handoff and contact wording (with its follow-up time frame) is what the agent should
say; it is removed before looking for statements about the subject."""

_OWN_NUMBER = re.compile(
    r"(?P<named>(?:工号|号码|电话|热线|尾号|专线|拨打|致电|这里是|这边是|打)[^，,。；;0-9]{0,3})[0-9]{3,}"
    r"|[0-9]{3,}(?=号(?:为您|客服|话务|坐席|接线))"
)
"""A number the agent names as a phone, hotline or staff number is not a figure about the
subject (「我的工号是2046」「您可以打宣传部的电话，号码是87651234」)."""

_NUMERAL = "[零〇一二三四五六七八九十两几百千万亿]"
_MEASURE = (
    "个|条|名|人|位|户|家|起|次|辆|栋|幢|所|单|天|日|号|月|年|周|小时|分钟|点|岁|万|亿|元|块|"
    "公里|米|吨|处|片|层|批|趟|班|例|台|座|根|只|张|笔|项|成"
)
_FIGURE = re.compile(
    r"[0-9]+"
    r"|[百千万]分之"
    r"|[一二三四五六七八九十两几][十百千万亿]"
    # A numeral with a measure word (「三个片区」「十几分钟」「九点多」「八成」); a lone 一 or
    # 几 is mostly not a figure (「一下」「一点」「几天后联系您」), nor 这两天 / 前两天 / 后四位.
    rf"|(?:{_NUMERAL}{{2,}}|(?<![这那过隔后])(?:[二三四五六七八九十]|(?<!前)两))(?:多|来|余)?(?:{_MEASURE})"
    r"|(?:周|星期|礼拜)[一二三四五六日天]|(?:上|下)个?(?:礼拜|星期|周|月)|月[一二三四五六七八九十]+[号日]"
    r"|一个?多(?:小时|钟头|月|星期|礼拜)"
)
_CAUSE = re.compile(r"因为|由于|原因是|原因在于|导致|造成|所以|之所以|是为了|怪")
_CONFIRM = re.compile(
    r"(?<!不)是的|确实|的确|(?<!不)没错|(?<!不)属实|确有|(?<!不)是真的|(?<!不)对的|对啊|对呀"
    r"|^对[，,。！!、\s]|^对对|承认|(?:我们|可以|我能)确认|经核实|经(?:过)?调查|可以告诉您的是|能告诉您的是|只能告诉您|我能说的"
    r"|只能说(?!这么多|这些|到这)|私下|有(?:这个|这种)?可能"
    r"|(?<![不没])是有(?:这|一|个|几|些|人)|是出了"
)
_DENY = re.compile(
    r"(?<!是)不是|(?<!有)没有(?!其他|别的|的话|听|理解|记|搞|弄|说清)|不存在|假的|谣言|不实|不属实|否认|没这回事|不可能"
    r"|子虚乌有|不成立|不认同|不符|有失|不算|不会的(?!话)|没(?:有)?(?:这|那)(?:回|种|个)?事"
    r"|(?:说法|报道|传言|消息)\S{0,2}(?:不对|有误|不准确)|(?:跟|和|与)(?!您|你)\S{1,8}(?:没有?关系|无关)"
)
_OPINION = re.compile(
    r"我觉得|我认为|我们认为|我们觉得|我个人|应该|可能是|估计|估摸|大概|恐怕|我看(?![一看到了下])|据我所知"
    r"|据我了解|据了解|听说|听(?![您你不])\S{0,6}?(?:说|讲)(?!话)|说是|瞎猜|不敢保证|打包票|我相信|肯定是|一定是|似乎|好像|说实话|说实在的|说句实在话"
    r"|其实|实际上|初步|主要是|按说|看样子|看起来|不大|不严重|问题不大|没(?:有)?那么|夸张"
    r"|合格|达标|超标|是正常的|都正常|一切正常|(?:人|身体|伤员|乘客|大家)\S{0,3}没事"
)
_STATE = re.compile(r"(?:已经|早就|刚刚|已)\S{0,10}了")
"""Where things stand (「当事人已经离职了」「工地上个礼拜已经复工了」)."""
_CALL_WORK = re.compile(
    # 您 / 你 cover 帮您, 给您, 为您 …; 记 covers 登记 and 记下.
    r"记|转|反映|反馈|上报|报给|联系|安排|通知|核实|提交|备注|收到|处理|跟进|告诉|说明|回复|答复"
    r"|您|你|接通|音量|打错"
)
"""What the agent has done with the call itself (「您说的我已经记下了」「已经帮您转过去了」),
or the caller's own doing: no statement about the subject."""
_CHECKS = (
    (_FIGURE, "说出了数字/金额/日期"),
    (_CAUSE, "解释了原因"),
    (_CONFIRM, "作出了确认"),
    (_DENY, "作出了否认"),
    (_OPINION, "发表了看法"),
    (_STATE, "陈述了事实"),
)
_DECLINE = re.compile(
    "|".join(
        (
            # Not knowing, not having it, not being allowed (「我没有掌握」「不方便透露」).
            r"(?:没有|没|不|无法|没法|不能|不便|不方便|不好|未|答不上|说不上)\S{0,4}?"
            r"(?:权限|授权|掌握|了解|清楚|知道|收到|回应|答复|回答|说明|表态|发言|评论|置评|确认"
            r"|否认|透露|发布|乱说|代表|上来|回避|资料|数据|对外)",
            r"(?:我|我们)(?:这边|这里|手上|手头)?(?:都|也|确实|真的|暂时|目前){0,2}没有$",
            r"(?:我|我们)(?:不是|不)\S{0,2}负责|不是我\S{0,3}(?:擅长|负责|能说|能回答)",
            r"不能说|不好说|没法说|说不好|怕说错|代表不了|不算数|说了不算|不予置评|无可奉告",
            # Deferring to what will be announced (「以官方发布为准」「我们统一口径答复」).
            r"以\S{0,8}为准|口径|统一(?:说明|发布|回应|答复|公布)|(?:官方|正式)(?:发布|通报|公告|消息)|官网",
        )
    )
)
"""A clause in which the agent says they do not know or may not say (「具体伤亡情况我没有
掌握」「这个我没法确认，也没法否认」「一切以官方发布为准」) declines to comment: its 没有 /
确认 / 否认 are not a denial or a confirmation."""
_ASKS = re.compile(
    r"[?？]|[吗呢么][。.!！\s]*$|(?<!没)有\S{0,12}没有[。.!！\s]*$|请问|哪|什么|多少|方不方便|能不能|可不可以|(?<!没)有没有|是否"
)
"""A clause that asks the journalist something (「您几点方便接电话？」) states nothing."""
_CALLS_BACK = re.compile(
    r"(?:联系|回电|回复|答复|打给|致电)您|给您(?:回电|打|回复|答复)|您联系|您方便|方便联系|发布会|发言人"
)
"""A clause about getting back to the journalist may name a time (「下午三点前给您回电」
「您方便联系的时间是晚上八点以后」)."""
_HEARING = re.compile(
    r"听不|听到|听见|听清|没听|听得|您的声音|没有?声|声音都没|声音(?:太|有点|很)?小|您那边|信号|杂音|断断续续"
    r"|断了一下|(?:电话|信号|线路|声音)\S{0,2}断|静音"
)
"""A sentence about hearing the journalist (「可能是线路的问题，您那边一直听不清」「最后两位
我没听清」) speaks of the line and of what was said, not of the event."""
_TOPIC = re.compile(
    r"^(?:关于|对于|至于)"
    r"|(?:那个|这个|那件|这件|那起|这起)(?:事情|事儿|事|事故|事件|问题|情况|报道|传闻|消息)$"
)
"""A clause naming the subject (「关于谣言的问题」「昨天五十六路那个事情」) says nothing of it
yet: its figures and words like 谣言 are the subject's name."""
_CLAUSE = re.compile(r"[，,；;：:、\s]+")
_CONFIRMING = "(?:对吗|是吗|对不对|没错吧|是吧|对吧|没问题吧|是不是)"
"""How a read-back ends, asking the journalist to confirm it."""
_TRAILING_QUESTION = re.compile(_CONFIRMING + r"[？?。！!]*$")
CONFIRM_QUESTION = re.compile(_CONFIRMING + "$")


class PressSentence(NamedTuple):
    """One sentence of a reply: where it lies (normalized indices), whether it reads the
    journalist's details back, its words without the allowed wording, as said and
    normalized, and the sentence as said."""

    start: int
    end: int
    readback: bool
    raw: str
    text: str
    said: str

    @property
    def declines(self) -> bool:
        """Whether a clause of the sentence declines to comment: the catalog's reading of
        the rest (「具体伤亡情况我没有掌握」 names the subject) is then not a comment."""
        return any(_DECLINE.search(normalize(clause)) for clause in _CLAUSE.split(self.raw))


def press_sentences(
    text: str, reads_back: Callable[[str], bool], numbers: Iterable[str] = ()
) -> list[PressSentence]:
    """The sentences of a reply, each without the allowed wording (handoff, contact request,
    follow-up time frame), the `numbers` allowed in it (the journalist's phone, the agent's
    staff number) and the numbers the agent names as a phone or staff number."""
    allowed = sorted(set(numbers), key=len, reverse=True)  # longest first
    found = []
    for offset, sentence in sentence_starts(text):
        # The allowed wording leaves a clause break: 「这块是专人负责的」 does not read 「是的」.
        raw = _OWN_NUMBER.sub(lambda m: m.group("named") or "", ALLOWED.sub("，", sentence.strip()))
        for number in allowed:
            raw = raw.replace(number, "")
        end = offset + len(normalize(sentence))
        found.append(
            PressSentence(offset, end, reads_back(sentence), raw, normalize(raw), sentence)
        )
    return found


def comment_to_press(
    matcher: PhraseMatcher,
    text: str,
    sentences: list[PressSentence] | None = None,
) -> str:
    """What the reply `text` says about the subject, as "<kind>：<words>", or "".

    Each clause is judged, unless it asks the journalist something or declines to comment
    (`_DECLINE`): figures (Arabic digits, 百分之, numerals with a measure word: 三千万, 五名,
    十几分钟, 周二…); causes (因为 / 由于 / 导致 …); confirmations (是的 / 确实 / 没错 /
    经核实 / a leading 对); denials (不是 / 没有 / 不存在 / 不成立 …, but not 是不是 / 有没有 /
    没有其他); opinions and hedged claims (我认为 / 应该 / 估计 / 据我了解 / 初步 …). Then the
    catalog's understanding of a comment (group media_comment, by its patterns or by the
    learned model), except in a sentence that reads back, declines or hands the subject on.
    A sentence reading the journalist's details back is judged for causes, confirmations,
    denials and opinions only. `sentences`: `press_sentences` of `text` (by default, a
    sentence reads back when it names contact details and asks to confirm them).
    """
    if sentences is None:
        sentences = press_sentences(text, lambda sentence: reads_back(matcher, sentence))
    for sentence in sentences:
        why = _stated_in(sentence)
        if why:
            return why
    if COMMENT_GROUP not in matcher.catalog:
        return ""
    found = matcher.find_group(text, COMMENT_GROUP)
    if found is not None and not any(
        s.start <= found.start < s.end and (s.readback or s.declines or _hands_off(matcher, s))
        for s in sentences
    ):
        return f"陈述了事实或原因：{found.span}"
    return ""


def reads_back(matcher: PhraseMatcher, sentence: str) -> bool:
    """Whether the sentence names contact details (the contact groups) and asks to confirm
    them (「您是晨报的王记者，电话尾号5678，对吗？」)."""
    return names_contact(matcher, sentence) and asks_to_confirm(sentence)


def names_contact(matcher: PhraseMatcher, sentence: str) -> bool:
    return any(
        group in matcher.catalog and matcher.find_group(sentence, group) is not None
        for group in CONTACT_GROUPS
    )


def asks_to_confirm(sentence: str) -> bool:
    return CONFIRM_QUESTION.search(normalize(sentence)) is not None


def _names_topic(text: str) -> bool:
    """Whether the normalized clause only names the subject: 「没有的事」 denies it."""
    return _TOPIC.search(text) is not None and not re.search("[没不无非]", text)


def _hands_off(matcher: PhraseMatcher, sentence: PressSentence) -> bool:
    """Whether the sentence hands the subject to someone else (「这个情况我们公司会有专门
    的部门来回应」): naming the subject there is not a comment on it."""
    return HANDOFF_GROUP in matcher.catalog and (
        matcher.find_group(sentence.said, HANDOFF_GROUP) is not None
    )


def _stated_in(sentence: PressSentence) -> str:
    """The first figure, cause, confirmation, denial or opinion a clause of the sentence
    states, skipping clauses that ask or decline."""
    raw = sentence.raw
    if sentence.readback:
        # The closing 「对吗」「没错吧」 asks the journalist to confirm their own details.
        raw = _TRAILING_QUESTION.sub("", raw)
    for clause in _CLAUSE.split(raw):
        text = normalize(clause)
        if not text or _ASKS.search(clause) or _DECLINE.search(text):
            continue
        for pattern, kind in _CHECKS:
            if pattern is _FIGURE and (sentence.readback or _CALLS_BACK.search(text)):
                continue
            if pattern is not _CONFIRM and _HEARING.search(sentence.text):
                continue
            if pattern in (_FIGURE, _DENY) and _names_topic(text):
                continue
            if pattern is _STATE and _CALL_WORK.search(text):
                continue
            searched = clause.strip() if pattern is _CONFIRM else text
            for hit in pattern.finditer(searched):
                # 「我个人不好发表看法」「确实不方便回答」 decline to comment.
                if refusal_prefix(normalize(searched[hit.end() :])):
                    continue
                return f"{kind}：{hit.group(0).strip('，,。！! ')}"
    return ""
