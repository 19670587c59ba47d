"""Storing the draft a matter file states: a new matter and all it holds, in one transaction.

The draft has passed every check of read_matter_file (the window's validators among them);
this service writes it through the unit of work, so every row is audited in the same
transaction and an error anywhere leaves the library as it was. Records keep the values the
file gives (a replaced license keeps the status written, a matter the status written): loading
states facts, it does not re-run what the window does on entry. Records are stored in the
file's order, so export afterwards lists them in that order; a link to a later record of the
same list (an employer given after the employee) is set once that record is stored.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import UTC, date, datetime
from typing import Any

from desktop_app.core.matter_file_format import LINKS, LISTS, NESTED, MatterFileError
from desktop_app.core.matter_numbers import ever_given
from desktop_app.core.models import Matter, MatterRecord, Note
from desktop_app.core.ports import Store, UnitOfWork
from desktop_app.core.services import MatterService

Ids = dict[str, dict[int, int]]
_OWNER_LIST = {
    sub: (parent, next(k.key for k in LISTS if k.record is owner))
    for owner, (_key, sub, parent) in NESTED.items()
}


class MatterFileService:
    """Load a matter file's draft into the library as a new matter."""

    def __init__(
        self,
        store: Store,
        actor: str,
        today: Callable[[], date] = date.today,
        now: Callable[[], datetime] = lambda: datetime.now(UTC),
    ) -> None:
        self._store = store
        self._actor = actor
        self._today = today
        self._now = now

    def load(self, draft: MatterRecord, *, new_number: bool = False) -> Matter:
        """Store the draft as a new matter, whole or not at all; return the stored matter.

        The file's matter number is kept when the library does not have it; when it does, the
        load is refused unless ``new_number``, which gives the next free number instead.
        """
        decided = draft.decisions
        with self._store.transaction(self._actor) as tx:
            matter = self._create_matter(tx, draft.matter, new_number)
            ids: Ids = {kind.key: {} for kind in LISTS}
            for key, records in (
                ("parties", draft.parties),
                ("items", draft.items),
                ("activities", draft.activities),
                ("determinations", decided.determinations),
                ("licenses", decided.licenses),
                ("letters", decided.letters),
                ("", decided.annex_rows),
                ("conditions", decided.conditions),
                ("", decided.condition_log),
                ("clock_events", decided.clock_events),
                ("notes", tuple(self._stamped(n) for n in draft.notes)),
            ):
                _store_all(tx, matter.id, records, ids.get(key, {}), ids)
        return matter

    def _create_matter(self, tx: UnitOfWork, matter: Matter, new_number: bool) -> Matter:
        number = matter.number
        taken = bool(number) and tx.find_matter(number) is not None
        if number and not taken and ever_given(tx, number):
            if not new_number:
                raise MatterFileError(
                    {
                        "$.matter.number": f"{number} was given to a matter that was voided or "
                        "deleted, and is not reused; empty matter.number, or load with "
                        "--new-number"
                    }
                )
            number = ""
        if taken:
            if not new_number:
                raise MatterFileError(
                    {
                        "$.matter.number": f"the library already has matter {number}; change "
                        "or empty matter.number, or load with --new-number to give this one "
                        "the next free number"
                    }
                )
            number = ""
        matters = MatterService(self._store, self._actor, today=self._today, now=self._now)
        return matters.create_matter(replace(matter, number=number, id=0)).record

    def _stamped(self, note: Note) -> Note:
        """A note as the window adds it: by whoever loads it, at the time it is loaded."""
        return replace(
            note,
            author=note.author or self._actor,
            created_at=note.created_at or self._now().isoformat(timespec="seconds"),
        )


def _store_all(
    tx: UnitOfWork, matter_id: int, records: tuple[Any, ...], own: dict[int, int], ids: Ids
) -> None:
    """Insert records in order (``own``: where their draft ids go), then set forward links."""
    later: list[tuple[Any, dict[str, int]]] = []
    for record in records:
        changes, pending = _linked(record, ids, own)
        stored = tx.insert(replace(record, matter_id=matter_id, id=0, **changes))
        own[record.id] = stored.id
        if pending:
            later.append((stored, pending))
    for stored, pending in later:
        tx.update(replace(stored, **{field: own[draft] for field, draft in pending.items()}))


def _linked(record: Any, ids: Ids, own: dict[int, int]) -> tuple[dict[str, Any], dict[str, int]]:
    """The stored ids a record's links take now, and the links to records not stored yet."""
    targets = {field: target for field, (_key, target) in LINKS.get(type(record), {}).items()}
    if type(record) in _OWNER_LIST:
        parent, owner = _OWNER_LIST[type(record)]
        targets[parent] = owner
    changes: dict[str, Any] = {}
    pending: dict[str, int] = {}
    for field, target in targets.items():
        value = getattr(record, field)
        if isinstance(value, tuple):
            changes[field] = tuple(ids[target][draft] for draft in value)
        elif value is not None and ids[target] is own and value not in own:
            changes[field], pending[field] = None, value
        elif value is not None:
            changes[field] = ids[target][value]
    return changes, pending
