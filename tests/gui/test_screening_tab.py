"""The Screening tab: screen a matter's parties, see why a hit matched, decide it with a reason."""

from __future__ import annotations

import pytest
from pytestqt.qtbot import QtBot

from desktop_app.core.screening_records import Disposition
from desktop_app.gui.main_window import MainWindow
from desktop_app.gui.matter.screening_tab import DecisionDialog
from tests.gui.conftest import WriteWaiter


def _open(window: MainWindow) -> None:
    window.open_case("EC-2026-0001")
    window.show_tab("screening")


def test_the_parties_are_screened_and_a_hit_explained(
    qtbot: QtBot, sample_window: MainWindow, wait_writes: WriteWaiter
) -> None:
    _open(sample_window)
    tab = sample_window.workspace.screening
    assert "has been screened in the app yet" in tab.status.text()
    tab.screen_parties()
    wait_writes(sample_window)
    qtbot.waitUntil(lambda: tab.hits.model.rowCount() > 0, timeout=30_000)
    results = {p.name: p.screening for p in tab.parties.model.rows()}
    assert all(s is not None for s in results.values())  # every party on the record
    hit = tab.hits.model.rows()[0]
    tab.hits.table.selectRow(0)
    assert "Thistlegate Analytics Ltd" in tab.detail.toPlainText()
    assert "Matched alias" in tab.detail.toPlainText()
    assert hit.disposition is Disposition.UNDECIDED


def test_a_decision_needs_a_rationale_and_is_kept(
    qtbot: QtBot,
    sample_window: MainWindow,
    wait_writes: WriteWaiter,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    _open(sample_window)
    tab = sample_window.workspace.screening
    tab.screen_parties()
    wait_writes(sample_window)
    qtbot.waitUntil(lambda: tab.hits.model.rowCount() > 0, timeout=30_000)
    tab.hits.table.selectRow(0)
    opened: list[DecisionDialog] = []
    monkeypatch.setattr(tab, "_open_dialog", opened.append)
    tab.decide(Disposition.FALSE_POSITIVE)
    [dialog] = opened
    dialog.show()
    dialog.save()  # no rationale yet
    wait_writes(sample_window)
    assert dialog.error_text("rationale")
    dialog.rationale.widget.setPlainText("A Croatian trading firm; Thistlegate is British.")
    dialog.save()
    wait_writes(sample_window)
    qtbot.waitUntil(
        lambda: (
            tab.hits.model.rowCount() > 0
            and tab.hits.model.rows()[0].disposition is Disposition.FALSE_POSITIVE
        ),
        timeout=30_000,
    )
    tab.hits.table.selectRow(0)
    assert "A Croatian trading firm" in tab.detail.toPlainText()
