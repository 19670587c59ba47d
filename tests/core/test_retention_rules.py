"""Retention rules, each with its section and both sides of its boundary.

15 CFR 762.6(a): five years from the latest start event; 31 CFR 501.601 (as amended, effective
21 March 2025): ten years for a matter before OFAC. A matter still live (a license not expired,
a condition open, an application or BIS deadline pending) cannot be deleted, whatever its age.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

import pytest

from desktop_app.core.authorizations import (
    ClockEvent,
    ClockEventKind,
    Condition,
    ConditionCategory,
    ConditionKind,
    ConditionStatus,
    License,
    LicenseStatus,
)
from desktop_app.core.decisions import DecisionService
from desktop_app.core.enums import ActivityStatus, Agency, MatterKind, MatterStatus, TransactionType
from desktop_app.core.models import Activity, Decisions, Matter
from desktop_app.core.retention import RefusedError, RetentionTrigger, TrashEntry, TriggerKind
from desktop_app.core.retention_service import RetentionService
from desktop_app.core.retention_state import RetentionState, deletion_refusal, ofac_question
from desktop_app.core.services import MatterService
from desktop_app.errors import ConfirmationNeededError, ValidationError
from desktop_app.storage import queries
from desktop_app.storage.library import Library
from tests.conftest import TODAY

MATTER = Matter("Meridian 5 weights", MatterKind.LICENSE_APPLICATION, number="EC-2019-0001", id=1)
EXPORT = TriggerKind.EXPORT_DATE


def _license(**changes: object) -> License:
    base = License(1, "D500001", date(2019, 7, 1), expires_on_set=date(2020, 6, 30), id=7)
    return replace(base, **changes)  # type: ignore[arg-type]


def _state(*, matter: Matter = MATTER, **facts: object) -> RetentionState:
    return RetentionState(matter, **facts)  # type: ignore[arg-type]


def _trash_allowed(state: RetentionState, on: date) -> bool:
    return deletion_refusal(state, on) is None


# -- 762.6(a): the app's own start events, and counsel's only add ---------------------------

EXPIRY_CASES = [
    # (as of, counted from) — a license expired on 2020-06-30 starts the five years the day after
    (date(2020, 6, 30), None),
    (date(2020, 7, 1), date(2020, 6, 30)),
]


@pytest.mark.parametrize(("today", "start"), EXPIRY_CASES)
def test_a_license_expiry_starts_retention_once_it_has_passed(
    today: date, start: date | None
) -> None:
    """762.6(a): a license's expiry ends the transaction it authorized."""
    state = _state(decisions=Decisions(licenses=(_license(),)))
    latest = state.latest(today)
    assert (latest.occurred_on if latest else None) == start
    if latest is not None:
        assert latest.by_app
        assert "license D500001 expired" in latest.note


def test_the_last_performed_activity_and_the_closing_count_planned_ones_do_not() -> None:
    """762.6(a): the export (or reexport) itself, and the termination when counsel close."""
    done = Activity(
        1, TransactionType.REEXPORT, status=ActivityStatus.PERFORMED, on=date(2021, 3, 1)
    )
    planned = Activity(1, TransactionType.EXPORT, on=date(2022, 1, 1))
    state = _state(activities=(done, planned))
    latest = state.latest(date(2026, 1, 1))
    assert latest is not None
    assert latest.occurred_on == date(2021, 3, 1)
    assert latest.kind is TriggerKind.KNOWN_REEXPORT_TRANSFER_TRANSSHIPMENT_DIVERSION
    closed = replace(MATTER, status=MatterStatus.CLOSED, closed=date(2021, 9, 1))
    latest = _state(matter=closed, activities=(done,)).latest(date(2026, 1, 1))
    assert latest is not None
    assert (latest.occurred_on, latest.note) == (
        date(2021, 9, 1),
        "matter closed",
    )


def test_counsel_events_can_only_make_the_period_longer() -> None:
    """The period runs from the latest event: an earlier one of counsel's changes nothing."""
    done = Activity(1, TransactionType.EXPORT, status=ActivityStatus.PERFORMED, on=date(2021, 3, 1))
    earlier = RetentionTrigger(1, EXPORT, date(2020, 1, 1), id=3)
    later = RetentionTrigger(1, EXPORT, date(2021, 5, 1), id=4)
    today = date(2026, 1, 1)
    assert _state(activities=(done,), triggers=(earlier,)).retain_until(today) == date(2026, 3, 1)
    assert _state(activities=(done,), triggers=(later,)).retain_until(today) == date(2026, 5, 1)


# -- live matters are never deleted ----------------------------------------------------------

LIVE_CASES = [
    # (the facts, the day asked, whether deletion is refused as live, words of the refusal)
    (
        {"decisions": Decisions(licenses=(_license(expires_on_set=date(2026, 6, 30)),))},
        date(2026, 6, 30),
        True,
        "license D500001 is valid until 2026-06-30",
    ),
    (
        {"decisions": Decisions(licenses=(_license(expires_on_set=date(2026, 6, 30)),))},
        date(2026, 7, 1),
        False,
        "",
    ),
    (
        {"decisions": Decisions(licenses=(_license(status=LicenseStatus.SUSPENDED),))},
        date(2026, 7, 1),
        True,
        "suspended",
    ),
    (
        {"decisions": Decisions(licenses=(_license(status=LicenseStatus.REVOKED),))},
        date(2026, 7, 1),
        False,
        "",
    ),
]


