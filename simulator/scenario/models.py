"""The scenario file format: what a trainer writes, validated strictly.

A scenario reads top to bottom as the call: who calls (persona, voice), how the phone
rings, then the caller's script as named beats. In each beat the caller says its lines,
then waits for the agent; `on` lists what the caller does for each kind of reply (first
match wins), `timeout` what it does when the agent stays silent, `hangup` ends the call.

Every model forbids unknown keys, so a typo (`prsona:`) is an error with a hint, not a
silently ignored line.
"""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any, Literal, get_args

from pydantic import BaseModel, ConfigDict, Field, model_validator

Persona = Literal[
    "standard",
    "angry",
    "silent",
    "offtopic",
    "media",
    "inaudible",
    "dialect",
    "wrong_number",
    "specific_agent",
    "personal_info",
    "callback",
    "complaint",
    "supervisor",
    "out_of_scope",
    "hold",
    "verify",
    "praise",
    "lingering",
    "sales",
    "holiday",
]
"""Personas the grader knows. A persona selects the protocol rules that apply."""

KNOWN_PERSONAS: tuple[str, ...] = get_args(Persona)

PERSONA_TITLES: dict[str, str] = {
    "standard": "普通咨询",
    "angry": "愤怒投诉",
    "silent": "无声电话",
    "offtopic": "骚扰/无关来电",
    "media": "媒体来电",
    "inaudible": "听不清",
    "dialect": "方言",
    "wrong_number": "打错电话",
    "specific_agent": "指定坐席",
    "personal_info": "索要个人信息",
    "callback": "无法当场答复",
    "complaint": "投诉",
    "supervisor": "要求转主管",
    "out_of_scope": "超出服务范围",
    "hold": "保持查询",
    "verify": "信息核实",
    "praise": "表扬致谢",
    "lingering": "通话结束不挂机",
    "sales": "推销来电",
    "holiday": "节日来电",
}

Seconds = Annotated[float, Field(ge=0, le=3600)]


class Strict(BaseModel):
    """Base for every scenario model: unknown keys are errors; values are immutable."""

    # The fields' docstrings are the JSON Schema's descriptions, read from the source by
    # `simulator.scenario.schema` when it writes the schema. Reading them at class creation
    # (pydantic's use_attribute_docstrings) reads and tokenizes this module's source for
    # every class on every start: ~0.03 s of a short command such as `callsim grade`. The
    # validators are built on first use (defer_build): a grade reads its scenario from the
    # compiled cache and never validates one.
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)


class Voice(Strict):
    """How the caller sounds. Rate in words per minute (espeak scale), pitch 0–99."""

    rate: Annotated[int, Field(ge=60, le=400)] = 170
    pitch: Annotated[int, Field(ge=0, le=99)] = 50
    volume: Annotated[float, Field(ge=0.0, le=1.0)] = 0.9


class VoiceChange(Strict):
    """Per-line changes to the persona's voice (an escalating caller speeds up)."""

    rate: Annotated[int, Field(ge=60, le=400)] | None = None
    pitch: Annotated[int, Field(ge=0, le=99)] | None = None
    volume: Annotated[float, Field(ge=0.0, le=1.0)] | None = None


class CallerLine(Strict):
    """One thing the caller says. In YAML a plain string is a line with default voice."""

    text: Annotated[str, Field(min_length=1)]
    rate: Annotated[int, Field(ge=60, le=400)] | None = None
    pitch: Annotated[int, Field(ge=0, le=99)] | None = None
    volume: Annotated[float, Field(ge=0.0, le=1.0)] | None = None
    pause: Seconds = 0.0
    """Silence before this line starts (breathing, hesitation)."""

    @model_validator(mode="before")
    @classmethod
    def _from_string(cls, value: Any) -> Any:
        return {"text": value} if isinstance(value, str) else value

    def voice(self, base: Voice) -> Voice:
        """The persona's voice with this line's changes applied."""
        return Voice(
            rate=self.rate if self.rate is not None else base.rate,
            pitch=self.pitch if self.pitch is not None else base.pitch,
            volume=self.volume if self.volume is not None else base.volume,
        )


class Reaction(Strict):
    """One branch of `on`: when the agent's reply matches, go to another beat.

    Conditions (all given ones must hold; none given means "any reply"):
    - `said`: the reply contains any of these phrases (matched like the grader matches:
      normalized, tolerant of recognition errors);
    - `not_said`: the reply contains none of these phrases;
    - `catalog`: the reply matches any of these standard phrase groups
      (ids from scenarios/standards/, e.g. `offer_help`, `farewell`);
    - `forbidden`: true when the reply uses a forbidden phrase, false when it does not.
    """

    said: list[Annotated[str, Field(min_length=1)]] = Field(default_factory=list)
    not_said: list[Annotated[str, Field(min_length=1)]] = Field(default_factory=list)
    catalog: list[Annotated[str, Field(min_length=1)]] = Field(default_factory=list)
    forbidden: bool | None = None
    goto: str
    delay: Seconds | None = None
    """Seconds the caller takes before answering; default: the scenario's `reaction`."""

    @property
    def unconditional(self) -> bool:
        return not (self.said or self.not_said or self.catalog) and self.forbidden is None


