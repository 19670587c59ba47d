"""Files protected with a passphrase: back with it, refused without it, damage always found."""

from __future__ import annotations

import io
import os

import pytest

from desktop_app.storage import passphrase as p
from desktop_app.storage.passphrase import PassphraseError, protect, reveal

SECRET = "correct horse battery"


@pytest.fixture(autouse=True)
def _quick_scrypt(monkeypatch: pytest.MonkeyPatch) -> None:
    """A small work factor: the format is under test here, not scrypt's cost."""
    monkeypatch.setattr(p, "SCRYPT_N", 1 << 10)
    monkeypatch.setattr(p, "CHUNK", 1024)


def _protected(data: bytes) -> bytes:
    out = io.BytesIO()
    assert protect(io.BytesIO(data), out, SECRET) == len(data)
    return out.getvalue()


def _opened(blob: bytes, secret: str = SECRET) -> bytes:
    return b"".join(reveal(io.BytesIO(blob), secret))


@pytest.mark.parametrize("size", [0, 1, 1023, 1024, 1025, 5000])
def test_what_is_protected_comes_back_byte_for_byte(size: int) -> None:
    data = os.urandom(size)
    blob = _protected(data)
    assert size < 16 or data not in blob  # a byte or two may occur anywhere by chance
    assert _opened(blob) == data


def test_a_wrong_passphrase_says_so_before_anything_is_read() -> None:
    blob = _protected(b"the library")
    with pytest.raises(PassphraseError, match="passphrase is wrong"):
        _opened(blob, "correct horse battery!")


def test_one_flipped_byte_anywhere_after_the_header_is_found() -> None:
    blob = bytearray(_protected(os.urandom(3000)))
    start = blob.index(b"\n", len(p.MAGIC)) + 1
    for at in (start + 5, start + 700, len(blob) - 1):
        damaged = bytearray(blob)
        damaged[at] ^= 1
        with pytest.raises(PassphraseError):
            _opened(bytes(damaged))


def test_a_changed_header_is_found_as_a_wrong_key_or_damage() -> None:
    blob = _protected(b"x" * 2000)
    for old, new in ((b'"chunk": 1024', b'"chunk": 1025'), (b'"r": 8', b'"r": 9')):
        with pytest.raises(PassphraseError):
            _opened(blob.replace(old, new))


def test_a_file_cut_short_or_grown_is_refused() -> None:
    blob = _protected(os.urandom(2500))  # three chunks
    first_chunk_end = blob.index(b"\n", len(p.MAGIC)) + 1 + 4 + 1024 + 16
    for cut in (first_chunk_end, len(blob) - 10, len(blob) - 1):
        with pytest.raises(PassphraseError):
            _opened(blob[:cut])
    with pytest.raises(PassphraseError):
        _opened(blob + b"\0")


def test_swapped_chunks_are_refused() -> None:
    blob = _protected(b"A" * 1024 + b"B" * 1024 + b"C" * 10)
    head_end = blob.index(b"\n", len(p.MAGIC)) + 1
    size = 4 + 1024 + 16
    one, two = blob[head_end : head_end + size], blob[head_end + size : head_end + 2 * size]
    swapped = blob[:head_end] + two + one + blob[head_end + 2 * size :]
    with pytest.raises(PassphraseError, match="does not authenticate"):
        _opened(swapped)


def test_not_a_protected_file_or_a_newer_one_is_named() -> None:
    with pytest.raises(PassphraseError, match="not a file protected"):
        _opened(b"PK\x03\x04 a zip")
    newer = _protected(b"x").replace(b'"version": 1', b'"version": 2')
    with pytest.raises(PassphraseError, match="newer version"):
        _opened(newer)
    huge = _protected(b"x").replace(b'"n": 1024', b'"n": 1073741824')
    with pytest.raises(PassphraseError, match="out of range"):
        _opened(huge)


def test_a_short_passphrase_is_refused() -> None:
    assert "passphrase" in p.passphrase_errors("short")
    assert p.passphrase_errors("eight ch") == {}
