"""The facts and the question of a coverage answer: one matter's records, and one release.

``row_question`` is the default question each party row of a matter is answered for;
``activity_question`` the question an activity asks.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from typing import TypeVar

from desktop_app.core.authorizations import (
    AnnexRow,
    AuthorizationLetter,
    Condition,
    ConditionLog,
    Determination,
    License,
    LogKind,
)
from desktop_app.core.coverage_model import Question
from desktop_app.core.enums import ActivityStatus, ItemKind, PartyKind, TransactionType
from desktop_app.core.holiday_calendar import FEDERAL, HolidayCalendar
from desktop_app.core.models import Activity, Item, MatterRecord, Party
from desktop_app.core.screening_records import (
    Screening,
    ScreeningHit,
    hits_by_screening,
    latest_by_party,
)
from desktop_app.core.withdrawal import in_force, kept_rows
from desktop_app.errors import NotFoundError

T = TypeVar("T")


@dataclass(frozen=True)
class LogIndex:
    """One condition's log indexed for coverage.

    Acknowledgments and performances by party (None: for everyone), transitions by date.
    """

    acknowledged: dict[int | None, tuple[date, ...]]
    performed: dict[int | None, tuple[date, ...]]
    transitions: tuple[ConditionLog, ...]


EMPTY_LOG = LogIndex({}, {}, ())


def _index(entries: list[ConditionLog]) -> LogIndex:
    acknowledged: dict[int | None, list[date]] = {}
    performed: dict[int | None, list[date]] = {}
    for entry in entries:
        if entry.kind is LogKind.ACKNOWLEDGED:
            acknowledged.setdefault(entry.party_id, []).append(entry.on)
        elif entry.kind is LogKind.PERFORMED:
            performed.setdefault(entry.party_id, []).append(entry.on)
    moves = sorted((e for e in entries if e.kind is LogKind.TRANSITION), key=lambda e: e.on)
    return LogIndex(
        {k: tuple(sorted(v)) for k, v in acknowledged.items()},
        {k: tuple(sorted(v)) for k, v in performed.items()},
        tuple(moves),
    )


@dataclass(frozen=True)
class MatterFacts:
    """What coverage is decided from: one matter's parties, items, activities and decisions."""

    parties: tuple[Party, ...] = ()
    items: tuple[Item, ...] = ()
    licenses: tuple[License, ...] = ()
    letters: tuple[AuthorizationLetter, ...] = ()
    annex_rows: tuple[AnnexRow, ...] = ()
    activities: tuple[Activity, ...] = ()
    determinations: tuple[Determination, ...] = ()
    conditions: tuple[Condition, ...] = ()
    condition_log: tuple[ConditionLog, ...] = field(default=())
    calendar: HolidayCalendar = FEDERAL
    screenings: tuple[Screening, ...] = ()
    screening_hits: tuple[ScreeningHit, ...] = ()

    def __post_init__(self) -> None:
        """Keep only the records in force: a withdrawn record decides nothing (core.withdrawal)."""
        set_ = object.__setattr__  # frozen: the fields are set once, here
        set_(self, "annex_rows", kept_rows(self.annex_rows, self.letters, "letter_id"))
        set_(self, "condition_log", kept_rows(self.condition_log, self.conditions, "condition_id"))
        for name in ("licenses", "letters", "determinations", "conditions"):
            set_(self, name, in_force(getattr(self, name)))

    @cached_property
    def latest_screenings(self) -> dict[int, Screening]:
        """Each party's latest screening, by party id."""
        return latest_by_party(self.screenings)

    @cached_property
    def hits_by_screening(self) -> dict[int, tuple[ScreeningHit, ...]]:
        """The potential matches of each screening, by screening id."""
        return hits_by_screening(self.screening_hits)

    @cached_property
    def _parties(self) -> dict[int, Party]:
        return {p.id: p for p in self.parties}

    @cached_property
    def _rows(self) -> dict[int, tuple[AnnexRow, ...]]:
        rows: dict[int, list[AnnexRow]] = {}
        for row in self.annex_rows:
            rows.setdefault(row.letter_id, []).append(row)
        return {letter_id: tuple(found) for letter_id, found in rows.items()}

    @cached_property
    def _logs(self) -> dict[int, tuple[ConditionLog, ...]]:
        logs: dict[int, list[ConditionLog]] = {}
        for entry in self.condition_log:
            logs.setdefault(entry.condition_id, []).append(entry)
        return {condition_id: tuple(found) for condition_id, found in logs.items()}

    def find_party(self, party_id: int | None) -> Party | None:
        """The party with this id, or None."""
        return None if party_id is None else self._parties.get(party_id)

    @cached_property
    def _memo(self) -> dict[tuple[object, ...], object]:
        return {}

    def remember(self, key: tuple[object, ...], make: Callable[[], T]) -> T:
        """``make()``, worked out once per matter for ``key``.

        Answers that share a letter or license, item, type and date share the factors that do
        not depend on the person.
        """
        if key not in self._memo:
            self._memo[key] = make()
        return self._memo[key]  # type: ignore[return-value]

    def logs_of(self, condition_id: int) -> tuple[ConditionLog, ...]:
        """The log entries of one condition, in the order recorded."""
        return self._logs.get(condition_id, ())

    @cached_property
    def _log_index(self) -> dict[int, LogIndex]:
        return {cid: _index(list(entries)) for cid, entries in self._logs.items()}

    def log_index(self, condition_id: int) -> LogIndex:
        """One condition's log indexed by party and kind (built once per matter)."""
        return self._log_index.get(condition_id, EMPTY_LOG)

    def party(self, party_id: int) -> Party:
        """The party with this id; NotFoundError when the matter has none."""
        found = self._parties.get(party_id)
        if found is None:
            raise NotFoundError(f"party {party_id} is not a party of this matter")
        return found

    def item(self, item_id: int) -> Item:
        """The item with this id; NotFoundError when the matter has none."""
        for item in self.items:
            if item.id == item_id:
                return item
        raise NotFoundError(f"item {item_id} is not an item of this matter")

    @classmethod
    def of(cls, record: MatterRecord, calendar: HolidayCalendar = FEDERAL) -> MatterFacts:
        """The facts of a loaded matter record; ``calendar``: the library's holidays (750.7(g))."""
        decided = record.decisions
        return cls(
            record.parties,
            record.items,
            decided.licenses,
            decided.letters,
            decided.annex_rows,
            record.activities,
            decided.determinations,
            decided.conditions,
            decided.condition_log,
            calendar,
            decided.screenings,
            decided.screening_hits,
        )

    def rows_of(self, letter_id: int) -> tuple[AnnexRow, ...]:
        """The Annex A rows of one letter, in the order given."""
        return self._rows.get(letter_id, ())


