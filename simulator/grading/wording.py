"""The standard wording explanations quote: a catalog group's first (model) phrase."""

from __future__ import annotations

import re
from dataclasses import dataclass
from weakref import WeakKeyDictionary

from simulator.standards import Catalog, PhraseMatcher
from simulator.standards.models import NUMBER_PLACEHOLDER

EXAMPLE_NUMBER = "24"
_GAP = re.compile(r"…+|\.\.\.")

_FALLBACK: dict[str, str] = {
    "greeting": "您好",
    "offer_help": "请问有什么可以帮您？",
    "glad_to_serve": "很高兴为您服务",
    "holiday_wish": "节日快乐",
    "weekend_wish": "周末快乐",
    "apology": "非常抱歉，给您添麻烦了",
    "empathy": "您的心情我非常理解",
    "hold_request": "请您稍等，不要挂机",
    "hold_thanks": "感谢您的耐心等待",
    "more_help": "请问还有什么可以帮您？",
    "thanks_for_calling": "感谢您的来电",
    "goodbye": "再见",
    "farewell": "感谢您的来电，祝您生活愉快，再见！",
    "silent_prompt": "请问您能听到我的声音吗？",
    "line_notice": "抱歉，由于电话线路问题，我这里听不到您的声音，请您换部电话或者稍后来电，好吗？",
    "offtopic_redirect": "这里是业务咨询的热线，请问有什么业务方面的问题可以帮到您？",
    "offtopic_end": "非常抱歉，您的需求超出了我们的服务范围，我要挂机了，再见！",
    "media_handoff": "您的查询会有专人负责，我们的同事会尽快与您联系的。",
    "media_contact": "请您留下您的联系电话、单位名称和方便联系的时间",
    "complaint_invite": "您方便把事情的经过向我描述一下么？",
    "complaint_recorded": "我一定会详细记录下来提交给相关的负责人进行核查",
    "commitment": "我们会在24小时内给您答复",
    "readback": "我再和您核实一下，您的号码是……",
}
"""Used only if a trainer's catalog lacks a group (the shipped catalog has them all)."""


@dataclass(frozen=True)
class Wording:
    """Model phrases by group id, read from the matcher's catalog."""

    catalog: Catalog

    @classmethod
    def of(cls, matcher: PhraseMatcher) -> Wording:
        """The wording of the catalog `matcher` matches against (one per matcher)."""
        found = _by_matcher.get(matcher)
        if found is None:
            found = cls(matcher.catalog)
            _by_matcher[matcher] = found
        return found

    def standard(self, group_id: str) -> str:
        """The group's first phrase as a trainee reads it: `{n}` as an example number
        (24), a gap marker (… or ...) as 「……」."""
        if group_id in self.catalog:
            text = self.catalog.group(group_id).phrases[0].text
            return _GAP.sub("……", text.replace(NUMBER_PLACEHOLDER, EXAMPLE_NUMBER))
        return _FALLBACK.get(group_id, group_id)

    def source(self, group_id: str) -> str:
        if group_id in self.catalog:
            return self.catalog.group(group_id).phrases[0].source
        return ""


_by_matcher: WeakKeyDictionary[PhraseMatcher, Wording] = WeakKeyDictionary()
