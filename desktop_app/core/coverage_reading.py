"""A letter as read on a date: its own fields, with the modification in force applied.

A letter that modifies another (``modifies_letter_id``) changes it from its effective date:
the earlier letter is then read with the later one's Annex A when it has rows, and with its
transaction types, items, model versions and excluded destinations when it records them. The
verbatim texts of both stay the controlling record.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date

from desktop_app.core.authorizations import AnnexRow, AuthorizationLetter
from desktop_app.core.coverage_facts import MatterFacts


@dataclass(frozen=True)
class Reading:
    """A letter as read on a date: its own fields with any modification in force applied."""

    letter: AuthorizationLetter
    rows: tuple[AnnexRow, ...]
    modified_by: AuthorizationLetter | None = None


def letter_name(letter: AuthorizationLetter) -> str:
    """How reasons and bases name a letter: ``letter of 2026-06-26``."""
    return f"letter of {letter.dated.isoformat()}"


def in_force(letter: AuthorizationLetter, on: date) -> bool:
    """True when ``on`` falls within the letter's effective dates and before any revocation."""
    until, revoked = letter.effective_until, letter.revoked_on
    return (
        letter.effective_from <= on
        and (until is None or on <= until)
        and (revoked is None or on < revoked)
    )


def read_letter(letter: AuthorizationLetter, facts: MatterFacts, on: date) -> Reading:
    """The letter with the latest modification in force on ``on`` applied to it."""
    changes = [
        m
        for m in facts.letters
        if m.modifies_letter_id == letter.id and m.id != letter.id and in_force(m, on)
    ]
    if not changes:
        return Reading(letter, facts.rows_of(letter.id))
    latest = max(changes, key=lambda m: (m.effective_from, m.dated, m.id))
    rows = facts.rows_of(latest.id) or facts.rows_of(letter.id)
    changed = replace(
        letter,
        transaction_types=latest.transaction_types or letter.transaction_types,
        item_ids=latest.item_ids or letter.item_ids,
        model_versions=latest.model_versions or letter.model_versions,
        excluded_destinations=latest.excluded_destinations or letter.excluded_destinations,
    )
    return Reading(changed, rows, latest)


def reading_name(reading: Reading) -> str:
    """The letter's name, saying when it is read as modified."""
    name = letter_name(reading.letter)
    if reading.modified_by is not None:
        name += f" as modified by the {letter_name(reading.modified_by)}"
    return name
