"""Deciding which of a beat's reactions an agent reply triggers.

The engine only needs a yes/no per reaction; the matching itself (normalization,
pinyin, fuzziness, forbidden-phrase exceptions) is the standards layer's, shared with the
grader, so a branch and a grade never disagree about what the agent said.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Protocol

from simulator.scenario.models import Reaction

if TYPE_CHECKING:
    from simulator.standards import PhraseMatcher


COMMENT_GROUP = "media_comment"
"""`simulator.standards.press.COMMENT_GROUP`, named here so the engine starts without numpy."""


class ReplyMatcher(Protocol):
    def matches(self, text: str, reaction: Reaction) -> bool:
        """Does this agent reply satisfy every condition of the reaction?"""


class StandardsReplyMatcher:
    """Reply matching through the phrase catalog's matcher."""

    def __init__(self, phrases: PhraseMatcher) -> None:
        self._phrases = phrases

    def matches(self, text: str, reaction: Reaction) -> bool:
        if reaction.said and self._phrases.find(text, reaction.said) is None:
            return False
        if reaction.not_said and self._phrases.find(text, reaction.not_said) is not None:
            return False
        if reaction.catalog and not self._any_group(text, reaction.catalog):
            return False
        if reaction.forbidden is not None:
            used_forbidden = bool(self._phrases.forbidden(text))
            if used_forbidden != reaction.forbidden:
                return False
        return True

    def _any_group(self, text: str, groups: Sequence[str]) -> bool:
        return any(self._says(text, group) for group in groups)

    def _says(self, text: str, group: str) -> bool:
        # A comment to the press is whatever media.no_comment fails in the reply's words
        # (figures, causes, confirmations, denials, opinions, the catalog's reading), not
        # only the group's own wording: the journalist reacts to what the grade fails.
        if group == COMMENT_GROUP:
            from simulator.standards.press import comment_to_press  # noqa: PLC0415 - start-up

            return bool(comment_to_press(self._phrases, text))
        return self._phrases.find_group(text, group) is not None


def default_reply_matcher() -> StandardsReplyMatcher:
    """The matcher over the default phrase catalog (loaded once per process)."""
    # The catalog's matcher brings pypinyin and numpy: not while the app starts.
    from simulator.standards import default_matcher  # noqa: PLC0415

    return StandardsReplyMatcher(default_matcher())


def first_reaction(
    matcher: ReplyMatcher, text: str, reactions: Sequence[Reaction]
) -> Reaction | None:
    """The first reaction whose conditions the reply meets (order is the trainer's)."""
    for reaction in reactions:
        if matcher.matches(text, reaction):
            return reaction
    return None
