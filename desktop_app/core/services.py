"""Use cases that change a matter file: the one way the window, the command line and tests write.

Each public method is one business operation and one transaction: it validates, writes, and
(through the unit of work) audits, or raises and leaves nothing behind.
"""

from __future__ import annotations

from collections.abc import Callable
from contextlib import AbstractContextManager
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime
from typing import Generic, TypeVar

from desktop_app.core import validation as v
from desktop_app.core.authorizations import (
    AnnexRow,
    AuthorizationLetter,
    Condition,
    ConditionLog,
    Determination,
    License,
)
from desktop_app.core.holds import RefusedError, refusal_under_hold
from desktop_app.core.matter_numbers import ever_given, next_number, retire, retired
from desktop_app.core.matter_status import check_hand_change
from desktop_app.core.models import Activity, Item, Matter, Note, Party
from desktop_app.core.ports import Store, UnitOfWork
from desktop_app.core.retention_service import check_agency_change
from desktop_app.errors import ValidationError

T = TypeVar("T")


@dataclass(frozen=True)
class Saved(Generic[T]):
    """A stored record and the warnings worth showing about it."""

    record: T
    warnings: tuple[str, ...] = ()


class MatterService:
    """Create and change matters and what hangs on them: parties, items, activities, notes."""

    def __init__(
        self,
        store: Store,
        actor: str,
        today: Callable[[], date] = date.today,
        now: Callable[[], datetime] = lambda: datetime.now(UTC),
        eccn_heading: Callable[[str], str | None] = lambda _eccn: "",
    ) -> None:
        self._eccn_heading = eccn_heading
        self._store = store
        self._actor = actor
        self._today = today
        self._now = now

    def batch(self) -> AbstractContextManager[UnitOfWork]:
        """One transaction around several calls, so they are kept or lost together."""
        return self._store.transaction(self._actor)

    def create_matter(self, draft: Matter) -> Saved[Matter]:
        """Store a new matter, assigning its number (EC-<year opened>-NNNN) unless given."""
        draft = replace(draft, opened=draft.opened or self._today())
        v.check(v.matter_errors(draft))
        with self._store.transaction(self._actor) as tx:
            gone = retired(tx)
            number = draft.number or next_number(tx, draft.opened or self._today(), gone)
            if tx.find_matter(number) is not None:
                raise ValidationError({"number": f"Matter {number} already exists."})
            if ever_given(tx, number, gone):
                raise ValidationError({"number": f"{number} was given before; it is not reused."})
            stored = tx.insert(replace(draft, number=number, id=0))
        return Saved(stored, tuple(v.matter_warnings(stored).values()))

    def update_matter(self, matter: Matter) -> Saved[Matter]:
        """Replace a matter's fields; its number stays unique."""
        v.check(v.matter_errors(matter))
        if not matter.number:
            raise ValidationError({"number": "A stored matter keeps its number."})
        with self._store.transaction(self._actor) as tx:
            other = tx.find_matter(matter.number)
            if other is not None and other.id != matter.id:
                raise ValidationError({"number": f"Matter {matter.number} already exists."})
            stored = tx.get(Matter, matter.id)
            if stored.number != matter.number:
                if ever_given(tx, matter.number):
                    why = f"{matter.number} was given before; it is not reused."
                    raise ValidationError({"number": why})
                retire(tx, stored.number)
            check_hand_change(stored, matter)
            check_agency_change(tx, matter)
            tx.update(matter)
        return Saved(matter, tuple(v.matter_warnings(matter).values()))

    def add_party(self, party: Party) -> Saved[Party]:
        """Add a party to its matter."""
        v.check(v.party_errors(party, self._today()))
        with self._store.transaction(self._actor) as tx:
            self._check_party_links(tx, party)
            return Saved(tx.insert(party))

    def update_party(self, party: Party) -> Saved[Party]:
        """Replace a party's fields."""
        v.check(v.party_errors(party, self._today()))
        with self._store.transaction(self._actor) as tx:
            self._check_party_links(tx, party)
            tx.update(party)
        return Saved(party)

    def remove_party(self, party_id: int) -> Party:
        """Remove a party that no activity and no employee points at (not under legal hold)."""
        with self._store.transaction(self._actor) as tx:
            party = tx.get(Party, party_id)
            refused = refusal_under_hold(tx, party.matter_id, f"remove party {party.name}")
            if refused is None:
                _refuse_if_used(tx, party)
                return tx.delete(Party, party_id)
        raise RefusedError(refused)

    def add_item(self, item: Item) -> Saved[Item]:
        """Add an item to its matter."""
        v.check(v.item_errors(item))
        with self._store.transaction(self._actor) as tx:
            tx.get(Matter, item.matter_id)
            stored = tx.insert(item)
        return Saved(stored, tuple(v.item_warnings(item, self._eccn_heading).values()))

    def update_item(self, item: Item) -> Saved[Item]:
        """Replace an item's fields."""
        v.check(v.item_errors(item))
        with self._store.transaction(self._actor) as tx:
            tx.update(item)
        return Saved(item, tuple(v.item_warnings(item, self._eccn_heading).values()))

    def remove_item(self, item_id: int) -> Item:
        """Remove an item that no activity points at (not under legal hold)."""
        with self._store.transaction(self._actor) as tx:
            item = tx.get(Item, item_id)
            refused = refusal_under_hold(tx, item.matter_id, f"remove item {item.name}")
            if refused is None:
                used = [a for a in tx.children(Activity, item.matter_id) if a.item_id == item_id]
                if used:
                    raise ValidationError({"item": _in_use(item.name, len(used), "activity")})
                _refuse_if_named(tx, item.matter_id, item.name, items=(item_id,))
                return tx.delete(Item, item_id)
        raise RefusedError(refused)

    def add_activity(self, activity: Activity) -> Saved[Activity]:
        """Add an activity whose item and party belong to the same matter."""
        with self._store.transaction(self._actor) as tx:
            self._check_activity(tx, activity)
            return Saved(tx.insert(activity))

    def update_activity(self, activity: Activity) -> Saved[Activity]:
        """Replace an activity's fields."""
        with self._store.transaction(self._actor) as tx:
            self._check_activity(tx, activity)
            tx.update(activity)
        return Saved(activity)

    def remove_activity(self, activity_id: int) -> Activity:
        """Remove an activity (refused while its matter is on legal hold)."""
        with self._store.transaction(self._actor) as tx:
            activity = tx.get(Activity, activity_id)
            refused = refusal_under_hold(tx, activity.matter_id, "remove an activity")
            if refused is None:
                _refuse_if_decided(tx, activity)
                return tx.delete(Activity, activity_id)
        raise RefusedError(refused)

    def add_note(self, note: Note) -> Saved[Note]:
        """Add a note to a matter."""
        v.check(v.text_errors(note))
        if not note.text.strip():
            raise ValidationError({"text": "A note cannot be empty."})
        with self._store.transaction(self._actor) as tx:
            tx.get(Matter, note.matter_id)
            stamped = replace(
                note,
                author=note.author or self._actor,
                created_at=note.created_at or self._now().isoformat(timespec="seconds"),
            )
            return Saved(tx.insert(stamped))

    def update_note(self, note: Note) -> Saved[Note]:
        """Correct a note's text; who wrote it and when stay as recorded (the change is audited)."""
        v.check(v.text_errors(note))
        if not note.text.strip():
            raise ValidationError({"text": "A note cannot be empty."})
        with self._store.transaction(self._actor) as tx:
            stored = tx.get(Note, note.id)
            corrected = replace(stored, text=note.text)
            tx.update(corrected)
            return Saved(corrected)

    def remove_note(self, note_id: int) -> Note:
        """Remove a note (refused while its matter is on legal hold)."""
        with self._store.transaction(self._actor) as tx:
            note = tx.get(Note, note_id)
            refused = refusal_under_hold(tx, note.matter_id, "remove a note")
            if refused is None:
                return tx.delete(Note, note_id)
        raise RefusedError(refused)

    def _check_party_links(self, tx: UnitOfWork, party: Party) -> None:
        tx.get(Matter, party.matter_id)
        if party.employer_id is None:
            return
        employer = tx.get(Party, party.employer_id)
        if employer.matter_id != party.matter_id:
            raise ValidationError({"employer_id": "The employer must be a party of this matter."})

    def _check_activity(self, tx: UnitOfWork, activity: Activity) -> None:
        party = tx.get(Party, activity.party_id) if activity.party_id is not None else None
        v.check(v.activity_errors(activity, party))
        tx.get(Matter, activity.matter_id)
        if party is not None and party.matter_id != activity.matter_id:
            raise ValidationError({"party_id": "The party must belong to this matter."})
        item = tx.get(Item, activity.item_id) if activity.item_id is not None else None
        if item is not None and item.matter_id != activity.matter_id:
            raise ValidationError({"item_id": "The item must belong to this matter."})


