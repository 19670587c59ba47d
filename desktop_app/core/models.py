"""The records of a matter file as frozen dataclasses.

A record with ``id == 0`` has not been stored yet; storage assigns ids. Every text field holds
exactly what the person typed: nothing is trimmed or normalised on the way in or out.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING

from desktop_app.core.authorizations import (
    AnnexRow,
    AuthorizationLetter,
    ClockEvent,
    Condition,
    ConditionLog,
    Determination,
    License,
)
from desktop_app.core.documents import Document, Quarantined
from desktop_app.core.enums import (
    ActivityStatus,
    Agency,
    ItemKind,
    MatterKind,
    MatterStatus,
    NationalityBasis,
    PartyKind,
    PartyRole,
    Privilege,
    ProtectedBasis,
    ReleaseMechanism,
    TransactionType,
    UsStatus,
)
from desktop_app.core.screening_records import Screening, ScreeningHit
from desktop_app.core.withdrawal import in_force, kept_rows

if TYPE_CHECKING:
    from desktop_app.core.holiday_calendar import HolidayCalendar


@dataclass(frozen=True)
class Matter:
    """One export-control matter: a license application, a letter, a review."""

    title: str
    kind: MatterKind
    number: str = ""
    summary: str = ""
    status: MatterStatus = MatterStatus.OPEN
    agency: Agency = Agency.BIS
    acn: str = ""
    license_number: str = ""
    counsel: str = ""
    opened: date | None = None
    closed: date | None = None
    tags: tuple[str, ...] = ()
    privilege: Privilege = Privilege.AC_WP
    status_reason: str = ""
    id: int = 0


@dataclass(frozen=True)
class Nationality:
    """A citizenship or permanent residency of a person, with the dates it was held.

    ``since`` is the day it was acquired, ``until`` the day it lapsed or was renounced (None:
    unknown, or still held). It is held on the days ``since <= day < until``: not on the day it
    ends (`deemed.held_on`; 15 CFR 734.13(b) reads what is held on the day asked).
    """

    country: str
    basis: NationalityBasis = NationalityBasis.CITIZENSHIP
    since: date | None = None
    until: date | None = None


@dataclass(frozen=True)
class Party:
    """A person or body in a matter: applicant, consignee, Annex A entity, foreign national.

    ``employed_since`` / ``employed_until`` bound a person's employment with ``employer_id``;
    ``regular_employee`` says whether it is bona fide regular and permanent employment (15 CFR
    750.7(a)(3)); None is unknown. ``stateless`` records a person who is no country's citizen.
    A protected individual (8 U.S.C. 1324b(a)(3)) records the ``protected_basis`` and counsel's
    answer whether the exclusions there do *not* apply (``protected_exclusions_clear``: True
    protected, False an exclusion applies, None not answered).
    """

    matter_id: int
    name: str
    role: PartyRole
    kind: PartyKind = PartyKind.ENTITY
    country: str = ""
    address: str = ""
    aliases: tuple[str, ...] = ()
    annex_row: int | None = None
    employer_id: int | None = None
    nationalities: tuple[Nationality, ...] = ()
    us_status: UsStatus = UsStatus.NOT_APPLICABLE
    visa_type: str = ""
    visa_expiry: date | None = None
    notes: str = ""
    employed_since: date | None = None
    employed_until: date | None = None
    regular_employee: bool | None = None
    stateless: bool | None = None
    protected_basis: ProtectedBasis = ProtectedBasis.NONE
    protected_exclusions_clear: bool | None = None
    id: int = 0


@dataclass(frozen=True)
class Item:
    """An item of a matter: a commodity, software, technology or AI model weights."""

    matter_id: int
    name: str
    kind: ItemKind = ItemKind.TECHNOLOGY
    eccn: str = ""
    description: str = ""
    model_name: str = ""
    model_version: str = ""
    training_ops: float | None = None
    weights_published: bool | None = None
    hosting_location: str = ""
    hosting_country: str = ""
    id: int = 0


@dataclass(frozen=True)
class Activity:
    """One licensable act: an item going to a party by a transaction type.

    See docs/domain.md#transactions.

    ``on`` is the date planned or performed (``status`` says which); coverage is answered as of
    it. ``to_address`` is where a shipment or transmission arrives, for letters naming addresses.
    """

    matter_id: int
    type: TransactionType
    item_id: int | None = None
    party_id: int | None = None
    from_country: str = "US"
    to_country: str = ""
    mechanism: ReleaseMechanism = ReleaseMechanism.ELECTRONIC_TRANSMISSION
    description: str = ""
    status: ActivityStatus = ActivityStatus.PLANNED
    on: date | None = None
    to_address: str = ""
    id: int = 0


@dataclass(frozen=True)
class Note:
    """A dated note counsel keep on a matter."""

    matter_id: int
    text: str
    author: str = ""
    created_at: str = ""
    id: int = 0


@dataclass(frozen=True)
class AuditEntry:
    """One link of the audit chain: who changed what, before and after.

    See docs/architecture.md#the-library-on-disk.
    """

    seq: int
    at: str
    actor: str
    action: str
    entity: str
    entity_id: int
    matter_id: int | None
    before: str | None
    after: str | None
    prev_hash: str
    hash: str


@dataclass(frozen=True)
class Decisions:
    """What was decided on a matter and what it owes: the determinations-side records."""

    determinations: tuple[Determination, ...] = ()
    licenses: tuple[License, ...] = ()
    letters: tuple[AuthorizationLetter, ...] = ()
    annex_rows: tuple[AnnexRow, ...] = ()
    conditions: tuple[Condition, ...] = ()
    condition_log: tuple[ConditionLog, ...] = ()
    clock_events: tuple[ClockEvent, ...] = ()
    screenings: tuple[Screening, ...] = ()
    screening_hits: tuple[ScreeningHit, ...] = ()


@dataclass(frozen=True)
class MatterRecord:
    """A matter with everything that hangs on it, as `show` prints it."""

    matter: Matter
    parties: tuple[Party, ...] = ()
    items: tuple[Item, ...] = ()
    activities: tuple[Activity, ...] = ()
    notes: tuple[Note, ...] = ()
    documents: tuple[Document, ...] = ()
    quarantined: tuple[Quarantined, ...] = ()
    decisions: Decisions = field(default_factory=Decisions)


@dataclass(frozen=True)
class MatterSummary:
    """A docket row: the matter plus counts, enough to list and filter without loading more."""

    matter: Matter
    party_count: int = 0
    item_count: int = 0


@dataclass(frozen=True)
class LibraryFacts:
    """Every record the agenda reads, for the whole library.

    ``calendar`` is the library's holidays for license validity and filing days (15 CFR
    750.7(g)); None is the federal calendar.
    """

    matters: tuple[Matter, ...]
    conditions: tuple[Condition, ...]
    logs: tuple[ConditionLog, ...]
    licenses: tuple[License, ...]
    clock_events: tuple[ClockEvent, ...]
    calendar: HolidayCalendar | None = None
    screenings: tuple[Screening, ...] = ()
    open_hits: tuple[ScreeningHit, ...] = ()
    """The potential matches still to decide (undecided or escalated)."""

    def __post_init__(self) -> None:
        """Keep only the conditions and licenses in force (core.withdrawal): the agenda's own."""
        set_ = object.__setattr__  # frozen: the fields are set once, here
        set_(self, "logs", kept_rows(self.logs, self.conditions, "condition_id"))
        set_(self, "conditions", in_force(self.conditions))
        set_(self, "licenses", in_force(self.licenses))
