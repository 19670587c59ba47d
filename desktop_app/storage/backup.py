"""Making a backup (docs/reliability.md#backups): a consistent copy that proves itself.

``create_backup`` snapshots the live database with SQLite's backup API (safe while the app
writes), fsyncs it, runs ``integrity_check`` on the copy, copies every blob the copy names
(hashing each as it goes), writes ``manifest.json`` with the audit-chain head read from the
copy, fsyncs files and folders, and only then renames the finished folder into place. Until that
last rename there is no ``OUT``; a failure leaves nothing behind.
"""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Callable
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

from desktop_app import __version__
from desktop_app.errors import LibraryDamagedError, LibraryError, UserError
from desktop_app.paths import LibraryPaths, key_dir
from desktop_app.storage import anchor, files, partial, snapshot
from desktop_app.storage.anchor import Head, seal
from desktop_app.storage.connection import connect
from desktop_app.storage.keystore import KeyStore, KeyStoreError
from desktop_app.storage.manifest import BLOBS, DATABASE, MANIFEST, BlobEntry, Manifest

TEMP_DATABASE = "library.db.tmp"
log = logging.getLogger(__name__)


def blob_path(root: Path, sha256: str) -> Path:
    """Where a blob lives under a ``blobs`` folder (``ab/cd/<sha256>``)."""
    return root / sha256[:2] / sha256[2:4] / sha256


def create_backup(
    paths: LibraryPaths,
    out: Path,
    *,
    source: sqlite3.Connection | None = None,
    now: Callable[[], datetime] = lambda: datetime.now(UTC),
) -> Manifest:
    """Back up the library in ``paths`` into the new folder ``out``; return its manifest.

    ``source`` is a connection to the live database to copy from (it must belong to this
    thread); by default a read-only connection of our own is opened and closed.
    """
    out = Path(out).absolute()
    _refuse_out(out)
    if source is None and not paths.database.is_file():
        raise LibraryError(f"There is no library in {paths.root} to back up.")
    try:
        partial.sweep(out, "partial")  # copies of privileged data left by killed backups
        building = partial.Building(out, "partial")
    except OSError as exc:
        raise UserError(f"Cannot make the backup folder {out}: {exc.strerror or exc}.") from None
    work = building.folder
    try:
        manifest = _build(paths, work, source, now)
        if out.exists():
            out.rmdir()
        work.rename(out)
        files.fsync_dir(out.parent)
    except OSError as exc:
        files.remove_tree(work)
        raise LibraryError(
            f"Could not write the backup into {out} ({exc.strerror or exc}); nothing was kept. "
            "Free some space or choose another place."
        ) from None
    except BaseException:
        files.remove_tree(work)
        raise
    finally:
        building.finish()
    _publish(manifest, out)
    return manifest


def _refuse_out(out: Path) -> None:
    if out.is_symlink() or (out.exists() and not out.is_dir()):
        raise UserError(f"{out} is a file; name a new folder for the backup.")
    if out.is_dir() and any(out.iterdir()):
        raise UserError(
            f"{out} already exists and is not empty; name a new folder for the backup "
            "(an existing backup is never overwritten)."
        )


def _build(
    paths: LibraryPaths,
    work: Path,
    source: sqlite3.Connection | None,
    now: Callable[[], datetime],
) -> Manifest:
    temp_db = work / TEMP_DATABASE
    try:
        _snapshot(paths, source, temp_db)
        facts = snapshot.examine(temp_db)
    except snapshot.CopyError as exc:
        raise LibraryDamagedError(
            f"The copy of the library failed its check ({exc.detail}), so no backup was made. "
            "The library itself may be damaged: run `compliance-desk verify`."
        ) from None
    if facts.chain_break is not None:
        seq, why = facts.chain_break
        raise LibraryDamagedError(
            f"The library's audit chain is broken at entry {seq} ({why}), so a backup of it "
            "could not be restored. Run `compliance-desk verify` and keep the folder as it is."
        )
    blobs = _copy_blobs(paths, temp_db, facts.blobs, work / BLOBS)
    database_sha256, database_size = files.sha256_of(temp_db)
    manifest = Manifest(
        library=facts.library,
        app_version=__version__,
        created_at=now().astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
        database_sha256=database_sha256,
        database_size=database_size,
        migrations=facts.migrations,
        head_seq=facts.head_seq,
        head_hash=facts.head_hash,
        matters=facts.matters,
        documents=facts.documents,
        blobs=blobs,
    )
    manifest = _sealed(manifest)
    files.write_durably(work / MANIFEST, manifest.to_json().encode("utf-8"))
    files.fsync_dir(work)
    temp_db.rename(work / DATABASE)
    for done in (work / DATABASE, work / MANIFEST):
        done.chmod(files.READ_ONLY)
    files.fsync_tree(work)
    return manifest


