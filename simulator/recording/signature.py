"""A recording's signature: an HMAC that shows the file is as the simulator wrote it.

The signature is one extra line at the end of the file, after the call's last event:

    {"kind": "signature", "alg": "hmac-sha256", "key_id": "<key id>", "mac": "<hex>"}

`mac` is HMAC-SHA256, under the results database's signing key, of the SHA-256 of every
byte before that line (the header and every event, as UTF-8, without a leading byte
order mark). Readers that do not know the `signature` kind ignore it, as they ignore any
unknown event kind, so the line is an additive, optional part of format 1.

This module is pure: the key comes from whoever holds it (`simulator.store.signing`).
"""

from __future__ import annotations

import hashlib
import hmac
import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

SIGNATURE_KIND = "signature"
ALGORITHM = "hmac-sha256"
# Domain separation: this key signs nothing else, but a MAC of a bare digest should
# never be mistakable for a MAC of something else under the same key.
_DOMAIN = b"callsim recording v1\n"

Check = Literal["verified", "unsigned", "wrong", "other_key", "appended"]

CHECK_TEXT: dict[Check, str] = {
    "verified": "签名有效",
    "unsigned": "录音没有签名",
    "wrong": "签名不符（录音在签名后被改动过）",
    "other_key": "录音是另一个成绩库签的名",
    "appended": "签名之后又追加了内容",
}
"""Why a recording is (un)verified, as the trainer reads it."""


@dataclass(frozen=True)
class Signature:
    """The signature line as read: fields that are not text are kept as ""."""

    algorithm: str
    key_id: str
    mac: str
    line: int


def content_digest(content: bytes) -> str:
    """The SHA-256 (hex) of the signed part of a recording."""
    return hashlib.sha256(content).hexdigest()


def key_id(key: bytes) -> str:
    """A short public name for a key, so a recording signed elsewhere is told apart
    from one that was altered. It reveals nothing usable about the key."""
    return hashlib.sha256(b"callsim key id\n" + key).hexdigest()[:16]


def compute_mac(key: bytes, digest: str) -> str:
    return hmac.new(key, _DOMAIN + bytes.fromhex(digest), hashlib.sha256).hexdigest()


def signature_json(key: bytes, digest: str) -> dict[str, Any]:
    """The signature line for content whose SHA-256 is `digest`."""
    return {
        "kind": SIGNATURE_KIND,
        "alg": ALGORITHM,
        "key_id": key_id(key),
        "mac": compute_mac(key, digest),
    }


def read_signature(data: dict[str, Any], line: int) -> Signature:
    def text(name: str) -> str:
        value = data.get(name)
        return value if isinstance(value, str) else ""

    return Signature(text("alg"), text("key_id"), text("mac"), line)


def check_signature(
    signature: Signature | None, digest: str, key: bytes, *, appended: bool = False
) -> Check:
    """Whether `signature` proves, under `key`, the content whose SHA-256 is `digest`."""
    if signature is None:
        return "unsigned"
    if appended:
        return "appended"
    if signature.algorithm != ALGORITHM:
        return "wrong"
    if signature.key_id != key_id(key):
        return "other_key"
    if not signature.mac.isascii():
        return "wrong"  # compare_digest refuses non-ASCII text; it cannot be a hex MAC
    expected = compute_mac(key, digest).encode("ascii")
    if not hmac.compare_digest(signature.mac.encode("ascii"), expected):
        return "wrong"
    return "verified"


def sign_file(path: Path, key: bytes, *, expected: str | None = None) -> bool:
    """Append a signature line to a finished recording; False when it cannot be signed
    because its last line was cut off (an unfinished write must stay visible as such),
    or, with `expected`, because the file is no longer the content whose SHA-256 that
    is (changed since it was graded and stored: its signature would vouch for bytes
    nobody graded).

    Without `expected`, a file already signed is signed again over everything, old
    signature included: readers check the last signature line only. OSError (disk
    full, read-only) is left to the caller, and leaves the file as it was apart from a
    partial last line, which the reader then treats as a cut-off line.
    """
    raw = path.read_bytes()
    if raw and not raw.endswith(b"\n"):
        return False
    content = raw.removeprefix(b"\xef\xbb\xbf")  # exactly one, as the reader strips
    digest = content_digest(content)
    if expected is not None and digest != expected:
        return False
    line = json.dumps(signature_json(key, digest)) + "\n"
    with path.open("ab") as handle:
        handle.write(line.encode("ascii"))
        handle.flush()
        os.fsync(handle.fileno())
    return True
