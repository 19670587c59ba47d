"""Checking a backup completely before anything is restored from it (self-contained).

A backup is trusted only when every one of these holds: ``manifest.json`` is present, parses and
is of the format this build writes; ``library.db`` has the manifest's size and SHA-256; the
database passes ``integrity_check`` and ``foreign_key_check``; every migration it carries is
known to this build; its audit chain verifies and its head is the manifest's; its counts are the
manifest's; its blob rows and the manifest's blob list are the same; every row and every
document's text is what its last audit entry says; and every blob file is present with that
SHA-256. Files the manifest does not name are ignored and never restored.

The manifest's seal (`manifest`) is checked with the library's key from the key store: a seal
that fails means the backup was changed after it was made, and it is refused. A backup with no
seal this computer can check (made by an older version, or of a library whose key is not here)
is restored only when counsel accept it (`UnsealedBackupError`).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from desktop_app.errors import ConfirmationNeededError, LibraryTooNewError
from desktop_app.paths import key_dir
from desktop_app.storage import files, snapshot
from desktop_app.storage.anchor import sealed_by
from desktop_app.storage.backup import blob_path
from desktop_app.storage.integrity import record_problems
from desktop_app.storage.keystore import KeyStore
from desktop_app.storage.manifest import (
    BLOBS,
    DATABASE,
    MANIFEST,
    MAX_MANIFEST_BYTES,
    BackupDamagedError,
    Manifest,
    NotABackupError,
    parse,
)
from desktop_app.storage.migrations import known_names


class UnsealedBackupError(ConfirmationNeededError):
    """The backup passed every check but its manifest has no seal this computer can check."""


@dataclass(frozen=True)
class CheckedBackup:
    """A backup that passed every check, and the verified copy of its database."""

    folder: Path
    manifest: Manifest
    database_copy: Path
    sealed: bool = True


def read_manifest(folder: Path) -> Manifest:
    """The manifest of the backup in ``folder``; refuses a folder that is not a backup."""
    if not folder.exists():
        raise NotABackupError(f"There is no backup at {folder}.")
    if not folder.is_dir():
        raise NotABackupError(
            f"{folder} is a file; name the backup folder that `compliance-desk backup` made."
        )
    where = folder / MANIFEST
    if not where.is_file():
        raise NotABackupError(
            f"{folder} holds no {MANIFEST}, so it is not a Compliance Desk backup (or not a "
            "whole one)."
        )
    if where.stat().st_size > MAX_MANIFEST_BYTES:
        raise NotABackupError(f"{where} is far too large to be a backup manifest.")
    try:
        text = where.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise NotABackupError(f"{where} is not text, so this is not a backup.") from None
    return parse(text, str(where))


def check_backup(folder: Path, scratch: Path, *, accept_unsealed: bool = False) -> CheckedBackup:
    """Check the backup in ``folder`` whole; copy its database to ``scratch/library.db``.

    Nothing outside ``scratch`` is written. Raises NotABackupError (exit 2), BackupDamagedError
    or LibraryTooNewError (exit 3) naming the first thing wrong, and UnsealedBackupError (exit
    2) for a sound backup without a seal unless ``accept_unsealed``.
    """
    folder = Path(folder).absolute()
    manifest = read_manifest(folder)
    sealed = _check_seal(folder, manifest)
    copy = scratch / DATABASE
    _copy_database(folder / DATABASE, copy, manifest)
    try:
        facts = snapshot.examine(copy)
    except snapshot.CopyError as exc:
        raise _damaged(folder, f"its database failed SQLite's check ({exc.detail})") from None
    unknown = [name for name in facts.migrations if name not in known_names()]
    if unknown:
        raise LibraryTooNewError(
            f"The backup in {folder} was made by a newer version of Compliance Desk (it has the "
            f"changes {', '.join(unknown)}). Restore it with that version."
        )
    _compare(folder, manifest, facts)
    _check_records(folder, copy)
    _check_blobs(folder, manifest, copy)
    if not sealed and not accept_unsealed:
        raise UnsealedBackupError(
            f"The backup in {folder} passed every check, but its manifest carries no seal this "
            "computer can check (it was made by an older version, or on a computer whose key "
            "for this library is not here), so a change made to it together with its manifest "
            "could not be found. Restore it only if you trust where it was kept: run again "
            "with --accept-unsealed."
        )
    return CheckedBackup(folder, manifest, copy, sealed)


def _check_seal(folder: Path, manifest: Manifest) -> bool:
    """True when the manifest's seal verifies; False when it has none that can be checked."""
    if manifest.library is None:
        return False
    key = KeyStore(key_dir()).key(manifest.library)
    if key is None:
        return False
    if manifest.mac is None or not sealed_by(key, manifest.body(), manifest.mac):
        raise _damaged(
            folder,
            "its manifest does not carry the seal this library's key makes, so it was changed "
            "after the backup was made",
        )
    return True