def _sealed(manifest: Manifest) -> Manifest:
    """The manifest with its seal, when this computer holds the library's key."""
    if manifest.library is None:
        return manifest
    key = KeyStore(key_dir()).key(manifest.library)
    return manifest if key is None else replace(manifest, mac=seal(key, manifest.body()))


def seal_late(folder: Path) -> bool:
    """Seal the unsealed manifest of a backup this process just made, now that a key exists.

    A library brought from another computer gets its key here only when it is first anchored,
    after its pre-upgrade backup was written; sealing that manifest then (in the same open)
    spares verify a seal it would find missing. True when a seal was added.
    """
    from desktop_app.storage.backup_check import read_manifest  # noqa: PLC0415 - no cycle

    manifest = read_manifest(folder)
    if manifest.mac is not None or manifest.library is None:
        return False
    sealed = _sealed(manifest)
    if sealed.mac is None:
        return False
    target = folder / MANIFEST
    target.chmod(files.PRIVATE_FILE)
    files.write_replacing(sealed.to_json().encode("utf-8"), target, private=True)
    target.chmod(files.READ_ONLY)
    files.fsync_dir(folder)
    return True


def _publish(manifest: Manifest, out: Path) -> None:
    """Add the backup's head to the anchor's published heads (verify checks it stays)."""
    if manifest.library is None or manifest.mac is None:
        return
    head = Head(manifest.head_seq, manifest.head_hash)
    try:
        anchor.publish(KeyStore(key_dir()), manifest.library, head, f"the backup {out}")
    except KeyStoreError as exc:  # the backup is made and sealed; only the extra check is lost
        log.warning("the backup's head was not anchored: %s", type(exc).__name__)


def _snapshot(paths: LibraryPaths, source: sqlite3.Connection | None, target: Path) -> None:
    """Copy the live database into ``target`` with the backup API; leave it self-contained."""
    own = source is None
    conn = connect(paths.database, read_only=True) if source is None else source
    try:
        dest = sqlite3.connect(target, isolation_level=None)
        try:
            conn.backup(dest)
            # The copy keeps the source's WAL flag; a backup must be one self-contained file.
            mode = dest.execute("PRAGMA journal_mode=DELETE").fetchone()[0]
            if str(mode).lower() != "delete":
                raise snapshot.CopyError(f"journal mode of the copy is {mode}")
        finally:
            dest.close()
    except sqlite3.Error as exc:
        raise snapshot.CopyError(str(exc)) from None
    finally:
        if own:
            conn.close()
    files.fsync_file(target)


def _copy_blobs(
    paths: LibraryPaths, copy: Path, wanted: tuple[BlobEntry, ...], target: Path
) -> tuple[BlobEntry, ...]:
    """Copy every blob the copy names, refusing any that is missing or not what it should be."""
    target.mkdir(mode=files.PRIVATE_DIR)
    done: list[BlobEntry] = []
    for blob in wanted:
        origin = blob_path(paths.blobs, blob.sha256)
        if not origin.is_file():
            raise LibraryDamagedError(
                f"The original of {snapshot.holder(copy, blob.sha256)} is missing from the "
                f"library ({origin}), so no backup was made. Run `compliance-desk verify`."
            )
        try:
            sha256, size = files.copy_hashed(origin, blob_path(target, blob.sha256), read_only=True)
        except OSError as exc:
            raise LibraryError(
                f"Could not copy {origin} into the backup ({exc.strerror or exc}); no backup "
                "was made."
            ) from None
        if sha256 != blob.sha256 or size != blob.size:
            raise LibraryDamagedError(
                f"The original of {snapshot.holder(copy, blob.sha256)} no longer matches its "
                f"SHA-256 ({origin}), so no backup was made. Run `compliance-desk verify`."
            )
        done.append(BlobEntry(sha256, size))
    return tuple(done)
