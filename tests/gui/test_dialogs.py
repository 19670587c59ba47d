"""Creating and editing through the dialogs: messages beside the field, nothing stored on error."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from desktop_app.core.enums import PartyKind, PartyRole, TransactionType, UsStatus
from desktop_app.core.models import Matter
from desktop_app.gui.main_window import MainWindow
from desktop_app.gui.matter.activity_dialog import ActivityDialog
from desktop_app.gui.matter.item_dialog import ItemDialog
from desktop_app.gui.matter.matter_dialog import MatterDialog
from desktop_app.gui.matter.party_dialog import PartyDialog
from desktop_app.storage import queries

WriteWaiter = Callable[[MainWindow], None]


def _matters(window: MainWindow) -> list[Matter]:
    return [s.matter for s in window.workspace._gateway.docket()]


def test_new_matter_needs_a_title(window: MainWindow, wait_writes: WriteWaiter) -> None:
    window.new_matter()
    dialog = window.workspace.dialog
    assert isinstance(dialog, MatterDialog)
    dialog.save()
    assert dialog.error_text("title") == "A matter needs a title."
    assert dialog.isVisible()
    assert _matters(window) == []


def test_new_matter_gets_a_number_and_opens(window: MainWindow, wait_writes: WriteWaiter) -> None:
    window.new_matter()
    dialog = window.workspace.dialog
    assert isinstance(dialog, MatterDialog)
    dialog.title.widget.setText("Deemed export — Zoë Ångström (4E001)")
    dialog.acn.widget.setText("Z12345")
    assert "not a letter and six digits" in dialog.error_text("acn")
    dialog.opened.setText("2026-10-01")
    dialog.save()
    wait_writes(window)
    matters = _matters(window)
    assert [(m.number, m.title, m.acn) for m in matters] == [
        ("EC-2026-0001", "Deemed export — Zoë Ångström (4E001)", "Z12345")
    ]
    assert window.workspace.record is not None
    assert window.workspace.record.matter.number == "EC-2026-0001"
    assert window.workspace.dialog is None


def test_bad_date_is_named_beside_its_field(window: MainWindow) -> None:
    window.new_matter()
    dialog = window.workspace.dialog
    assert isinstance(dialog, MatterDialog)
    dialog.title.widget.setText("A matter")
    dialog.closed.setText("31/12/2026")
    dialog.save()
    assert "is not a date like 2026-06-26" in dialog.error_text("closed")
    assert _matters(window) == []


def _open_first_matter(window: MainWindow) -> None:
    window.docket.table.selectRow(0)
    assert window.workspace.record is not None


def test_party_with_unknown_country_is_refused(
    sample_window: MainWindow, wait_writes: WriteWaiter
) -> None:
    _open_first_matter(sample_window)
    before = len(sample_window.workspace.record.parties)  # type: ignore[union-attr]
    sample_window.workspace.edit_party(None)
    dialog = sample_window.workspace.dialog
    assert isinstance(dialog, PartyDialog)
    dialog.name.widget.setText("Nowhere GmbH")
    dialog.country.edit.setText("XX")
    dialog.save()
    wait_writes(sample_window)
    assert "not an ISO 3166 country code" in dialog.error_text("country")
    assert dialog.isVisible()
    assert len(sample_window.workspace.record.parties) == before  # type: ignore[union-attr]


def test_foreign_national_shows_deemed_destination(
    sample_window: MainWindow, wait_writes: WriteWaiter
) -> None:
    _open_first_matter(sample_window)
    sample_window.workspace.edit_party(None)
    dialog = sample_window.workspace.dialog
    assert isinstance(dialog, PartyDialog)
    dialog.name.widget.setText("Amara Nwosu-Lindqvist")
    dialog.role.set_value(PartyRole.FOREIGN_NATIONAL)
    dialog.kind.set_value(PartyKind.INDIVIDUAL)
    dialog.us_status.set_value(UsStatus.NONIMMIGRANT_VISA)
    dialog.nationalities.add_button.click()
    dialog.nationalities.add_button.click()
    first, second = dialog.nationalities.rows()
    first.country.edit.setText("NG")
    first.since.setText("1990-04-02")
    second.country.edit.setText("se")
    second.since.setText("2021-09-15")
    assert dialog.deemed.text().startswith("SE — Sweden: most recent citizenship")
    dialog.save()
    wait_writes(sample_window)
    record = sample_window.workspace.record
    assert record is not None
    stored = [p for p in record.parties if p.name == "Amara Nwosu-Lindqvist"]
    assert [n.country for n in stored[0].nationalities] == ["NG", "SE"]


@pytest.mark.parametrize(
    ("eccn", "message"),
    [("4E91", "is not an ECCN"), ("4e091", "is not an ECCN"), ("EAR-99", "is not an ECCN")],
)
def test_invalid_eccn_is_refused(sample_window: MainWindow, eccn: str, message: str) -> None:
    _open_first_matter(sample_window)
    sample_window.workspace.edit_item(None)
    dialog = sample_window.workspace.dialog
    assert isinstance(dialog, ItemDialog)
    dialog.name.widget.setText("Weights")
    dialog.eccn.widget.setText(eccn)
    dialog.save()
    assert message in dialog.error_text("eccn")


def test_eccn_heading_from_the_shipped_ccl(sample_window: MainWindow) -> None:
    _open_first_matter(sample_window)
    sample_window.workspace.edit_item(None)
    dialog = sample_window.workspace.dialog
    assert isinstance(dialog, ItemDialog)
    dialog.eccn.widget.setText("4E091")
    assert "Parameters" in dialog.error_text("eccn")


def test_deemed_export_to_an_entity_is_refused(
    sample_window: MainWindow, wait_writes: WriteWaiter
) -> None:
    _open_first_matter(sample_window)
    record = sample_window.workspace.record
    assert record is not None
    entity = next(p for p in record.parties if p.kind is PartyKind.ENTITY)
    sample_window.workspace.edit_activity(None)
    dialog = sample_window.workspace.dialog
    assert isinstance(dialog, ActivityDialog)
    dialog.type.set_value(TransactionType.DEEMED_EXPORT)
    dialog.party.setCurrentIndex(dialog.party.findData(entity.id))
    dialog.save()
    wait_writes(sample_window)
    assert "release to a person" in dialog.error_text("party_id")
    assert dialog.isVisible()


def test_edit_shows_in_history(sample_window: MainWindow, wait_writes: WriteWaiter) -> None:
    _open_first_matter(sample_window)
    sample_window.workspace.edit_matter()
    dialog = sample_window.workspace.dialog
    assert isinstance(dialog, MatterDialog)
    dialog.counsel.widget.setText("Jordan Pell")
    dialog.save()
    wait_writes(sample_window)
    history = sample_window.workspace.history.model
    assert history.index(0, 2).data() == "tester"
    assert history.index(0, 3).data().startswith("Changed the matter “EC-2026-")
    assert "counsel: Miriam Adebayo-Stone → Jordan Pell" in history.index(0, 4).data()
    assert "Jordan Pell" in history.index(0, 4).data()


def test_removing_a_party_in_use_is_explained(
    sample_window: MainWindow, wait_writes: WriteWaiter, monkeypatch: pytest.MonkeyPatch
) -> None:
    from PySide6.QtWidgets import QMessageBox

    warnings: list[str] = []
    monkeypatch.setattr(QMessageBox, "question", lambda *a: QMessageBox.StandardButton.Yes)
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text: warnings.append(text))
    _open_first_matter(sample_window)
    record = sample_window.workspace.record
    assert record is not None
    used = record.activities[0].party_id
    party = next(p for p in record.parties if p.id == used)
    sample_window.workspace.parties.remove_requested.emit(party)
    wait_writes(sample_window)
    assert len(warnings) == 1
    assert "remove or change them first" in warnings[0]
    db = sample_window.workspace._gateway.reader.db
    assert any(p.id == used for p in queries.matter_record(db, record.matter).parties)


def test_a_status_changed_by_hand_asks_for_a_reason(
    sample_window: MainWindow, wait_writes: WriteWaiter
) -> None:
    from desktop_app.core.enums import MatterStatus

    sample_window.open_case("EC-2026-0001")
    sample_window.workspace.edit_matter()
    dialog = sample_window.workspace.dialog
    assert isinstance(dialog, MatterDialog)
    dialog.status.set_value(MatterStatus.CLOSED)
    dialog.save()
    wait_writes(sample_window)
    assert "Say why the status changes" in dialog.error_text("status_reason")
    dialog.status_reason.setText("Matter concluded; file closed.")
    dialog.save()
    wait_writes(sample_window)
    record = sample_window.workspace.record
    assert record is not None
    assert record.matter.status is MatterStatus.CLOSED
    assert record.matter.status_reason == "Matter concluded; file closed."
