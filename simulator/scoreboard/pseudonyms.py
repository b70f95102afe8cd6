"""Pseudonyms for the wall: the board can rank trainees without shaming anyone.

A pseudonym is an animal and a number drawn from a keyed hash of the name. Without a
key (the default) a random one is made per board, so nobody can work out who is who;
a trainer who wants stable pseudonyms passes `--pseudonym-key` and tells each trainee
theirs privately. Pseudonyms are unique on a board and never change while it runs.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets

ANIMALS: tuple[str, ...] = (
    "海豚", "熊猫", "雪豹", "白鹭", "松鼠", "骆驼", "企鹅", "海鸥",
    "麋鹿", "狐狸", "猎豹", "天鹅", "孔雀", "刺猬", "考拉", "海狮",
    "仙鹤", "锦鲤", "蜂鸟", "斑马", "袋鼠", "水獭", "海龟", "羚羊",
)  # fmt: skip
NUMBERS = 100


class Pseudonyms:
    """name -> pseudonym, stable for the life of this object and unique among names."""

    def __init__(self, key: str | None = None) -> None:
        self._key = (key if key is not None else secrets.token_hex(16)).encode("utf-8")
        self._assigned: dict[str, str] = {}
        self._taken: set[str] = set()

    def __call__(self, name: str) -> str:
        known = self._assigned.get(name)
        if known is not None:
            return known
        digest = hmac.new(self._key, name.encode("utf-8"), hashlib.sha256).digest()
        start = int.from_bytes(digest[:8], "big")
        capacity = len(ANIMALS) * NUMBERS
        for step in range(capacity):
            slot = (start + step) % capacity
            candidate = f"{ANIMALS[slot % len(ANIMALS)]}{slot // len(ANIMALS):02d}"
            if candidate not in self._taken:
                break
        else:
            candidate = f"学员{len(self._assigned) + 1}"
        self._assigned[name] = candidate
        self._taken.add(candidate)
        return candidate
