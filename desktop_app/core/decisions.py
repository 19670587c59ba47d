"""Recording what was decided: determinations, licenses, letters with their Annex A, clocks.

Each method is one business operation in one transaction; the unit of work audits every row it
writes. Rules that only read live in validity, bis_clock and annex; this module checks them
and writes.
"""

from __future__ import annotations

from dataclasses import replace

from desktop_app.core.annex import AnnexLine, match_party, parse_annex
from desktop_app.core.authorizations import (
    AnnexRow,
    AuthorizationLetter,
    ClockEvent,
    Determination,
    License,
    LicenseStatus,
)
from desktop_app.core.bis_clock import check_events
from desktop_app.core.enums import MatterStatus
from desktop_app.core.holds import RefusedError, refusal_under_hold
from desktop_app.core.matter_status import derived_status
from desktop_app.core.models import Item, Matter, Party
from desktop_app.core.ports import Store, UnitOfWork
from desktop_app.core.validation import check as _check
from desktop_app.core.validation import text_errors
from desktop_app.core.validity import validate_license
from desktop_app.errors import ValidationError


class DecisionService:
    """Add and change determinations, licenses, authorization letters and clock events."""

    def __init__(self, store: Store, actor: str) -> None:
        self._store = store
        self._actor = actor

    def add_determination(self, determination: Determination) -> Determination:
        """Record a decision on a matter."""
        _check(text_errors(determination))
        with self._store.transaction(self._actor) as tx:
            tx.get(Matter, determination.matter_id)
            stored = tx.insert(determination)
            _follow_status(tx, determination.matter_id)
            return stored

    def update_determination(self, determination: Determination) -> Determination:
        """Correct a recorded decision."""
        _check(text_errors(determination))
        with self._store.transaction(self._actor) as tx:
            tx.update(determination)
        return determination

    def add_license(self, license_: License) -> License:
        """Record a license; a replacement marks the license it replaces as superseded."""
        _check(text_errors(license_))
        _check(validate_license(license_))
        with self._store.transaction(self._actor) as tx:
            _check_scope(tx, license_.matter_id, license_.party_ids, license_.item_ids)
            stored = tx.insert(license_)
            _supersede(tx, stored)
            return stored

    def update_license(self, license_: License) -> License:
        """Change a license's fields or status (suspended, revoked …)."""
        _check(text_errors(license_))
        _check(validate_license(license_))
        with self._store.transaction(self._actor) as tx:
            _check_scope(tx, license_.matter_id, license_.party_ids, license_.item_ids)
            before = tx.update(license_)
            if before.replaces_license_id != license_.replaces_license_id:
                _supersede(tx, license_)
        return license_

    def add_letter(self, letter: AuthorizationLetter, annex_text: str = "") -> AuthorizationLetter:
        """Record a letter that imposes or lifts a requirement, with its Annex A if given."""
        _check(text_errors(letter))
        _check(_letter_errors(letter))
        lines = parse_annex(annex_text) if annex_text.strip() else []
        with self._store.transaction(self._actor) as tx:
            _check_scope(tx, letter.matter_id, (), letter.item_ids)
            stored = tx.insert(letter)
            self._insert_annex(tx, stored, lines)
            return stored

    def update_letter(self, letter: AuthorizationLetter) -> AuthorizationLetter:
        """Correct a letter's fields (its Annex A is replaced separately)."""
        _check(text_errors(letter))
        _check(_letter_errors(letter))
        with self._store.transaction(self._actor) as tx:
            _check_scope(tx, letter.matter_id, (), letter.item_ids)
            tx.update(letter)
        return letter

    def replace_annex(self, letter_id: int, annex_text: str) -> list[AnnexRow]:
        """Replace a letter's Annex A with the rows of ``annex_text`` (kept as written)."""
        lines = parse_annex(annex_text)
        with self._store.transaction(self._actor) as tx:
            letter = tx.get(AuthorizationLetter, letter_id)
            old = [r for r in tx.children(AnnexRow, letter.matter_id) if r.letter_id == letter_id]
            refused = (
                refusal_under_hold(tx, letter.matter_id, "replace Annex A of a letter")
                if old
                else None
            )
            if refused is None:
                for row in old:
                    tx.delete(AnnexRow, row.id)
                return self._insert_annex(tx, letter, lines)
        raise RefusedError(refused)

    def _insert_annex(
        self, tx: UnitOfWork, letter: AuthorizationLetter, lines: list[AnnexLine]
    ) -> list[AnnexRow]:
        parties = tx.children(Party, letter.matter_id)
        rows = []
        for line in lines:
            matched = match_party(line.name, parties)
            row = AnnexRow(
                matter_id=letter.matter_id,
                letter_id=letter.id,
                row_no=line.row_no,
                name_as_written=line.name,
                address_as_written=line.address,
                country=line.country,
                party_id=matched.id if matched else None,
            )
            rows.append(tx.insert(row))
        return rows

    def link_annex_row(self, row_id: int, party_id: int | None) -> AnnexRow:
        """Match an Annex A row to a party of the matter by hand (or clear the match)."""
        with self._store.transaction(self._actor) as tx:
            row = tx.get(AnnexRow, row_id)
            if party_id is not None:
                _same_matter(tx.get(Party, party_id).matter_id, row.matter_id, "party_id")
            changed = replace(row, party_id=party_id)
            tx.update(changed)
        return changed

    def add_clock_event(self, event: ClockEvent) -> ClockEvent:
        """Record an event on the BIS clock of a pending application."""
        _check(text_errors(event))
        with self._store.transaction(self._actor) as tx:
            tx.get(Matter, event.matter_id)
            events = [*tx.children(ClockEvent, event.matter_id), event]
            _check(check_events(events))
            stored = tx.insert(event)
            _follow_status(tx, event.matter_id)
            return stored


