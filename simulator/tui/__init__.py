"""The Textual app: sign in, pick a scenario, take the call, read the report, replay.

The UI is an adapter around the engine, the recorder and the grader: it feeds them keys
and clock ticks and draws what they report. Nothing here is imported by the core.
"""

from __future__ import annotations
