"""The audit anchor: the chain's head, sealed with a key kept outside the library folder.

Before each COMMIT that appends to the chain the writer records, in the key store, the head the
transaction started from (``before``) and the head it commits (``after``), sealed with
HMAC-SHA256 under the library's own key; once the COMMIT is done, ``before`` is set to the new
head too (`settle`). The committed chain must end at one of the two (the first only when the
process died between its anchor write and its COMMIT). Heads published on paper or in a
backup are added to ``published``; each must stay in the chain. A chain that ends anywhere
else — its tail cut, entries recomputed from some point on, an entry forged onto the end — was
changed without the key, and the finding is kept in ``breaks`` until a restore from a backup
replaces the chain.

The anchor never stops work: a writer that finds the chain off its anchor records the break and
goes on, so `verify` keeps reporting it (docs/architecture.md, "Audit anchor").
"""

from __future__ import annotations

import hashlib
import hmac
import json
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from desktop_app.core.serialize import canonical_json, to_plain
from desktop_app.storage.keystore import KeyStore

FORMAT = "compliance-desk-anchor"
FORMAT_VERSION = 1
MAX_BYTES = 16 * 1024 * 1024
MAX_PUBLISHED = 10_000


@dataclass(frozen=True)
class Head:
    """One position of the chain: an entry's number and hash (0 and the genesis hash first)."""

    seq: int
    hash: str

    def text(self) -> str:
        """How a head is named in a message."""
        return f"entry {self.seq} ({self.hash[:12]}…)"


@dataclass(frozen=True)
class Published:
    """A head printed on a memo or written into a backup's manifest."""

    seq: int
    hash: str
    what: str
    at: str


@dataclass(frozen=True)
class Anchor:
    """What the key store holds for one library."""

    library: str
    root: str
    since: Head
    before: Head
    after: Head
    written_at: str
    published: tuple[Published, ...] = ()
    breaks: tuple[str, ...] = ()
    history: tuple[str, ...] = field(default=())
    restoring: Head | None = None
    """The head of a backup being restored: until the restore is done the chain may end there."""

    def ends(self) -> tuple[Head, ...]:
        """Where the committed chain may end."""
        return (self.after, self.before, *((self.restoring,) if self.restoring else ()))


@dataclass(frozen=True)
class Stored:
    """The anchor of a library as read: its key and anchor (each None when absent)."""

    key: bytes | None
    anchor: Anchor | None
    unsealed: str | None = None
    """Why the stored anchor cannot be trusted (its seal fails or it cannot be read)."""


def now_text() -> str:
    """The time written into an anchor (UTC, seconds)."""
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def seal(key: bytes, body: dict[str, Any]) -> str:
    """The HMAC-SHA256 of a JSON body (its canonical spelling) under ``key``."""
    return hmac.new(key, canonical_json(body).encode("utf-8"), hashlib.sha256).hexdigest()


def sealed_by(key: bytes, body: dict[str, Any], mac: object) -> bool:
    """Whether ``mac`` is the seal of ``body`` under ``key``."""
    return isinstance(mac, str) and hmac.compare_digest(seal(key, body), mac)


def load(store: KeyStore, library_id: str) -> Stored:
    """Read and unseal the anchor of a library."""
    key = store.key(library_id)
    data = store.anchor_text(library_id, MAX_BYTES + 1)
    if data is None or key is None:
        return Stored(key, None, None if data is None else "its key is missing")
    try:
        body = json.loads(data.decode("utf-8"))
        mac = body.pop("mac", None)
        if not sealed_by(key, body, mac):
            return Stored(key, None, "its seal does not verify: it was changed outside the app")
        anchor = _from_plain(body)
    except (ValueError, TypeError, KeyError, AttributeError):
        return Stored(key, None, "it cannot be read (damaged)")
    if anchor.library != library_id:
        return Stored(key, None, "it belongs to another library")
    return Stored(key, anchor)


def advance(store: KeyStore, library_id: str, root: Path, before: Head, after: Head) -> None:
    """Record that the transaction going from ``before`` to ``after`` is about to commit.

    The caller holds ``store.locked(library_id)`` until its COMMIT is done.
    """
    key = store.key_or_new(library_id)
    stored = load(store, library_id)
    at = now_text()
    current = stored.anchor
    if current is None:
        breaks = _first_breaks(store, library_id, root, before, stored.unsealed)
        current = Anchor(library_id, str(root), before, before, before, at, breaks=breaks)
    elif before not in current.ends():
        found = f"{at}: the chain ended at {before.text()}, not at {current.after.text()} "
        found += "as anchored; it was changed without the app"
        current = replace(current, breaks=(*current.breaks, found))
    if current.restoring is not None:
        done = "finished" if before == current.restoring else "undone"
        note = f"{at}: the restore to {current.restoring.text()} was {done} after an interruption"
        current = replace(current, restoring=None, history=(*current.history, note))
    _write(store, key, replace(current, root=str(root), before=before, after=after, written_at=at))


