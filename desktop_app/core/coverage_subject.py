"""The release being answered, with what every check reads: the person, employer, item and date.

Also the factors shared by letters and licenses: the person's nationalities against excluded
countries (applied to every nationality held on the date, 15 CFR 734.13(b), 750.7(a)(3)),
employment at the date, and the conditions that must be met before release (750.7(d)).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from functools import cached_property

from desktop_app.core.authorizations import (
    Condition,
    ConditionCategory,
    ConditionStatus,
)
from desktop_app.core.coverage_facts import LogIndex, MatterFacts
from desktop_app.core.coverage_model import Factor, GroupLookup, Outcome, Question
from desktop_app.core.deemed import DeemedDestination, deemed_destination, held
from desktop_app.core.enums import PartyKind, TransactionType
from desktop_app.core.models import Item, Party

PASS, FAIL, UNKNOWN = Outcome.PASS, Outcome.FAIL, Outcome.UNKNOWN
PRE_RELEASE_CATEGORIES = (ConditionCategory.ACKNOWLEDGMENT_REQUIRED, ConditionCategory.USER_VETTING)


@dataclass(frozen=True)
class Subject:
    """One release: the question, who receives it, their employer, the item, the lookups."""

    question: Question
    party: Party
    employer: Party | None
    item: Item | None
    facts: MatterFacts
    group_of: GroupLookup

    @property
    def on(self) -> date:
        """The date the answer is given as of."""
        return self.question.on

    @property
    def kind(self) -> TransactionType:
        """The transaction type asked about."""
        return self.question.transaction_type

    @property
    def is_individual(self) -> bool:
        """True for a natural person, the only party that can be someone's employee."""
        return self.party.kind is PartyKind.INDIVIDUAL

    @property
    def item_label(self) -> str:
        """The item's name, or "no item"."""
        return self.item.name if self.item is not None else "no item"

    @cached_property
    def nationalities(self) -> tuple[str, ...]:
        """Every citizenship and permanent residency held on the date, in order, without repeats.

        One acquired after the date, or lapsed or renounced by then, is not held (`deemed.held`).
        """
        return tuple(dict.fromkeys(n.country.upper() for n in held(self.party, self.on)))

    @cached_property
    def deemed(self) -> DeemedDestination:
        """Where a release to the person on the date is deemed to go (734.13(b), 734.14(b))."""
        return deemed_destination(self.party, self.on)

    def excluded_hits(self, country: str, excluded: Sequence[str]) -> list[str]:
        """The entries of ``excluded`` (countries or groups, ``D:5``) that ``country`` falls in."""
        wanted = {entry.strip().upper() for entry in excluded if entry.strip()}
        groups = {g.upper() for g in self.group_of(country)} if country else set()
        return sorted(wanted & ({country.upper()} | groups))


def type_factor(
    types: Sequence[TransactionType], subject: Subject, source: str, missing: str, holds: str
) -> Factor:
    """Whether the transaction type asked about is among ``types`` (none recorded: unknown).

    ``holds`` is how the authorization holds a type ("within the letter", "authorized").
    """
    listed = ", ".join(t.label.lower() for t in types)
    where = f"{source}: transaction types ({listed or 'none recorded'})"
    asked = subject.kind.label.lower()
    if not types:
        return Factor("transaction type", UNKNOWN, "no transaction type recorded", where, missing)
    if subject.kind in types:
        return Factor("transaction type", PASS, f"{asked} is {holds}", where)
    return Factor("transaction type", FAIL, f"{asked} is not {holds}", where)


def nationals_factor(subject: Subject, excluded: Sequence[str], source: str) -> Factor:
    """Excluded countries or groups applied to every nationality the person holds."""
    countries = subject.nationalities
    name = subject.party.name
    if not countries:
        return _no_nationals(subject, source)
    if not excluded:
        return Factor(
            "nationals", PASS, f"no nationals are excluded ({', '.join(countries)})", source
        )
    for country in countries:
        hits = subject.excluded_hits(country, excluded)
        if hits:
            detail = f"{name} is a national of {country}, excluded ({', '.join(hits)})"
            return Factor("nationals", FAIL, detail, source)
    listed = ", ".join(excluded)
    detail = f"none of {name}'s nationalities ({', '.join(countries)}) is excluded ({listed})"
    return Factor("nationals", PASS, detail, source)


def _no_nationals(subject: Subject, source: str) -> Factor:
    """Unknown: no nationality held on the date, or a stateless person with no residency."""
    name, deemed = subject.party.name, subject.deemed
    if deemed.missing and deemed.foreign_person:
        return Factor(
            "nationals", UNKNOWN, deemed.reason, f"{source}; 15 CFR 734.13(b)", deemed.missing
        )
    detail = f"no citizenship or permanent residency of {name} is recorded"
    if subject.party.nationalities:
        detail = f"no citizenship or permanent residency of {name} is held on {subject.on}"
    return Factor(
        "nationals", UNKNOWN, detail, source, f"{name}'s citizenships and permanent residencies"
    )


