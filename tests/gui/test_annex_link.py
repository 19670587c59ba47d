"""Counsel confirm Annex A links on the Determinations tab, by keys: Enter, choose, Enter.

Each row shows whether its link is confirmed, suggested or missing; the link dialog lists the
suggestions (name score, country, address), best first, with the suggested party selected.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from desktop_app.core.annex import Suggestion, suggest_links
from desktop_app.core.authorizations import AnnexRow
from desktop_app.gui.main_window import MainWindow
from desktop_app.gui.matter.annex_link_dialog import CANDIDATE_COLUMNS, AnnexLinkDialog
from desktop_app.gui.matter.determinations import DeterminationsTab
from desktop_app.gui.widgets.table_model import RecordTableModel

WriteWaiter = Callable[[MainWindow], None]
CASE = "EC-2026-0001"
WAIT = 30_000


def _tab(window: MainWindow) -> DeterminationsTab:
    window.open_case(CASE)
    window.show_tab("determinations")
    tab = window.workspace.determinations
    assert tab.annex.model.rowCount() == 7
    return tab


def _rows(tab: DeterminationsTab) -> list[AnnexRow]:
    return tab.annex.model.rows()


def _link_column(tab: DeterminationsTab) -> list[str]:
    return [tab.annex.model.index(r, 4).data() for r in range(tab.annex.model.rowCount())]


def _open_link_dialog(
    qtbot: QtBot, window: MainWindow, tab: DeterminationsTab, row: int
) -> AnnexLinkDialog:
    tab.annex.table.selectRow(row)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=WAIT)
    tab.annex.table.setFocus()
    qtbot.waitUntil(tab.annex.table.hasFocus, timeout=WAIT)
    qtbot.keyClick(tab.annex.table, Qt.Key.Key_Return)
    dialog = window.workspace.dialog
    assert isinstance(dialog, AnnexLinkDialog)
    qtbot.waitUntil(dialog.table.hasFocus, timeout=WAIT)
    return dialog


def test_enter_confirms_the_suggested_party(
    qtbot: QtBot, sample_window: MainWindow, wait_writes: WriteWaiter
) -> None:
    tab = _tab(sample_window)
    # The sample's counsel confirmed every row but row 3, which waits for OES (see its notes).
    assert _link_column(tab) == ["✓ Confirmed"] * 2 + ["? Suggested"] + ["✓ Confirmed"] * 4
    suggested = _rows(tab)[2]
    dialog = _open_link_dialog(qtbot, sample_window, tab, 2)
    first = dialog.candidates.rows()[0]
    assert first.party.id == suggested.party_id
    assert dialog.selected_party_id() == first.party.id
    name, score, country, address = (dialog.candidates.index(0, c).data() for c in range(4))
    assert name.startswith("Brennwald Sicherheitsforschung")
    assert (int(score) >= 90, country, address) == (True, "✓ DE", "100")
    qtbot.keyClick(dialog.table, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: sample_window.workspace.dialog is None, timeout=WAIT)
    wait_writes(sample_window)
    row = _rows(tab)[2]
    assert (row.party_id, row.confirmed) == (first.party.id, True)
    assert _link_column(tab)[2] == "✓ Confirmed"


def test_another_party_can_be_chosen_or_the_link_cleared(
    qtbot: QtBot, sample_window: MainWindow, wait_writes: WriteWaiter
) -> None:
    tab = _tab(sample_window)
    dialog = _open_link_dialog(qtbot, sample_window, tab, 3)
    dialog.everyone.setChecked(True)
    record = sample_window.workspace.record
    assert record is not None
    assert dialog.candidates.rowCount() == len(record.parties)
    halcyon = next(p for p in record.parties if p.name.startswith("Halcyon"))
    position = dialog.candidates.position_of(halcyon.id)
    assert position is not None
    dialog.table.selectRow(position)
    dialog.save()
    qtbot.waitUntil(lambda: sample_window.workspace.dialog is None, timeout=WAIT)
    wait_writes(sample_window)
    assert (_rows(tab)[3].party_id, _link_column(tab)[3]) == (halcyon.id, "✓ Confirmed")

    dialog = _open_link_dialog(qtbot, sample_window, tab, 3)
    assert dialog.everyone.isChecked()  # the confirmed party is not among the suggestions
    assert dialog.selected_party_id() == halcyon.id
    dialog.unlink()
    qtbot.waitUntil(lambda: sample_window.workspace.dialog is None, timeout=WAIT)
    wait_writes(sample_window)
    assert (_rows(tab)[3].party_id, _link_column(tab)[3]) == (None, "✗ Unlinked")


def test_esc_leaves_the_link_as_it_was(
    qtbot: QtBot, sample_window: MainWindow, wait_writes: WriteWaiter
) -> None:
    tab = _tab(sample_window)
    before = _rows(tab)
    dialog = _open_link_dialog(qtbot, sample_window, tab, 1)
    dialog.table.selectRow(1)
    qtbot.keyClick(dialog.table, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: sample_window.workspace.dialog is None, timeout=WAIT)
    wait_writes(sample_window)
    assert _rows(tab) == before


def test_the_candidate_model_passes_the_model_tester(
    qtmodeltester: ModelTester, sample_window: MainWindow
) -> None:
    tab = _tab(sample_window)
    record = sample_window.workspace.record
    assert record is not None
    model: RecordTableModel[Suggestion] = RecordTableModel(
        CANDIDATE_COLUMNS, key=lambda s: s.party.id
    )
    model.set_rows(suggest_links(_rows(tab)[0], record.parties, limit=None))
    qtmodeltester.check(model)


def test_alt_n_makes_a_party_of_the_row_as_written_and_links_it(
    qtbot: QtBot, sample_window: MainWindow, wait_writes: WriteWaiter
) -> None:
    tab = _tab(sample_window)
    row = _rows(tab)[2]
    dialog = _open_link_dialog(qtbot, sample_window, tab, 2)
    qtbot.waitUntil(dialog.isActiveWindow, timeout=WAIT)
    qtbot.keyClick(dialog.table, Qt.Key.Key_N, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: sample_window.workspace.dialog is None, timeout=WAIT)
    wait_writes(sample_window)
    linked = _rows(tab)[2]
    assert linked.confirmed is True
    assert linked.party_id != row.party_id
    record = sample_window.gateway.record(linked.matter_id)
    made = next(p for p in record.parties if p.id == linked.party_id)
    assert (made.name, made.country) == (row.name_as_written, row.country)
    assert _link_column(tab)[2] == "✓ Confirmed"


def test_saving_with_no_party_chosen_points_to_making_one_from_the_row(
    qtbot: QtBot, sample_window: MainWindow
) -> None:
    tab = _tab(sample_window)
    dialog = _open_link_dialog(qtbot, sample_window, tab, 2)
    dialog.table.clearSelection()
    dialog.save()
    said = dialog.error_text("party")
    assert "make one from this row (New party from this row, Alt+N)" in said
    assert said.endswith(", or Unlink.") is (_rows(tab)[2].party_id is not None)
    dialog.done(0)  # closed unsaved, without the question Esc asks on a changed form
