"""Conditions outlive their license (15 CFR 750.7(i)): only counsel close them, with a reason.

License D500001 is set by BIS to expire on Tuesday 30 June 2026 (not a holiday), so it is
valid through 30 June and expired from 1 July.
"""

from __future__ import annotations

from datetime import date

import pytest

from desktop_app.core.agenda import AgendaRow, agenda
from desktop_app.core.authorizations import (
    Condition,
    ConditionCategory,
    ConditionKind,
    ConditionLog,
    ConditionStatus,
    License,
    LicenseStatus,
    LogKind,
    ObligationKind,
    ValidityBasis,
)
from desktop_app.core.decisions import DecisionService
from desktop_app.core.enums import MatterKind
from desktop_app.core.models import Matter, MatterRecord
from desktop_app.core.obligations import ConditionService
from desktop_app.core.present_decisions import conditions_view
from desktop_app.core.services import MatterService
from desktop_app.errors import ValidationError
from desktop_app.storage import queries
from desktop_app.storage.library import Library

LAST_VALID = date(2026, 6, 30)
AFTER = date(2026, 7, 1)
NOTE = "license D500001 expired 2026-06-30; the obligation continues until closed (15 CFR 750.7(i))"


@pytest.fixture
def matter(service: MatterService) -> Matter:
    return service.create_matter(Matter("Ended license", MatterKind.LICENSE_APPLICATION)).record


@pytest.fixture
def conditions(library: Library) -> ConditionService:
    return ConditionService(library, "counsel")


@pytest.fixture
def license_(library: Library, matter: Matter) -> License:
    return DecisionService(library, "counsel").add_license(
        License(
            matter.id,
            "D500001",
            date(2026, 1, 5),
            ValidityBasis.SET_BY_BIS,
            expires_on_set=LAST_VALID,
        )
    )


def _add(
    conditions: ConditionService, license_: License, obligation: ObligationKind, **more: object
) -> Condition:
    return conditions.add_condition(
        Condition(
            license_.matter_id,
            ConditionKind.LICENSE_CONDITION,
            ConditionCategory.NO_RESALE_TRANSFER_REEXPORT,
            "No reexport to any destination without prior authorization.",
            license_id=license_.id,
            obligation=obligation,
            status=ConditionStatus.ACTIVE,
            **more,  # type: ignore[arg-type]
        )
    )


def _record(library: Library, matter_id: int) -> MatterRecord:
    return queries.matter_record(library.db, queries.matter_by_id(library.db, matter_id))


def _decisions(library: Library, condition: Condition) -> object:
    return _record(library, condition.matter_id).decisions


def _rows(library: Library, as_of: date, days: int = 30) -> list[AgendaRow]:
    return [
        r for r in agenda(queries.library_facts(library.db), as_of, days) if r.kind == "obligation"
    ]


@pytest.mark.parametrize(
    ("as_of", "state"),
    [(LAST_VALID, None), (AFTER, "continues"), (date(2031, 1, 1), "continues")],
    ids=["license-in-force: not listed", "day-after-expiry: continues", "years-later: continues"],
)
def test_continuing_prohibition_of_an_ended_license_stays_on_the_agenda(
    library: Library,
    conditions: ConditionService,
    license_: License,
    as_of: date,
    state: str | None,
) -> None:
    """750.7(i): expiry does not end the prohibition; it is listed once, on the day read."""
    prohibition = _add(conditions, license_, ObligationKind.CONTINUING_PROHIBITION)
    rows = _rows(library, as_of)
    if state is None:
        assert rows == []
        return
    [row] = rows
    assert (row.state, row.due, row.ref_id) == (state, as_of, prohibition.id)
    assert row.detail.endswith(NOTE)


@pytest.mark.parametrize("status", [LicenseStatus.REVOKED, LicenseStatus.SUPERSEDED])
def test_a_revoked_or_superseded_license_ends_no_condition(
    library: Library, conditions: ConditionService, license_: License, status: LicenseStatus
) -> None:
    _add(conditions, license_, ObligationKind.EVENT_TRIGGERED)
    DecisionService(library, "counsel").update_license(
        License(**{**license_.__dict__, "status": status})
    )
    [row] = _rows(library, date(2026, 3, 1))
    assert row.state == "continues"
    assert f"license D500001 {status.value}; the obligation continues" in row.detail


def test_a_recurring_report_keeps_its_schedule_after_expiry(
    library: Library, conditions: ConditionService, license_: License
) -> None:
    report = _add(
        conditions,
        license_,
        ObligationKind.RECURRING,
        first_due=date(2026, 4, 30),
        rrule="FREQ=MONTHLY;INTERVAL=3",
    )
    conditions.log(
        ConditionLog(report.matter_id, report.id, LogKind.PERFORMED, AFTER, due=date(2026, 4, 30))
    )
    [row] = _rows(library, date(2026, 8, 1))
    assert (row.state, row.due) == ("overdue", date(2026, 7, 30))
    assert row.detail.endswith(NOTE)
    [view] = conditions_view(_record(library, report.matter_id), date(2026, 8, 1))
    assert (view["next_due"], view["standing"], view["license_note"]) == (
        "2026-07-30",
        "overdue",
        NOTE,
    )


def test_a_one_time_condition_satisfied_before_expiry_is_not_listed(
    library: Library, conditions: ConditionService, license_: License
) -> None:
    once = _add(conditions, license_, ObligationKind.ONE_TIME, first_due=date(2026, 3, 1))
    conditions.log(ConditionLog(once.matter_id, once.id, LogKind.PERFORMED, date(2026, 2, 20)))
    conditions.transition(once.id, ConditionStatus.SATISFIED, date(2026, 2, 20))
    assert _rows(library, AFTER, 400) == []
    [view] = conditions_view(_record(library, once.matter_id), AFTER)
    assert (view["standing"], view["license_note"]) == (
        "none",
        "license D500001 expired 2026-06-30",
    )


@pytest.mark.parametrize("to", [ConditionStatus.CLOSED, ConditionStatus.TERMINATED_BY_REGULATION])
def test_closing_needs_a_reason_and_then_the_obligation_is_gone(
    library: Library,
    conditions: ConditionService,
    license_: License,
    to: ConditionStatus,
) -> None:
    prohibition = _add(conditions, license_, ObligationKind.CONTINUING_PROHIBITION)
    before = (_decisions(library, prohibition), len(queries.audit_entries(library.db)))
    for blank in ("", "   "):
        with pytest.raises(ValidationError) as refused:
            conditions.transition(prohibition.id, to, AFTER, blank)
        assert set(refused.value.fields) == {"note"}
        assert "750.7(i)" in refused.value.fields["note"]
    assert (_decisions(library, prohibition), len(queries.audit_entries(library.db))) == before
    assert [r.ref_id for r in _rows(library, AFTER)] == [prohibition.id]

    reason = "Items now eligible for NLR after the 2026 CCL revision."
    conditions.transition(prohibition.id, to, AFTER, reason)
    assert _rows(library, AFTER) == []
    record = _record(library, prohibition.matter_id)
    [entry] = record.decisions.condition_log
    assert (entry.to_status, entry.note) == (to, reason)
    [view] = conditions_view(record, AFTER)
    assert (view["status"], view["standing"]) == (to.value, "none")
