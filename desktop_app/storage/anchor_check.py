"""Checking the audit chain against what was published of it (part of ``verify``).

Three sources, from strongest to weakest: the sealed anchor in the key store (`anchor`), whose
head the chain must end at and whose published heads it must hold; the manifests of the
library's automatic backups (sealed with the same key since this version); and the head printed
in every issued memo filed in the library (not sealed, but a rewrite that forgets them shows).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import NamedTuple

from desktop_app.storage.anchor import Head, Stored, aside_at

HashAt = Callable[[int], str | None]
PRINTED_HEAD = re.compile(r"Audit\s+entry\s+(\d+),\s+hash\s+([0-9a-f]{64})")


class Finding(NamedTuple):
    """One thing wrong, as verify lists it."""

    subject: str
    detail: str


def anchor_findings(
    stored: Stored, library_id: str | None, head: Head, hash_at: HashAt, where: tuple[Path, str]
) -> Iterator[Finding]:
    """What is wrong between the chain (ending at ``head``) and the library's anchor.

    ``where``: the library's folder and its key file. A copy a restore put aside is held to
    the head it had then.
    """
    root, key_file = where
    subject = "the audit anchor"
    if library_id is None:
        yield Finding(
            subject,
            "the library has no identity yet (made by an older version and not opened for "
            "writing since): open it once with this version to anchor its chain",
        )
        return
    if stored.key is None:
        yield Finding(
            subject,
            f"this computer holds no key for the library ({key_file}), so a rewrite of its "
            "chain cannot be found. If the library came from another computer, copy its key "
            "and anchor from there (docs/architecture.md, 'Audit anchor')",
        )
        return
    if stored.anchor is None:
        why = stored.unsealed or "it was never anchored on this computer"
        yield Finding(subject, f"the anchor cannot be used: {why}")
        return
    anchor = stored.anchor
    aside = aside_at(anchor, root)
    if aside is not None:
        if head != Head(aside.seq, aside.hash):
            yield Finding(subject, _off_anchor(head, Head(aside.seq, aside.hash), hash_at))
        return
    for found in anchor.breaks:
        yield Finding(subject, f"found earlier and kept until a restore: {found}")
    if head not in anchor.ends():
        yield Finding(subject, _off_anchor(head, anchor.after, hash_at))
    for printed in anchor.published:
        if printed.seq > head.seq or hash_at(printed.seq) != printed.hash:
            yield Finding(
                f"audit entry {printed.seq}",
                f"the head published in {printed.what} on {printed.at} "
                f"({printed.hash[:12]}…) is not in the chain: the chain was rewritten",
            )


def published_findings(
    where: str, seq: int, digest: str, head: Head, hash_at: HashAt
) -> Iterator[Finding]:
    """A head printed or written somewhere (a memo, a backup manifest) checked against the chain."""
    if seq > head.seq:
        yield Finding(
            where,
            f"names audit entry {seq}, but the chain ends at entry {head.seq}: its tail was cut",
        )
    elif hash_at(seq) != digest:
        yield Finding(
            where,
            f"names audit entry {seq} with the hash {digest[:12]}…, which the chain does not "
            "hold: the chain was rewritten",
        )


def printed_heads(text: str) -> list[tuple[int, str]]:
    """The audit heads a memo's text prints ("Audit entry N, hash H")."""
    return [(int(m.group(1)), m.group(2)) for m in PRINTED_HEAD.finditer(text)]


def _off_anchor(head: Head, anchored: Head, hash_at: HashAt) -> str:
    if head.seq < anchored.seq:
        return (
            f"the chain ends at {head.text()}, but the anchor recorded {anchored.text()}: "
            f"entries {head.seq + 1}–{anchored.seq} were removed"
        )
    if hash_at(anchored.seq) != anchored.hash:
        return (
            f"the anchor recorded {anchored.text()}, and the chain holds another entry "
            f"{anchored.seq}: the chain was rewritten"
        )
    return (
        f"the chain goes on past the anchored {anchored.text()} to {head.text()}: entries "
        f"{anchored.seq + 1}–{head.seq} were added without the app"
    )
