"""Signing recordings with the results database's key, and checking them on import.

The key is made on first use and kept in the `signing_keys` table, so every program
that saves into the same database signs with the same key, and `grade --save` checks a
recording against the database it imports into. What a signature is worth (and what it
is not) is written up in the README: anyone who can read that table can sign.
"""

from __future__ import annotations

import hashlib
import json
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import Connection, insert, select
from sqlalchemy.exc import IntegrityError

from simulator.recording.events import SessionHeader
from simulator.recording.reader import Recording, RecordingError, read_recording
from simulator.recording.signature import CHECK_TEXT, sign_file
from simulator.store.engine import Store
from simulator.store.errors import StoreUnavailable
from simulator.store.schema import SigningKey

KEY_ROW = 1
KEY_BYTES = 32


def recording_key(store: Store) -> bytes:
    """The database's signing key, created (once, whoever comes first) if missing."""
    if store.signing_key is not None:
        return store.signing_key

    def read(conn: Connection) -> str | None:
        found = conn.execute(select(SigningKey.key).where(SigningKey.id == KEY_ROW))
        return found.scalar_one_or_none()

    def create(conn: Connection) -> str:
        existing = read(conn)
        if existing is not None:
            return existing
        made = secrets.token_bytes(KEY_BYTES).hex()
        conn.execute(insert(SigningKey).values(id=KEY_ROW, key=made, created_at=datetime.now(UTC)))
        return made

    stored = store.read(read)
    if stored is None:
        try:
            stored = store.write(create)
        except IntegrityError:  # another machine made it at the same moment: use theirs
            stored = store.read(read)
    if stored is None:
        raise StoreUnavailable(f"成绩库 {store.display_url} 中没有签名密钥，也无法创建")
    try:
        key = bytes.fromhex(stored)
    except ValueError:
        raise StoreUnavailable(
            f"成绩库 {store.display_url} 中的录音签名密钥已损坏",
            hint="请数据库管理员检查 signing_keys 表",
        ) from None
    if len(key) < 16:
        raise StoreUnavailable(f"成绩库 {store.display_url} 中的录音签名密钥太短")
    store.signing_key = key
    return key


def sign_recording(path: Path, store: Store, *, expected: str | None = None) -> bool:
    """Sign a recording this program has just finished writing; False when it was not
    signed (see `sign_problem`). A recording already signed with this key is left as it
    is. OSError is the caller's to report."""
    return sign_problem(path, store, expected=expected) == ""


def sign_problem(path: Path, store: Store, *, expected: str | None = None) -> str:
    """Sign the recording at `path`; "" when it is signed, else why not, in Chinese.

    `expected`: the content digest of the recording as it was graded and stored. The
    file is signed only while it still holds exactly that content, so the signature
    never vouches for bytes written after the grade. A file whose signature does not
    check (altered, appended to, or another database's) is never signed over: that
    would turn evidence of a change into a valid signature.
    """
    key = recording_key(store)
    try:
        recording = read_recording(path)
    except RecordingError:
        return "录音无法读取，未签名"  # not a recording this program could have finished
    target = expected if expected is not None else recording.content_sha256
    check = recording.check_signature(key)
    if check == "verified":
        return "" if recording.content_sha256 == target else "录音在保存成绩后被改动过，未签名"
    if check != "unsigned":
        return f"录音已有签名，但{CHECK_TEXT[check]}，未重新签名"
    if recording.truncated:
        return "录音最后一行不完整，未签名"
    if not sign_file(path, key, expected=target):
        return "录音在保存成绩后被改动过，未签名"
    return ""


def sign_after_save(path: Path | None, store: Store, *, expected: str | None = None) -> str:
    """Sign the recording of a call whose result was just stored, if it still holds the
    content `expected` (the digest stored with the row); "" when done, else a Chinese
    line saying why not. The stored row is verified either way: only a later
    `grade --save` of this file would see it as unverified."""
    if path is None:
        return ""
    try:
        return sign_problem(path, store, expected=expected)
    except OSError as exc:
        return f"录音未能签名（{exc.strerror or exc}），补存时会记为未验证"


@dataclass(frozen=True)
class Provenance:
    """Whether a result to be saved can be trusted, and the digest of its content."""

    verified: bool
    digest: str
    reason: str = ""
    """Why not verified, in Chinese ("" when verified)."""


def provenance(
    store: Store,
    header: SessionHeader,
    recording: Recording | None,
    path: Path | None,
    *,
    made_here: bool,
) -> Provenance:
    """Check the recording behind a result against the database's key.

    `made_here`: the calling program ran this call itself (the app), so the result is
    verified whatever its file says. Otherwise the signature of `recording` (read from
    `path` when only a header is given) decides.
    """
    if recording is None and path is not None:
        try:
            recording = read_recording(path)
        except RecordingError as exc:
            return Provenance(made_here, _digest_of(header, None), f"录音无法读取（{exc}）")
    digest = recording.content_sha256 if recording is not None else ""
    digest = digest or _digest_of(header, recording)
    if made_here:
        return Provenance(True, digest)
    if recording is None:
        return Provenance(False, digest, "没有录音文件可核对")
    check = recording.check_signature(recording_key(store))
    if check == "verified":
        return Provenance(True, digest)
    return Provenance(False, digest, CHECK_TEXT[check])


def _digest_of(header: SessionHeader, recording: Recording | None) -> str:
    """A stand-in content digest when there is no file: the header and events as JSON."""
    content: dict[str, object] = {"header": header.to_json()}
    if recording is not None:
        content["events"] = [event.to_json() for event in recording.events]
    text = json.dumps(content, ensure_ascii=True, sort_keys=True, default=str)
    return hashlib.sha256(text.encode("ascii", "backslashreplace")).hexdigest()
