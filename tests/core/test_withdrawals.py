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
    with pytest.raises(ValidationError, match="rests on the license “D512847”") as refused:
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
    with pytest.raises(
        ValidationError, match=r"Not put back: the condition .* rests on the license"
    ):
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


def _letter_on(library: Library, matter: Matter, document_id: int | None):  # type: ignore[no-untyped-def]
    from desktop_app.core.authorizations import AuthorizationLetter, LetterEffect

    return DecisionService(library, "counsel").add_letter(
        AuthorizationLetter(
            matter.id,
            LetterEffect.REMOVES_REQUIREMENT,
            date(2026, 6, 26),
            date(2026, 6, 26),
            reference="BIS/OES/2026-0626",
            document_id=document_id,
        )
    )


def test_an_email_is_not_withdrawn_while_a_letter_is_filed_as_its_attachment(
    library: Library, matter: Matter, withdrawals: WithdrawalService, dump: Callable[[], Dump]
) -> None:
    email = _email(library, matter)
    attachment = next(d for d in queries.documents(library.db, matter.id) if d.parent_id)
    _letter_on(library, matter, attachment.id)
    before = dump()
    with pytest.raises(
        ValidationError,
        match=r"the letter “BIS/OES/2026-0626 of 2026-06-26” .* rests on the document “annex\.pdf”",
    ):
        withdrawals.withdraw(Document, email.id, "Filed on the wrong matter.")
    assert dump() == before


def test_an_attachment_withdrawn_on_its_own_keeps_its_reason_when_its_email_comes_back(
    library: Library, matter: Matter, withdrawals: WithdrawalService
) -> None:
    email = _email(library, matter)
    attachment = next(d for d in queries.documents(library.db, matter.id) if d.parent_id)
    withdrawals.withdraw(Document, attachment.id, "A draft, not the annex sent.")
    withdrawals.withdraw(Document, email.id, "Filed on the wrong matter.")
    kept = queries.by_id(library.db, Document, attachment.id)
    assert kept is not None
    assert kept.withdrawn_reason == "A draft, not the annex sent."
    withdrawals.reinstate(Document, email.id)
    after = queries.by_id(library.db, Document, attachment.id)
    assert after is not None
    assert after.withdrawn_reason == "A draft, not the annex sent."  # still withdrawn


def test_a_status_counsel_set_by_hand_stays_when_a_record_is_withdrawn(
    library: Library, service: MatterService, matter: Matter, withdrawals: WithdrawalService
) -> None:
    from dataclasses import replace

    decisions = DecisionService(library, "counsel", today=lambda: TODAY)
    made = decisions.add_determination(
        Determination(matter.id, DeterminationKind.APPROVED, date(2026, 11, 2), Decider.BIS)
    )
    held = replace(
        queries.matter_by_id(library.db, matter.id),
        status=MatterStatus.ON_HOLD,
        status_reason="Waiting on the client's answer.",
    )
    service.update_matter(held)
    withdrawals.withdraw(Determination, made.id, "Approval was for another application.")
    kept = queries.matter_by_id(library.db, matter.id)
    assert (kept.status, kept.status_reason) == (
        MatterStatus.ON_HOLD,
        "Waiting on the client's answer.",
    )


def test_a_document_a_condition_log_entry_cites_is_not_withdrawn(
    library: Library, matter: Matter, withdrawals: WithdrawalService
) -> None:
    from desktop_app.core.authorizations import ConditionLog, LogKind

    email = _email(library, matter)
    condition = _condition(library, matter, None)
    ConditionService(library, "counsel").log(
        ConditionLog(matter.id, condition.id, LogKind.NOTE, TODAY, document_id=email.id)
    )
    with pytest.raises(ValidationError, match="the log entry #"):
        withdrawals.withdraw(Document, email.id, "Filed on the wrong matter.")


def test_nothing_new_may_name_a_withdrawn_record(
    library: Library, service: MatterService, matter: Matter, withdrawals: WithdrawalService
) -> None:
    from dataclasses import replace

    license_ = _license(library, matter, service)
    withdrawals.withdraw(License, license_.id, "Wrong matter.")
    with pytest.raises(ValidationError, match="names what is withdrawn"):
        _condition(library, matter, license_.id)
    replacing = License(matter.id, "D600001", date(2026, 9, 1), replaces_license_id=license_.id)
    with pytest.raises(ValidationError, match="names what is withdrawn"):
        DecisionService(library, "counsel").add_license(replacing)
    ok = DecisionService(library, "counsel").add_license(
        replace(replacing, replaces_license_id=None)
    )
    assert ok.id


def test_a_replacing_license_is_not_withdrawn_while_the_old_one_stands_superseded(
    library: Library, service: MatterService, matter: Matter, withdrawals: WithdrawalService
) -> None:
    from dataclasses import replace

    from desktop_app.core.authorizations import LicenseStatus

    old = _license(library, matter, service)
    decisions = DecisionService(library, "counsel")
    new = decisions.add_license(
        License(matter.id, "D600001", date(2026, 9, 1), replaces_license_id=old.id)
    )
    with pytest.raises(ValidationError, match="stands superseded"):
        withdrawals.withdraw(License, new.id, "Entered twice.")
    stored = queries.by_id(library.db, License, old.id)
    assert stored is not None
    decisions.update_license(replace(stored, status=LicenseStatus.ACTIVE))
    assert withdrawals.withdraw(License, new.id, "Entered twice.").withdrawn_on == TODAY


def test_undo_is_refused_when_it_would_put_a_condition_back_on_a_withdrawn_license(
    library: Library, service: MatterService, matter: Matter, withdrawals: WithdrawalService
) -> None:
    license_ = _license(library, matter, service)
    condition = _condition(library, matter, license_.id)
    before = library.reads.audit_head()[0]
    withdrawals.withdraw(Condition, condition.id, "Recorded twice.")
    step = step_of(library.reads.audit_range(before + 1, library.reads.audit_head()[0]))
    assert step is not None
    withdrawals.withdraw(License, license_.id, "Wrong matter.")  # another window, meanwhile
    with pytest.raises(ValidationError, match="Not undone"):
        UndoService(library, "counsel").undo(step)
    stored = queries.by_id(library.db, Condition, condition.id)
    assert stored is not None
    assert stored.withdrawn_on == TODAY  # nothing was undone


def test_a_withdrawn_license_or_condition_keeps_no_matter_live(
    library: Library, service: MatterService, matter: Matter, withdrawals: WithdrawalService
) -> None:
    from desktop_app.core.holiday_calendar import FEDERAL
    from desktop_app.core.retention_live import live_reasons

    license_ = _license(library, matter, service)
    condition = _condition(library, matter, license_.id)

    def reasons() -> tuple[str, ...]:
        found = queries.decisions(library.db, matter.id)
        return live_reasons(found, matter.kind, TODAY, FEDERAL)

    assert any("license D512847 is valid" in r for r in reasons())
    assert any("is still open" in r for r in reasons())
    withdrawals.withdraw(Condition, condition.id, "Recorded twice.")
    withdrawals.withdraw(License, license_.id, "Wrong matter.")
    assert reasons() == ()
