"""Files protected with a passphrase: AES-256-GCM in chunks, the key from scrypt (issue 20).

A protected file is a header and a run of chunks. The header is a magic line and one line of
JSON: the key derivation and its parameters (scrypt, N, r, p, a random salt), the chunk size, a
random nonce prefix and a check value. scrypt (memory-hard, from the cryptography library) turns
the passphrase and salt into 64 bytes: the first 32 are the AES-256 key, the last 32 key an
HMAC whose value on a fixed text is the check, so a wrong passphrase is told apart from a
damaged file before anything is decrypted. Each chunk is a 4-byte length and its ciphertext with
its 16-byte GCM tag; its nonce is the prefix and the chunk's number, and its associated data the
whole header, the number and whether it is the last: a chunk moved, swapped, dropped, or a file
cut after any chunk, fails authentication. Memory stays at one chunk whatever the file's size.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import struct
from collections.abc import Iterator
from dataclasses import dataclass
from typing import BinaryIO

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

from desktop_app.errors import UserError

MAGIC = b"compliance-desk protected file\n"
VERSION = 1
CHUNK = 1 << 20
TAG = 16
SCRYPT_N, SCRYPT_R, SCRYPT_P = 1 << 15, 8, 1
"""About 32 MiB and a tenth of a second per derivation (RFC 7914's interactive level, doubled)."""
MAX_HEADER = 4096
MAX_N = 1 << 20
CHECK_TEXT = b"compliance-desk passphrase check"
MIN_PASSPHRASE = 8


class PassphraseError(UserError):
    """The passphrase is wrong, or the protected file is damaged or not one at all."""


@dataclass(frozen=True)
class Header:
    """What a protected file says about itself before its first chunk."""

    n: int
    r: int
    p: int
    salt: bytes
    prefix: bytes
    chunk: int
    check: bytes
    raw: bytes


def is_protected(head: bytes) -> bool:
    """True when these first bytes of a file are a protected file's magic."""
    return head.startswith(MAGIC)


def passphrase_errors(passphrase: str) -> dict[str, str]:
    """What is wrong with a passphrase chosen to protect a file (none: an empty dict)."""
    if len(passphrase) < MIN_PASSPHRASE:
        return {"passphrase": f"A passphrase of at least {MIN_PASSPHRASE} characters, please."}
    return {}


def protect(source: BinaryIO, out: BinaryIO, passphrase: str) -> int:
    """Write ``source`` to ``out`` protected with ``passphrase``; return the bytes read."""
    salt, prefix = os.urandom(16), os.urandom(8)
    key, check_key = _derive(passphrase, salt, SCRYPT_N, SCRYPT_R, SCRYPT_P)
    fields = {
        "version": VERSION,
        "kdf": "scrypt",
        "n": SCRYPT_N,
        "r": SCRYPT_R,
        "p": SCRYPT_P,
        "salt": salt.hex(),
        "cipher": "AES-256-GCM",
        "nonce_prefix": prefix.hex(),
        "chunk": CHUNK,
        "check": _check(check_key).hex(),
    }
    raw = MAGIC + json.dumps(fields, sort_keys=True).encode() + b"\n"
    out.write(raw)
    aead, total, number = AESGCM(key), 0, 0
    data = source.read(CHUNK)
    while True:
        following = source.read(CHUNK) if data else b""
        last = not following
        sealed = aead.encrypt(_nonce(prefix, number), data, _aad(raw, number, last))
        out.write(struct.pack(">I", len(sealed)) + sealed)
        total += len(data)
        if last:
            return total
        data, number = following, number + 1


def reveal(source: BinaryIO, passphrase: str) -> Iterator[bytes]:
    """The plain bytes of a protected file, chunk by chunk, each checked before it is given.

    Raises PassphraseError for a wrong passphrase (before any chunk) and for a file damaged,
    cut short or grown; a caller writes what it is given to a staging place and keeps it only
    once the whole file has been read.
    """
    header = read_header(source)
    key, check_key = _derive(passphrase, header.salt, header.n, header.r, header.p)
    if not hmac.compare_digest(_check(check_key), header.check):
        raise PassphraseError(
            "The passphrase is wrong (or the file's header was changed); nothing was opened."
        )
    aead, number = AESGCM(key), 0
    while True:
        sealed = _chunk(source, header.chunk)
        last = _at_end(source)
        try:
            plain = aead.decrypt(
                _nonce(header.prefix, number), sealed, _aad(header.raw, number, last)
            )
        except InvalidTag:
            raise PassphraseError(_damaged(number)) from None
        yield plain
        if last:
            return
        number += 1


def read_header(source: BinaryIO) -> Header:
    """The header of a protected file, checked field by field."""
    if source.read(len(MAGIC)) != MAGIC:
        raise PassphraseError("This is not a file protected with a passphrase by Compliance Desk.")
    line = source.readline(MAX_HEADER)
    try:
        fields = json.loads(line)
        header = Header(
            n=int(fields["n"]),
            r=int(fields["r"]),
            p=int(fields["p"]),
            salt=bytes.fromhex(fields["salt"]),
            prefix=bytes.fromhex(fields["nonce_prefix"]),
            chunk=int(fields["chunk"]),
            check=bytes.fromhex(fields["check"]),
            raw=MAGIC + line,
        )
        known = fields["version"] == VERSION and fields["kdf"] == "scrypt"
        known = known and fields["cipher"] == "AES-256-GCM"
    except (ValueError, KeyError, TypeError):
        raise PassphraseError(
            "The protected file's header is damaged; nothing was opened."
        ) from None
    if not known:
        raise PassphraseError(
            "The file was protected by a newer version of Compliance Desk; update to open it."
        )
    if not (1 < header.n <= MAX_N and 0 < header.r <= 32 and 0 < header.p <= 16):
        raise PassphraseError("The protected file asks for key parameters out of range.")
    if len(header.prefix) != 8 or not 0 < header.chunk <= 16 * CHUNK:
        raise PassphraseError("The protected file's header is damaged; nothing was opened.")
    return header


def _derive(passphrase: str, salt: bytes, n: int, r: int, p: int) -> tuple[bytes, bytes]:
    derived = Scrypt(salt=salt, length=64, n=n, r=r, p=p).derive(passphrase.encode("utf-8"))
    return derived[:32], derived[32:]


def _check(check_key: bytes) -> bytes:
    return hmac.new(check_key, CHECK_TEXT, hashlib.sha256).digest()[:16]


def _nonce(prefix: bytes, number: int) -> bytes:
    return prefix + struct.pack(">I", number)


def _aad(header: bytes, number: int, last: bool) -> bytes:
    return header + struct.pack(">I?", number, last)


def _chunk(source: BinaryIO, chunk: int) -> bytes:
    length_bytes = source.read(4)
    if len(length_bytes) != 4:
        raise PassphraseError("The protected file is cut short; nothing was opened.")
    (length,) = struct.unpack(">I", length_bytes)
    if not TAG <= length <= chunk + TAG:
        raise PassphraseError("The protected file is damaged (a chunk of impossible length).")
    sealed = source.read(length)
    if len(sealed) != length:
        raise PassphraseError("The protected file is cut short; nothing was opened.")
    return sealed


def _at_end(source: BinaryIO) -> bool:
    here = source.tell()
    more = source.read(1)
    source.seek(here)
    return not more


def _damaged(number: int) -> str:
    return (
        f"The protected file is damaged or was changed (chunk {number + 1} does not "
        "authenticate); nothing was opened."
    )
