"""The caller's surname, from how callers give it: 「我姓王」「免贵姓张」「我是李女士」.

Only known surnames count (the common single ones of 百家姓 and today's usage, and the
compound ones), so 「姓名」 or 「老百姓都说」 give nothing.
"""

from __future__ import annotations

import re
from functools import lru_cache

from simulator.standards.normalize import clauses

COMPOUND_SURNAMES: tuple[str, ...] = (
    "欧阳", "司马", "上官", "诸葛", "东方", "皇甫", "尉迟", "公孙", "慕容", "长孙", "宇文",
    "司徒", "令狐", "夏侯", "轩辕", "端木", "独孤", "南宫", "西门", "百里", "呼延", "闻人",
    "万俟", "澹台", "公冶", "太史", "申屠", "钟离", "濮阳", "淳于", "单于", "赫连", "拓跋",
    "完颜", "司空", "东郭", "第五", "左丘", "梁丘", "乐正", "纳兰",
)  # fmt: skip

SURNAMES: frozenset[str] = frozenset(
    "赵钱孙李周吴郑王冯陈褚卫蒋沈韩杨朱秦尤许何吕施张孔曹严华金魏陶姜戚谢邹喻柏水窦章云苏潘"
    "葛奚范彭郎鲁韦昌马苗凤花方俞任袁柳酆鲍史唐费廉岑薛雷贺倪汤滕殷罗毕郝邬安常乐于时傅皮卞齐"
    "康伍余元卜顾孟平黄和穆萧尹姚邵湛汪祁毛禹狄米贝明臧计伏成戴谈宋茅庞熊纪舒屈项祝董梁杜阮蓝"
    "闵席季麻强贾路娄危江童颜郭梅盛林刁钟徐邱骆高夏蔡田樊胡凌霍虞万支柯昝管卢莫经房裘缪干解应"
    "宗丁宣贲邓郁单杭洪包诸左石崔吉钮龚程嵇邢滑裴陆荣翁荀羊惠甄曲家封芮羿储靳汲邴糜松井段富巫"
    "乌焦巴弓牧隗山谷车侯宓蓬全郗班仰秋仲伊宫宁仇栾暴甘钭厉戎祖武符刘景詹束龙叶幸司韶郜黎蓟薄"
    "印宿白怀蒲邰从鄂索咸籍赖卓蔺屠蒙池乔阴胥能苍双闻莘党翟谭贡劳逄姬申扶堵冉宰郦雍璩桑桂濮牛"
    "寿通边扈燕冀郏浦尚农温别庄晏柴瞿阎充慕连茹习宦艾鱼容向古易慎戈廖庾终暨居衡步都耿满弘匡国"
    "文寇广禄阙东欧殳沃利蔚越夔隆师巩厍聂晁勾敖融冷訾辛阚那简饶空曾毋沙乜养鞠须丰巢关蒯相查后"
    "荆红游竺权逯盖益桓公付肖覃岳闫佟涂揭冼粟敬代苟兰帅禤邝甯原"
)

_COMPOUND = "|".join(COMPOUND_SURNAMES)
_NAME = rf"(?P<name>{_COMPOUND}|\w)"
_PATTERNS: tuple[re.Pattern[str], ...] = (
    # 「我姓王」「免贵姓张」「对，姓欧阳」 (a clause may also just start with 姓); 「姓张的」
    # describes somebody else (「姓张的那个姑娘」), not the speaker.
    re.compile(rf"(?:^|我|免贵|本人|鄙人|就|是|对|嗯|啊|哦|呃)姓{_NAME}(?!的)"),
    # 「我是王先生」「我是欧阳女士」
    re.compile(rf"我(?:是|就是|叫){_NAME}(?:先生|女士|小姐|老师|师傅)"),
    # 「叫我小王就行」
    re.compile(rf"叫我(?:小|老){_NAME}"),
    # 「我叫王小明」 (a whole clause, so 「我叫车来接我」 is no name).
    re.compile(rf"^我叫{_NAME}\w{{1,2}}$"),
)


def _known(name: str) -> bool:
    return name in COMPOUND_SURNAMES or (len(name) == 1 and name in SURNAMES)


@lru_cache(maxsize=16384)
def surname(text: str) -> str | None:
    """The surname the speaker gives in `text`, or None.

    Recognizes 「我姓王」「免贵姓王」「姓欧阳」「我是王先生/女士/小姐」「叫我小王」 and a
    full name given as 「我叫王小明」; compound surnames (欧阳, 司马, 诸葛 …) are kept whole.
    Works on normalized text, so Traditional characters and punctuation do not matter.
    """
    for clause in clauses(text):
        if "不姓" in clause:
            continue
        for pattern in _PATTERNS:
            for match in pattern.finditer(clause):
                name = match.group("name")
                if _known(name):
                    return name
    return None
