"""Later letters that impose a license requirement again (an "is informed" letter, 744).

A letter lifting the requirement, or a determination removing it, yields to a later BIS letter
that imposes it again for this release: such a letter is letter-specific law for its addressee
and binds even where a license exception would otherwise apply (docs/domain.md#letters;
docs/domain.md#coverage, rule 1).
"""

from __future__ import annotations

from datetime import date

from desktop_app.core.authorizations import AuthorizationLetter, LetterEffect
from desktop_app.core.coverage_model import Factor
from desktop_app.core.coverage_reading import in_force, letter_name
from desktop_app.core.coverage_subject import FAIL, UNKNOWN, Subject


def later_factors(after: date, subject: Subject) -> list[Factor]:
    """Letters dated after ``after``, in force on the date, that impose the requirement again.

    Its empty transaction types or items mean all of them. Its Annex A limits it to the parties
    counsel confirmed there and their employees; without rows it binds all; with rows not all
    confirmed it may name this party, which counsel must say.
    """
    found = []
    for later in _imposing_after(after, subject):
        rows = subject.facts.rows_of(later.id)
        named = {r.party_id for r in rows if r.confirmed and r.party_id is not None}
        ids = {subject.party.id} | ({subject.employer.id} if subject.employer else set())
        reference = f" ({later.reference})" if later.reference else ""
        source = f"{letter_name(later)}{reference}: imposes a license requirement"
        if not rows or ids & named:
            detail = f"the {letter_name(later)}{reference} imposes a license requirement again"
            found.append(Factor("later letters", FAIL, detail, source))
        elif any(not r.confirmed for r in rows):
            missing = f"whether the Annex A of the {letter_name(later)} names {subject.party.name}"
            detail = "a later letter imposes the requirement on parties not all confirmed"
            found.append(Factor("later letters", UNKNOWN, detail, source, missing))
    return found


def _imposing_after(after: date, subject: Subject) -> list[AuthorizationLetter]:
    """The later imposing letters in force on the date that reach this type and item."""
    return [
        later
        for later in subject.facts.letters
        if later.effect is LetterEffect.IMPOSES_REQUIREMENT
        and later.dated > after
        and in_force(later, subject.on)
        and (not later.transaction_types or subject.kind in later.transaction_types)
        and (not later.item_ids or subject.question.item_id in later.item_ids)
    ]