class Timeout(Strict):
    """When the agent says nothing for `after` seconds, the caller speaks up."""

    after: Annotated[float, Field(gt=0, le=600)]
    say: list[CallerLine] = Field(default_factory=list)
    goto: str | None = None
    """Beat to go to after saying `say`; none means stay (the timeout then fires again)."""
    repeat: Annotated[int, Field(ge=1, le=20)] = 1
    """How many times the timeout may fire in this beat before it stops."""

    @model_validator(mode="before")
    @classmethod
    def _say_string(cls, value: Any) -> Any:
        if isinstance(value, dict) and isinstance(value.get("say"), str):
            return {**value, "say": [value["say"]]}
        return value


class Beat(Strict):
    """A moment of the call: the caller says `caller`, then reacts to the agent."""

    caller: list[CallerLine] = Field(default_factory=list)
    on: list[Reaction] = Field(default_factory=list)
    timeout: Timeout | None = None
    hangup: bool = False
    """The caller hangs up after its lines (and `hangup_after` seconds)."""
    hangup_after: Seconds = 1.0
    note: str = ""
    """For the trainer: what this beat is for. Not spoken."""


class Ringing(Strict):
    """The phone rings every `interval` seconds; the caller gives up after `give_up` rings."""

    interval: Annotated[float, Field(gt=0, le=30)] = 3.0
    give_up: Annotated[int, Field(ge=1, le=30)] = 8


class RuleSetting(Strict):
    """A scenario's change to one grading rule: its weight, its thresholds, or off."""

    weight: Annotated[int, Field(ge=0, le=10)] | None = None
    enabled: bool = True
    params: dict[str, float | int | bool | str] = Field(default_factory=dict)


class Script(Strict):
    """The caller's script: named beats, starting at `start` (default: the first)."""

    start: str | None = None
    beats: dict[str, Beat]

    @model_validator(mode="after")
    def _targets_exist(self) -> Script:
        # Dangling targets are reported by the loader with file:line; this guard keeps a
        # Script built in code from ever being inconsistent.
        names = set(self.beats)
        if not names:
            raise ValueError("至少需要一个 beat")
        if self.start is not None and self.start not in names:
            raise ValueError(f"start 指向的 beat '{self.start}' 未定义")
        for name, beat in self.beats.items():
            targets = [r.goto for r in beat.on]
            if beat.timeout and beat.timeout.goto:
                targets.append(beat.timeout.goto)
            for target in targets:
                if target not in names:
                    raise ValueError(f"beat '{name}' 的 goto 指向未定义的 beat '{target}'")
        return self

    @property
    def first_beat(self) -> str:
        return self.start if self.start is not None else next(iter(self.beats))


FactLabel = Annotated[str, Field(min_length=1, max_length=20)]
FactText = Annotated[str, Field(min_length=1, max_length=200)]


class Scenario(Strict):
    """One training call, as a trainer writes it in `scenarios/*.yaml`."""

    id: Annotated[str, Field(pattern=r"^[a-z0-9][a-z0-9-]*$", max_length=64)]
    title: Annotated[str, Field(min_length=1)]
    description: str = ""
    persona: Persona
    difficulty: Annotated[int, Field(ge=1, le=3)] = 1
    trains: str = ""
    """One line on what the scenario trains (shown in the picker and the README table)."""
    org: Annotated[str, Field(min_length=1)]
    call_time: datetime | None = None
    """Simulated date and time of the call (holiday rules); default: now."""
    ringing: Ringing = Field(default_factory=Ringing)
    voice: Voice = Field(default_factory=Voice)
    reaction: Seconds = 0.8
    """Seconds the caller takes to start answering after the agent stops."""
    max_duration: Annotated[float, Field(gt=0, le=3600)] = 300.0
    """The caller hangs up when the call has lasted this long."""
    script: Script
    rules: dict[str, RuleSetting] = Field(default_factory=dict)
    pass_mark: Annotated[int, Field(ge=0, le=100)] = 80
    facts: dict[FactLabel, FactText] = Field(default_factory=dict)
    """What the agent may look up during the call (hours, prizes, addresses), label →
    answer, in the order written. The call screen shows them on the desk card once the
    agent puts the caller on hold, as a real agent finds them while the caller waits."""


class TraineeStep(Strict):
    """One step of a trainee script for headless play.

    `after` counts from the later of the previous step's end and the end of the caller's
    last line, so `after: 1.5` is "reply 1.5 s after the caller stops".
    """

    do: Literal["answer", "say", "hold", "unhold", "hangup"]
    after: Annotated[float, Field(ge=0, le=3600)] = 0.0
    text: str | None = None
    duration: Annotated[float, Field(gt=0, le=600)] | None = None

    @model_validator(mode="after")
    def _text_only_for_say(self) -> TraineeStep:
        if self.do == "say" and not self.text:
            raise ValueError("'say' 步骤需要 text（要说的话）")
        if self.do != "say" and (self.text is not None or self.duration is not None):
            raise ValueError(f"'{self.do}' 步骤不能带 text 或 duration")
        return self
