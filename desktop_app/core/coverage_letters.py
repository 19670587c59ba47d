"""Whether a letter lifting the license requirement reaches a release, dimension by dimension.

docs/domain.md#coverage, rule 1: every dimension must match — dates (effective, expiry, revocation),
supersession and modification by later letters, no later letter imposing the requirement again,
transaction type, item and model version, party (a confirmed Annex A row, a foreign-national
employee of one, or the addressee's own employees when the letter says so), employment,
destination and address, excluded nationals, conditions to be met first — and no independent
requirement (Part 746) may apply. The letter's verbatim text controls; these fields are
counsel's reading of it.
"""

from __future__ import annotations

from desktop_app.core.authorizations import AuthorizationLetter
from desktop_app.core.coverage_later import later_factors
from desktop_app.core.coverage_model import Factor
from desktop_app.core.coverage_parties import party_factors
from desktop_app.core.coverage_places import destination_factors
from desktop_app.core.coverage_reading import (
    Reading,
    letter_name,
    read_letter,
    reading_name,
)
from desktop_app.core.coverage_rules import embargo_factors
from desktop_app.core.coverage_subject import (
    FAIL,
    PASS,
    UNKNOWN,
    Subject,
    condition_factors,
    nationals_factor,
    type_factor,
)


def letter_factors(letter: AuthorizationLetter, subject: Subject) -> tuple[str, list[Factor]]:
    """The basis the letter would give, and every factor it rests on."""
    facts, on = subject.facts, subject.on
    reading = facts.remember(("reading", letter.id, on), lambda: read_letter(letter, facts, on))
    key = ("letter", letter.id, subject.kind, subject.question.item_id, on)
    factors = list(facts.remember(key, lambda: _shared_factors(reading, subject)))
    factors += later_factors(letter.dated, subject)
    match = party_factors(reading, subject)
    factors += match.factors
    factors += destination_factors(reading, subject, match.row)
    if subject.is_individual:
        excluded = reading.letter.excluded_destinations
        factors.append(nationals_factor(subject, excluded, reading_name(reading)))
    ids = {letter.id} | ({reading.modified_by.id} if reading.modified_by else set())
    conditions = [c for c in subject.facts.conditions if c.letter_id in ids]
    factors += condition_factors(subject, conditions, letter_name(letter))
    factors += embargo_factors(subject)
    return match.basis, factors


def _shared_factors(reading: Reading, subject: Subject) -> tuple[Factor, ...]:
    """The factors that depend on the letter, type, item and date but not on the person."""
    found = [*_time_factors(reading, subject), _type_factor(reading, subject)]
    return (*found, *_item_factors(reading, subject))


def _time_factors(reading: Reading, subject: Subject) -> list[Factor]:
    letter, on, name = reading.letter, subject.on, letter_name(reading.letter)
    factors = [_dates_factor(letter, subject)]
    later = [
        s
        for s in subject.facts.letters
        if s.supersedes_letter_id == letter.id and s.id != letter.id
    ]
    ended = [s for s in later if s.effective_from <= on]
    if ended:
        first = min(ended, key=lambda s: s.effective_from)
        detail = f"superseded by the {letter_name(first)} from {first.effective_from}"
        factors.append(Factor("supersession", FAIL, detail, f"{letter_name(first)}: supersedes"))
    else:
        factors.append(Factor("supersession", PASS, f"not superseded on {on}", name))
    if reading.modified_by is not None:
        detail = f"read as modified by the {letter_name(reading.modified_by)}"
        factors.append(Factor("modification", PASS, detail, letter_name(reading.modified_by)))
    return factors


def _dates_factor(letter: AuthorizationLetter, subject: Subject) -> Factor:
    on, name = subject.on, letter_name(letter)
    span = f"{letter.effective_from} to {letter.effective_until or 'open-ended'}"
    source = f"{name}: effective {span}"
    if letter.revoked_on is not None and letter.revoked_on <= on:
        return Factor("dates", FAIL, f"revoked from {letter.revoked_on}", f"{name}: revoked")
    if on < letter.effective_from:
        return Factor("dates", FAIL, f"{on} is before the letter takes effect", source)
    if letter.effective_until is not None and letter.effective_until < on:
        return Factor("dates", FAIL, f"the letter expired on {letter.effective_until}", source)
    return Factor("dates", PASS, f"in force on {on}", source)


def _type_factor(reading: Reading, subject: Subject) -> Factor:
    letter = reading.letter
    missing = f"the transaction types the {letter_name(letter)} covers"
    types = letter.transaction_types
    return type_factor(types, subject, reading_name(reading), missing, "within the letter")


def _item_factors(reading: Reading, subject: Subject) -> list[Factor]:
    letter, name, item = reading.letter, reading_name(reading), subject.item
    source = f"{name}: items"
    if item is None:
        return [Factor("item", UNKNOWN, "the release names no item", source, "the item released")]
    if not letter.item_ids:
        missing = f"the items the {letter_name(letter)} names"
        return [Factor("item", UNKNOWN, "the letter's items are not recorded", source, missing)]
    if item.id not in letter.item_ids:
        return [Factor("item", FAIL, f"{item.name} is not among the letter's items", source)]
    found = [Factor("item", PASS, f"{item.name} is named", source)]
    versions = [v.strip() for v in letter.model_versions if v.strip()]
    where = f"{name}: model versions ({', '.join(versions)})"
    if not versions:
        found.append(Factor("model version", PASS, "the letter names no version", source))
    elif not item.model_version.strip():
        missing = f"the model version of {item.name}"
        found.append(Factor("model version", UNKNOWN, "no version recorded", where, missing))
    elif item.model_version.strip().casefold() in {v.casefold() for v in versions}:
        found.append(Factor("model version", PASS, f"version {item.model_version} is named", where))
    elif _same_number(item.model_version, versions):
        written = "; ".join(versions)
        detail = f"version “{item.model_version}” is written differently from “{written}”"
        missing = f"counsel's confirmation that {item.name} “{item.model_version}” is named"
        found.append(Factor("model version", UNKNOWN, detail, where, missing))
    else:
        detail = f"version {item.model_version} is not among the letter's versions"
        found.append(Factor("model version", FAIL, detail, where))
    return found


def _same_number(version: str, versions: list[str]) -> bool:
    """True when ``version`` starts with the same version number as one the letter names."""
    first = version.split(maxsplit=1)[0].casefold()
    return any(v.split()[0].casefold() == first for v in versions)