@pytest.mark.parametrize(("facts", "today", "live", "words"), LIVE_CASES)
def test_a_license_not_yet_expired_or_revoked_keeps_the_matter_live(
    facts: dict[str, Decisions], today: date, live: bool, words: str
) -> None:
    """762.6(a): retention runs from the end of the transaction; a valid license has not ended."""
    start = RetentionTrigger(1, EXPORT, date(2015, 1, 1))
    state = replace(_state(triggers=(start,)), decisions=facts["decisions"])
    reasons = state.live(today)
    assert bool(reasons) is live
    if live:
        refusal = deletion_refusal(state, today)
        assert refusal is not None
        assert "still live" in refusal
        assert words in refusal


def _condition(status: ConditionStatus) -> Condition:
    return Condition(
        1,
        ConditionKind.LICENSE_CONDITION,
        ConditionCategory.REPORTING,
        "Report each release",
        number="C-1",
        license_id=7,
        status=status,
    )


@pytest.mark.parametrize(
    ("status", "live"), [(ConditionStatus.ACTIVE, True), (ConditionStatus.CLOSED, False)]
)
def test_an_open_condition_keeps_the_matter_live_after_its_license(
    status: ConditionStatus, live: bool
) -> None:
    """750.7(i): conditions outlive the license until counsel close them."""
    decisions = Decisions(licenses=(_license(),), conditions=(_condition(status),))
    state = _state(decisions=decisions)
    today = date(2026, 7, 1)
    assert any("condition “C-1” is still open" in r for r in state.live(today)) is live


def test_a_pending_application_and_an_appeal_deadline_keep_it_live() -> None:
    """750.4 / 750.6(b) / 756.2(c)(1): pending, then the appeal window of a deemed denial."""
    registered = ClockEvent(1, ClockEventKind.REGISTERED, date(2026, 1, 5))
    itd = ClockEvent(1, ClockEventKind.ITD_ISSUED, date(2026, 2, 2))
    pending = _state(decisions=Decisions(clock_events=(registered,)))
    assert any("pending before BIS" in r for r in pending.live(date(2026, 1, 20)))
    denied = _state(decisions=Decisions(clock_events=(registered, itd)))
    final = date(2026, 2, 2) + timedelta(days=45)  # denial final on day 45 (750.6(b))
    appeal_due = final + timedelta(days=45)  # 756.2(c)(1)
    assert any("appeal" in r.lower() for r in denied.live(final + timedelta(days=1)))
    assert denied.live(appeal_due + timedelta(days=1)) == ()


def test_a_legal_hold_is_named_before_anything_else() -> None:
    """762.6(b): an open request for the records outranks every other reason."""
    from desktop_app.core.retention import LegalHold

    held = _state(
        holds=(LegalHold(1, "BIS OEE", date(2026, 1, 1)),),
        decisions=Decisions(licenses=(_license(expires_on_set=date(2030, 1, 1)),)),
    )
    refusal = deletion_refusal(held, date(2026, 2, 1))
    assert refusal is not None
    assert refusal.startswith("EC-2019-0001 is under legal hold")


# -- five years (762.6(a)) or ten (31 CFR 501.601) ------------------------------------------

PERIOD_CASES = [
    # (agency, start, last day kept) — 29 February counts to 28 February in a common year
    (Agency.BIS, date(2016, 2, 29), date(2021, 2, 28)),
    (Agency.OFAC, date(2016, 2, 29), date(2026, 2, 28)),
    (Agency.OFAC, date(2015, 6, 1), date(2025, 6, 1)),
]


@pytest.mark.parametrize(("agency", "start", "until"), PERIOD_CASES)
def test_the_period_and_the_day_deletion_becomes_possible(
    agency: Agency, start: date, until: date
) -> None:
    matter = replace(MATTER, agency=agency)
    state = _state(matter=matter, triggers=(RetentionTrigger(1, EXPORT, start),), ofac_party=False)
    assert state.retain_until(until) == until
    assert not _trash_allowed(state, until)
    assert _trash_allowed(state, until + timedelta(days=1))
    refusal = deletion_refusal(state, until) or ""
    rule = "31 CFR 501.601" if agency is Agency.OFAC else "15 CFR 762.6(a)"
    assert rule in refusal
    assert start.isoformat() in refusal