def _refuse_if_used(tx: UnitOfWork, party: Party) -> None:
    acts = [a for a in tx.children(Activity, party.matter_id) if a.party_id == party.id]
    if acts:
        raise ValidationError({"party": _in_use(party.name, len(acts), "activity")})
    _refuse_if_named(tx, party.matter_id, party.name, parties=(party.id,))
    staff = [p for p in tx.children(Party, party.matter_id) if p.employer_id == party.id]
    if staff:
        raise ValidationError(
            {
                "party": f"{party.name} is the employer of {len(staff)} people; "
                "change their employer first."
            }
        )


def _refuse_if_named(
    tx: UnitOfWork,
    matter_id: int,
    name: str,
    parties: tuple[int, ...] = (),
    items: tuple[int, ...] = (),
) -> None:
    """Refuse removing a party or item that a license, letter, Annex A row or condition names.

    Removing it would silently narrow what they say.
    """
    found = decisions_naming(tx, matter_id, set(parties), set(items))
    if found:
        raise ValidationError(
            {
                "party" if parties else "item": (
                    f"{name} is named in {', '.join(found)}; change those first."
                )
            }
        )


def _refuse_if_decided(tx: UnitOfWork, activity: Activity) -> None:
    """Refuse removing an activity a determination is about (it would lose its subject)."""
    found = [
        d.decided_on.isoformat()
        for d in tx.children(Determination, activity.matter_id)
        if activity.id in d.activity_ids
    ]
    if found:
        why = f"The determination of {found[0]} is about this activity; change it first."
        raise ValidationError({"activity": why})


