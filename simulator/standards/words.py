"""Word classes a catalog pattern may name: `{feeling}` stands for any word of its class.

A move is often recognized by the kind of word it holds rather than by one word: empathy names
how the caller feels, in whatever word (「憋屈」「糟心」「七上八下」「不是滋味」). A class keeps
that vocabulary in one place, so every pattern that needs it reads the same list and a word
added here reaches all of them.

Single characters (急, 气, 火, 怕, 累) are left out on purpose: with `…` between them and a
frame they would be found inside unrelated words (天气, 急诊); patterns that want them spell
them out next to their frame.
"""

from __future__ import annotations

FEELINGS = (
    # Worry and fear
    "着急", "焦急", "心急", "急坏", "焦虑", "担心", "担忧", "害怕", "紧张", "不安", "不踏实",
    "不放心", "慌张", "心慌", "发慌", "七上八下", "提心吊胆", "吓着", "吓坏", "吓人", "捏把汗",
    # Anger and grievance
    "生气", "气人", "气坏", "恼火", "窝火", "上火", "火大", "来气", "憋气", "憋火", "发火",
    "有火气", "有情绪", "委屈", "憋屈", "冤枉", "挺冤", "不公平", "不痛快", "不甘心", "窝心",
    "膈应", "寒心", "心寒",
    # Distress and disappointment
    "难受", "不好受", "不舒服", "难过", "伤心", "心酸", "失望", "郁闷", "烦心", "闹心",
    "糟心", "堵心", "揪心", "心疼", "扫兴", "不是滋味", "哭笑不得", "无奈", "头疼", "头大",
    "烦躁", "烦人", "受不了", "崩溃",
    # Strain
    "辛苦", "不容易", "受罪", "遭罪", "受累", "累坏", "煎熬", "折腾", "够呛", "够受",
)  # fmt: skip
"""How a caller may feel, in the words agents use to name it."""

SERVICES = (
    # Utilities and transport
    "供电", "电力", "国家电网", "南方电网", "燃气", "天然气", "煤气", "自来水", "供水", "水务",
    "供热", "供暖", "热力", "公交", "地铁", "铁路", "航空", "机场", "高速", "ETC", "出租车",
    # Telecom and media
    "移动", "联通", "电信", "广电", "有线电视", "宽带",
    # Money, goods and post
    "银行", "信用卡", "保险", "车险", "证券", "福彩", "体彩", "彩票", "快递", "邮政", "物流",
    "售后", "家电", "物业",
    # Health and public services
    "医院", "卫生院", "门诊", "急救", "社保", "医保", "税务", "公积金", "政务", "市民",
    "便民", "民政", "人社", "交警", "出入境", "消协", "房管", "教育", "招生", "旅游", "景区",
)  # fmt: skip
"""The kinds of line or organization an agent names when answering (「供电热线」「ETC客服」)."""

SOMEONE_ELSE = (
    # People: colleagues, superiors, the trade's own staff
    "同事", "主任", "主管", "领导", "经理", "站长", "班长", "组长", "负责人", "联络人", "发言人",
    "专人", "专员", "工作人员", "相关人员", "人员", "师傅", "工程师", "技术员", "网格员", "管家",
    "医生", "护士", "老师", "商家", "卖家", "厂家", "快递员", "对接人", "经办人",
    "承办人", "的人",
    # Any staff by the ending of their role (定损员, 查勘员, 行长, 所长)
    "员", "长",
    # Offices
    "部门", "相关部门", "有关部门", "承办部门", "承办单位", "科室", "网点", "门诊部", "宣传部",
    "办公室", "街道办", "物业", "车站", "保险公司",
    # Pronouns and "somebody"
    "他", "她", "他们", "她们", "有人", "对方",
)  # fmt: skip
"""Who, other than the agent, may get back to the caller (「主管会在两个工作日内给您回电」): a
promise made for them hands the matter on; it is not the agent's own callback. (大夫 is left
out: by sound it is 答复, the very word of a callback.)"""

OFFICES = (
    # Lines and services
    "热线", "专线", "客服", "中心", "服务台", "咨询台", "接待台", "接警台", "平台", "售后",
    "窗口", "前台",
    # Companies and trades
    "公司", "集团", "银行", "保险", "财险", "人寿", "寿险", "移动", "联通", "电信", "电网",
    "燃气", "水务", "航空", "物流", "快递", "速运", "物业", "商城", "营业厅", "营业点", "门店",
    "分店", "专卖店", "旗舰店", "餐厅", "饭店", "酒店", "酒楼", "饭馆", "菜馆", "茶餐厅",
    # Public bodies, schools, hospitals and their rooms
    "医院", "卫生院", "学校", "中学", "小学", "幼儿园", "招生办", "办公室", "居委会", "街道办",
    "派出所", "大队", "分局", "税务局", "公安局", "教育局", "管理局", "服务厅", "大厅",
    "挂号处", "挂号室", "收费处", "护士站", "急救站", "服务站", "监控室", "门卫室", "值班室",
    "病案室", "检验科", "病区",
)  # fmt: skip
"""What an agent's own office or line is called by its ending, when it is named in a clause of
its own (「您好，长江路派出所，…」「中医院挂号处，您好」). Only the ending is listed: the
name before it is anything. Single characters (局, 所, 室, 店) are left out: by sound they are
also 据, 说, 是, 点."""

WORD_CLASSES: dict[str, tuple[str, ...]] = {
    "feeling": FEELINGS,
    "service": SERVICES,
    "someone_else": SOMEONE_ELSE,
    "office": OFFICES,
}
"""Each class by the name patterns write between braces."""