def test_unscreened_parties_ask_before_deleting_inside_ten_years() -> None:
    """501.601: a party on an OFAC list keeps ten years; with no screening recorded, ask."""
    start = RetentionTrigger(1, EXPORT, date(2015, 6, 1))
    state = _state(triggers=(start,))
    assert _trash_allowed(state, date(2021, 6, 2))  # the five years are over...
    question = ofac_question(state, date(2021, 6, 2))  # ...but the ten may not be
    assert question is not None
    assert "2025-06-01" in question
    assert "501.601" in question
    assert ofac_question(state, date(2025, 6, 2)) is None
    confirmed = replace(state, trash=TrashEntry(1, "2021-06-02T10:00:00", no_ofac_party=True))
    assert ofac_question(confirmed, date(2021, 6, 2)) is None
    assert ofac_question(replace(state, ofac_party=False), date(2021, 6, 2)) is None
    on_list = replace(state, ofac_party=True)
    assert on_list.period.years == 10
    assert not _trash_allowed(on_list, date(2025, 6, 1))


# -- the service: what counsel may record, and what the app records itself ------------------


@pytest.fixture
def retention(library: Library) -> RetentionService:
    return RetentionService(library, "counsel", library.blobs, today=lambda: TODAY)


@pytest.fixture
def opened(service: MatterService) -> Matter:
    draft = Matter("Thistlegate weights", MatterKind.LICENSE_APPLICATION, opened=date(2018, 3, 1))
    return service.create_matter(draft).record


def test_an_event_before_the_matter_opened_asks_and_is_kept_once_confirmed(
    library: Library, retention: RetentionService, opened: Matter
) -> None:
    early = RetentionTrigger(opened.id, EXPORT, date(2018, 2, 28))
    with pytest.raises(ConfirmationNeededError, match="before EC-2018-0001 was opened"):
        retention.add_trigger(early)
    assert queries.retention_state(library.db, opened).triggers == ()
    assert retention.add_trigger(replace(early, occurred_on=date(2018, 3, 1))).id
    assert retention.add_trigger(early, confirmed=True).occurred_on == date(2018, 2, 28)


def test_a_boycott_request_is_refused_on_a_matter_before_ofac(
    retention: RetentionService, service: MatterService
) -> None:
    draft = Matter("Sanctions review", MatterKind.INTERNAL_REVIEW, agency=Agency.OFAC)
    ofac = service.create_matter(draft).record
    with pytest.raises(ValidationError, match=r"31 CFR 501\.601"):
        retention.add_trigger(RetentionTrigger(ofac.id, TriggerKind.BOYCOTT_REQUEST_RECEIPT, TODAY))


def test_a_matter_with_a_boycott_request_cannot_be_put_before_ofac(
    library: Library, retention: RetentionService, service: MatterService
) -> None:
    draft = Matter("Boycott request review", MatterKind.INTERNAL_REVIEW, agency=Agency.BIS)
    matter = service.create_matter(draft).record
    kept = service.update_matter(replace(matter, agency=Agency.OFAC)).record  # none recorded yet
    assert kept.agency is Agency.OFAC
    service.update_matter(replace(kept, agency=Agency.BIS))
    retention.add_trigger(RetentionTrigger(matter.id, TriggerKind.BOYCOTT_REQUEST_RECEIPT, TODAY))
    with pytest.raises(ValidationError, match=r"part 760 record of the EAR"):
        service.update_matter(replace(kept, agency=Agency.OFAC))
    assert queries.matter_by_id(library.db, matter.id).agency is Agency.BIS


def test_a_revocation_is_recorded_by_the_app_and_counsel_cannot_remove_it(
    library: Library, retention: RetentionService, opened: Matter
) -> None:
    decisions = DecisionService(library, "counsel", today=lambda: TODAY)
    stored = decisions.add_license(License(opened.id, "D500002", date(2025, 1, 6)))
    decisions.update_license(replace(stored, status=LicenseStatus.REVOKED))
    decisions.update_license(replace(stored, status=LicenseStatus.REVOKED, number="D500002"))
    (event,) = queries.retention_state(library.db, opened).triggers
    assert (event.occurred_on, event.by_app) == (TODAY, True)
    assert "license D500002 revoked" in event.note
    with pytest.raises(ValidationError, match="can only add"):
        retention.remove_trigger(event.id)


def test_trash_of_a_matter_with_a_valid_license_is_refused_naming_it(
    library: Library, retention: RetentionService, opened: Matter
) -> None:
    decisions = DecisionService(library, "counsel", today=lambda: TODAY)
    decisions.add_license(License(opened.id, "D500003", date(2025, 1, 6)))
    retention.add_trigger(RetentionTrigger(opened.id, EXPORT, date(2018, 4, 1)))
    with pytest.raises(RefusedError, match="license D500003 is valid until 2029-01-06"):
        retention.trash(opened.id, no_ofac_party=True)


def test_trash_inside_ten_years_asks_and_keeps_counsel_s_answer(
    library: Library, retention: RetentionService, opened: Matter
) -> None:
    retention.add_trigger(RetentionTrigger(opened.id, EXPORT, date(2018, 4, 1)))
    with pytest.raises(ConfirmationNeededError, match="2028-04-01"):
        retention.trash(opened.id)
    assert queries.retention_state(library.db, opened).trash is None
    entry = retention.trash(opened.id, no_ofac_party=True)
    assert entry.no_ofac_party is True
    assert retention.purge(opened.id).matter.number == opened.number
