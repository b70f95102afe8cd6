"""The rule functions, one module per id prefix (`complaint.py` holds every `complaint.*`).

Importing this package registers every rule (`simulator.grading.registry`); the catalog
is built from that registry. A new module is listed here once so that it registers.
"""

from __future__ import annotations

from simulator.grading.rules import (
    answer,
    callback,
    closing,
    complaint,
    confirm,
    courtesy,
    dialect,
    forbidden,
    hold,
    inaudible,
    lingering,
    media,
    offtopic,
    opening,
    out_of_scope,
    personal_info,
    praise,
    response,
    sales,
    silent,
    specific_agent,
    supervisor,
    verify,
    voice,
    wrong_number,
)

MODULES = (
    answer,
    opening,
    courtesy,
    forbidden,
    response,
    hold,
    confirm,
    closing,
    voice,
    silent,
    offtopic,
    media,
    complaint,
    inaudible,
    dialect,
    wrong_number,
    specific_agent,
    personal_info,
    callback,
    supervisor,
    out_of_scope,
    verify,
    praise,
    lingering,
    sales,
)
"""Every rule module, in the order new rules are listed after the catalog's own order."""

__all__ = ["MODULES"]
