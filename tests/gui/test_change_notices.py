"""A save reloads the views it touched, and only those (typed change notices).

The gateway reads what each write changed from the audit entries it appended; the window reads
the docket again only when a matter, party, item or the trash changed, and the agenda only when
something it is worked out from did. A write that fails after committing part of its work
still shows that part.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import pytest
from pytestqt.qtbot import QtBot

from desktop_app.core.authorizations import Condition, ConditionCategory, ConditionKind
from desktop_app.core.enums import PartyRole
from desktop_app.core.models import MatterSummary, Note, Party
from desktop_app.core.screening_records import Disposition
from desktop_app.core.screening_service import ScreeningService
from desktop_app.core.services import MatterService
from desktop_app.gui import list_loads
from desktop_app.gui.gateway import Notice
from desktop_app.gui.list_loads import AGENDA, DOCKET
from desktop_app.gui.lists import AgendaRead, read_agenda
from desktop_app.gui.main_window import MainWindow
from desktop_app.screening import Screened, screen_case
from desktop_app.storage.codec import TABLES
from desktop_app.storage.library import Library
from tests.gui.conftest import WriteWaiter


@dataclass
class Reads:
    """How often the window read the docket and the agenda."""

    docket: int = 0
    agenda: int = 0
    notices: list[Notice] = field(default_factory=list)


@pytest.fixture
def reads(sample_window: MainWindow, monkeypatch: pytest.MonkeyPatch) -> Reads:
    """Count the window's docket and agenda reads from here on."""
    counted = Reads()
    gateway = sample_window.gateway
    docket = gateway.docket

    def counting_docket() -> list[MatterSummary]:
        counted.docket += 1
        return docket()

    def counting_agenda(library: Library, *args: object) -> AgendaRead:
        counted.agenda += 1
        return read_agenda(library, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(gateway, "docket", counting_docket)
    monkeypatch.setattr(list_loads, "read_agenda", counting_agenda)
    gateway.library_changed.connect(counted.notices.append)
    return counted


def _write(window: MainWindow, op: Callable[[MatterService], object], wait: WriteWaiter) -> None:
    window.gateway.write(op)
    wait(window)


def _first(window: MainWindow) -> MatterSummary:
    return window.docket.model.rows()[0]  # what the docket shows: no read of the library


def test_a_note_reloads_the_open_matter_but_neither_docket_nor_agenda(
    sample_window: MainWindow, reads: Reads, wait_writes: WriteWaiter
) -> None:
    matter = _first(sample_window).matter
    assert sample_window.open_matter(matter.id)
    _write(sample_window, lambda s: s.add_note(Note(matter.id, "Called BIS.")), wait_writes)
    assert reads.notices[-1].change.entities == {TABLES[Note]}
    assert reads.notices[-1].change.matters == {matter.id}
    assert (reads.docket, reads.agenda) == (0, 0)
    shown = sample_window.workspace.overview.notes.model.rows()
    assert "Called BIS." in [n.text for n in shown]  # the open matter was read again


def test_a_party_reloads_the_docket_with_its_new_count(
    sample_window: MainWindow, reads: Reads, wait_writes: WriteWaiter
) -> None:
    before = _first(sample_window)
    party = Party(before.matter.id, "Northwind Research Ltd.", PartyRole.ULTIMATE_CONSIGNEE)
    _write(sample_window, lambda s: s.add_party(party), wait_writes)
    assert reads.docket == 1
    assert reads.agenda == 0  # parties are not on the agenda
    row = next(s for s in sample_window.docket.model.rows() if s.matter.id == before.matter.id)
    assert row.party_count == before.party_count + 1


def test_a_condition_reloads_the_agenda_and_not_the_docket(
    sample_window: MainWindow, reads: Reads, wait_writes: WriteWaiter
) -> None:
    matter = _first(sample_window).matter
    condition = Condition(
        matter.id,
        ConditionKind.LICENSE_CONDITION,
        ConditionCategory.STATED_END_USE_ONLY,
        "Use only for the stated end use.",
    )
    sample_window.gateway.keep_conditions(lambda s: s.add_condition(condition))
    wait_writes(sample_window)
    assert reads.agenda == 1
    assert reads.docket == 0


def test_a_screening_reloads_the_agenda_and_its_decision_again(
    sample_window: MainWindow, reads: Reads, wait_writes: WriteWaiter
) -> None:
    number = "EC-2026-0001"  # Thistlegate Analytics Ltd has a potential match
    done: list[Screened] = []
    sample_window.gateway.run(lambda library: done.append(screen_case(library, number, "c")))
    wait_writes(sample_window)
    assert reads.agenda == 1  # the agenda's line asking for a decision
    [hit] = [h for party in done[0].parties for h in party.hits]

    def decide(library: Library) -> None:
        ScreeningService(library, "counsel").decide(hit.id, Disposition.FALSE_POSITIVE, "why")

    sample_window.gateway.run(decide)
    wait_writes(sample_window)
    assert reads.agenda == 2  # and again when it is decided, so the line goes
    assert reads.docket == 0


def test_a_write_that_fails_after_committing_shows_what_it_committed(
    sample_window: MainWindow, reads: Reads, wait_writes: WriteWaiter, qtbot: QtBot
) -> None:
    matter = _first(sample_window).matter
    errors: list[BaseException] = []

    def half_way(library: Library) -> None:
        service = MatterService(library, "counsel")
        service.add_party(Party(matter.id, "Committed Party", PartyRole.END_USER))
        raise OSError(28, "No space left on device")

    sample_window.gateway.run(half_way, on_error=errors.append)
    wait_writes(sample_window)
    qtbot.waitUntil(lambda: bool(errors), timeout=30_000)
    assert isinstance(errors[0], OSError)
    assert reads.notices[-1].result is None
    assert reads.notices[-1].change.entities == {TABLES[Party]}
    assert reads.docket == 1  # the party that was committed is counted on the docket


def test_the_docket_and_agenda_reload_for_every_kind_they_are_read_from() -> None:
    assert {"matters", "conditions", "condition_log", "licenses", "clock_events"} <= AGENDA
    assert {"screenings", "screening_hits"} <= AGENDA
    assert {"matters", "parties", "items", "trash"} <= DOCKET
