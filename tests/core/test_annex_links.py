"""Annex A links: the app only suggests a party (name, country, address); counsel confirm it.

Issue 14, point 5: no link decides coverage until confirmed.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pytest

from desktop_app.core.annex import SUGGESTIONS, Suggestion, suggest_links
from desktop_app.core.annex_rows import LinkState, link_state
from desktop_app.core.authorizations import AnnexRow
from desktop_app.core.decisions import DecisionService
from desktop_app.core.enums import MatterKind, PartyRole
from desktop_app.core.models import Matter, Party
from desktop_app.core.retention import LegalHold
from desktop_app.core.retention_service import RetentionService
from desktop_app.core.services import MatterService
from desktop_app.errors import ValidationError
from desktop_app.storage import queries
from desktop_app.storage.library import Library
from tests.conftest import TODAY
from tests.core.test_decisions import ANNEX, _letter

Dump = dict[str, list[tuple[object, ...]]]
ENTITY = PartyRole.ANNEX_A_ENTITY


def _party(
    pid: int, name: str, country: str = "", address: str = "", aliases: tuple[str, ...] = ()
) -> Party:
    return Party(1, name, ENTITY, country=country, address=address, aliases=aliases, id=pid)


def _row(name: str, country: str = "", address: str = "") -> AnnexRow:
    return AnnexRow(1, 1, 1, name, address_as_written=address, country=country)


def _ids(found: tuple[Suggestion, ...]) -> list[int]:
    return [s.party.id for s in found]


def test_suggestions_fold_accents_and_case_and_read_aliases() -> None:
    orphee = _party(1, "Orphée Cyberdéfense SAS", "FR")
    larkspur = _party(2, "Open Larkspur Foundation", aliases=("ORPHEE CYBER",))
    found = suggest_links(_row("ORPHEE CYBERDEFENSE SAS"), [larkspur, orphee])
    assert _ids(found)[0] == 1
    assert found[0].name_score == 100
    by_alias = suggest_links(_row("Orphee Cyber"), [orphee, larkspur])
    assert _ids(by_alias)[0] == 2


def test_the_country_decides_between_two_parties_of_the_same_name() -> None:
    uk = _party(1, "Thistlegate Analytics Ltd", "GB")
    us = _party(2, "Thistlegate Analytics Ltd", "US")
    found = suggest_links(_row("Thistlegate Analytics Ltd", "US"), [uk, us])
    assert _ids(found) == [2, 1]
    assert [s.country_match for s in found] == [True, False]


def test_a_close_name_in_the_right_country_outranks_an_exact_one_elsewhere() -> None:
    exact_elsewhere = _party(1, "Kohaku Data Systems", "US")
    close_here = _party(2, "Kohaku Data Systems K.K.", "JP")
    found = suggest_links(_row("Kohaku Data Systems", "JP"), [exact_elsewhere, close_here])
    assert _ids(found) == [2, 1]


def test_the_address_orders_parties_that_agree_on_name_and_country() -> None:
    london = _party(1, "Wattle Point Research", "GB", "12 Wharf Road, London")
    leeds = _party(2, "Wattle Point Research", "GB", "3 Kirkgate, Leeds LS1")
    found = suggest_links(_row("Wattle Point Research", "GB", "Leeds"), [london, leeds])
    assert _ids(found) == [2, 1]
    assert found[0].address_score == 100
    unknown = suggest_links(_row("Wattle Point Research", "GB"), [london])
    assert unknown[0].address_score is None


def test_suggestions_are_bounded_and_leave_out_unrelated_names() -> None:
    parties = [_party(i, f"Northmarch Cyber Defence {i}") for i in range(1, 12)]
    parties.append(_party(99, "Zzyzx Holdings"))
    found = suggest_links(_row("Northmarch Cyber Defence"), parties)
    assert len(found) == SUGGESTIONS
    assert 99 not in _ids(found)
    everyone = suggest_links(_row("Northmarch Cyber Defence"), parties, limit=None)
    assert len(everyone) == 12
    assert _ids(everyone)[-1] == 99


@pytest.fixture
def matter(service: MatterService) -> Matter:
    made = service.create_matter(Matter("Letters", MatterKind.AUTHORIZATION_LETTER)).record
    for name, country in (
        ("Thistlegate Analytics Ltd", "GB"),
        ("Kohaku Data Systems K.K.", "US"),
        ("Unknown Labs GmbH", "DE"),
        ("Unknown Labs GmbH", "DE"),
    ):
        service.add_party(Party(made.id, name, ENTITY, country=country))
    return made


def _rows(library: Library, matter: Matter) -> list[AnnexRow]:
    return list(queries.decisions(library.db, matter.id).annex_rows)


def _parties(library: Library, matter: Matter) -> dict[str, int]:
    return {p.name: p.id for p in queries.matter_record(library.db, matter).parties}


def test_an_imported_annex_is_only_suggested_and_never_against_the_country(
    library: Library, matter: Matter
) -> None:
    DecisionService(library, "counsel").add_letter(_letter(matter), ANNEX)
    rows = _rows(library, matter)
    names = _parties(library, matter)
    # Kohaku is written with JP in the annex but the party is in the US; Unknown Labs is two.
    assert [(r.party_id, r.confirmed) for r in rows] == [
        (names["Thistlegate Analytics Ltd"], None),
        (None, None),
        (None, None),
    ]
    assert [link_state(r) for r in rows] == [
        LinkState.SUGGESTED,
        LinkState.UNLINKED,
        LinkState.UNLINKED,
    ]


def test_counsel_confirm_change_and_clear_a_link_each_audited(
    library: Library, matter: Matter
) -> None:
    decisions = DecisionService(library, "counsel")
    decisions.add_letter(_letter(matter), ANNEX)
    first, second, _third = _rows(library, matter)
    names = _parties(library, matter)
    seq = queries.audit_head(library.db)[0]

    confirmed = decisions.link_annex_row(first.id, first.party_id)
    assert (confirmed.party_id, confirmed.confirmed) == (first.party_id, True)
    changed = decisions.link_annex_row(second.id, names["Kohaku Data Systems K.K."])
    assert link_state(changed) is LinkState.CONFIRMED
    cleared = decisions.link_annex_row(first.id, None)
    assert (cleared.party_id, cleared.confirmed) == (None, None)

    assert _rows(library, matter)[:2] == [cleared, changed]
    entries = [e for e in queries.history(library.db, matter.id) if e.seq > seq]
    assert [(e.action, e.entity, e.actor) for e in entries] == [
        ("update", "annex_rows", "counsel")
    ] * 3


def test_a_party_of_another_matter_cannot_be_linked(
    library: Library, service: MatterService, matter: Matter, dump: Callable[[], Dump]
) -> None:
    decisions = DecisionService(library, "counsel")
    decisions.add_letter(_letter(matter), ANNEX)
    other = service.create_matter(Matter("Other", MatterKind.INTERNAL_REVIEW)).record
    stranger = service.add_party(Party(other.id, "Thistlegate Analytics Ltd", ENTITY)).record
    before = dump()
    with pytest.raises(ValidationError, match="belong to this matter"):
        decisions.link_annex_row(_rows(library, matter)[0].id, stranger.id)
    assert dump() == before


def test_a_link_can_be_corrected_while_the_matter_is_on_hold(
    library: Library, matter: Matter
) -> None:
    decisions = DecisionService(library, "counsel")
    decisions.add_letter(_letter(matter), ANNEX)
    retention = RetentionService(library, "counsel", library.blobs, today=lambda: TODAY)
    retention.place_hold(LegalHold(matter.id, "BIS OEE", date(2026, 9, 1)))
    row = _rows(library, matter)[0]
    assert decisions.link_annex_row(row.id, row.party_id).confirmed is True


def test_replacing_the_annex_keeps_confirmed_links_of_rows_unchanged(
    library: Library, matter: Matter
) -> None:
    decisions = DecisionService(library, "counsel")
    letter = decisions.add_letter(_letter(matter), ANNEX)
    names = _parties(library, matter)
    first, second, _third = _rows(library, matter)
    decisions.link_annex_row(first.id, first.party_id)
    decisions.link_annex_row(second.id, names["Kohaku Data Systems K.K."])
    corrected = ANNEX.replace("2,Kohaku Data Systems K.K.,Tokyo,JP", "2,Kohaku Data K.K.,Osaka,JP")
    decisions.replace_annex(letter.id, corrected)
    rows = _rows(library, matter)
    assert [(r.row_no, r.party_id, r.confirmed) for r in rows] == [
        (1, names["Thistlegate Analytics Ltd"], True),
        (2, None, None),
        (3, None, None),
    ]


def test_a_party_is_made_from_a_row_as_written_and_linked_in_one_step(
    library: Library, matter: Matter
) -> None:
    decisions = DecisionService(library, "counsel")
    decisions.add_letter(
        _letter(matter), ANNEX + '4,Brand New Research Ltd,"1 High St, Leeds",GB\n'
    )
    row = _rows(library, matter)[3]
    before = set(_parties(library, matter))
    linked = decisions.party_from_row(row.id)
    made = set(_parties(library, matter)) - before
    assert made == {" ".join(row.name_as_written.split())}
    party = next(
        p for p in queries.matter_record(library.db, matter).parties if p.id == linked.party_id
    )
    assert (party.role, party.country, party.address) == (
        ENTITY,
        row.country.upper(),
        row.address_as_written,
    )
    assert (party.annex_row, linked.confirmed) == (row.row_no, True)
    with pytest.raises(ValidationError, match="already a party of the matter"):
        decisions.party_from_row(_rows(library, matter)[0].id)  # Thistlegate is one


def test_a_row_whose_country_cannot_be_a_party_makes_nothing(
    library: Library, matter: Matter, dump: Callable[[], Dump]
) -> None:
    decisions = DecisionService(library, "counsel")
    decisions.add_letter(_letter(matter), ANNEX)
    row = _rows(library, matter)[0]
    library.db.execute("UPDATE annex_rows SET country = 'Atlantis' WHERE id = ?", [row.id])
    before = dump()
    with pytest.raises(ValidationError):
        decisions.party_from_row(row.id)
    assert dump() == before
