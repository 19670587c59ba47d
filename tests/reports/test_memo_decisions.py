"""The memo holds the whole decision: license, letters with Annex A, clock, stamp and signature."""

from __future__ import annotations

import io
from dataclasses import replace
from datetime import date

from pypdf import PdfReader

from desktop_app.core.drafts import MemoDraft, new_draft
from desktop_app.core.enums import NationalityBasis, PartyKind, PartyRole, TransactionType, UsStatus
from desktop_app.core.models import Activity, MatterRecord, Nationality, Party
from desktop_app.core.people import Person
from desktop_app.reports.memo_clock import clock_section
from desktop_app.reports.memo_data import case_memo, route
from desktop_app.reports.memo_decisions import letters_section, licenses_section
from desktop_app.reports.model import Memo, Section, Signature, Table
from desktop_app.reports.render import build
from desktop_app.storage import queries
from desktop_app.storage.library import Library
from tests.reports.conftest import EDITIONS, GENERATED_AT, pdf_text

AS_OF = date(2026, 12, 31)


def _memo(record: MatterRecord, **options: object) -> Memo:
    return case_memo(
        record,
        AS_OF,
        (7, "ab" * 32),
        GENERATED_AT,
        None,
        editions=EDITIONS,
        **options,  # type: ignore[arg-type]
    )


def _table(section: Section, caption: str = "") -> Table:
    return dict(section.tables)[caption]


def test_license_block_gives_last_valid_day_and_state_on_both_sides_of_expiry(
    sample_record: MatterRecord,
) -> None:
    # D512847 is printed to expire 2027-01-29, a Friday: valid through that day (750.7(g)).
    on_last_day = _table(licenses_section(sample_record, date(2027, 1, 29)))
    assert on_last_day.rows[0][:5] == (
        "D512847",
        "2026-08-14",
        "Set by BIS",
        "2027-01-29",
        "Active",
    )
    day_after = _table(licenses_section(sample_record, date(2027, 1, 30)))
    assert day_after.rows[0][4] == "Expired"
    assert "countries excluded: D:5" in on_last_day.details[0]


def test_letters_print_annex_a_as_written_with_each_link(sample_record: MatterRecord) -> None:
    section = letters_section(sample_record)
    letters = _table(section)
    assert [row[0] for row in letters.rows] == ["2026-06-12", "2026-06-26"]
    annex = _table(section, "Annex A of the letter of 2026-06-26 (IS-2026-0412)")
    assert len(annex.rows) == 7
    row3 = annex.rows[2]
    assert row3[1] == "Brennwald Sicherheitsforschung GmbH"  # as written, not as the party is
    assert row3[4] == "Brennwald Sicherheitsforschungs-GmbH"
    assert row3[5] == "Suggested, not confirmed"
    assert annex.bold == ((2, 5),)  # the one row counsel have not confirmed stands out
    assert annex.rows[0][5] == "Confirmed"


def test_clock_block_gives_holds_and_deadlines_passed_or_not(sample_library: Library) -> None:
    db = sample_library.db
    record = queries.matter_record(db, queries.matter_by_number(db, "EC-2026-0003"))
    section = clock_section(record, date(2026, 12, 7))
    assert section.paragraphs[0].startswith("Registered 2026-09-17 (15 CFR 750.4(a)(2)). 63 ")
    deadlines = _table(section, "Deadlines as of 2026-12-07")
    by_rule = {row[3]: row for row in deadlines.rows}
    assert by_rule["15 CFR 750.4(d)(2)"][4] == "passed 17 days ago"
    assert by_rule["15 CFR 750.4(a)(1)"][:1] == ("2027-01-03",)
    assert by_rule["15 CFR 750.4(a)(1)"][4] == "27"
    assert deadlines.bold == ((0, 4),)  # the passed one stands out
    holds = _table(section, "Holds (15 CFR 750.4(b))")
    assert holds.rows == (("2026-10-02", "2026-10-20", "Information requested", "18"),)


