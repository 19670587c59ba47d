"""Signing what a library sends, and the colleagues whose signatures it trusts (issue 20).

Each library signs with its own Ed25519 key (RFC 8032, from the cryptography library); its seed
lives in the key store beside the audit key, never in the library. Counsel exchange public keys
once and compare the fingerprint read out over the phone: the first 128 bits of the SHA-256 of
the raw public key, in eight groups of four hex digits. The colleagues a library trusts are a
library setting (audited like every setting): their name, public key and the day added.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import date

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

from desktop_app.errors import ValidationError

TRUSTED_SETTING = "trusted_signers"
KEY_HEX = 64
MAX_NAME = 200


def public_key(seed: bytes) -> bytes:
    """The raw 32-byte public key of the signing key with this seed."""
    key = Ed25519PrivateKey.from_private_bytes(seed).public_key()
    return key.public_bytes(Encoding.Raw, PublicFormat.Raw)


def sign(seed: bytes, data: bytes) -> bytes:
    """The 64-byte Ed25519 signature of ``data``."""
    return Ed25519PrivateKey.from_private_bytes(seed).sign(data)


def verifies(public: bytes, data: bytes, signature: bytes) -> bool:
    """True when ``signature`` is ``public``'s signature of exactly ``data``."""
    try:
        Ed25519PublicKey.from_public_bytes(public).verify(signature, data)
    except (InvalidSignature, ValueError):
        return False
    return True


def fingerprint(public: bytes) -> str:
    """What counsel read out to compare keys: ``3F2A 9C01 …`` (eight groups of four)."""
    digest = hashlib.sha256(public).hexdigest()[:32].upper()
    return " ".join(digest[i : i + 4] for i in range(0, 32, 4))


@dataclass(frozen=True)
class TrustedSigner:
    """A colleague whose signed bundles this library accepts."""

    name: str
    public_key: str
    """The raw public key in 64 hex digits."""
    added_on: date

    @property
    def fingerprint(self) -> str:
        """The key's fingerprint, as the colleague reads it out."""
        return fingerprint(bytes.fromhex(self.public_key))


def read_public_key(text: str) -> bytes:
    """A public key as counsel paste it (64 hex digits, spaces and colons allowed)."""
    cleaned = "".join(c for c in text if c not in " :\t\n").lower()
    if len(cleaned) != KEY_HEX or any(c not in "0123456789abcdef" for c in cleaned):
        raise ValidationError(
            {"public_key": "A public key is 64 hex digits, as `compliance-desk keys` prints it."}
        )
    raw = bytes.fromhex(cleaned)
    try:
        Ed25519PublicKey.from_public_bytes(raw)
    except ValueError:
        raise ValidationError({"public_key": "That is not an Ed25519 public key."}) from None
    return raw


def signers_of(value: str | None) -> tuple[TrustedSigner, ...]:
    """The trusted signers stored in the setting's value (none when unset)."""
    if not value:
        return ()
    return tuple(
        TrustedSigner(str(s["name"]), str(s["public_key"]), date.fromisoformat(s["added_on"]))
        for s in json.loads(value)
    )


def stored(signers: tuple[TrustedSigner, ...]) -> str:
    """The setting's value for these signers, in the order added."""
    return json.dumps(
        [
            {"name": s.name, "public_key": s.public_key, "added_on": s.added_on.isoformat()}
            for s in signers
        ],
        ensure_ascii=False,
    )
