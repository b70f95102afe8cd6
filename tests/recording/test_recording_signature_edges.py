"""Signature edge cases: a MAC that is not ASCII is simply wrong (never an exception),
and the signer and the reader strip the same single byte order mark."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from simulator.recording import RecordingError, read_recording
from simulator.recording.signature import (
    Signature,
    check_signature,
    content_digest,
    key_id,
    sign_file,
)
from tests.grading.grading_builder import standard_call

KEY = bytes(range(32))
BOM = b"\xef\xbb\xbf"


@pytest.mark.parametrize("mac", ["é" * 64, "签名", "\u0661" * 64, "a\x00"])
def test_a_non_ascii_mac_checks_as_wrong(tmp_path: Path, mac: str) -> None:
    path = tmp_path / "call.jsonl"
    path.write_text(standard_call().text(), encoding="utf-8")
    assert sign_file(path, KEY)
    lines = path.read_text(encoding="utf-8").splitlines()
    line = json.loads(lines[-1])
    line["mac"] = mac
    lines[-1] = json.dumps(line, ensure_ascii=False)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert read_recording(path).check_signature(KEY) == "wrong"


def test_check_signature_compares_without_raising_on_any_text() -> None:
    digest = content_digest(b"x")
    signature = Signature("hmac-sha256", key_id(KEY), "ü" * 64, 2)
    assert check_signature(signature, digest, KEY) == "wrong"


def test_one_bom_is_stripped_by_signer_and_reader_alike(tmp_path: Path) -> None:
    path = tmp_path / "call.jsonl"
    path.write_bytes(BOM + standard_call().text().encode("utf-8"))
    assert sign_file(path, KEY)
    assert read_recording(path).check_signature(KEY) == "verified"


def test_a_file_with_two_boms_is_read_as_the_signer_sees_it(tmp_path: Path) -> None:
    """The signer strips one mark and signs the rest, second mark included; the reader
    must see the same bytes, so the second mark stays in the header line (not JSON)."""
    path = tmp_path / "call.jsonl"
    path.write_bytes(BOM + BOM + standard_call().text().encode("utf-8"))
    assert sign_file(path, KEY)
    with pytest.raises(RecordingError) as raised:
        read_recording(path)
    assert ":1:" in str(raised.value)