def _check_records(folder: Path, copy: Path) -> None:
    conn = snapshot.open_copy(copy)
    try:
        problems = record_problems(conn)
    finally:
        conn.close()
    if problems:
        more = f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""
        raise _damaged(folder, f"{problems[0]}{more}")


def _copy_database(source: Path, copy: Path, manifest: Manifest) -> None:
    if not source.is_file():
        raise _damaged(source.parent, f"its {DATABASE} is missing")
    size = source.stat().st_size
    if size != manifest.database_size:
        raise _damaged(
            source.parent,
            f"its {DATABASE} has {size} bytes, the manifest says {manifest.database_size} "
            "(truncated or replaced)",
        )
    sha256, size = files.copy_hashed(source, copy)
    if sha256 != manifest.database_sha256 or size != manifest.database_size:
        raise _damaged(source.parent, f"its {DATABASE} does not match the SHA-256 in the manifest")


def _compare(folder: Path, manifest: Manifest, facts: snapshot.Facts) -> None:
    if facts.chain_break is not None:
        seq, why = facts.chain_break
        raise _damaged(folder, f"the audit chain in its database is broken at entry {seq} ({why})")
    if (facts.head_seq, facts.head_hash) != (manifest.head_seq, manifest.head_hash):
        raise _damaged(
            folder,
            f"its database ends the audit chain at entry {facts.head_seq} "
            f"({facts.head_hash[:12]}…), the manifest at entry {manifest.head_seq} "
            f"({manifest.head_hash[:12]}…)",
        )
    if facts.migrations != manifest.migrations:
        raise _damaged(folder, "its database and manifest list different migrations")
    if (facts.matters, facts.documents) != (manifest.matters, manifest.documents):
        raise _damaged(
            folder,
            f"its database holds {facts.matters} matters and {facts.documents} documents, the "
            f"manifest says {manifest.matters} and {manifest.documents}",
        )
    in_db = {b.sha256: b.size for b in facts.blobs}
    listed = {b.sha256: b.size for b in manifest.blobs}
    unlisted = sorted(in_db.keys() - listed.keys())
    if unlisted:
        raise _damaged(folder, f"the original {unlisted[0][:12]}… is in its database only")
    unknown = sorted(listed.keys() - in_db.keys())
    if unknown:
        raise _damaged(folder, f"the original {unknown[0][:12]}… is in its manifest only")
    resized = sorted(sha for sha, size in listed.items() if in_db[sha] != size)
    if resized:
        raise _damaged(folder, f"its manifest and database disagree on {resized[0][:12]}…'s size")


def _check_blobs(folder: Path, manifest: Manifest, copy: Path) -> None:
    for blob in manifest.blobs:
        where = blob_path(folder / BLOBS, blob.sha256)
        if not where.is_file():
            held = snapshot.holder(copy, blob.sha256)
            raise _damaged(folder, f"the original of {held} is missing")
        sha256, size = files.sha256_of(where)
        if (sha256, size) != (blob.sha256, blob.size):
            raise _damaged(
                folder,
                f"the original of {snapshot.holder(copy, blob.sha256)} does not match its SHA-256",
            )


def _damaged(folder: Path, why: str) -> BackupDamagedError:
    return BackupDamagedError(
        f"The backup in {folder} cannot be restored: {why}. Nothing was changed; use another "
        "backup."
    )
