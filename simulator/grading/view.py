"""The call as the rules see it: one precomputed, time-ordered view of a recording.

Building the view once per call keeps each rule small and makes every rule agree on the
same facts: who spoke when, when the call was answered and ended, where the holds were.
Recordings are taken as they are (a trainer may write one by hand), so the view is
forgiving: events are sorted stably by time, duplicated toggles are folded, and anything
after the first hangup is not part of the call.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from types import MappingProxyType

from simulator.grading.registry import ParamValue
from simulator.recording import Answer, Event, Hangup, Hold, Recording, Ring, Say
from simulator.standards import ForbiddenHit, Match, PhraseMatcher, normalize

_WORD_REST = ".{0,2}?(?:的)?(?:客户服务|服务|客服)?"
"""Between two characters of a short form: the rest of the first one's word."""


@dataclass(frozen=True)
class Utterance:
    """One `say` event: `index` is its position among all utterances of the call."""

    index: int
    who: str
    t: float
    end: float
    text: str
    norm: str
    """The text normalized as the matcher sees it (Simplified, no punctuation or spaces)."""
    confidence: float | None = None
    """The recognizer's confidence when the text came from speech recognition."""

    @property
    def duration(self) -> float:
        return max(0.0, self.end - self.t)


@dataclass(frozen=True)
class HoldSpan:
    """One hold: from `start` to `end`; `ended` is false when the call stopped on hold."""

    start: float
    end: float
    ended: bool

    @property
    def duration(self) -> float:
        return max(0.0, self.end - self.start)


@dataclass
class CallView:
    """Everything the rules need about one call, computed once.

    `params` holds, for each rule id, its thresholds after scenario overrides.
    `group()` and `forbidden()` memoize phrase matching per utterance, because several
    rules ask the same question of the same utterance.
    """

    persona: str
    input_kind: str
    org: str
    agent_id: str
    call_time: datetime | None
    events: tuple[Event, ...]
    rings: tuple[Ring, ...]
    answer: float | None
    hangup: Hangup | None
    utterances: tuple[Utterance, ...]
    holds: tuple[HoldSpan, ...]
    end_time: float
    complete: bool
    matcher: PhraseMatcher
    params: Mapping[str, Mapping[str, ParamValue]] = field(default_factory=dict)
    agent: tuple[Utterance, ...] = ()
    caller: tuple[Utterance, ...] = ()
    _groups: dict[tuple[int, str], Match | None] = field(default_factory=dict, repr=False)
    _forbidden: dict[int, list[ForbiddenHit]] = field(default_factory=dict, repr=False)
    _finds: dict[tuple[int, tuple[str, ...]], Match | None] = field(
        default_factory=dict, repr=False
    )

    def __post_init__(self) -> None:
        self.agent = tuple(u for u in self.utterances if u.who == "agent")
        self.caller = tuple(u for u in self.utterances if u.who == "caller")

    @property
    def opening(self) -> Utterance | None:
        """The agent's first utterance: the greeting."""
        return self.agent[0] if self.agent else None

    @property
    def ended(self) -> bool:
        """Somebody hung up: the end of the call is in the recording."""
        return self.hangup is not None

    def group(self, utterance: Utterance, group_id: str) -> Match | None:
        """Whether `utterance` says a phrase of catalog group `group_id` (memoized).

        A group the catalog does not have (a trainer's trimmed catalog) matches nothing.
        """
        key = (utterance.index, group_id)
        if key not in self._groups:
            found = None
            if group_id in self.matcher.catalog:
                found = self.matcher.find_group(utterance.text, group_id)
            self._groups[key] = found
        return self._groups[key]

    def says(
        self, utterance: Utterance, groups: tuple[str, ...] = (), phrases: tuple[str, ...] = ()
    ) -> str | None:
        """What in `utterance` says one of `phrases` or a phrase of `groups`, or None.

        Exact phrases first (cheap), then the catalog groups (tolerant of recognition
        errors). The phrases are matched tolerantly too, but only when the catalog has
        none of the groups: a catalog group is the trainers' say on what counts.
        """
        for phrase in phrases:
            if phrase in utterance.norm:
                return phrase
        known = False
        for group_id in groups:
            known = known or group_id in self.matcher.catalog
            match = self.group(utterance, group_id)
            if match is not None:
                return match.span
        if phrases and not known:
            match = self.find(utterance, phrases)
            if match is not None:
                return match.span
        return None

    def forbidden(self, utterance: Utterance) -> list[ForbiddenHit]:
        """The forbidden phrases `utterance` contains (memoized)."""
        if utterance.index not in self._forbidden:
            self._forbidden[utterance.index] = self.matcher.forbidden(utterance.text)
        return self._forbidden[utterance.index]

    def find(self, utterance: Utterance, phrases: tuple[str, ...]) -> Match | None:
        """Whether `utterance` says any of `phrases` (tolerant matching, memoized)."""
        key = (utterance.index, phrases)
        if key not in self._finds:
            self._finds[key] = self.matcher.find(utterance.text, phrases)
        return self._finds[key]

    def names_org(self, utterance: Utterance) -> str:
        """The words of `utterance` that name this call's organization, or "".

        Tolerant of recognition errors, and of the name said in full where the scenario
        gives its short form: a Chinese short form keeps a character of each word in
        order (福彩热线 is 福利彩票的服务热线), so the org's characters in order name it
        too, each word at most two characters longer, with 的服务 / 客服 allowed between
        (福建彩虹公司热线 is another line).
        """
        if not self.org:
            return ""
        found = self.find(utterance, (self.org,))
        if found is not None:
            return found.span
        short = normalize(self.org)
        if len(short) < 3:
            return ""
        spread = re.compile(_WORD_REST.join(map(re.escape, short)))
        hit = spread.search(utterance.norm)
        return hit.group(0) if hit else ""

    def first_group(
        self, utterances: tuple[Utterance, ...] | list[Utterance], *group_ids: str
    ) -> tuple[Utterance, Match] | None:
        """The first of `utterances` that says a phrase of any of `group_ids`."""
        for utterance in utterances:
            for group_id in group_ids:
                found = self.group(utterance, group_id)
                if found is not None:
                    return utterance, found
        return None

    def agent_after(self, t: float) -> tuple[Utterance, ...]:
        """Agent utterances starting at or after `t`."""
        return tuple(u for u in self.agent if u.t >= t)

    def on_hold_at(self, t: float) -> bool:
        """Whether the caller is on hold at `t` (a hold never ended lasts to the end)."""
        return any(h.start <= t < h.end or (h.start <= t and not h.ended) for h in self.holds)