def _in_use(name: str, count: int, what: str) -> str:
    plural = "activities" if count != 1 and what == "activity" else what
    return f"{name} is used by {count} {plural}; remove or change them first."


def decisions_naming(
    tx: UnitOfWork, matter_id: int, parties: set[int], items: set[int]
) -> list[str]:
    """What on the matter names one of these parties or items.

    Licenses, letters (items, addressee), determinations, Annex A rows, conditions and their log.
    """
    found = [
        f"license {x.number}"
        for x in tx.children(License, matter_id)
        if parties & set(x.party_ids) or items & set(x.item_ids)
    ]
    found += [
        f"the letter of {x.dated}"
        for x in tx.children(AuthorizationLetter, matter_id)
        if items & set(x.item_ids) or x.addressee_id in parties
    ]
    found += [
        f"the determination of {d.decided_on}"
        for d in tx.children(Determination, matter_id)
        if items & set(d.item_ids)
    ]
    found += [
        f"Annex A row {r.row_no}" for r in tx.children(AnnexRow, matter_id) if r.party_id in parties
    ]
    found += [
        f"condition {c.number or c.id}"
        for c in tx.children(Condition, matter_id)
        if parties & set(c.bound_party_ids)
    ]
    found += [
        "a condition's log" for e in tx.children(ConditionLog, matter_id) if e.party_id in parties
    ][:1]
    return found
