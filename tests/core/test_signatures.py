"""Signing keys, fingerprints and the trusted-signers list (issue 20 point 2)."""

from __future__ import annotations

import os
import stat
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest

from desktop_app.core.signatures import (
    fingerprint,
    public_key,
    read_public_key,
    sign,
    verifies,
)
from desktop_app.core.trust import TrustService
from desktop_app.errors import NotFoundError, ValidationError
from desktop_app.storage.keystore import KeyStore, KeyStoreError
from desktop_app.storage.library import Library

SEED = bytes(range(32))
OTHER = bytes(range(1, 33))
Dump = dict[str, list[tuple[object, ...]]]


def test_a_signature_verifies_only_for_the_same_bytes_and_key() -> None:
    signature = sign(SEED, b"bundle manifest")
    assert verifies(public_key(SEED), b"bundle manifest", signature)
    assert not verifies(public_key(SEED), b"bundle manifesT", signature)  # one byte changed
    assert not verifies(public_key(OTHER), b"bundle manifest", signature)  # another key
    flipped = bytes([signature[0] ^ 1]) + signature[1:]
    assert not verifies(public_key(SEED), b"bundle manifest", flipped)
    assert not verifies(public_key(SEED), b"bundle manifest", signature[:-1])  # truncated


def test_the_fingerprint_is_eight_groups_of_four_and_differs_per_key() -> None:
    shown = fingerprint(public_key(SEED))
    groups = shown.split(" ")
    assert len(groups) == 8
    assert all(len(g) == 4 and g == g.upper() for g in groups)
    assert shown != fingerprint(public_key(OTHER))


@pytest.mark.parametrize(
    "text",
    ["", "abc", "zz" * 32, "00" * 31, "00" * 33],
)
def test_a_public_key_that_is_not_64_hex_digits_is_refused(text: str) -> None:
    with pytest.raises(ValidationError, match="64 hex digits"):
        read_public_key(text)


def test_a_public_key_pasted_with_spaces_or_colons_reads() -> None:
    raw = public_key(SEED)
    spaced = " ".join(raw.hex()[i : i + 4] for i in range(0, 64, 4))
    assert read_public_key(spaced) == raw
    assert read_public_key(":".join(f"{b:02X}" for b in raw)) == raw


def test_the_signing_seed_is_made_once_private_and_kept(tmp_path: Path) -> None:
    store = KeyStore(tmp_path / "keys")
    library_id = "ab" * 16
    assert store.signing_seed(library_id) is None
    made = store.signing_seed_or_new(library_id)
    assert len(made) == 32
    assert store.signing_seed_or_new(library_id) == made
    mode = stat.S_IMODE(os.stat(store.signing_path(library_id)).st_mode)
    assert mode == 0o600
    assert store.signing_path(library_id).parent == tmp_path / "keys"


def test_a_damaged_signing_seed_is_refused_not_replaced(tmp_path: Path) -> None:
    store = KeyStore(tmp_path / "keys")
    library_id = "cd" * 16
    store.signing_seed_or_new(library_id)
    store.signing_path(library_id).write_bytes(b"short")
    with pytest.raises(KeyStoreError, match="damaged"):
        store.signing_seed_or_new(library_id)
    assert store.signing_path(library_id).read_bytes() == b"short"


def test_the_library_signs_with_a_key_kept_outside_its_folder(library: Library) -> None:
    seed = library.signing_seed()
    assert seed == library.signing_seed()
    assert not any(p.read_bytes() == seed for p in library.paths.root.rglob("*") if p.is_file())


def test_trusting_and_untrusting_a_key_is_audited(
    library: Library, dump: Callable[[], Dump]
) -> None:
    service = TrustService(library, "counsel", today=lambda: date(2026, 12, 8))
    added = service.trust("  Priya Raman  ", public_key(OTHER).hex())
    assert added.name == "Priya Raman"
    assert library.reads.trusted_signers() == (added,)
    entry = library.reads.audit_range(1, library.reads.audit_head()[0])[-1]
    assert (entry.entity, entry.actor) == ("settings", "counsel")
    before = dump()
    with pytest.raises(ValidationError, match="trusted as Priya Raman"):
        service.trust("Someone else", public_key(OTHER).hex())
    with pytest.raises(ValidationError, match="another key"):
        service.trust("priya raman", public_key(SEED).hex())
    with pytest.raises(ValidationError, match="Name the colleague"):
        service.trust("  ", public_key(SEED).hex())
    with pytest.raises(NotFoundError):
        service.untrust("0000 0000")
    assert dump() == before
    gone = service.untrust(added.fingerprint.lower().replace(" ", ""))
    assert gone == added
    assert library.reads.trusted_signers() == ()
