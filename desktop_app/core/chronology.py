"""The chronology of a matter's correspondence, with email threads kept together.

Messages are joined into a thread through In-Reply-To and References (RFC 5322 §3.6.4): a
message belongs to the thread of the earliest message it refers to that is filed on the matter.
Threads and single documents are ordered by their first date; within a thread, by date; every
document is followed by its attachments, indented one level deeper.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import UTC, datetime

from desktop_app.core.documents import Document

UNDATED = "9999"  # undated documents sort after dated ones


@dataclass(frozen=True)
class ChronologyRow:
    """One line of the chronology: a document, how deep it sits, and its thread."""

    document: Document
    depth: int
    thread: int
    replies: int = 0


def chronology(documents: tuple[Document, ...] | list[Document]) -> list[ChronologyRow]:
    """Order a matter's documents for reading: threads together, attachments under parents."""
    by_parent: dict[int | None, list[Document]] = defaultdict(list)
    for document in documents:
        by_parent[document.parent_id].append(document)
    roots = by_parent[None]
    keys = {d.id: _date_key(d) for d in roots}
    thread_of = _threads(roots, keys)
    groups: dict[int, list[Document]] = defaultdict(list)
    for document in roots:
        groups[thread_of[document.id]].append(document)
    rows: list[ChronologyRow] = []
    for thread, members in sorted(groups.items(), key=lambda g: min(keys[d.id] for d in g[1])):
        members.sort(key=lambda d: keys[d.id])
        for position, document in enumerate(members):
            replies = len(members) - 1 if position == 0 else 0
            rows.append(ChronologyRow(document, 1 if position else 0, thread, replies))
            rows.extend(_family(document, by_parent, (1 if position else 0) + 1, thread))
    return rows


def _family(
    parent: Document, by_parent: dict[int | None, list[Document]], depth: int, thread: int
) -> list[ChronologyRow]:
    rows: list[ChronologyRow] = []
    for child in sorted(by_parent.get(parent.id, []), key=lambda d: (d.position, d.id)):
        rows.append(ChronologyRow(child, depth, thread))
        rows.extend(_family(child, by_parent, depth + 1, thread))
    return rows


def _threads(roots: list[Document], keys: dict[int, tuple[str, int]]) -> dict[int, int]:
    """Map each top-level document id to the id of its thread's first message.

    ``keys`` holds each document's `_date_key`, worked out once.
    """
    by_message_id = {d.message_id: d for d in roots if d.message_id}
    thread: dict[int, int] = {}
    for document in sorted(roots, key=lambda d: keys[d.id]):
        earlier = [by_message_id[m] for m in _referred(document) if m in by_message_id]
        earlier = [d for d in earlier if d.id != document.id and d.id in thread]
        first = min(earlier, key=lambda d: keys[d.id]).id if earlier else document.id
        thread[document.id] = thread.get(first, document.id)
    return thread


def _referred(document: Document) -> list[str]:
    ids = list(document.references)
    if document.in_reply_to:
        ids.append(document.in_reply_to)
    return ids


def _date_key(document: Document) -> tuple[str, int]:
    return (sort_stamp(document.doc_date), document.id)


def sort_stamp(iso: str) -> str:
    """An ISO date or time as UTC text that sorts in time order ("" sorts last)."""
    if not iso:
        return UNDATED
    try:
        moment = datetime.fromisoformat(iso)
    except ValueError:
        return UNDATED
    if moment.tzinfo is not None:
        moment = moment.astimezone(UTC)
    return moment.isoformat()