def build_view(
    recording: Recording,
    *,
    matcher: PhraseMatcher,
    params: Mapping[str, Mapping[str, ParamValue]],
    fallback_call_time: datetime | None = None,
) -> CallView:
    """Sort, fold and cut the recording's events into a CallView."""
    ordered = recording.in_time_order()
    hangup = next((e for e in ordered if isinstance(e, Hangup)), None)
    if hangup is not None:
        # The first hangup ends the call; a stray line after it is not part of the call.
        ordered = [e for e in ordered if e.t <= hangup.t]
    answer = next((e.t for e in ordered if isinstance(e, Answer)), None)
    utterances = tuple(
        Utterance(
            index=i,
            who=e.who,
            t=e.t,
            end=max(e.t, e.end),
            text=e.text,
            norm=normalize(e.text),
            confidence=e.asr.confidence if e.asr is not None and not e.corrected else None,
        )
        for i, e in enumerate(e for e in ordered if isinstance(e, Say))
    )
    end_time = max((max(e.t, e.end) if isinstance(e, Say) else e.t for e in ordered), default=0.0)
    if hangup is not None:
        end_time = hangup.t
    header = recording.header
    return CallView(
        persona=header.persona,
        input_kind=header.input,
        org=header.org,
        agent_id=header.agent_id,
        call_time=parse_call_time(header.call_time) or fallback_call_time,
        events=tuple(ordered),
        rings=tuple(e for e in ordered if isinstance(e, Ring)),
        answer=answer,
        hangup=hangup,
        utterances=utterances,
        holds=_hold_spans(ordered, end_time),
        end_time=end_time,
        complete=recording.complete,
        matcher=matcher,
        params=MappingProxyType(dict(params)),
    )


def parse_call_time(text: str) -> datetime | None:
    """The header's ISO 8601 `call_time`, or None when absent or unreadable."""
    if not text:
        return None
    try:
        return datetime.fromisoformat(text)
    except ValueError:
        return None


def _hold_spans(ordered: list[Event], end_time: float) -> tuple[HoldSpan, ...]:
    """Hold toggles as intervals; a repeated `on` or a stray `off` changes nothing."""
    spans: list[HoldSpan] = []
    start: float | None = None
    for event in ordered:
        if not isinstance(event, Hold):
            continue
        if event.on and start is None:
            start = event.t
        elif not event.on and start is not None:
            spans.append(HoldSpan(start, event.t, ended=True))
            start = None
    if start is not None:
        spans.append(HoldSpan(start, max(start, end_time), ended=False))
    return tuple(spans)