def _supersede(tx: UnitOfWork, license_: License) -> None:
    """Mark the license ``license_`` replaces as superseded (one step back, never itself)."""
    if license_.replaces_license_id is None:
        return
    if license_.replaces_license_id == license_.id:
        raise ValidationError({"replaces_license_id": "A license cannot replace itself."})
    old = tx.get(License, license_.replaces_license_id)
    _same_matter(old.matter_id, license_.matter_id, "replaces_license_id")
    if old.replaces_license_id == license_.id:
        raise ValidationError({"replaces_license_id": "Two licenses cannot replace each other."})
    tx.update(replace(old, status=LicenseStatus.SUPERSEDED))


def _follow_status(tx: UnitOfWork, matter_id: int) -> None:
    """Set the matter's status to what its record now implies (audited like any change)."""
    matter = tx.get(Matter, matter_id)
    status = derived_status(
        tx.children(Determination, matter_id), tx.children(ClockEvent, matter_id)
    )
    if (
        status is not None
        and matter.status is not MatterStatus.CLOSED
        and status is not matter.status
    ):
        tx.update(replace(matter, status=status, status_reason="follows from the record"))


def _letter_errors(letter: AuthorizationLetter) -> dict[str, str]:
    errors: dict[str, str] = {}
    if letter.effective_until is not None and letter.effective_until < letter.effective_from:
        errors["effective_until"] = "A letter cannot stop taking effect before it starts."
    if letter.effective_from < letter.dated:
        errors["effective_from"] = "A letter cannot take effect before the date it bears."
    return errors


def _check_scope(
    tx: UnitOfWork, matter_id: int, party_ids: tuple[int, ...], item_ids: tuple[int, ...]
) -> None:
    tx.get(Matter, matter_id)
    for party_id in party_ids:
        _same_matter(tx.get(Party, party_id).matter_id, matter_id, "party_ids")
    for item_id in item_ids:
        _same_matter(tx.get(Item, item_id).matter_id, matter_id, "item_ids")


def _same_matter(found: int, wanted: int, field: str) -> None:
    if found != wanted:
        raise ValidationError({field: "Every party and item named must belong to this matter."})
