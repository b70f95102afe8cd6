"""What an agent's words say about the subject of a journalist's call, in the call.

The words alone are judged by the standards layer (`simulator.standards.press`, shared with
the journalist's branches); the call adds what only it knows: the journalist's own phone
numbers and the agent's staff number may be read back, a sentence repeating the journalist's
details to confirm them is a read-back, and restating the journalist's claim is a comment.
Shared by the media protocol (media.no_comment fails a comment) and the forbidden-phrase
rule (a denial to the press is the media rule's, one slip one fail).
"""

from __future__ import annotations

from difflib import SequenceMatcher

from simulator.grading.view import CallView, Utterance
from simulator.standards import digit_runs, normalize
from simulator.standards.press import (
    asks_to_confirm,
    comment_to_press,
    names_contact,
    press_sentences,
)

PHONE_DIGITS = 7
RESTATE_CHARS = 6
"""An agent utterance sharing this many consecutive characters with the journalist's
words (beyond the allowed wording) restates the journalist's claim."""
READBACK_CHARS = 4
"""A confirmation question sharing this many characters with what the caller said reads
the caller's details back."""


def comment_in(call: CallView, utterance: Utterance) -> str:
    """What `utterance` says about the subject, as "<kind>：<words>", or "".

    Each sentence is judged alone (`comment_to_press`), so a read-back of the journalist's
    details followed by the closing (「跟您核对一下：市电视台民生频道，电话135…，对吗？请问
    还有其他需要吗？」) is a read-back. Phone numbers the caller gave (PHONE_DIGITS+ digits,
    read back) and the agent's own staff number are allowed; a shorter figure the journalist
    said is not the agent's to repeat. Then restating the journalist's claim (RESTATE_CHARS
    consecutive characters of a caller line, outside a read-back).
    """
    numbers = {n for line in call.caller for n in digit_runs(line.text, PHONE_DIGITS)}
    if call.agent_id:
        numbers.add(call.agent_id)
    earlier = [line for line in call.caller if line.t < utterance.t]
    sentences = press_sentences(
        utterance.text, lambda sentence: _reads_back(call, sentence, earlier), numbers
    )
    why = comment_to_press(call.matcher, utterance.text, sentences)
    if why:
        return why
    for sentence in sentences:
        if sentence.readback:
            continue
        for line in call.caller:
            if line.t > utterance.t:
                break
            shared = _longest_common(sentence.text, line.norm)
            if len(shared) >= RESTATE_CHARS:
                return f"复述了记者的说法：{shared}"
    return ""


def _reads_back(call: CallView, sentence: str, earlier: list[Utterance]) -> bool:
    """Whether the sentence reads the journalist's contact details back to confirm them.

    Reading back the phone, the outlet or the time the journalist gave is what the standard
    asks for (「我再和您核实下」), not a comment on the subject: a sentence that names
    contact details (the contact groups, a number the caller gave, or words of the caller's)
    and ends asking for confirmation is judged for causes, confirmations, denials and
    opinions only, never for figures or for repeating the caller's words.
    """
    if not asks_to_confirm(sentence):
        return False
    norm = normalize(sentence)
    return (
        names_contact(call.matcher, sentence)
        or any(number in norm for line in earlier for number in digit_runs(line.text, PHONE_DIGITS))
        or any(len(_longest_common(norm, line.norm)) >= READBACK_CHARS for line in earlier)
    )


def _longest_common(a: str, b: str) -> str:
    match = SequenceMatcher(None, a, b, autojunk=False).find_longest_match(0, len(a), 0, len(b))
    return a[match.a : match.a + match.size]
