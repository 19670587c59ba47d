"""A matter's status follows from its record and the day (docstring of core/matter_status).

15 CFR 750.6(b): after an intent to deny, the denial is final on day 45 without further
notice; 15 CFR 756.2(c)(1): the appeal must be received within 45 days of the final denial.
While it may still be received, a denied matter is "Denied (appeal open)", not "Decided".
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

import pytest

from desktop_app.core.authorizations import (
    ClockEvent,
    ClockEventKind,
    Decider,
    Determination,
    DeterminationKind,
)
from desktop_app.core.decisions import DecisionService
from desktop_app.core.enums import MatterKind, MatterStatus
from desktop_app.core.matter_status import FOLLOWS, derived_status
from desktop_app.core.models import Matter
from desktop_app.core.services import MatterService
from desktop_app.storage import queries
from desktop_app.storage.library import Library

K = ClockEventKind
APP = MatterKind.LICENSE_APPLICATION
REGISTERED = ClockEvent(1, K.REGISTERED, date(2026, 1, 5))
ITD = date(2026, 2, 2)  # a Monday
FINAL = ITD + timedelta(days=45)  # 2026-03-19, a Thursday
APPEAL = FINAL + timedelta(days=45)  # 2026-05-03, a Sunday: file by Friday 2026-05-01

ITD_CASES = [
    # (the day asked, the status, words of the cause) — day 44 / 45 / 46 and the appeal's day
    (FINAL - timedelta(days=1), MatterStatus.UNDER_REVIEW, "intent to deny"),
    (FINAL, MatterStatus.DENIED_APPEAL_OPEN, f"denial final on {FINAL}"),
    (FINAL + timedelta(days=1), MatterStatus.DENIED_APPEAL_OPEN, "received by 2026-05-01"),
    (APPEAL, MatterStatus.DENIED_APPEAL_OPEN, "the deadline, 2026-05-03, is not a business day"),
    (APPEAL + timedelta(days=1), MatterStatus.DECIDED, "the appeal window closed 2026-05-03"),
]


@pytest.mark.parametrize(("today", "status", "words"), ITD_CASES)
def test_an_intent_to_deny_with_nothing_after_it(
    today: date, status: MatterStatus, words: str
) -> None:
    """750.6(b) then 756.2(c)(1): no denial is recorded; the days alone move the status."""
    events = [REGISTERED, ClockEvent(1, K.ITD_ISSUED, ITD)]
    derived = derived_status((), events, today, APP)
    assert derived is not None
    assert derived.status is status
    assert words in derived.cause


def test_a_recorded_denial_is_open_to_appeal_then_decided() -> None:
    denied = [REGISTERED, ClockEvent(1, K.DENIED, date(2026, 3, 2))]
    assert derived_status((), denied, date(2026, 4, 16), APP).status is (  # type: ignore[union-attr]
        MatterStatus.DENIED_APPEAL_OPEN
    )
    closed = derived_status((), denied, date(2026, 4, 17), APP)
    assert closed is not None
    assert closed.status is MatterStatus.DECIDED


DETERMINATION_CASES = [
    (DeterminationKind.DENIED, Decider.BIS, date(2026, 6, 1), MatterStatus.DENIED_APPEAL_OPEN),
    (DeterminationKind.DENIED, Decider.BIS, date(2026, 6, 2), MatterStatus.DECIDED),
    (DeterminationKind.APPROVED, Decider.BIS, date(2026, 4, 20), MatterStatus.DECIDED),
    (DeterminationKind.DENIED, Decider.INTERNAL_COUNSEL, date(2026, 4, 20), None),
]


@pytest.mark.parametrize(("kind", "by", "today", "status"), DETERMINATION_CASES)
def test_a_determination_decides_unless_it_is_a_denial_open_to_appeal(
    kind: DeterminationKind, by: Decider, today: date, status: MatterStatus | None
) -> None:
    """A BIS denial of 2026-04-17: the appeal is due 2026-06-01 (a Monday)."""
    decided = Determination(1, kind, date(2026, 4, 17), decided_by=by)
    derived = derived_status((decided,), (), today, APP)
    assert (derived.status if derived else None) is status


def test_time_driven_changes_are_recorded_with_their_cause(
    library: Library, service: MatterService
) -> None:
    matter = service.create_matter(Matter("Thistlegate weights", APP)).record
    at_itd = DecisionService(library, "counsel", today=lambda: ITD)
    at_itd.add_clock_event(replace(REGISTERED, matter_id=matter.id))
    at_itd.add_clock_event(ClockEvent(matter.id, K.ITD_ISSUED, ITD))
    assert queries.matter_by_id(library.db, matter.id).status is MatterStatus.UNDER_REVIEW

    later = DecisionService(library, "counsel", today=lambda: FINAL)
    (changed,) = later.follow_the_clock()
    assert changed.status is MatterStatus.DENIED_APPEAL_OPEN
    assert later.follow_the_clock() == ()  # nothing more to change the same day
    last = queries.history(library.db, matter.id)[0]
    assert last.entity == "matters"
    assert f"{FOLLOWS}: denial final on {FINAL}" in (last.after or "")


def test_a_status_counsel_set_by_hand_is_left_to_them(
    library: Library, service: MatterService
) -> None:
    matter = service.create_matter(Matter("Thistlegate weights", APP)).record
    at_itd = DecisionService(library, "counsel", today=lambda: ITD)
    at_itd.add_clock_event(replace(REGISTERED, matter_id=matter.id))
    at_itd.add_clock_event(ClockEvent(matter.id, K.ITD_ISSUED, ITD))
    stored = queries.matter_by_id(library.db, matter.id)
    by_hand = replace(stored, status=MatterStatus.ON_HOLD, status_reason="awaiting the client")
    service.update_matter(by_hand)
    assert DecisionService(library, "counsel", today=lambda: FINAL).follow_the_clock() == ()
    assert queries.matter_by_id(library.db, matter.id).status is MatterStatus.ON_HOLD