def test_a_matter_without_clock_events_says_so(sample_record: MatterRecord) -> None:
    bare = replace(sample_record, decisions=replace(sample_record.decisions, clock_events=()))
    assert clock_section(bare, AS_OF).paragraphs == ("No clock events recorded.",)


def _version(record: MatterRecord, number: int) -> MemoDraft:
    return replace(new_draft(record.matter), version=number)


def test_stamp_says_draft_or_issued_with_the_version(sample_record: MatterRecord) -> None:
    draft = _memo(sample_record, draft=_version(sample_record, 3))
    assert draft.stamp == "DRAFT — draft version 3 — not issued"
    issued = _memo(sample_record, issued=True, draft=_version(sample_record, 3))
    assert issued.stamp == "ISSUED 2026-12-31 — draft version 3"
    assert _memo(sample_record).stamp == "DRAFT — no saved draft — not issued"


def test_every_page_carries_the_stamp(sample_record: MatterRecord) -> None:
    memo = _memo(sample_record, issued=True, draft=_version(sample_record, 2))
    pdf = build(memo, invariant=True)
    pages = PdfReader(io.BytesIO(pdf)).pages
    assert len(pages) > 20
    assert all("ISSUED 2026-12-31 — draft version 2" in p.extract_text() for p in pages)
    assert "DRAFT" not in pdf_text(pdf)  # an issued memo never says draft in capitals


def test_the_sender_signs_with_the_title_they_gave_dated_when_issued(
    sample_record: MatterRecord,
) -> None:
    sender = sample_record.matter.counsel
    people = (
        Person("mas", sender, "Deputy General Counsel"),
        Person("pa", "Pat Aide", "Paralegal"),
    )
    issued = _memo(sample_record, issued=True, people=people)
    signed = [s.signature for s in issued.sections if s.signature is not None]
    assert signed == [Signature(sender, "Deputy General Counsel", "2026-12-31")]
    text = pdf_text(build(issued, invariant=True))
    assert f"{sender}\nDeputy General Counsel\nDate: 2026-12-31" in text
    others = _memo(sample_record, people=people[1:])  # whoever prints it does not sign it
    unsigned = [s.signature for s in others.sections if s.signature is not None]
    assert unsigned == [Signature(sender, "", "")]  # the sender, no one else's title, undated


def _person(**fields: object) -> Party:
    return Party(1, "Test Person", PartyRole.FOREIGN_NATIONAL, PartyKind.INDIVIDUAL, **fields)  # type: ignore[arg-type]


def test_route_of_a_deemed_export_is_the_deemed_destination() -> None:
    release = Activity(1, TransactionType.DEEMED_EXPORT, to_country="US", on=date(2026, 7, 1))
    held = _person(nationalities=(Nationality("IN", NationalityBasis.CITIZENSHIP),))
    assert route(release, held, AS_OF) == "US → IN (deemed)"
    unknown = route(release, _person(), AS_OF)
    assert unknown.startswith("US → ? (deemed; needs review: ")
    lpr = _person(us_status=UsStatus.LPR)
    assert route(release, lpr, AS_OF) == "US → US (not a foreign person)"
    assert route(release, None, AS_OF) == "US → ? (deemed; needs review: no person recorded)"
    shipment = Activity(1, TransactionType.EXPORT, to_country="GB")
    assert route(shipment, None, AS_OF) == "US → GB"


def test_with_no_sender_or_counsel_the_memo_is_from_the_person_building_it(
    sample_record: MatterRecord,
) -> None:
    bare = replace(sample_record, matter=replace(sample_record.matter, counsel=""))
    draft = replace(new_draft(bare.matter), sender="")
    people = (Person("jdoe", "Jane Doe", "Senior Export Counsel"),)
    memo = _memo(bare, draft=draft, people=people, builder="jdoe")
    assert memo.header.sender == "Jane Doe"
    signed = [s.signature for s in memo.sections if s.signature is not None]
    assert signed == [Signature("Jane Doe", "Senior Export Counsel", "")]
    nobody = _memo(bare, draft=draft, people=people, builder="someone-else")
    assert nobody.header.sender == "Export Control Counsel"
