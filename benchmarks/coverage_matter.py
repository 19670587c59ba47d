"""A large matter's coverage facts, made in memory from a seed (for ``benchmarks.coverage``).

The shape follows the June 2026 letters: an applicant in the US; Annex A entities abroad, each
on the letters' Annex A (confirmed links); persons employed by them, most in the entity's
country, some in the US, with one or two citizenships or residencies (a few of them Chinese,
Russian or Cuban, so exclusions and Part 746 are exercised), dated employment and now and then
a missing fact; model-weight items with versions; five letters (the first superseded by the
second, the second modified by the third, an imposing one, an interpretive one); licenses with
excluded countries; conditions to be met before release, acknowledged by about half the persons.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, timedelta

from desktop_app.core.authorizations import (
    AnnexRow,
    AuthorizationLetter,
    Condition,
    ConditionCategory,
    ConditionKind,
    ConditionLog,
    ConditionStatus,
    Determination,
    DeterminationKind,
    LetterEffect,
    License,
    LogKind,
)
from desktop_app.core.coverage import MatterFacts
from desktop_app.core.enums import (
    ActivityStatus,
    ItemKind,
    PartyKind,
    PartyRole,
    TransactionType,
    UsStatus,
)
from desktop_app.core.models import Activity, Item, Nationality, Party

MATTER = 1
ENTITIES = 25
COUNTRIES = ("GB", "JP", "DE", "FR", "KR", "CA", "AU", "SG", "IN", "AE", "NL", "SE", "IL")
NATIONALITIES = ("IN", "CN", "GB", "JP", "DE", "KR", "CA", "BR", "NG", "FR", "RU", "CU", "IR")
JUNE_12, JUNE_26, SEPT_1 = date(2026, 6, 12), date(2026, 6, 26), date(2026, 9, 1)


@dataclass(frozen=True)
class Size:
    """How many persons, items and activities the matter holds."""

    persons: int
    items: int
    activities: int


def build_facts(size: Size, seed: int) -> MatterFacts:
    """The whole matter, the same for the same size and seed."""
    rng = random.Random(seed)  # noqa: S311 - reproducible test data, not secrets
    entities = _entities()
    persons = _persons(size.persons, entities, rng)
    parties = (_applicant(), *entities, *persons)
    items = _items(size.items)
    letters = _letters(items)
    rows = _annex_rows(entities, letters)
    licenses = _licenses(entities, items)
    conditions = _conditions()
    return MatterFacts(
        parties=parties,
        items=items,
        licenses=licenses,
        letters=letters,
        annex_rows=rows,
        activities=_activities(size.activities, persons, entities, items, rng),
        determinations=_determinations(items),
        conditions=conditions,
        condition_log=_acknowledgments(persons, rng),
    )


def _applicant() -> Party:
    return Party(MATTER, "Halcyon Reasoning Labs, Inc.", PartyRole.APPLICANT, country="US", id=1)


def _entities() -> tuple[Party, ...]:
    return tuple(
        Party(
            MATTER,
            f"Annex Entity {n} Ltd",
            PartyRole.ANNEX_A_ENTITY,
            country=COUNTRIES[n % len(COUNTRIES)],
            address=f"{n} Research Park, {COUNTRIES[n % len(COUNTRIES)]}",
            annex_row=n + 1,
            id=2 + n,
        )
        for n in range(ENTITIES)
    )


def _persons(count: int, entities: tuple[Party, ...], rng: random.Random) -> tuple[Party, ...]:
    first_id = 2 + len(entities)
    return tuple(_person(n, first_id + n, rng.choice(entities), rng) for n in range(count))


def _person(n: int, party_id: int, employer: Party, rng: random.Random) -> Party:
    held = rng.sample(NATIONALITIES[:10], rng.choice((1, 1, 2))) if n % 37 else ["CU"]
    if n % 53 == 0:
        held = ["RU", *held[:1]]
    since = JUNE_12 - timedelta(days=rng.randint(-120, 2000))
    return Party(
        MATTER,
        f"Person {n}",
        PartyRole.FOREIGN_NATIONAL,
        PartyKind.INDIVIDUAL,
        country="US" if n % 4 == 0 else employer.country,
        employer_id=employer.id,
        nationalities=tuple(Nationality(c) for c in held),
        us_status=UsStatus.NONIMMIGRANT_VISA if n % 4 == 0 else UsStatus.NOT_APPLICABLE,
        employed_since=None if n % 29 == 0 else since,
        employed_until=since + timedelta(days=400) if n % 41 == 0 else None,
        regular_employee=None if n % 23 == 0 else True,
        id=party_id,
    )


def _items(count: int) -> tuple[Item, ...]:
    return tuple(
        Item(
            MATTER,
            f"Model {n} weights",
            ItemKind.AI_MODEL_WEIGHTS,
            "4E091",
            model_name=f"Model {n}",
            model_version=f"{n}.0",
            id=1 + n,
        )
        for n in range(count)
    )


def _letters(items: tuple[Item, ...]) -> tuple[AuthorizationLetter, ...]:
    ids = tuple(i.id for i in items)
    versions = tuple(i.model_version for i in items)
    every = tuple(TransactionType)
    lifting = AuthorizationLetter(
        MATTER, LetterEffect.REMOVES_REQUIREMENT, JUNE_12, JUNE_12, reference="L-1",
        item_ids=ids, model_versions=versions, transaction_types=every,
        includes_foreign_national_employees=True, includes_own_employees=True, addressee_id=1,
        excluded_destinations=("D:5",), id=1,
    )  # fmt: skip
    superseding = AuthorizationLetter(
        MATTER, LetterEffect.REMOVES_REQUIREMENT, JUNE_26, JUNE_26, reference="L-2",
        item_ids=ids, model_versions=versions, transaction_types=every,
        includes_foreign_national_employees=True, includes_own_employees=True, addressee_id=1,
        supersedes_letter_id=1, excluded_destinations=("D:5", "E:1"), id=2,
    )  # fmt: skip
    modifying = AuthorizationLetter(
        MATTER, LetterEffect.MODIFIES_REQUIREMENT, date(2026, 8, 20), SEPT_1, reference="L-3",
        modifies_letter_id=2, id=3,
    )  # fmt: skip
    imposing = AuthorizationLetter(
        MATTER, LetterEffect.IMPOSES_REQUIREMENT, date(2026, 10, 1), date(2026, 10, 1),
        reference="L-4", item_ids=ids[-1:], id=4,
    )  # fmt: skip
    reading = AuthorizationLetter(
        MATTER, LetterEffect.INTERPRETIVE, date(2026, 7, 15), date(2026, 7, 15), reference="L-5",
        id=5,
    )  # fmt: skip
    return (lifting, superseding, modifying, imposing, reading)


def _annex_rows(
    entities: tuple[Party, ...], letters: tuple[AuthorizationLetter, ...]
) -> tuple[AnnexRow, ...]:
    rows: list[AnnexRow] = []
    kept = {1: len(entities), 2: len(entities), 3: len(entities) - 3}  # L-3 drops three
    for letter in letters:
        for n, entity in enumerate(entities[: kept.get(letter.id, 0)]):
            rows.append(
                AnnexRow(
                    MATTER,
                    letter.id,
                    n + 1,
                    entity.name,
                    entity.address,
                    entity.country,
                    party_id=entity.id,
                    confirmed=n % 11 != 5,
                    id=len(rows) + 1,
                )
            )
    return tuple(rows)


def _licenses(entities: tuple[Party, ...], items: tuple[Item, ...]) -> tuple[License, ...]:
    return tuple(
        License(
            MATTER,
            f"D5128{n:02d}",
            date(2026, 3 + n, 14),
            party_ids=tuple(e.id for e in entities[n::3]),
            item_ids=tuple(i.id for i in items[n::2]),
            transaction_types=(TransactionType.EXPORT, TransactionType.DEEMED_EXPORT),
            excluded_countries=("CN", "RU"),
            id=n + 1,
        )
        for n in range(3)
    )


def _conditions() -> tuple[Condition, ...]:
    acknowledge = Condition(
        MATTER, ConditionKind.LETTER_SAFEGUARD, ConditionCategory.ACKNOWLEDGMENT_REQUIRED,
        "Each employee acknowledges the safeguards in writing before first access.", "1",
        letter_id=2, acknowledgment_required=True, status=ConditionStatus.ACTIVE,
        before_release=True, id=1,
    )  # fmt: skip
    vetting = Condition(
        MATTER, ConditionKind.LICENSE_CONDITION, ConditionCategory.USER_VETTING,
        "The licensee vets each recipient before the first release.", "2", license_id=1,
        status=ConditionStatus.SATISFIED, before_release=True, id=2,
    )  # fmt: skip
    return (acknowledge, vetting)


def _acknowledgments(persons: tuple[Party, ...], rng: random.Random) -> tuple[ConditionLog, ...]:
    return tuple(
        ConditionLog(
            MATTER,
            1,
            LogKind.ACKNOWLEDGED,
            JUNE_26 + timedelta(days=rng.randint(0, 90)),
            party_id=p.id,
            id=n + 1,
        )
        for n, p in enumerate(persons)
        if n % 2 == 0
    )


def _determinations(items: tuple[Item, ...]) -> tuple[Determination, ...]:
    """A license exception for the first ten activities, and the last item not subject."""
    return (
        Determination(
            MATTER, DeterminationKind.LICENSE_EXCEPTION_APPLIES, date(2026, 7, 1),
            license_exception="AIA", activity_ids=tuple(range(1, 11)), id=1,
        ),
        Determination(
            MATTER, DeterminationKind.NOT_SUBJECT_TO_EAR, date(2026, 7, 2),
            item_ids=(items[-1].id,), excerpt="published weights", id=2,
        ),
    )  # fmt: skip


def _activities(
    count: int,
    persons: tuple[Party, ...],
    entities: tuple[Party, ...],
    items: tuple[Item, ...],
    rng: random.Random,
) -> tuple[Activity, ...]:
    found = []
    for n in range(count):
        item = rng.choice(items)
        on = None if n % 17 == 0 else JUNE_12 + timedelta(days=rng.randint(0, 200))
        if n % 3 == 0:
            entity = rng.choice(entities)
            kind, party_id, to = TransactionType.EXPORT, entity.id, entity.country
        else:
            person = rng.choice(persons)
            abroad = person.country != "US"
            kind = TransactionType.DEEMED_REEXPORT if abroad else TransactionType.DEEMED_EXPORT
            party_id, to = person.id, person.country
        status = (
            ActivityStatus.PERFORMED if on and on < date(2026, 9, 1) else ActivityStatus.PLANNED
        )
        found.append(
            Activity(MATTER, kind, item.id, party_id, to_country=to, status=status, on=on, id=n + 1)
        )
    return tuple(found)
