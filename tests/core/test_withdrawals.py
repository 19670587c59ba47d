"""Withdrawing a record: kept and marked, out of every answer, refused while others rest on it."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pytest

from desktop_app.core.agenda import agenda
from desktop_app.core.authorizations import (
    Condition,
    ConditionCategory,
    ConditionKind,
    ConditionStatus,
    Decider,
    Determination,
    DeterminationKind,
    License,
    ObligationKind,
    ValidityBasis,
)
from desktop_app.core.correspondence import CorrespondenceService
from desktop_app.core.coverage_facts import MatterFacts
from desktop_app.core.decisions import DecisionService
from desktop_app.core.documents import Document, ParsedFile
from desktop_app.core.enums import MatterKind, MatterStatus, PartyRole
from desktop_app.core.in_force import record_in_force
from desktop_app.core.models import Matter, Party
from desktop_app.core.obligations import ConditionService
from desktop_app.core.services import MatterService
from desktop_app.core.undo import UndoService, step_of
from desktop_app.core.withdrawals import WithdrawalService
from desktop_app.errors import ValidationError
from desktop_app.storage import queries
from desktop_app.storage.library import Library

TODAY = date(2026, 12, 8)
Dump = dict[str, list[tuple[object, ...]]]


@pytest.fixture
def matter(service: MatterService) -> Matter:
    return service.create_matter(Matter("Halcyon", MatterKind.LICENSE_APPLICATION)).record


@pytest.fixture
def withdrawals(library: Library) -> WithdrawalService:
    return WithdrawalService(library, "counsel", today=lambda: TODAY)


def _license(library: Library, matter: Matter, service: MatterService) -> License:
    party = service.add_party(Party(matter.id, "Thistlegate Analytics Ltd", PartyRole.END_USER))
    return DecisionService(library, "counsel").add_license(
        License(
            matter.id,
            "D512847",
            date(2026, 8, 14),
            validity=ValidityBasis.STANDARD_4Y,
            party_ids=(party.record.id,),
        )
    )


def _condition(library: Library, matter: Matter, license_id: int | None) -> Condition:
    return ConditionService(library, "counsel").add_condition(
        Condition(
            matter.id,
            ConditionKind.LICENSE_CONDITION,
            ConditionCategory.REPORTING,
            "Report each release to BIS within 30 days.",
            license_id=license_id,
            obligation=ObligationKind.ONE_TIME,
            first_due=date(2026, 12, 20),
            status=ConditionStatus.ACTIVE,
        )
    )


def _decided(library: Library, matter: Matter):  # type: ignore[no-untyped-def]
    return queries.decisions(library.db, matter.id)


def test_a_withdrawn_license_is_kept_marked_and_audited_but_decides_nothing(
    library: Library, service: MatterService, matter: Matter, withdrawals: WithdrawalService
) -> None:
    license_ = _license(library, matter, service)
    done = withdrawals.withdraw(License, license_.id, "  Entered on the wrong matter.  ")
    assert done.withdrawn_on == TODAY
    assert done.withdrawn_reason == "Entered on the wrong matter."
    kept = _decided(library, matter).licenses
    assert [x.number for x in kept] == ["D512847"]  # still in the library
    record = queries.matter_record(library.db, matter)
    assert record_in_force(record).decisions.licenses == ()
    assert MatterFacts.of(record).licenses == ()
    entry = library.reads.history(matter.id)[0]
    assert (entry.entity, entry.action, entry.actor) == ("licenses", "update", "counsel")
    assert '"withdrawn_reason":"Entered on the wrong matter."' in (entry.after or "")


@pytest.mark.parametrize("reason", ["", "   ", "x" * 2001])
def test_a_withdrawal_needs_a_reason_and_a_refused_one_changes_nothing(
    library: Library,
    service: MatterService,
    matter: Matter,
    withdrawals: WithdrawalService,
    dump: Callable[[], Dump],
    reason: str,
) -> None:
    license_ = _license(library, matter, service)
    before = dump()
    with pytest.raises(ValidationError) as refused:
        withdrawals.withdraw(License, license_.id, reason)
    assert "reason" in refused.value.fields
    assert dump() == before


def test_a_reason_of_the_longest_length_is_taken(
    library: Library, service: MatterService, matter: Matter, withdrawals: WithdrawalService
) -> None:
    license_ = _license(library, matter, service)
    assert withdrawals.withdraw(License, license_.id, "x" * 2000).withdrawn_reason == "x" * 2000


def test_a_license_a_condition_rests_on_is_not_withdrawn_until_the_condition_is(
    library: Library,
    service: MatterService,
    matter: Matter,
    withdrawals: WithdrawalService,
    dump: Callable[[], Dump],
) -> None:
    license_ = _license(library, matter, service)
    condition = _condition(library, matter, license_.id)
    before = dump()
    with pytest.raises(ValidationError, match="still rest on the license “D512847”") as refused:
        withdrawals.withdraw(License, license_.id, "Wrong matter.")
    assert f"(#{condition.id})" in refused.value.fields["record"]
    assert dump() == before
    withdrawals.withdraw(Condition, condition.id, "Wrong matter.")
    assert withdrawals.withdraw(License, license_.id, "Wrong matter.").withdrawn_on == TODAY


def test_a_condition_is_not_put_back_while_its_license_is_withdrawn(
    library: Library, service: MatterService, matter: Matter, withdrawals: WithdrawalService
) -> None:
    license_ = _license(library, matter, service)
    condition = _condition(library, matter, license_.id)
    withdrawals.withdraw(Condition, condition.id, "Wrong matter.")
    withdrawals.withdraw(License, license_.id, "Wrong matter.")
    with pytest.raises(ValidationError, match="rests on what is withdrawn"):
        withdrawals.reinstate(Condition, condition.id)
    withdrawals.reinstate(License, license_.id)
    back = withdrawals.reinstate(Condition, condition.id)
    assert (back.withdrawn_on, back.withdrawn_reason) == (None, "")


def test_withdrawing_twice_or_reinstating_a_record_in_force_is_refused(
    library: Library, service: MatterService, matter: Matter, withdrawals: WithdrawalService
) -> None:
    license_ = _license(library, matter, service)
    with pytest.raises(ValidationError, match="in force already"):
        withdrawals.reinstate(License, license_.id)
    withdrawals.withdraw(License, license_.id, "Duplicate entry.")
    with pytest.raises(ValidationError, match="already withdrawn"):
        withdrawals.withdraw(License, license_.id, "Again.")


def test_only_the_five_kinds_of_record_are_withdrawn(
    library: Library, service: MatterService, matter: Matter, withdrawals: WithdrawalService
) -> None:
    party = service.add_party(Party(matter.id, "Northwind", PartyRole.END_USER)).record
    with pytest.raises(ValidationError, match="cannot be withdrawn"):
        withdrawals.withdraw(Party, party.id, "No.")


def test_a_withdrawn_condition_leaves_the_agenda_and_comes_back_when_reinstated(
    library: Library, matter: Matter, withdrawals: WithdrawalService
) -> None:
    condition = _condition(library, matter, None)

    def titles() -> list[str]:
        return [r.title for r in agenda(library.reads.library_facts(), TODAY, 30)]

    assert any("Report each release" in t for t in titles())
    withdrawals.withdraw(Condition, condition.id, "Recorded twice.")
    assert not any("Report each release" in t for t in titles())
    withdrawals.reinstate(Condition, condition.id)
    assert any("Report each release" in t for t in titles())


def test_a_matter_decided_only_by_a_withdrawn_determination_is_open_again_saying_why(
    library: Library, matter: Matter, withdrawals: WithdrawalService
) -> None:
    decisions = DecisionService(library, "counsel", today=lambda: TODAY)
    made = decisions.add_determination(
        Determination(matter.id, DeterminationKind.APPROVED, date(2026, 11, 2), Decider.BIS)
    )
    assert queries.matter_by_id(library.db, matter.id).status is MatterStatus.DECIDED
    withdrawals.withdraw(Determination, made.id, "Approval was for another application.")
    reopened = queries.matter_by_id(library.db, matter.id)
    assert reopened.status is MatterStatus.OPEN
    assert "was withdrawn" in reopened.status_reason
    withdrawals.reinstate(Determination, made.id)
    assert queries.matter_by_id(library.db, matter.id).status is MatterStatus.DECIDED


def _email(library: Library, matter: Matter) -> Document:
    filer = CorrespondenceService(library, library.blobs, "counsel", find_refs=lambda _t: ())
    attachment = ParsedFile("annex.pdf", "application/pdf", b"%PDF-1.7 annex", text="annex")
    email = ParsedFile(
        "letter.eml", "message/rfc822", b"From: bis\n\nletter", children=(attachment,)
    )
    outcome = filer.file(matter.id, "letter.eml", email)
    assert outcome.document_id is not None
    return queries.by_id(library.db, Document, outcome.document_id)  # type: ignore[return-value]


def test_an_email_is_withdrawn_with_its_attachments_and_comes_back_with_them(
    library: Library, matter: Matter, withdrawals: WithdrawalService
) -> None:
    email = _email(library, matter)
    withdrawals.withdraw(Document, email.id, "Filed on the wrong matter.")
    documents = queries.documents(library.db, matter.id)
    assert [d.withdrawn_on for d in documents] == [TODAY, TODAY]
    record = queries.matter_record(library.db, matter)
    assert record_in_force(record).documents == ()
    child = next(d for d in documents if d.parent_id == email.id)
    with pytest.raises(ValidationError, match="is an attachment of"):
        withdrawals.reinstate(Document, child.id)
    withdrawals.reinstate(Document, email.id)
    assert [d.withdrawn_on for d in queries.documents(library.db, matter.id)] == [None, None]


def test_withdrawing_a_document_is_undone_by_undo(
    library: Library, matter: Matter, withdrawals: WithdrawalService
) -> None:
    email = _email(library, matter)
    before = library.reads.audit_head()[0]
    withdrawals.withdraw(Document, email.id, "Filed on the wrong matter.")
    step = step_of(library.reads.audit_range(before + 1, library.reads.audit_head()[0]))
    assert step is not None
    assert step.blocked == ""
    UndoService(library, "counsel").undo(step)
    assert [d.withdrawn_on for d in queries.documents(library.db, matter.id)] == [None, None]
