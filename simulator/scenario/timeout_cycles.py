"""Timeouts that go round in silence: a script mistake `callsim validate` reports.

When the agent says nothing, a beat's `timeout` fires and may `goto` another beat. If
following such timeouts leads back to a beat already passed and nothing is said on the
way (no `say:` on those timeouts, no `caller:` lines in the beats entered, no hang-up),
the caller waits in silence from beat to beat until `max_duration` ends the call. The
engine survives that; a trainer still wants to hear of it before a trainee does.

Works on the plain YAML data, like the other checks, and skips anything of the wrong
shape (the model's own validation reports that).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from simulator.yamlpos import Problem, YamlDocument

HINT = (
    "坐席不说话时通话会原地空转到 max_duration：给其中一个 timeout 加上 say:，"
    "或给其中一个 beat 加上 caller: 台词，或让 timeout 跳到会说话或挂机的 beat"
)


def silent_timeout_cycles(beats: Mapping[str, Any]) -> list[list[str]]:
    """Every cycle of silent timeout jumps once, its beats in jump order, starting with
    the one written first in the file."""
    jumps = {name: target for name in beats if (target := _silent_jump(beats, name))}
    order = {name: index for index, name in enumerate(beats)}
    cycles: list[list[str]] = []
    done: set[str] = set()
    for start in beats:
        path: list[str] = []
        node: str | None = start
        # Each beat has at most one timeout, so following jumps is a walk, not a search.
        while node is not None and node not in done and node not in path:
            path.append(node)
            node = jumps.get(node)
        if node is not None and node in path:
            cycle = path[path.index(node) :]
            first = min(range(len(cycle)), key=lambda i: order[cycle[i]])
            cycles.append(cycle[first:] + cycle[:first])
        done.update(path)
    return cycles


def timeout_cycle_problems(doc: YamlDocument, beats: Mapping[str, Any]) -> list[Problem]:
    """One problem per silent cycle, at the `timeout.goto` of its first beat in the file."""
    problems = []
    for cycle in silent_timeout_cycles(beats):
        if len(cycle) == 1:
            message = f"beat '{cycle[0]}' 的 timeout 跳回它自己，客户却一句话也不说"
        else:
            ring = " → ".join(f"'{name}'" for name in [*cycle, cycle[0]])
            message = f"timeout 跳转 {ring} 首尾相连，客户却一句话也不说"
        loc = ("script", "beats", cycle[0], "timeout", "goto")
        problems.append(doc.problem(loc, message, HINT))
    return problems


def _silent_jump(beats: Mapping[str, Any], name: str) -> str | None:
    """Where `name`'s timeout goes when nothing is said on the way there, else None."""
    beat = beats[name]
    timeout = beat.get("timeout") if isinstance(beat, dict) else None
    if not isinstance(timeout, dict) or timeout.get("say"):
        return None
    target = timeout.get("goto")
    if not isinstance(target, str) or target not in beats:
        return None
    entered = beats[target]
    if not isinstance(entered, dict) or entered.get("caller") or entered.get("hangup") is True:
        return None
    return target
