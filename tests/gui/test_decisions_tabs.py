"""The Determinations and Conditions tabs, and coverage on the Parties tab."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QImage
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from desktop_app.core.authorizations import (
    ConditionCategory,
    ConditionKind,
    ConditionStatus,
    LetterEffect,
    LogKind,
    ObligationKind,
)
from desktop_app.core.condition_states import allowed_next
from desktop_app.core.validity import license_expiry, license_state
from desktop_app.gui.main_window import MainWindow
from desktop_app.gui.matter.annex_preview import AnnexPreview
from desktop_app.gui.matter.condition_columns import (
    CONDITION_COLUMNS,
    ConditionRow,
    condition_rows,
    log_columns,
)
from desktop_app.gui.matter.condition_dialog import ConditionDialog
from desktop_app.gui.matter.condition_log_dialogs import LogDialog, MoveDialog
from desktop_app.gui.matter.decision_columns import (
    DETERMINATION_COLUMNS,
    LETTER_COLUMNS,
    LICENSE_COLUMNS,
    annex_columns,
    license_rows,
)
from desktop_app.gui.matter.letter_dialog import LetterDialog
from desktop_app.gui.matter.license_dialog import LicenseDialog
from desktop_app.gui.screenshot import SIZE, take_screenshot
from desktop_app.gui.widgets.checklist import CheckModel
from desktop_app.gui.widgets.table_model import RecordTableModel
from desktop_app.paths import LibraryPaths

YEAR_END = date(2026, 12, 31)
WriteWaiter = Callable[[MainWindow], None]


def _open(window: MainWindow, case: str, tab: str) -> None:
    window.open_case(case)
    window.show_tab(tab)


def _row(window: MainWindow, number: str, kind: ConditionKind) -> ConditionRow:
    rows = window.workspace.conditions.register.model.rows()
    return next(r for r in rows if r.condition.number == number and r.condition.kind is kind)


def _conditions(window: MainWindow) -> int:
    record = window.workspace.record
    assert record is not None
    return len(window.workspace._gateway.record(record.matter.id).decisions.conditions)


def test_new_models_pass_the_model_tester(
    qtmodeltester: ModelTester, year_end_window: MainWindow
) -> None:
    gateway = year_end_window.workspace._gateway
    record = gateway.record(gateway.find_matter("EC-2026-0001").id)
    found = record.decisions
    parties = {p.id: p for p in record.parties}
    documents = {d.id: d for d in record.documents}
    tables: list[tuple[object, object]] = [
        (DETERMINATION_COLUMNS, found.determinations),
        (LICENSE_COLUMNS, license_rows(found.licenses, parties, YEAR_END)),
        (LETTER_COLUMNS, found.letters),
        (annex_columns(parties), found.annex_rows),
        (CONDITION_COLUMNS, condition_rows(record, YEAR_END)),
        (log_columns(parties, documents), found.condition_log),
    ]
    for columns, rows in tables:
        model: RecordTableModel[object] = RecordTableModel(columns, key=id)  # type: ignore[arg-type]
        model.set_rows(rows)  # type: ignore[arg-type]
        qtmodeltester.check(model)
        assert model.rowCount() > 0
    checks = CheckModel([(p.id, p.name) for p in record.parties], [record.parties[0].id])
    qtmodeltester.check(checks)
    checks.setData(checks.index(1), Qt.CheckState.Checked, Qt.ItemDataRole.CheckStateRole)
    assert checks.ticked() == (record.parties[0].id, record.parties[1].id)


def test_determinations_tab_reads_the_license_letters_and_clock(
    year_end_window: MainWindow,
) -> None:
    _open(year_end_window, "EC-2026-0001", "determinations")
    tab = year_end_window.workspace.determinations
    assert tab.determinations.model.rowCount() == 3
    record = year_end_window.workspace.record
    assert record is not None
    stored = record.decisions.licenses[0]
    licence = tab.licenses.model
    assert [licence.index(0, c).data() for c in range(4)] == [
        stored.number,
        stored.validated_on.isoformat(),
        license_expiry(stored).isoformat(),
        license_state(stored, YEAR_END).capitalize(),
    ]
    letter = tab.letters.selected()
    assert letter is not None
    assert letter.effect is LetterEffect.REMOVES_REQUIREMENT
    annex = tab.annex.model
    assert annex.rowCount() == 7
    assert annex.index(0, 1).data() == "Thistlegate Analytics Ltd"
    assert annex.index(0, 3).data() == "Thistlegate Analytics Ltd"
    assert "Registered 2026-07-08" in tab.clock.text()
    assert "Processing ended 2026-08-14" in tab.clock.text()


def test_parties_tab_shows_coverage(year_end_window: MainWindow) -> None:
    _open(year_end_window, "EC-2026-0001", "parties")
    table = year_end_window.workspace.parties
    headers = [table.model.headerData(c, Qt.Orientation.Horizontal) for c in range(10)]
    column = headers.index("Coverage")
    names = [p.name for p in table.model.rows()]
    row = names.index("Halcyon Reasoning Labs, Inc.")
    cell = table.model.index(row, column)
    assert cell.data() == "Covered — no export: nothing leaves the United States"
    tip = cell.data(Qt.ItemDataRole.ToolTipRole)
    assert tip.startswith("✔ Covered as of 2026-12-31 (today)")
    assert "no export" in tip
    words = {table.model.index(r, column).data().split(" — ")[0] for r in range(len(names))}
    assert words <= {"Covered", "Not covered", "Needs review"}
    _open(year_end_window, "EC-2026-0003", "parties")
    rows = table.model.rows()
    liang = next(i for i, p in enumerate(rows) if p.name == "Liang Shufen")
    text = table.model.index(liang, column).data()
    assert text.startswith("Not covered — ")
    assert "no license" in text


def test_bad_rrule_is_named_beside_the_rule_and_nothing_is_stored(
    qtbot: QtBot, year_end_window: MainWindow, wait_writes: WriteWaiter
) -> None:
    _open(year_end_window, "EC-2026-0001", "conditions")
    before = _conditions(year_end_window)
    year_end_window.workspace.conditions.edit_condition(None)
    dialog = year_end_window.workspace.dialog
    assert isinstance(dialog, ConditionDialog)
    dialog.text.widget.setPlainText("Report access quarterly.")
    dialog.category.set_value(ConditionCategory.REPORTING)
    dialog.obligation.set_value(ObligationKind.RECURRING)
    dialog.first_due.setText("2027-01-31")
    dialog.schedule.rule.widget.setText("FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30")
    qtbot.waitUntil(lambda: "never fires" in dialog.schedule.preview.text())
    dialog.save()
    wait_writes(year_end_window)
    assert "never fires" in dialog.error_text("rrule")
    assert dialog.isVisible()
    assert _conditions(year_end_window) == before


def test_quick_rules_fill_the_schedule(year_end_window: MainWindow) -> None:
    _open(year_end_window, "EC-2026-0001", "conditions")
    year_end_window.workspace.conditions.edit_condition(None)
    dialog = year_end_window.workspace.dialog
    assert isinstance(dialog, ConditionDialog)
    dialog.schedule.fill_quarterly()
    assert "first due date" in dialog.schedule.preview.text()
    dialog.first_due.setText("2027-01-31")
    dialog.schedule.quarterly.click()
    assert dialog.schedule.value().startswith("FREQ=MONTHLY;INTERVAL=3")
    assert dialog.obligation.value() is ObligationKind.RECURRING
    assert "2027-04-30" in dialog.schedule.preview.text()
    assert dialog.schedule.preview.text().startswith(
        "Every 3 months on the 31st, or the month's last day before it. Due: 2027-01-31"
    )
    dialog.first_due.setText("")
    dialog.license.setCurrentIndex(1)
    dialog.schedule.anniversary.click()
    assert dialog.schedule.value() == "FREQ=YEARLY;BYMONTH=8;BYMONTHDAY=14"
    assert dialog.first_due.text() == "2027-08-14"


def test_adding_a_condition_saves_it_in_its_first_status(
    year_end_window: MainWindow, wait_writes: WriteWaiter
) -> None:
    _open(year_end_window, "EC-2026-0003", "conditions")
    year_end_window.workspace.conditions.edit_condition(None)
    dialog = year_end_window.workspace.dialog
    assert isinstance(dialog, ConditionDialog)
    dialog.kind.set_value(ConditionKind.INTERNAL_SAFEGUARD)
    dialog.text.widget.setPlainText("Badge access to the lab is reviewed monthly.")
    dialog.owner.widget.setText("Facility security officer")
    dialog.save()
    wait_writes(year_end_window)
    rows = year_end_window.workspace.conditions.register.model.rows()
    added = next(r for r in rows if r.condition.text.startswith("Badge access"))
    assert added.condition.status is ConditionStatus.ACTIVE


def test_move_to_offers_only_what_the_state_machine_allows(
    year_end_window: MainWindow, wait_writes: WriteWaiter
) -> None:
    _open(year_end_window, "EC-2026-0001", "conditions")
    tab = year_end_window.workspace.conditions
    awaiting = _row(year_end_window, "3", ConditionKind.LICENSE_CONDITION)
    assert awaiting.condition.status is ConditionStatus.AWAITING_ACK
    tab.select_condition(awaiting.condition.id)
    offered = [a.text() for a in tab.move_menu.actions()]
    assert offered == [s.label for s in allowed_next(awaiting.condition)]
    assert ConditionStatus.ACKNOWLEDGED.label in offered
    assert ConditionStatus.ACTIVE.label not in offered
    assert ConditionStatus.SATISFIED.label not in offered
    next(a for a in tab.move_menu.actions() if a.text() == "Acknowledged").trigger()
    dialog = year_end_window.workspace.dialog
    assert isinstance(dialog, MoveDialog)
    assert dialog.on.text() == "2026-12-31"
    dialog.note.widget.setPlainText("Signed acknowledgment received from the consignee.")
    dialog.save()
    wait_writes(year_end_window)
    moved = _row(year_end_window, "3", ConditionKind.LICENSE_CONDITION)
    assert moved.condition.status is ConditionStatus.ACKNOWLEDGED
    log = tab.log.model.rows()
    assert log[0].kind is LogKind.TRANSITION
    assert log[0].note == "Signed acknowledgment received from the consignee."


def test_a_refused_transition_is_explained_and_changes_nothing(
    year_end_window: MainWindow, wait_writes: WriteWaiter
) -> None:
    _open(year_end_window, "EC-2026-0001", "conditions")
    tab = year_end_window.workspace.conditions
    awaiting = _row(year_end_window, "3", ConditionKind.LICENSE_CONDITION)
    tab.select_condition(awaiting.condition.id)
    tab.move_to(ConditionStatus.SATISFIED)
    dialog = year_end_window.workspace.dialog
    assert isinstance(dialog, MoveDialog)
    dialog.save()
    wait_writes(year_end_window)
    assert (
        "cannot go from awaiting acknowledgment to satisfied" in dialog.error_text("status").lower()
    )
    assert dialog.isVisible()
    unchanged = _row(year_end_window, "3", ConditionKind.LICENSE_CONDITION)
    assert unchanged.condition.status is ConditionStatus.AWAITING_ACK


def test_logging_a_performance_clears_the_overdue_row(
    year_end_window: MainWindow, wait_writes: WriteWaiter
) -> None:
    window = year_end_window
    _open(window, "EC-2026-0001", "conditions")
    certify = _row(window, "4", ConditionKind.LICENSE_CONDITION)
    assert certify.standing == "overdue"
    assert any(r.ref_id == certify.condition.id for r in window.agenda.rows())
    tab = window.workspace.conditions
    tab.select_condition(certify.condition.id)
    tab.log_entry()
    dialog = window.workspace.dialog
    assert isinstance(dialog, LogDialog)
    assert dialog.kind.value() is LogKind.PERFORMED
    assert dialog.due.text() == "2026-12-15"
    dialog.on.setText("2026-12-14")
    dialog.note.widget.setPlainText("Certification sent to BIS.")
    dialog.save()
    wait_writes(window)
    done = _row(window, "4", ConditionKind.LICENSE_CONDITION)
    assert done.standing == "none"
    assert all(r.ref_id != certify.condition.id for r in window.agenda.rows())
    assert tab.log.model.rows()[0].note == "Certification sent to BIS."


def test_annex_a_pasted_from_a_pdf_is_previewed_with_its_unmatched_rows(
    qtbot: QtBot, year_end_window: MainWindow
) -> None:
    _open(year_end_window, "EC-2026-0002", "determinations")
    year_end_window.workspace.determinations.add_letter()
    dialog = year_end_window.workspace.dialog
    assert isinstance(dialog, LetterDialog)
    preview = dialog.findChild(AnnexPreview)
    assert preview is not None
    assert preview.summary.text() == "Nothing pasted yet."
    dialog.annex.setPlainText(
        "Annex A\n1. Open Larkspur Foundation (CH)\n2. Nobody Ltd; 4 Wharf Road,\n   Leeds (GB)\n"
    )
    qtbot.waitUntil(lambda: preview.table.rowCount() == 2)
    cells = [[preview.table.model().index(r, c).data() for c in range(5)] for r in range(2)]
    assert cells[0] == ["1", "Open Larkspur Foundation", "", "CH", "Open Larkspur Foundation"]
    assert cells[1][:4] == ["2", "Nobody Ltd", "4 Wharf Road, Leeds", "GB"]
    assert "none" in cells[1][4]
    assert "No party matches row 2 (Nobody Ltd)" in preview.summary.text()
    dialog.annex.setPlainText("1. A (GB)\n1. B (GB)\n")
    qtbot.waitUntil(lambda: "same number" in preview.summary.text())
    assert preview.table.rowCount() == 0


def test_a_letter_with_its_annex_a_pasted_in(
    year_end_window: MainWindow, wait_writes: WriteWaiter
) -> None:
    _open(year_end_window, "EC-2026-0002", "determinations")
    tab = year_end_window.workspace.determinations
    tab.add_letter()
    dialog = year_end_window.workspace.dialog
    assert isinstance(dialog, LetterDialog)
    dialog.dated.setText("2026-12-01")
    dialog.effective_from.setText("2026-11-30")
    dialog.annex.setPlainText("1\tOpen Larkspur Foundation\tZurich\tCH\n2\tNobody Ltd\tLeeds\tGB")
    dialog.save()
    wait_writes(year_end_window)
    assert "before the date it bears" in dialog.error_text("effective_from")
    assert tab.letters.model.rowCount() == 0
    dialog.effective_from.setText("")
    dialog.save()
    wait_writes(year_end_window)
    assert tab.letters.model.rowCount() == 1
    annex = tab.annex.model
    assert [(annex.index(r, 3).data(), annex.index(r, 4).data()) for r in range(2)] == [
        ("Open Larkspur Foundation", "? Suggested"),
        ("—", "✗ Unlinked"),
    ]


def test_an_unreadable_annex_is_named_beside_the_table(year_end_window: MainWindow) -> None:
    _open(year_end_window, "EC-2026-0002", "determinations")
    year_end_window.workspace.determinations.add_letter()
    dialog = year_end_window.workspace.dialog
    assert isinstance(dialog, LetterDialog)
    dialog.annex.setPlainText("1\tFirst GmbH\n1\tSecond GmbH")
    dialog.save()
    assert "same number" in dialog.error_text("annex")


def test_license_dialog_computes_the_expiry(
    year_end_window: MainWindow, wait_writes: WriteWaiter
) -> None:
    _open(year_end_window, "EC-2026-0003", "determinations")
    tab = year_end_window.workspace.determinations
    tab.edit_license(None)
    dialog = year_end_window.workspace.dialog
    assert isinstance(dialog, LicenseDialog)
    dialog.number.widget.setText("D654321")
    dialog.validated_on.setText("2026-07-04")
    assert dialog.expiry.text().startswith("2030-07-05")  # 4 July 2030 is a holiday
    dialog.save()
    wait_writes(year_end_window)
    assert tab.licenses.model.index(0, 2).data() == "2030-07-05"


def test_read_only_library_disables_the_new_tabs(
    year_end_window: MainWindow,
) -> None:
    _open(year_end_window, "EC-2026-0001", "conditions")
    workspace = year_end_window.workspace
    workspace.set_editable(False)
    assert not workspace.conditions.register.add_button.isEnabled()
    assert not workspace.conditions.move_button.isEnabled()
    assert not workspace.conditions.log_button.isEnabled()
    assert not workspace.determinations.clock_button.isEnabled()
    assert not workspace.determinations.licenses.add_button.isEnabled()


def test_screenshot_of_the_conditions_tab(sample_paths: LibraryPaths, tmp_path: Path) -> None:
    out = tmp_path / "conditions.png"
    take_screenshot(sample_paths, out, case="EC-2026-0001", view="conditions", today=YEAR_END)
    image = QImage(str(out))
    assert (image.width(), image.height()) == SIZE


def test_a_stored_letter_can_be_corrected_and_its_annex_replaced(
    year_end_window: MainWindow, wait_writes: WriteWaiter
) -> None:
    from desktop_app.gui.matter.annex_dialog import AnnexDialog

    _open(year_end_window, "EC-2026-0001", "determinations")
    tab = year_end_window.workspace.determinations
    lifted = next(x for x in tab.letters.model.rows() if x.effect.value == "removes_requirement")
    tab.select(tab.letters, lifted.id)
    tab.letters.edit_button.click()
    dialog = year_end_window.workspace.dialog
    assert isinstance(dialog, LetterDialog)
    assert dialog.foreign_employees.isChecked()
    assert dialog.effective_from.text() == lifted.effective_from.isoformat()
    dialog.reference.widget.setText("IS-2026-0412 (corrected)")
    dialog.save()
    wait_writes(year_end_window)
    corrected = next(x for x in tab.letters.model.rows() if x.id == lifted.id)
    assert corrected.reference == "IS-2026-0412 (corrected)"
    assert corrected.includes_foreign_national_employees
    assert tab.annex.model.rowCount() == 7
    tab.select(tab.letters, lifted.id)
    tab.annex.add_button.click()
    annex = year_end_window.workspace.dialog
    assert isinstance(annex, AnnexDialog)
    annex.annex.widget.setPlainText("1\tThistlegate Analytics Ltd\tManchester\tGB")
    annex.save()
    wait_writes(year_end_window)
    assert tab.annex.model.rowCount() == 1


def test_activities_tab_shows_coverage(year_end_window: MainWindow) -> None:
    _open(year_end_window, "EC-2026-0001", "activities")
    table = year_end_window.workspace.activities
    headers = [table.model.headerData(c, Qt.Orientation.Horizontal) for c in range(9)]
    column = headers.index("Coverage (as of its date)")
    answers = [table.model.index(r, column).data() for r in range(table.model.rowCount())]
    assert all(a.split(" — ")[0] in {"Covered", "Not covered", "Needs review"} for a in answers)
    assert (
        answers[0]
        == "Covered — letter of 2026-06-26, own employees of Halcyon Reasoning Labs, Inc."
    )
    assert any(
        a.startswith("Needs review — counsel's confirmation that Annex A row 3") for a in answers
    )
    tip = table.model.index(0, column).data(Qt.ItemDataRole.ToolTipRole)
    assert "as of 2026-06-30 (the activity's date)" in tip
    _open(year_end_window, "EC-2026-0003", "activities")
    answers = [table.model.index(r, column).data() for r in range(table.model.rowCount())]
    assert answers
    assert all(a.startswith("Not covered — ") for a in answers)


def test_annex_a_loads_from_a_csv_file_in_any_common_encoding(
    year_end_window: MainWindow, tmp_path: Path
) -> None:
    from desktop_app.gui.matter.annex_dialog import load_annex_file

    _open(year_end_window, "EC-2026-0002", "determinations")
    year_end_window.workspace.determinations.add_letter()
    dialog = year_end_window.workspace.dialog
    assert isinstance(dialog, LetterDialog)
    table = tmp_path / "annex.csv"
    table.write_bytes("Row,Entity,Address,Country\n1,Orphée SAS,Paris,FR\n".encode("cp1252"))
    load_annex_file(dialog.annex, table)
    assert "Orphée SAS" in dialog.annex.toPlainText()
    load_annex_file(dialog.annex, tmp_path / "missing.csv")
    assert dialog.annex.toPlainText() == ""
    assert "Could not read missing.csv" in dialog.annex.placeholderText()


def test_conditions_of_an_expired_license_say_they_continue(
    qtbot: QtBot, sample_window: MainWindow
) -> None:
    """750.7(i): after D512847 expires (2027-01-29) its open conditions stay, saying so."""
    after = date(2027, 3, 1)
    sample_window.today = lambda: after
    sample_window.refresh()
    qtbot.waitUntil(lambda: sample_window.gateway.builds_pending == 0, timeout=30_000)
    _open(sample_window, "EC-2026-0001", "conditions")
    model = sample_window.workspace.conditions.register.model
    column = [c.header for c in CONDITION_COLUMNS].index("After the license")
    notes = {model.index(r, column).data() for r in range(model.rowCount())}
    continuing = "license D512847 expired 2027-01-29; the obligation continues until closed"
    assert any(n.startswith(continuing) for n in notes if n)


def test_license_rows_read_the_library_s_state_holidays() -> None:
    """750.7(g): a printed expiry on Cesar Chavez Day runs to the next business day in CA."""
    from desktop_app.core.authorizations import License
    from desktop_app.core.holiday_calendar import FEDERAL, calendar_named

    printed = License(1, "D500009", date(2026, 4, 1), expires_on_set=date(2027, 3, 31))
    (federal,) = license_rows([printed], {}, date(2027, 4, 1), FEDERAL)
    (state,) = license_rows([printed], {}, date(2027, 4, 1), calendar_named("CA"))
    assert (federal.expires, federal.state) == (date(2027, 3, 31), "expired")
    assert (state.expires, state.state) == (date(2027, 4, 1), "active")


def test_the_overview_shows_the_licenses_recorded_beside_the_matters_own_field(
    sample_window: MainWindow,
) -> None:
    sample_window.open_case("EC-2026-0001")  # its own license-number field was left empty
    overview = sample_window.workspace.overview
    assert overview.values["license_number"].text() == "—"
    assert overview.licenses.text().startswith("D512847 — ")
    assert overview.licenses.text().endswith(", expires 2027-01-29")  # set by BIS
    sample_window.open_case("EC-2026-0002")  # a classification: no license
    assert overview.licenses.text() == "—"


def test_a_clock_event_is_corrected_from_its_table(
    qtbot: QtBot, sample_window: MainWindow, wait_writes: Callable[[MainWindow], None]
) -> None:
    from PySide6.QtTest import QTest

    from desktop_app.gui.matter.clock_dialog import ClockEventDialog

    sample_window.open_case("EC-2026-0003")
    tab = sample_window.workspace.determinations
    events = tab.clock_events.model.rows()
    assert [e.kind.label for e in events] == [
        "Registered",
        "Hold started",
        "Hold ended",
        "Referred",
    ]
    hold = events[1]
    tab.correct_clock_event(hold)
    dialog = sample_window.workspace.dialog
    assert isinstance(dialog, ClockEventDialog)
    assert dialog.windowTitle() == "Correct BIS clock event"
    qtbot.waitUntil(dialog.isActiveWindow, timeout=30_000)
    dialog.on.setText("2026-10-05")
    QTest.keyClick(dialog.on, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: sample_window.workspace.dialog is None, timeout=30_000)
    wait_writes(sample_window)
    corrected = next(e for e in tab.clock_events.model.rows() if e.id == hold.id)
    assert corrected.on == date(2026, 10, 5)
    assert not tab.clock_events.remove_button.isVisible()  # records are corrected, not removed


def test_return_on_the_row_under_the_cursor_opens_it_for_editing(
    qtbot: QtBot, sample_window: MainWindow
) -> None:
    sample_window.open_case("EC-2026-0001")
    sample_window.show_tab("determinations")
    table = sample_window.workspace.determinations.licenses
    sample_window.activateWindow()
    qtbot.waitUntil(sample_window.isActiveWindow, timeout=30_000)
    table.table.clearSelection()
    table.table.setCurrentIndex(table.proxy.index(0, 0))  # where Tab leaves the cursor
    table.table.clearSelection()
    table.table.setFocus()
    qtbot.waitUntil(table.table.hasFocus, timeout=30_000)
    assert table.selected() is None
    qtbot.keyClick(table.table, Qt.Key.Key_Return)
    assert isinstance(sample_window.workspace.dialog, LicenseDialog)
    sample_window.workspace.dialog.reject()
