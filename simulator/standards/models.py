"""The phrase catalog's file format (scenarios/standards/*.yaml) as pydantic models.

A catalog file has two lists:

```yaml
groups:
  - id: offer_help                 # snake_case; rules and scenarios refer to it
    title: 询问需求
    phrases:                       # the standard wording, best first, each with its clause
      - text: 请问有什么可以帮您？
        source: "002 常规开头语"
    keywords: [有什么可以帮您, 为您服务]   # short cores that count on their own
forbidden:
  - text: 不清楚
    source: "000 服务禁用语"
    instead: 对不起，您咨询的问题我暂时无法确定，需要核实后再回复您。
    exceptions: [听不清楚]          # standard wording that contains it and is fine
    standalone: false              # true: only wrong as a lone word or an opener (喂)
```

Phrase texts may hold `{n}` (any number, in Arabic or Chinese numerals: 「{n}小时内给您答复」)
and `…` (anything in between, in order: 「感谢您的来电…再见」).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    ValidationInfo,
    field_validator,
)

from simulator.standards.normalize import normalize
from simulator.standards.patterns import PatternError, check_pattern

GROUP_ID_PATTERN = r"^[a-z][a-z0-9]*(?:_[a-z0-9]+)*$"
NUMBER_PLACEHOLDER = "{n}"
GAP_MARKERS = ("…", "...")
_BRACES = re.compile(r"\{[^}]*\}")
_GROUP_ID = re.compile(GROUP_ID_PATTERN)

REQUIRED_GROUPS: tuple[str, ...] = (
    "greeting", "offer_help", "glad_to_serve", "holiday_wish", "weekend_wish", "apology",
    "empathy", "hold_request", "hold_thanks", "more_help", "thanks_for_calling", "goodbye",
    "farewell", "silent_prompt", "line_notice", "offtopic_redirect", "offtopic_end",
    "media_handoff", "media_contact", "complaint_invite", "complaint_recorded", "commitment",
    "readback", "speak_up", "ask_mandarin", "wrong_number", "out_of_scope", "praise_reply",
    "verify_mismatch", "callback_request",
)  # fmt: skip
"""Group ids the grader and the scenario files rely on; the shipped catalog has them all."""

Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]


def _check_phrase_text(text: str) -> str:
    for placeholder in _BRACES.findall(text):
        if placeholder != NUMBER_PLACEHOLDER:
            raise ValueError(f"未知的占位符 {placeholder}：只能用 {NUMBER_PLACEHOLDER}（任意数字）")
    plain = text.replace(NUMBER_PLACEHOLDER, "")
    for marker in GAP_MARKERS:
        plain = plain.replace(marker, "")
    if not normalize(plain) and NUMBER_PLACEHOLDER not in text:
        raise ValueError("用语里没有文字（只有标点或空格）")
    return text


def _snake_id(value: str, what: str, example: str) -> str:
    if not _GROUP_ID.fullmatch(value):
        raise ValueError(
            f"{what} '{value}' 只能用小写英文字母、数字和下划线（snake_case），如 {example}"
        )
    return value


def _valid_pattern(pattern: str) -> str:
    try:
        return check_pattern(pattern)
    except PatternError as error:
        raise ValueError(f"模式「{pattern}」：{error}") from None


class _Strict(BaseModel):
    # defer_build: the validators are built when a file is first validated, not at import;
    # a catalog read from the disk cache (every command's usual start) never needs them.
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)


class Phrase(_Strict):
    """One standard phrase and the clause of the standards it comes from."""

    text: Text
    source: Text

    @field_validator("text")
    @classmethod
    def _text(cls, value: str) -> str:
        return _check_phrase_text(value)


class PhraseGroup(_Strict):
    """Phrases that do the same job (offering help, thanking for the call …)."""

    id: str
    title: Text
    phrases: Annotated[list[Phrase], Field(min_length=1)]
    keywords: list[Text] = Field(default_factory=list)
    """Short cores that signal the group on their own (matched like phrases)."""
    patterns: list[Text] = Field(default_factory=list)
    """The move's meaning-bearing parts with their alternatives (see `patterns.py`):
    「还(有|需要)(什么|其他|其它|别的)…(帮|帮助|问题|需要)」 accepts everyday rewordings."""
    exceptions: list[Text] = Field(default_factory=list)
    """Patterns of wording that resembles the move and is not it; a pattern match inside
    one does not count (「还有什么可以帮您」 is the closing question, not the opening offer)."""
    negatable: bool = True
    """A negation right in front of a match cancels it (「没办法陪您聊天」 is no agreement to
    chat). False where the standard wording itself is a negation."""
    weak: list[Text] = Field(default_factory=list)
    """Patterns that make the move only in a turn that does not turn it down: a laugh or
    「您真逗」 plays along with a chatting caller, but not in a turn that also makes an
    `opposite` move or says one of the `exceptions` (「哈哈，您真幽默，不过上班时间我不能闲聊」
    「嘿嘿，您真会开玩笑。咱回到业务上来」)."""
    requires: list[Text] = Field(default_factory=list)
    """Patterns of which one must be in the utterance before the learned model may credit
    the move (a commitment needs a number: 「几个小时内」 is not one)."""
    refusable: bool = False
    """A refusal right after a match cancels it too (「聊天这个真没办法」): for moves a
    trainee names in order to decline them (agreeing to chat, commenting to the press)."""
    read_back: bool = False
    """The move asks for something the caller tells (a number, an outlet, a time). Said in
    a sentence that ends by asking for confirmation (「明天下午三点方便联系，对吗？」), the
    wording reads back what the caller said: it asks nothing, and states nothing of its own."""
    asks: bool = False
    """The move is a question or request for the caller (their number, outlet, a time): a
    match counts only in a sentence that asks something (a question word or particle, a
    question mark, 请/麻烦/留/告诉我 …). 「领导电话我给您」 names a number and asks for none."""
    opposite: list[str] = Field(default_factory=list)
    """Groups that say the opposite (agree_to_chat ↔ offtopic_redirect): a keyword found in
    both can be meant either way, so a branch should use the group, not the keyword."""
    includes: list[str] = Field(default_factory=list)
    """Groups whose every move is this move too: asking for a contact number (ask_phone) is
    asking the caller to leave one (callback_request, titled 请客户留下联系电话). One level:
    an included group includes nothing itself."""
    part_of: list[str] = Field(default_factory=list)
    """Groups a move of this one is a part of when both are said: the closed question that
    steers a chatting caller back to business (「我们只受理燃气业务，您有这方面的问题吗」) is
    the redirect's (offtopic_redirect), not an offer of help of its own. An open question
    (「…您要办理什么业务？」) or a standard phrase of this group said word for word still counts
    as this move too."""
    misstep: bool = False
    """The group names a misstep another rule fails (agreeing to chat, commenting to the
    press). A line recognized as one is graded by that rule, so the learned model does not
    flag it as a brush-off as well: one slip, one fail. Patterns still do."""
    note: str = ""
    """For trainers: when the group applies. Not shown to trainees."""

    @property
    def said_by_caller(self) -> bool:
        """Whether the group is what callers say (ids starting caller_, the library's
        来电者说法): rules look for it in caller lines, and no agent wording applies to it."""
        return self.id.startswith("caller_")

    @field_validator("id")
    @classmethod
    def _id(cls, value: str) -> str:
        return _snake_id(value, "用语组 id", "offer_help")

    @field_validator("keywords")
    @classmethod
    def _keywords(cls, value: list[str]) -> list[str]:
        return [_check_phrase_text(keyword) for keyword in value]

    @field_validator("patterns", "weak", "exceptions", "requires")
    @classmethod
    def _patterns(cls, value: list[str]) -> list[str]:
        return [_valid_pattern(pattern) for pattern in value]

    @property
    def texts(self) -> tuple[str, ...]:
        """Every phrase text and keyword, phrases first."""
        return tuple(phrase.text for phrase in self.phrases) + tuple(self.keywords)


class ForbiddenPhrase(_Strict):
    """A 服务禁用语: what must not be said, where the rule comes from, what to say instead."""

    text: Text
    source: Text
    instead: Text
    """The standard phrase to use instead, shown to the trainee."""
    exceptions: list[Text] = Field(default_factory=list)
    """Standard wording that contains `text` and is fine (听不清楚 for 不清楚)."""
    standalone: bool = False
    """Only forbidden as a whole clause or at the very start of an utterance (喂)."""
    family: str = ""
    """The family (`families:` in the catalog) this phrase belongs to, for the evidence."""
    note: str = ""

    @field_validator("text")
    @classmethod
    def _text(cls, value: str) -> str:
        if NUMBER_PLACEHOLDER in value or any(marker in value for marker in GAP_MARKERS):
            raise ValueError("禁用语里不能用 {n} 或 …")
        if not normalize(value):
            raise ValueError("禁用语里没有文字（只有标点或空格）")
        return value

    @field_validator("exceptions")
    @classmethod
    def _exceptions(cls, value: list[str], info: ValidationInfo) -> list[str]:
        text = info.data.get("text")
        if isinstance(text, str):
            core = normalize(text)
            for exception in value:
                if core not in normalize(exception):
                    raise ValueError(f"例外「{exception}」不包含禁用语「{text}」，它不会起作用")
        return value


class ForbiddenFamily(_Strict):
    """A family of 服务禁用语 (impatience, blame-shifting …) recognized by patterns.

    Public lists of forbidden phrases differ in wording but agree on the families; a
    family's patterns catch its members however they are worded. `exceptions` are patterns
    of polite wording that contains a member and is fine; a hit inside one is excused.
    """

    id: str
    title: Text
    source: Text
    instead: Text
    patterns: Annotated[list[Text], Field(min_length=1)]
    exceptions: list[Text] = Field(default_factory=list)
    bare: list[Text] = Field(default_factory=list)
    """Patterns that are forbidden only when bare: when nothing in the utterance matches
    `unless` (「办不了。」 is a brush-off; 「抱歉，这边办不了，建议您到营业厅办理」 is not)."""
    unless: list[Text] = Field(default_factory=list)
    answered_by: list[Text] = Field(default_factory=list)
    """Patterns of what this family's brush-off withholds (a next step, an alternative):
    said in the same turn, they excuse the learned model's verdict of this family, as
    `unless` excuses a bare pattern (「这个我也不知道怎么回事，您能详细说说吗？」)."""
    standard: list[str] = Field(default_factory=list)
    """Catalog groups of standard moves: a hit inside one of them is excused, with the
    groups' tolerance for recognition errors (「千里大声一点」 is 「请您大声一点」)."""
    note: str = ""

    @field_validator("id")
    @classmethod
    def _id(cls, value: str) -> str:
        return _snake_id(value, "禁用语类别 id", "impatience")

    @field_validator("patterns", "exceptions", "bare", "unless", "answered_by")
    @classmethod
    def _patterns(cls, value: list[str]) -> list[str]:
        return [_valid_pattern(pattern) for pattern in value]


class CatalogFile(_Strict):
    """One file of scenarios/standards/."""

    groups: list[PhraseGroup] = Field(default_factory=list)
    forbidden: list[ForbiddenPhrase] = Field(default_factory=list)
    families: list[ForbiddenFamily] = Field(default_factory=list)

    @field_validator("groups")
    @classmethod
    def _unique_ids(cls, value: list[PhraseGroup]) -> list[PhraseGroup]:
        seen: set[str] = set()
        for group in value:
            if group.id in seen:
                raise ValueError(f"用语组 {group.id} 在本文件中出现了两次")
            seen.add(group.id)
        return value


@dataclass(frozen=True, eq=False)
class Catalog:
    """The whole catalog: every file of the standards folder merged."""

    groups: dict[str, PhraseGroup]
    forbidden: tuple[ForbiddenPhrase, ...]
    files: tuple[Path, ...] = field(default=())
    families: dict[str, ForbiddenFamily] = field(default_factory=dict)

    def group(self, group_id: str) -> PhraseGroup:
        """The group with this id; KeyError if the catalog has none."""
        return self.groups[group_id]

    def __contains__(self, group_id: object) -> bool:
        return group_id in self.groups