def row_question(party: Party, facts: MatterFacts, on: date) -> Question:
    """The default question for a party row of a matter.

    A person is asked about a deemed export (a deemed reexport when located outside the US,
    i.e. a country other than ``US`` is recorded); any other party about an export. The item is
    the matter's first AI model weights or 4E091 item, else its first item, else none.
    """
    if party.kind is PartyKind.INDIVIDUAL:
        abroad = party.country not in ("", "US")
        kind = TransactionType.DEEMED_REEXPORT if abroad else TransactionType.DEEMED_EXPORT
    else:
        kind = TransactionType.EXPORT
    weights = [
        item
        for item in facts.items
        if item.kind is ItemKind.AI_MODEL_WEIGHTS or item.eccn.upper().startswith("4E091")
    ]
    first = (weights or list(facts.items))[:1]
    return Question(
        party.id,
        first[0].id if first else None,
        kind,
        on,
        destination=party.country,
        to_address=party.address,
    )


def activity_question(activity: Activity, party_id: int, as_of: date) -> Question:
    """The question an activity asks: its party, item, type, destination and date.

    An activity without a date is asked as of ``as_of`` and says so (``dated`` False).
    """
    return Question(
        party_id,
        activity.item_id,
        activity.type,
        activity.on or as_of,
        destination=activity.to_country,
        to_address=activity.to_address,
        mechanism=activity.mechanism,
        activity_id=activity.id,
        dated=activity.on is not None,
        performed=activity.status is ActivityStatus.PERFORMED,
    )
