"""The backup manifest: what a backup folder holds, written last and checked first.

``manifest.json`` names the format and its version, the app that wrote it, when (UTC), the
SHA-256 and size of ``library.db``, the migrations the database carries, the audit-chain head
read from the copy, the counts of matters and documents, and every blob with its size. Since
issue 16 it also names the library (``library``, its identity) and carries ``seal``: the
HMAC-SHA256 of everything else under that library's key, which lives outside the library folder
(`keystore`), so a manifest recomputed after its database was edited no longer verifies.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Any

from desktop_app.errors import LibraryDamagedError, UserError

FORMAT = "compliance-desk-backup"
FORMAT_VERSION = 1
MANIFEST = "manifest.json"
DATABASE = "library.db"
BLOBS = "blobs"
MAX_MANIFEST_BYTES = 256 * 1024 * 1024
SHA256 = re.compile(r"^[0-9a-f]{64}$")
LIBRARY = re.compile(r"^[0-9a-f]{32}$")


class NotABackupError(UserError):
    """The folder given is not a Compliance Desk backup at all (exit 2)."""


class BackupDamagedError(LibraryDamagedError):
    """The backup is incomplete, damaged or was changed after it was made (exit 3)."""


@dataclass(frozen=True)
class BlobEntry:
    """One original in a backup: its content address and size."""

    sha256: str
    size: int


@dataclass(frozen=True)
class Manifest:
    """Everything ``manifest.json`` says about a backup."""

    app_version: str
    created_at: str
    database_sha256: str
    database_size: int
    migrations: tuple[str, ...]
    head_seq: int
    head_hash: str
    matters: int
    documents: int
    blobs: tuple[BlobEntry, ...]
    library: str | None = None
    mac: str | None = None

    def to_json(self) -> str:
        """The manifest as written to disk (stable key order, UTF-8, one trailing newline)."""
        body = self.body()
        if self.mac is not None:
            body["seal"] = {"mac": self.mac}
        return json.dumps(body, indent=2, ensure_ascii=False) + "\n"

    def body(self) -> dict[str, Any]:
        """Everything the manifest says except its seal (what the seal covers)."""
        body: dict[str, Any] = {
            "format": FORMAT,
            "format_version": FORMAT_VERSION,
            "app_version": self.app_version,
            "created_at": self.created_at,
            "database": {
                "file": DATABASE,
                "sha256": self.database_sha256,
                "size": self.database_size,
            },
            "migrations": list(self.migrations),
            "audit_head": {"seq": self.head_seq, "hash": self.head_hash},
            "counts": {
                "matters": self.matters,
                "documents": self.documents,
                "blobs": len(self.blobs),
            },
            "blobs": [{"sha256": b.sha256, "size": b.size} for b in self.blobs],
        }
        if self.library is not None:
            body["library"] = self.library
        return body

    def summary(self) -> dict[str, Any]:
        """The short account printed after a backup or restore (no blob list)."""
        return {
            "created_at": self.created_at,
            "app_version": self.app_version,
            "matters": self.matters,
            "documents": self.documents,
            "blobs": len(self.blobs),
            "blob_bytes": sum(b.size for b in self.blobs),
            "database_sha256": self.database_sha256,
            "database_size": self.database_size,
            "audit_head": {"seq": self.head_seq, "hash": self.head_hash},
        }

    def summary_text(self) -> str:
        """The summary as indented lines for the terminal."""
        size = sum(b.size for b in self.blobs)
        return "\n".join(
            (
                f"  made       {self.created_at} by compliance-desk {self.app_version}",
                f"  matters    {self.matters}",
                f"  documents  {self.documents}",
                f"  originals  {len(self.blobs)} ({size:,} bytes), every one SHA-256 checked",
                f"  database   {self.database_size:,} bytes, SHA-256 {self.database_sha256}",
                f"  audit head entry {self.head_seq}, {self.head_hash}",
            )
        )


def parse(text: str, where: str) -> Manifest:
    """Read a manifest, refusing anything not exactly of the format this build writes."""
    try:
        body = json.loads(text)
    except ValueError:
        raise NotABackupError(
            f"{where} is not valid JSON, so this is not a Compliance Desk backup (or it was "
            "damaged). Choose the folder that `compliance-desk backup` made."
        ) from None
    if not isinstance(body, dict) or body.get("format") != FORMAT:
        raise NotABackupError(f"{where} is not a Compliance Desk backup manifest.")
    version = body.get("format_version")
    if version != FORMAT_VERSION:
        raise NotABackupError(
            f"{where} is of backup format {version!r}; this build reads format "
            f"{FORMAT_VERSION} only. Restore it with the version of Compliance Desk that made it."
        )
    try:
        return _fields(body)
    except (KeyError, TypeError, ValueError) as exc:
        raise BackupDamagedError(
            f"{where} is incomplete or malformed ({exc}); the backup cannot be trusted."
        ) from None


def _fields(body: dict[str, Any]) -> Manifest:
    database, head, counts = body["database"], body["audit_head"], body["counts"]
    if database["file"] != DATABASE:
        raise ValueError(f"unexpected database file {database['file']!r}")
    blobs = tuple(BlobEntry(_hash(b["sha256"]), _count(b["size"])) for b in body["blobs"])
    if len({b.sha256 for b in blobs}) != len(blobs):
        raise ValueError("a blob is listed twice")
    if _count(counts["blobs"]) != len(blobs):
        raise ValueError("the blob count does not match the blob list")
    migrations = body["migrations"]
    if not isinstance(migrations, list) or not all(isinstance(m, str) for m in migrations):
        raise ValueError("migrations is not a list of names")
    seal = body.get("seal")
    if seal is not None and not (isinstance(seal, dict) and isinstance(seal.get("mac"), str)):
        raise ValueError("the seal is not a seal")
    library = body.get("library")
    if library is not None and not (isinstance(library, str) and LIBRARY.match(library)):
        raise ValueError("the library is not a library id")
    return Manifest(
        library=library,
        mac=seal["mac"] if seal else None,
        app_version=_text(body["app_version"]),
        created_at=_text(body["created_at"]),
        database_sha256=_hash(database["sha256"]),
        database_size=_count(database["size"]),
        migrations=tuple(migrations),
        head_seq=_count(head["seq"]),
        head_hash=_hash(head["hash"]),
        matters=_count(counts["matters"]),
        documents=_count(counts["documents"]),
        blobs=blobs,
    )


def _hash(value: object) -> str:
    if not isinstance(value, str) or not SHA256.match(value):
        raise ValueError(f"{str(value)[:80]!r} is not a SHA-256 hash")
    return value


def _count(value: object) -> int:
    if not isinstance(value, int) or isinstance(value, bool) or value < 0:
        raise ValueError(f"{str(value)[:80]!r} is not a count")
    return value


def _text(value: object) -> str:
    if not isinstance(value, str):
        raise ValueError(f"{str(value)[:80]!r} is not text")
    return value
