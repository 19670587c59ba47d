"""Recording what was decided: determinations, licenses, letters with their Annex A, clocks.

Each method is one business operation in one transaction; the unit of work audits every row it
writes. Rules that only read live in validity, bis_clock, letter_checks and annex; this module
checks them and writes. An Annex A row is stored with the party it surely names as a suggestion
(``confirmed`` None); only `link_annex_row` (counsel) confirms a link.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import date

from desktop_app.core.annex_parse import parse_annex
from desktop_app.core.annex_rows import insert_annex, party_of_row, same_name
from desktop_app.core.authorizations import (
    AnnexRow,
    AuthorizationLetter,
    ClockEvent,
    Determination,
    License,
    LicenseStatus,
)
from desktop_app.core.bis_clock import check_events
from desktop_app.core.holds import RefusedError, refusal_under_hold
from desktop_app.core.holiday_calendar import HOLIDAYS_SETTING, calendar_of
from desktop_app.core.letter_checks import check_letter_links, group_shaped, letter_errors
from desktop_app.core.matter_status import FOLLOWS, Derived, derived_status, follow
from desktop_app.core.models import Activity, Item, Matter, Party
from desktop_app.core.ports import Store, UnitOfWork
from desktop_app.core.retention_events import revocation_event
from desktop_app.core.validation import check as _check
from desktop_app.core.validation import party_errors, text_errors
from desktop_app.core.validity import validate_license
from desktop_app.core.withdrawal import is_withdrawn
from desktop_app.core.withdrawal_links import refuse_links_to_withdrawn
from desktop_app.errors import ValidationError


class DecisionService:
    """Add and change determinations, licenses, authorization letters and clock events.

    ``is_group`` says whether a code is a Country Group of the edition in use (a letter's
    excluded destinations); by default any code shaped like one is accepted.
    """

    def __init__(
        self,
        store: Store,
        actor: str,
        is_group: Callable[[str], bool] = group_shaped,
        today: Callable[[], date] = date.today,
    ) -> None:
        self._store = store
        self._actor = actor
        self._is_group = is_group
        self._today = today

    def add_determination(self, determination: Determination) -> Determination:
        """Record a decision on a matter."""
        _check(text_errors(determination))
        with self._store.transaction(self._actor) as tx:
            _check_about(tx, determination)
            stored = tx.insert(determination)
            follow_status(tx, determination.matter_id, self._today())
            return stored

    def update_determination(self, determination: Determination) -> Determination:
        """Correct a recorded decision."""
        _check(text_errors(determination))
        with self._store.transaction(self._actor) as tx:
            _check_about(tx, determination)
            tx.update(determination)
        return determination

    def add_license(self, license_: License) -> License:
        """Record a license; a replacement marks the license it replaces as superseded."""
        _check(text_errors(license_))
        _check(validate_license(license_))
        with self._store.transaction(self._actor) as tx:
            _check_scope(tx, license_.matter_id, license_.party_ids, license_.item_ids)
            refuse_links_to_withdrawn(tx, license_)
            stored = tx.insert(license_)
            _supersede(tx, stored)
            self._note_revocation(tx, None, stored)
            return stored

    def update_license(self, license_: License) -> License:
        """Change a license's fields or status (suspended, revoked …)."""
        _check(text_errors(license_))
        _check(validate_license(license_))
        with self._store.transaction(self._actor) as tx:
            _check_scope(tx, license_.matter_id, license_.party_ids, license_.item_ids)
            refuse_links_to_withdrawn(tx, license_)
            before = tx.update(license_)
            moved = before.replaces_license_id != license_.replaces_license_id
            if moved and not is_withdrawn(license_):
                _supersede(tx, license_)
            self._note_revocation(tx, before, license_)
        return license_

    def follow_the_clock(self) -> tuple[Matter, ...]:
        """Bring each status up to today, each change audited with its cause.

        Some changes come with time, not with a record: a denial becomes final on day 45 after
        an intent to deny (15 CFR 750.6(b)), and the appeal window closes 45 days later
        (756.2(c)(1)). Run when a library is opened for writing; returns the matters changed.
        """
        changed = []
        with self._store.transaction(self._actor) as tx:
            for matter_id in tx.clocked_matter_ids():
                if not tx.get(Matter, matter_id).status_reason.startswith(FOLLOWS):
                    continue  # counsel set this status by hand, with a reason: theirs to change
                followed = follow_status(tx, matter_id, self._today())
                if followed is not None:
                    changed.append(followed)
        return tuple(changed)

    def _note_revocation(self, tx: UnitOfWork, before: License | None, after: License) -> None:
        """A revocation starts the retention period (15 CFR 762.6(a)): the app records it."""
        revoked = LicenseStatus.REVOKED
        if after.status is revoked and (before is None or before.status is not revoked):
            tx.insert(revocation_event(after, self._today()))

    def add_letter(self, letter: AuthorizationLetter, annex_text: str = "") -> AuthorizationLetter:
        """Record a letter that imposes or lifts a requirement, with its Annex A if given."""
        _check(text_errors(letter))
        _check(letter_errors(letter, self._is_group))
        lines = parse_annex(annex_text) if annex_text.strip() else []
        with self._store.transaction(self._actor) as tx:
            _check_scope(tx, letter.matter_id, (), letter.item_ids)
            check_letter_links(tx, letter)
            refuse_links_to_withdrawn(tx, letter)
            stored = tx.insert(letter)
            insert_annex(tx, stored, lines)
            return stored

    def update_letter(self, letter: AuthorizationLetter) -> AuthorizationLetter:
        """Correct a letter's fields (its Annex A is replaced separately)."""
        _check(text_errors(letter))
        _check(letter_errors(letter, self._is_group))
        with self._store.transaction(self._actor) as tx:
            _check_scope(tx, letter.matter_id, (), letter.item_ids)
            check_letter_links(tx, letter)
            refuse_links_to_withdrawn(tx, letter)
            tx.update(letter)
        return letter

    def replace_annex(self, letter_id: int, annex_text: str) -> list[AnnexRow]:
        """Replace a letter's Annex A with the rows of ``annex_text`` (kept as written).

        A row that comes back exactly as it was (number, name, address, country) keeps its link
        and whether counsel confirmed it; every other row gets a fresh suggestion.
        """
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
                return insert_annex(tx, letter, lines, kept=old)
        raise RefusedError(refused)

    def link_annex_row(self, row_id: int, party_id: int | None) -> AnnexRow:
        """Counsel's link of an Annex A row: confirm it to a party of the matter, or clear it.

        A party confirms the link (a suggestion or another party); None leaves the row unlinked
        and unconfirmed. Only a confirmed link decides coverage. A correction, so allowed while
        the matter is under legal hold (the audit chain keeps the earlier link).
        """
        with self._store.transaction(self._actor) as tx:
            row = tx.get(AnnexRow, row_id)
            if party_id is not None:
                _same_matter(tx.get(Party, party_id).matter_id, row.matter_id, "party_id")
            confirmed = True if party_id is not None else None
            changed = replace(row, party_id=party_id, confirmed=confirmed)
            if changed != row:
                tx.update(changed)
        return changed

    def party_from_row(self, row_id: int) -> AnnexRow:
        """Make a party of an Annex A row as written (an Annex A entity) and link it, confirmed.

        For an entity the matter does not hold yet: its name, address and country are the
        row's, and it can be corrected like any party. One transaction: both or neither.
        """
        with self._store.transaction(self._actor) as tx:
            row = tx.get(AnnexRow, row_id)
            party = party_of_row(row)
            _check(party_errors(party, self._today()))
            same = [p for p in tx.children(Party, row.matter_id) if same_name(p.name, party.name)]
            if same:
                why = f"{same[0].name} is already a party of the matter: link the row to it"
                raise ValidationError({"party": why})
            made = tx.insert(party)
            linked = replace(row, party_id=made.id, confirmed=True)
            tx.update(linked)
        return linked

    def add_clock_event(self, event: ClockEvent) -> ClockEvent:
        """Record an event on the BIS clock of a pending application."""
        _check(text_errors(event))
        with self._store.transaction(self._actor) as tx:
            tx.get(Matter, event.matter_id)
            events = [*tx.children(ClockEvent, event.matter_id), event]
            _check(check_events(events))
            stored = tx.insert(event)
            follow_status(tx, event.matter_id, self._today())
            return stored

    def update_clock_event(self, event: ClockEvent) -> ClockEvent:
        """Correct a recorded clock event (its day, kind, hold reason or note).

        The corrected clock must still read in order (`check_events`); the earlier value stays
        in the audit chain, and the matter's status follows the corrected record.
        """
        _check(text_errors(event))
        with self._store.transaction(self._actor) as tx:
            stored = tx.get(ClockEvent, event.id)
            _same_matter(stored.matter_id, event.matter_id, "matter_id")
            others = [e for e in tx.children(ClockEvent, event.matter_id) if e.id != event.id]
            _check(check_events([*others, event]))
            if event != stored:
                tx.update(event)
                follow_status(tx, event.matter_id, self._today())
            return event


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


def follow_status(tx: UnitOfWork, matter_id: int, today: date) -> Matter | None:
    """Set the matter's status to what its record now implies, naming the cause (audited)."""
    followed = follow(tx.get(Matter, matter_id), derived_of(tx, matter_id, today))
    if followed is not None:
        tx.update(followed)
    return followed


def derived_of(tx: UnitOfWork, matter_id: int, today: date) -> Derived | None:
    """The status the matter's record implies on ``today`` (None: it implies none)."""
    matter = tx.get(Matter, matter_id)
    return derived_status(
        tx.children(Determination, matter_id),
        tx.children(ClockEvent, matter_id),
        today,
        matter.kind,
        calendar_of(tx.find_setting(HOLIDAYS_SETTING)),
    )


def _check_about(tx: UnitOfWork, determination: Determination) -> None:
    """The items and activities a determination is about must be the matter's own."""
    refuse_links_to_withdrawn(tx, determination)
    _check_scope(tx, determination.matter_id, (), determination.item_ids)
    for activity_id in determination.activity_ids:
        found = tx.get(Activity, activity_id).matter_id
        _same_matter(found, determination.matter_id, "activity_ids")


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
        raise ValidationError(
            {field: "Every party, item and activity named must belong to this matter."}
        )
