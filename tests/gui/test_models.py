"""Every table model passes Qt's model tester, filled from the sample library."""

from __future__ import annotations

from pytestqt.modeltest import ModelTester

from desktop_app.core.models import Item, Party
from desktop_app.gui.app import Session
from desktop_app.gui.docket.model import DocketFilter, docket_model
from desktop_app.gui.matter.columns import (
    ITEM_COLUMNS,
    NOTE_COLUMNS,
    activity_columns,
    history_columns,
    party_columns,
)
from desktop_app.gui.widgets.table_model import RecordTableModel


def test_docket_model_and_filter(qtmodeltester: ModelTester, sample_session: Session) -> None:
    model = docket_model()
    model.set_rows(sample_session.gateway.docket())
    qtmodeltester.check(model)
    proxy = DocketFilter()
    proxy.setSourceModel(model)
    proxy.set_text("granite")
    qtmodeltester.check(proxy)
    assert proxy.rowCount() == 1


def test_workspace_models(qtmodeltester: ModelTester, sample_session: Session) -> None:
    gateway = sample_session.gateway
    first = gateway.docket()[0].matter.id
    record = gateway.record(first)
    parties = {p.id: p for p in record.parties}
    items = {i.id: i for i in record.items}
    tables = [
        (party_columns(parties), record.parties),
        (ITEM_COLUMNS, record.items),
        (activity_columns(parties, items), record.activities),
        (NOTE_COLUMNS, record.notes),
        (history_columns({}), tuple(gateway.history(first))),
    ]
    for columns, rows in tables:
        model: RecordTableModel[object] = RecordTableModel(columns, key=id)  # type: ignore[arg-type]
        model.set_rows(rows)
        qtmodeltester.check(model)
        assert model.rowCount() == len(rows) > 0


def test_set_rows_updates_in_place(sample_session: Session) -> None:
    gateway = sample_session.gateway
    record = gateway.record(gateway.docket()[0].matter.id)
    model: RecordTableModel[Party] = RecordTableModel(party_columns({}), key=lambda p: p.id)
    model.set_rows(record.parties)
    changed: list[int] = []
    model.dataChanged.connect(lambda top, _bottom: changed.append(top.row()))
    renamed = [record.parties[0].__class__(**{**record.parties[0].__dict__, "name": "Renamed"})]
    model.set_rows(renamed + list(record.parties[1:]))
    assert changed == [0]
    assert model.index(0, 0).data() == "Renamed"


def test_cells_escape_control_characters(sample_session: Session) -> None:
    item = Item(matter_id=1, name="invoice\u202efdp.exe\x00", id=7)
    model: RecordTableModel[Item] = RecordTableModel(ITEM_COLUMNS, key=lambda i: i.id)
    model.set_rows([item])
    assert model.index(0, 0).data() == "invoice\\u202efdp.exe\\u0000"
