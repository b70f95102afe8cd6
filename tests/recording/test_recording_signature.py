"""A recording's signature line: any change to the signed bytes is seen, readers that do
not know the line are unaffected, and a cut-off recording is never signed."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from simulator.recording import RecordingError, parse_recording, read_recording
from simulator.recording.signature import key_id, sign_file
from tests.grading.grading_builder import standard_call

KEY = bytes(range(32))
OTHER_KEY = bytes(range(1, 33))


def _signed(tmp_path: Path, text: str | None = None) -> Path:
    path = tmp_path / "call.jsonl"
    path.write_text(text if text is not None else standard_call().text(), encoding="utf-8")
    assert sign_file(path, KEY)
    return path


def test_a_signed_recording_verifies_and_reads_as_before(tmp_path: Path) -> None:
    unsigned = standard_call().build()
    path = _signed(tmp_path)
    signed = read_recording(path)
    assert signed.check_signature(KEY) == "verified"
    assert signed.events == unsigned.events and signed.header == unsigned.header
    assert signed.complete
    last = json.loads(path.read_text(encoding="utf-8").splitlines()[-1])
    assert last["kind"] == "signature" and last["alg"] == "hmac-sha256"
    assert last["key_id"] == key_id(KEY) and len(last["mac"]) == 64
    assert KEY.hex() not in path.read_text(encoding="utf-8")


def test_unsigned_other_key_and_appended_are_told_apart(tmp_path: Path) -> None:
    assert standard_call().build().check_signature(KEY) == "unsigned"
    path = _signed(tmp_path)
    assert read_recording(path).check_signature(OTHER_KEY) == "other_key"
    with path.open("a", encoding="utf-8") as handle:
        handle.write('{"t": 99, "kind": "say", "who": "agent", "text": "您好"}\n')
    assert read_recording(path).check_signature(KEY) == "appended"


def test_a_changed_header_field_breaks_the_signature(tmp_path: Path) -> None:
    path = _signed(tmp_path)
    text = path.read_text(encoding="utf-8")
    header = json.loads(text.splitlines()[0])
    forged = text.replace(text.splitlines()[0], json.dumps({**header, "trainee": "王芳"}), 1)
    path.write_text(forged, encoding="utf-8")
    assert read_recording(path).check_signature(KEY) == "wrong"


def test_a_byte_order_mark_added_by_an_editor_does_not_matter(tmp_path: Path) -> None:
    path = _signed(tmp_path)
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    assert read_recording(path).check_signature(KEY) == "verified"


def test_a_cut_off_recording_is_never_signed(tmp_path: Path) -> None:
    path = tmp_path / "cut.jsonl"
    path.write_text(standard_call().text()[:-20], encoding="utf-8")
    before = path.read_bytes()
    assert not sign_file(path, KEY)
    assert path.read_bytes() == before


def test_signing_twice_checks_the_last_signature(tmp_path: Path) -> None:
    path = _signed(tmp_path)
    assert sign_file(path, OTHER_KEY)
    recording = read_recording(path)
    assert recording.check_signature(OTHER_KEY) == "verified"
    assert recording.check_signature(KEY) == "other_key"


@pytest.mark.parametrize(
    "line",
    [
        '{"kind": "signature"}',
        '{"kind": "signature", "alg": "md5", "key_id": "x", "mac": "00"}',
        '{"kind": "signature", "alg": 1, "key_id": [], "mac": {}}',
        '{"kind": "signature", "alg": "hmac-sha256", "key_id": "k", "mac": "zz"}',
    ],
)
def test_a_malformed_signature_line_is_unverified_not_an_error(line: str) -> None:
    recording = parse_recording(standard_call().text() + line + "\n")
    assert recording.check_signature(KEY) in {"wrong", "other_key"}


@settings(max_examples=150, deadline=None, database=None)
@given(st.data())
def test_any_change_to_the_signed_bytes_is_seen(data: st.DataObject) -> None:
    text = standard_call().text()
    content = text.encode("utf-8")
    mac_line = _signature_line(content)
    at = data.draw(st.integers(0, len(content) - 1), label="at")
    new = data.draw(st.integers(0, 255).filter(lambda b: b != content[at]), label="byte")
    changed = content[:at] + bytes([new]) + content[at + 1 :]
    try:
        recording = parse_recording(changed.decode("utf-8") + mac_line)
    except (UnicodeDecodeError, RecordingError):
        return  # no longer a readable recording at all: refused, never verified
    assert recording.check_signature(KEY) != "verified"


def _signature_line(content: bytes) -> str:
    from simulator.recording.signature import content_digest, signature_json

    return json.dumps(signature_json(KEY, content_digest(content))) + "\n"


def test_the_signature_is_what_the_format_document_says(tmp_path: Path) -> None:
    import hashlib
    import hmac

    path = _signed(tmp_path)
    raw = path.read_bytes()
    content, line = raw[: raw.rindex(b"\n", 0, len(raw) - 1) + 1], raw.splitlines()[-1]
    data = json.loads(line)
    digest = hashlib.sha256(content).digest()
    expected = hmac.new(KEY, b"callsim recording v1\n" + digest, hashlib.sha256).hexdigest()
    assert data["mac"] == expected
    assert data["key_id"] == hashlib.sha256(b"callsim key id\n" + KEY).hexdigest()[:16]
