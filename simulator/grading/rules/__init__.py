"""The rule functions, one module per family, looked up by rule id."""

from __future__ import annotations

from collections.abc import Callable

from simulator.grading.context import RuleContext
from simulator.grading.model import RuleResult
from simulator.grading.rules import (
    closing,
    complaint,
    confirm,
    courtesy,
    forbidden,
    hold,
    library_flow,
    library_followup,
    library_line,
    library_requests,
    media,
    offtopic,
    opening,
    response,
    silent,
    voice,
)
from simulator.grading.view import CallView

Check = Callable[[CallView, RuleContext], RuleResult]

CHECKS: dict[str, Check] = {
    **opening.CHECKS,
    **courtesy.CHECKS,
    **forbidden.CHECKS,
    **response.CHECKS,
    **hold.CHECKS,
    **confirm.CHECKS,
    **closing.CHECKS,
    **voice.CHECKS,
    **silent.CHECKS,
    **offtopic.CHECKS,
    **media.CHECKS,
    **complaint.CHECKS,
    **library_line.CHECKS,
    **library_requests.CHECKS,
    **library_followup.CHECKS,
    **library_flow.CHECKS,
}
"""Every rule id of the catalog and the function that decides it."""

__all__ = ["CHECKS", "Check"]
