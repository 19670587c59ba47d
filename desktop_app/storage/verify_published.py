"""The parts of ``verify`` that compare the library with what was recorded outside its rows.

Two checks: every document's extracted text against the SHA-256 the chain recorded for it
(`text_digest`), and the chain against its sealed anchor, the heads it published (memos, the
automatic backups' manifests) and the anchor's own list of them (`anchor_check`).
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from typing import Any, NamedTuple, Protocol

from desktop_app.storage import manifest, rotation, text_digest
from desktop_app.storage.anchor import Head, Stored, sealed_by
from desktop_app.storage.anchor_check import (
    Finding,
    anchor_findings,
    printed_heads,
    published_findings,
)
from desktop_app.storage.library import Library

MAX_MEMO_TEXT = 2_000_000


class Logged(Protocol):
    """The last audit entry of a record, as verify's replay keeps it."""

    @property
    def action(self) -> str: ...  # noqa: D102 - a protocol field
    @property
    def after(self) -> str | None: ...  # noqa: D102
    @property
    def seq(self) -> int: ...  # noqa: D102


class TextFinding(NamedTuple):
    """A document whose stored text is not what the chain says."""

    document_id: int
    seq: int | None
    detail: str


def text_findings(conn: sqlite3.Connection, state: dict[Any, Any]) -> Iterator[TextFinding]:
    """Hash every stored text against its last audit entry; pop those entries from ``state``."""
    sql = "SELECT document_id, CAST(text AS BLOB) FROM document_text ORDER BY document_id"
    covered = _covered(conn)
    for document_id, data in conn.execute(sql):
        last: Logged | None = state.pop((text_digest.ENTITY, document_id), None)
        if last is None or last.action == "delete":
            if covered:
                yield TextFinding(document_id, None, "has no audit entry (added outside the app)")
            continue
        now = text_digest.summary_of_bytes(int(document_id), bytes(data or b""))
        try:
            logged = json.loads(last.after or "null")
        except ValueError:
            logged = None
        if not isinstance(logged, dict) or logged.get("sha256") != now["sha256"]:
            yield TextFinding(
                document_id,
                last.seq,
                f"differs from the SHA-256 audit entry {last.seq} recorded for it (the text "
                "was edited outside the app); re-read the original to restore it",
            )
    for key in [k for k in state if k[0] == text_digest.ENTITY]:
        last = state.pop(key)
        if last.action != "delete":
            yield TextFinding(key[1], last.seq, f"is missing; audit entry {last.seq} records it")


def chain_findings(
    conn: sqlite3.Connection, library: Library, stored: Stored
) -> tuple[list[Finding], int]:
    """Everything wrong between the chain and what was published of it; and how many heads."""
    head = _head(conn)

    def hash_at(seq: int) -> str | None:
        row = conn.execute("SELECT hash FROM audit WHERE seq = ?", [seq]).fetchone()
        return None if row is None else str(row[0])

    key_file = str(library.keys.key_path(library.identity)) if library.identity else ""
    place = (library.paths.root, key_file)
    found = list(anchor_findings(stored, library.identity, head, hash_at, place))
    breaks = stored.anchor.breaks if stored.anchor else ()
    kept = any(text_digest.RESET_FOUND in b for b in breaks)
    if stored.anchor and not _covered(conn) and not kept:
        found.append(Finding("the audit anchor", text_digest.RESET_FOUND))
    counted = len(stored.anchor.published) if stored.anchor else 0
    for where, seq, digest in _memo_heads(conn):
        counted += 1
        found += published_findings(where, seq, digest, head, hash_at)
    for where, body in _rotation_manifests(library):
        counted += 1
        found += _manifest_findings(where, body, stored, head, hash_at)
    return found, counted


def _covered(conn: sqlite3.Connection) -> bool:
    try:
        row = conn.execute("SELECT text_covered FROM identity").fetchone()
    except sqlite3.OperationalError:
        return False
    return row is not None and bool(row[0])


def _head(conn: sqlite3.Connection) -> Head:
    row = conn.execute("SELECT seq, hash FROM audit ORDER BY seq DESC LIMIT 1").fetchone()
    return Head(int(row[0]), str(row[1])) if row else Head(0, "0" * 64)


def _memo_heads(conn: sqlite3.Connection) -> Iterator[tuple[str, int, str]]:
    """The head printed in each issued memo filed in the library (read from its text)."""
    sql = (
        "SELECT d.id, d.filename, m.number, substr(t.text, 1, ?) FROM documents d"
        " JOIN document_text t ON t.document_id = d.id JOIN matters m ON m.id = d.matter_id"
        " WHERE d.kind = 'memo' ORDER BY d.id"
    )
    for document_id, filename, number, text in conn.execute(sql, [MAX_MEMO_TEXT]):
        for seq, digest in printed_heads(str(text or "")):
            yield f"memo {filename!r} (document {document_id} on {number})", seq, digest


def _rotation_manifests(library: Library) -> Iterator[tuple[str, dict[str, Any] | None]]:
    """Each automatic backup's manifest (None when it cannot be read as one)."""
    for generation in rotation.generations(library.paths):
        path = generation / manifest.MANIFEST
        body: Any = None
        try:
            if not path.is_symlink() and path.stat().st_size <= manifest.MAX_MANIFEST_BYTES:
                body = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            body = None
        yield f"the automatic backup {generation.name}", body if isinstance(body, dict) else None


def _manifest_findings(
    where: str, body: dict[str, Any] | None, stored: Stored, head: Head, hash_at: Any
) -> list[Finding]:
    if body is None:
        return [Finding(where, "its manifest is missing or cannot be read; restore refuses it")]
    seal = body.pop("seal", None)
    key = stored.key
    if key is not None and body.get("library") is not None:
        mac = seal.get("mac") if isinstance(seal, dict) else None
        if not sealed_by(key, body, mac):
            detail = (
                "was changed after it was made (its seal fails)" if seal else "has lost its seal"
            )
            return [Finding(where, f"its manifest {detail}")]
    audit_head = body.get("audit_head")
    if not isinstance(audit_head, dict):
        return []
    seq, digest = audit_head.get("seq"), audit_head.get("hash")
    if not isinstance(seq, int) or not isinstance(digest, str):
        return []
    return list(published_findings(where, seq, digest, head, hash_at))