def employment_factor(subject: Subject, employer: Party, *, regular_required: bool) -> Factor:
    """Whether the person is employed by ``employer`` on the date (and regularly, if required)."""
    person, on = subject.party, subject.on
    source = f"{person.name}: employment with {employer.name}"
    since, until = person.employed_since, person.employed_until
    if since is None:
        missing = f"the date {person.name}'s employment with {employer.name} began"
        return Factor(
            "employment", UNKNOWN, "the employment start date is not recorded", source, missing
        )
    if on < since:
        return Factor("employment", FAIL, f"employment began on {since}, after {on}", source)
    if until is not None and until < on:
        return Factor("employment", FAIL, f"employment ended on {until}, before {on}", source)
    if person.regular_employee is False:
        return Factor(
            "employment",
            FAIL if regular_required else UNKNOWN,
            "not recorded as a bona fide regular and permanent employee",
            "15 CFR 750.7(a)(3)" if regular_required else source,
            "" if regular_required else "whether the letter's 'employees' include this engagement",
        )
    if regular_required and person.regular_employee is None:
        return Factor(
            "employment",
            UNKNOWN,
            "whether the employment is regular and permanent is not recorded",
            "15 CFR 750.7(a)(3)",
            f"whether {person.name} is a regular and permanent employee of {employer.name}",
        )
    span = f"since {since}" + (f" until {until}" if until else "")
    return Factor("employment", PASS, f"employed by {employer.name} {span}", source)


def condition_factors(
    subject: Subject, conditions: Iterable[Condition], source: str
) -> list[Factor]:
    """One factor per condition of the authorization that must be met before this release."""
    ids = {subject.party.id} | ({subject.employer.id} if subject.employer else set())
    found = []
    for condition in conditions:
        if not _before_release(condition):
            continue
        if condition.bound_party_ids and not ids & set(condition.bound_party_ids):
            continue
        found.append(_condition_factor(subject, condition, source, ids))
    if not found:
        detail = "no condition of it must be met before this release"
        return [Factor("conditions before release", PASS, detail, source)]
    return found


def _before_release(condition: Condition) -> bool:
    if condition.before_release is not None:
        return condition.before_release
    return condition.acknowledgment_required or condition.category in PRE_RELEASE_CATEGORIES


def _condition_factor(subject: Subject, condition: Condition, source: str, ids: set[int]) -> Factor:
    label = f"condition {condition.number or condition.id}"
    text = condition.text if len(condition.text) <= 80 else condition.text[:77] + "…"
    where = f"{source}: {label}"
    log = subject.facts.log_index(condition.id)
    breach = _breach_on(condition, log, subject.on)
    if breach is not None:
        return Factor("conditions before release", FAIL, f"{label} is breached{breach}", where)
    met = _met_dates(condition, log, ids, subject.party.id)
    before = [d for d in met if d <= subject.on]
    if before:
        return Factor("conditions before release", PASS, f"{label} met on {min(before)}", where)
    if met:
        detail = f"{label} was met only on {min(met)}, after the release on {subject.on}"
        return Factor("conditions before release", FAIL, detail, where)
    missing = f"evidence that {label} (“{text}”) was met by {subject.on}"
    detail = f"{label} must be met before release; no dated record that it was"
    if condition.before_release is None:
        detail += " (treated as before release: counsel has not said)"
    return Factor("conditions before release", UNKNOWN, detail, where, missing)


def _breach_on(condition: Condition, log: LogIndex, on: date) -> str | None:
    """`` (since DATE)`` (or ``""`` when undated) if the condition stood breached on ``on``."""
    moves = log.transitions
    breached = [e.on for e in moves if e.to_status is ConditionStatus.BREACHED]
    if not breached:
        return "" if condition.status is ConditionStatus.BREACHED else None
    state = None
    for entry in moves:
        if entry.on > on:
            break
        state = entry.to_status
    if state is ConditionStatus.BREACHED:
        return f" (since {max(d for d in breached if d <= on)})"
    return None


def _met_dates(condition: Condition, log: LogIndex, ids: set[int], person: int) -> list[date]:
    """Every date a log entry shows the condition met for this person, earliest first."""
    if condition.acknowledgment_required:
        return sorted(d for i in ids for d in log.acknowledged.get(i, ()))
    if condition.category is ConditionCategory.USER_VETTING:
        ids = {person}  # vetting is of the person given access, not of the employer
    found = [d for i in ids for d in log.performed.get(i, ())]
    if condition.category is not ConditionCategory.USER_VETTING:
        found += log.performed.get(None, ())
    found += [e.on for e in log.transitions if e.to_status is ConditionStatus.SATISFIED]
    return sorted(found)
