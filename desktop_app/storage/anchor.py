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
from collections.abc import Callable
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
HashAt = Callable[[int], str | None]


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
class Aside:
    """A copy of this library a restore put aside: its folder and where its chain ended."""

    root: str
    seq: int
    hash: str


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
    asides: tuple[Aside, ...] = ()
    origin: str = ""
    """The hash of the chain's first entry: the library's chain whatever is cut from its tail."""

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


def advance(
    store: KeyStore,
    library_id: str,
    root: Path,
    before: Head,
    after: Head,
    *,
    hash_at: HashAt = lambda _seq: None,
) -> None:
    """Record that the transaction going from ``before`` to ``after`` is about to commit.

    The caller holds ``store.locked(library_id)`` until its COMMIT is done. ``hash_at`` reads
    the chain: a library anchored here for the first time is checked against the others.
    """
    had_key = store.key(library_id) is not None
    key = store.key_or_new(library_id)
    stored = load(store, library_id)
    at = now_text()
    current = stored.anchor
    if current is None:
        breaks = _first_breaks(before, stored, had_key)
        breaks = breaks or _identity_breaks(store, library_id, root, hash_at)
        current = Anchor(library_id, str(root), before, before, before, at, breaks=breaks)
    else:
        current = resolved(current, before)
    origin = current.origin or hash_at(1) or ""
    moved_on = replace(current, root=str(root), before=before, after=after, origin=origin)
    _write(store, key, replace(moved_on, written_at=at))


def resolve(store: KeyStore, library_id: str, root: Path, head: Head) -> None:
    """At open, settle a restore the anchor was told of against where the chain ends now."""
    stored = load(store, library_id)
    if stored.anchor is not None and stored.key is not None and stored.anchor.restoring:
        current = replace(resolved(stored.anchor, head), root=str(root), before=head, after=head)
        _write(store, stored.key, replace(current, written_at=now_text()))


def note_break(store: KeyStore, library_id: str, found: str) -> None:
    """Keep a finding the app made outside a commit (the caller holds the lock)."""
    stored = load(store, library_id)
    if stored.anchor is not None and stored.key is not None:
        text = f"{now_text()}: {found}"
        _write(store, stored.key, replace(stored.anchor, breaks=(*stored.anchor.breaks, text)))


def resolved(current: Anchor, head: Head) -> Anchor:
    """The anchor once the chain is seen ending at ``head``.

    A break when ``head`` is off the anchor; an interrupted restore finished (published heads
    after it dropped) or undone.
    """
    at = now_text()
    if current.restoring is not None and head == current.restoring:
        note = f"{at}: the restore to {head.text()} was finished after an interruption"
        kept = tuple(p for p in current.published if p.seq <= head.seq)
        history = (*current.history, note)
        return replace(current, restoring=None, published=kept, history=history, since=head)
    if head not in (current.after, current.before):
        found = f"{at}: the chain ended at {head.text()}, not at {current.after.text()} "
        found += "as anchored; it was changed without the app"
        current = replace(current, breaks=(*current.breaks, found))
    elif current.restoring is not None:
        note = f"{at}: the restore to {current.restoring.text()} was undone after an interruption"
        current = replace(current, history=(*current.history, note))
    return replace(current, restoring=None)


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


def expect(store: KeyStore, library_id: str, head: Head, aside: Path | None = None) -> None:
    """Before a restore swaps its chain in: the chain may end at ``head`` from now on too.

    ``aside``: where the restore puts this same library's present copy, kept with the head it
    has now (so it verifies there even when the restore is killed before it is done).
    """
    with store.locked(library_id):
        stored = load(store, library_id)
        if stored.anchor is not None and stored.key is not None:
            current = stored.anchor
            if aside is not None:
                kept = Aside(str(aside), current.after.seq, current.after.hash)
                current = replace(current, asides=(*current.asides[-99:], kept))
            _write(store, stored.key, replace(current, restoring=head))


def reset(store: KeyStore, library_id: str, root: Path, head: Head, note: str) -> None:
    """Anchor a restored chain at ``head``: earlier findings go, the restore is noted.

    Published heads after ``head`` belonged to the chain that was put aside and are dropped;
    those up to it must still be in the restored chain. Copies put aside stay known.
    """
    with store.locked(library_id):
        key = store.key_or_new(library_id)
        old = load(store, library_id).anchor
        at = now_text()
        published = tuple(p for p in (old.published if old else ()) if p.seq <= head.seq)
        history = (*(old.history if old else ()), f"{at}: {note}")
        asides, origin = (old.asides, old.origin) if old else ((), "")
        fresh = Anchor(library_id, str(root), head, head, head, at, published, (), history)
        _write(store, key, replace(fresh, asides=asides, origin=origin))


def moved(store: KeyStore, library_id: str, aside: Path, into: Path) -> None:
    """Note that a restore into ``into`` put this (other) library aside in ``aside``."""
    with store.locked(library_id):
        stored = load(store, library_id)
        if stored.anchor is not None and stored.key is not None:
            note = f"{now_text()}: put aside in {aside} by a restore into {into}"
            history = (*stored.anchor.history, note)
            _write(store, stored.key, replace(stored.anchor, root=str(aside), history=history))


def aside_at(anchor: Anchor, root: Path) -> Aside | None:
    """The copy put aside in ``root``, when the library there is one."""
    if anchor.root == str(root):
        return None
    return next((a for a in reversed(anchor.asides) if a.root == str(root)), None)


def _first_breaks(before: Head, stored: Stored, had_key: bool) -> tuple[str, ...]:
    """Findings when a library has no anchor here to go on from."""
    at = now_text()
    if stored.unsealed is not None:
        return (f"{at}: the anchor kept here could not be used ({stored.unsealed})",)
    if not had_key or before.seq == 0:
        return ()
    return (f"{at}: its anchor was missing though its key is here (the anchor was removed)",)


def _identity_breaks(
    store: KeyStore, library_id: str, root: Path, hash_at: HashAt
) -> tuple[str, ...]:
    """A finding when this chain is another anchored library's under a new identity.

    Its first entry is that library's (`Anchor.origin`), however much of the tail was cut.
    A library a restore put aside to make room for this one is not counted.
    """
    first = hash_at(1)
    if first is None:
        return ()
    for other in store.anchored_ids():
        plain = _plain_of(store, other) if other != library_id else {}
        aside_for_us = f"by a restore into {root}" in " ".join(plain.get("history", ()))
        if plain.get("origin") == first and not aside_for_us:
            return (
                f"{now_text()}: this chain begins as the chain of the library {other} anchored "
                f"here; its library.db now calls itself {library_id} (its identity was "
                "replaced)",
            )
    return ()


def _plain_of(store: KeyStore, library_id: str) -> dict[str, Any]:
    """Another library's anchor as plain JSON, read without its key (only to compare)."""
    data = store.anchor_text(library_id, MAX_BYTES)
    try:
        body = json.loads((data or b"{}").decode("utf-8"))
    except ValueError:
        return {}
    return body if isinstance(body, dict) else {}


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
        asides=tuple(
            Aside(str(a["root"]), int(a["seq"]), str(a["hash"])) for a in body.get("asides", ())
        ),
        origin=str(body.get("origin", "")),
    )


def _head(plain: dict[str, Any]) -> Head:
    return Head(int(plain["seq"]), str(plain["hash"]))
