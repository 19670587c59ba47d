"""Counsel's limit on a memo's chronology: the documents dated between two days, of some kinds.

A large import can put a thousand documents on a matter; the memo's chronology and index then run
to scores of pages. A limit keeps the documents dated from ``dated_from`` through ``dated_to``
(either may be open) whose kind is one of ``kinds`` (none: every kind). A document's attachments
go with it; an attachment that passes the limit on its own while its parent does not is listed
on its own. Undated documents are left out once a date limit is set. The memo says what was
left out, so a limited chronology never passes for the whole file.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date

from desktop_app.core.documents import Document, DocumentKind


@dataclass(frozen=True)
class ChronologyLimit:
    """Which documents a memo's chronology and index list (all, when every part is open)."""

    dated_from: date | None = None
    dated_to: date | None = None
    kinds: tuple[DocumentKind, ...] = ()

    @property
    def limits(self) -> bool:
        """Whether anything is left out at all."""
        return bool(self.dated_from or self.dated_to or self.kinds)

    def admits(self, document: Document) -> bool:
        """Whether ``document`` passes the limit on its own."""
        if self.kinds and document.kind not in self.kinds:
            return False
        if not (self.dated_from or self.dated_to):
            return True
        day = _day(document)
        if day is None:
            return False
        return (self.dated_from is None or day >= self.dated_from) and (
            self.dated_to is None or day <= self.dated_to
        )

    def describe(self) -> str:
        """The limit in words: "letters and emails dated 2026-06-01 through 2026-07-31"."""
        kinds = _kinds_text(self.kinds) if self.kinds else "documents of every kind"
        if self.dated_from and self.dated_to:
            return f"{kinds} dated {self.dated_from} through {self.dated_to}"
        if self.dated_from:
            return f"{kinds} dated on or after {self.dated_from}"
        if self.dated_to:
            return f"{kinds} dated on or before {self.dated_to}"
        return kinds


NO_LIMIT = ChronologyLimit()


def limit_errors(limit: ChronologyLimit) -> dict[str, str]:
    """A limit that admits nothing by its dates is refused, naming both days."""
    if limit.dated_from and limit.dated_to and limit.dated_from > limit.dated_to:
        return {"dated_to": f"ends {limit.dated_to}, before it starts ({limit.dated_from})"}
    return {}


def limited(documents: Sequence[Document], limit: ChronologyLimit) -> list[Document]:
    """The documents ``limit`` keeps, attachments with their parents (see the module docstring)."""
    if not limit.limits:
        return list(documents)
    kept = {d.id for d in documents if d.parent_id is None and limit.admits(d)}
    by_id = {d.id: d for d in documents}
    shown: list[Document] = []
    for document in documents:
        root = _root(document, by_id)
        if root in kept:
            shown.append(document)
        elif document.parent_id is not None and limit.admits(document):
            shown.append(replace(document, parent_id=None))  # listed on its own
    return shown


def undated_left_out(documents: Sequence[Document], limit: ChronologyLimit) -> int:
    """How many documents a date limit leaves out only because no date of theirs can be read."""
    if not (limit.dated_from or limit.dated_to):
        return 0
    return sum(
        1 for d in documents if _day(d) is None and (not limit.kinds or d.kind in limit.kinds)
    )


def _root(document: Document, by_id: dict[int, Document]) -> int:
    seen = set()
    while document.parent_id is not None and document.parent_id in by_id:
        if document.id in seen:
            break
        seen.add(document.id)
        document = by_id[document.parent_id]
    return document.id


def _day(document: Document) -> date | None:
    try:
        return date.fromisoformat(document.doc_date[:10])
    except ValueError:
        return None


def _kinds_text(kinds: tuple[DocumentKind, ...]) -> str:
    names = [_plural(k) for k in kinds]
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


PLURALS = {DocumentKind.EVIDENCE: "evidence", DocumentKind.OTHER: "other documents"}


def _plural(kind: DocumentKind) -> str:
    return PLURALS.get(kind, kind.label.lower() + "s")