def settle(store: KeyStore, library_id: str, head: Head) -> None:
    """Record that the COMMIT to ``head`` happened (the caller still holds the lock).

    Until then the chain may end at ``before`` (a COMMIT that never happened); after it, only
    at ``head``, so cutting off the last transaction shows too.
    """
    stored = load(store, library_id)
    if stored.anchor is not None and stored.key is not None and stored.anchor.after == head:
        _write(store, stored.key, replace(stored.anchor, before=head))


def publish(store: KeyStore, library_id: str, head: Head, what: str) -> bool:
    """Add a published head; False when the library has no trusted anchor here to add it to."""
    with store.locked(library_id):
        stored = load(store, library_id)
        if stored.anchor is None or stored.key is None:
            return False
        entry = Published(head.seq, head.hash, what, now_text())
        kept = stored.anchor.published[-(MAX_PUBLISHED - 1) :]
        _write(store, stored.key, replace(stored.anchor, published=(*kept, entry)))
    return True


def expect(store: KeyStore, library_id: str, head: Head) -> None:
    """Before a restore swaps its chain in: the chain may end at ``head`` from now on too."""
    with store.locked(library_id):
        stored = load(store, library_id)
        if stored.anchor is not None and stored.key is not None:
            _write(store, stored.key, replace(stored.anchor, restoring=head))


def reset(store: KeyStore, library_id: str, root: Path, head: Head, note: str) -> None:
    """Anchor a restored chain at ``head``: earlier findings go, the restore is noted.

    Published heads after ``head`` belonged to the chain that was put aside and are dropped;
    those up to it must still be in the restored chain.
    """
    with store.locked(library_id):
        key = store.key_or_new(library_id)
        old = load(store, library_id).anchor
        at = now_text()
        published = tuple(p for p in (old.published if old else ()) if p.seq <= head.seq)
        history = (*(old.history if old else ()), f"{at}: {note}")
        fresh = Anchor(library_id, str(root), head, head, head, at, published, (), history)
        _write(store, key, fresh)


def moved(store: KeyStore, library_id: str, root: Path) -> None:
    """Note that a library now lives in ``root`` (a restore put it aside there)."""
    with store.locked(library_id):
        stored = load(store, library_id)
        if stored.anchor is not None and stored.key is not None:
            _write(store, stored.key, replace(stored.anchor, root=str(root)))


def _first_breaks(
    store: KeyStore, library_id: str, root: Path, before: Head, unsealed: str | None
) -> tuple[str, ...]:
    """Findings when a library with entries is anchored here for the first time."""
    at = now_text()
    if unsealed is not None:
        return (f"{at}: the anchor kept here could not be used ({unsealed})",)
    if before.seq == 0:
        return ()
    for other in store.anchored_ids():
        if other != library_id and _root_of(store, other) == str(root):
            return (
                f"{at}: this folder held the library {other} before; its library.db now calls "
                f"itself {library_id} with {before.seq} audit entries no anchor covers (its "
                "identity was replaced, or another library was copied in by hand)",
            )
    return ()


def _root_of(store: KeyStore, library_id: str) -> str | None:
    data = store.anchor_text(library_id, MAX_BYTES)
    try:
        root = json.loads((data or b"{}").decode("utf-8")).get("root")
    except (ValueError, AttributeError):
        return None
    return root if isinstance(root, str) else None


def _write(store: KeyStore, key: bytes, anchor: Anchor) -> None:
    body = {"format": FORMAT, "format_version": FORMAT_VERSION, **to_plain(anchor)}
    body["mac"] = seal(key, body)
    store.write_anchor(anchor.library, (json.dumps(body, indent=1, sort_keys=True) + "\n").encode())


def _from_plain(body: dict[str, Any]) -> Anchor:
    if body.get("format") != FORMAT or body.get("format_version") != FORMAT_VERSION:
        raise ValueError("not an anchor of this format")
    return Anchor(
        library=str(body["library"]),
        root=str(body["root"]),
        since=_head(body["since"]),
        before=_head(body["before"]),
        after=_head(body["after"]),
        written_at=str(body["written_at"]),
        published=tuple(
            Published(int(p["seq"]), str(p["hash"]), str(p["what"]), str(p["at"]))
            for p in body["published"]
        ),
        breaks=tuple(str(b) for b in body["breaks"]),
        history=tuple(str(h) for h in body["history"]),
        restoring=_head(body["restoring"]) if body.get("restoring") else None,
    )


def _head(plain: dict[str, Any]) -> Head:
    return Head(int(plain["seq"]), str(plain["hash"]))
