"""The party dialog records nationality dates and status as the rules say (issue 15 point 5).

Each row has an "Until" (15 CFR 734.13(b): the deemed destination is what is held on the day);
Stateless shows for a person, the protected basis and the exclusions question of 8 U.S.C.
1324b(a)(3) only for a protected individual, with the statute's words beside them; a D:5 or
Macau nationality is flagged beside the nationalities. Refusals appear beside their fields and
nothing is submitted; typing starts in the first field and Ctrl+Enter saves.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from desktop_app.core.enums import (
    NationalityBasis,
    PartyKind,
    PartyRole,
    ProtectedBasis,
    UsStatus,
)
from desktop_app.core.models import Nationality, Party
from desktop_app.gui.matter.party_dialog import PartyDialog
from desktop_app.gui.widgets import form

TODAY = date(2026, 11, 27)
WAIT = 30_000
GROUPS = {"CN": {"D:1", "D:3", "D:4", "D:5"}, "MO": {"D:1", "D:3", "D:4"}}
PERSON = Party(
    1,
    "Meera Pillai",
    PartyRole.FOREIGN_NATIONAL,
    kind=PartyKind.INDIVIDUAL,
    nationalities=(Nationality("IN", NationalityBasis.CITIZENSHIP, date(1986, 4, 2)),),
    us_status=UsStatus.NONIMMIGRANT_VISA,
    id=7,
)


def _dialog(qtbot: QtBot, party: Party, stored: list[Party]) -> PartyDialog:
    def submit(
        x: Party, done: Callable[[Any], None], _fail: Callable[[BaseException], None]
    ) -> None:
        stored.append(x)
        done(x)

    dialog = PartyDialog(party, [], submit, today=TODAY, group_of=lambda c: GROUPS.get(c, set()))
    qtbot.addWidget(dialog)
    return dialog


def _shown(dialog: PartyDialog, name: str) -> bool:
    label = dialog._errors[name]
    row = label.parentWidget()
    assert row is not None
    return row.isVisibleTo(dialog)


def _add_row(
    dialog: PartyDialog, country: str, since: str, until: str = "", resident: bool = True
) -> None:
    dialog.nationalities.add_button.click()
    row = dialog.nationalities.rows()[-1]
    row.country.edit.setText(country)
    if resident:
        row.basis.set_value(NationalityBasis.PERMANENT_RESIDENCY)
    row.since.setText(since)
    row.until.setText(until)


def test_a_lapsed_residency_no_longer_sets_the_deemed_destination(qtbot: QtBot) -> None:
    stored: list[Party] = []
    dialog = _dialog(qtbot, PERSON, stored)
    _add_row(dialog, "SG", "2015-01-05")
    assert dialog.deemed.text().startswith("SG — Singapore: most recent permanent residency")
    dialog.nationalities.rows()[-1].until.setText("2026-08-01")
    assert dialog.deemed.text() == ("IN — India: only citizenship held on 2026-11-27")
    dialog.save()
    assert stored[0].nationalities[1] == Nationality(
        "SG", NationalityBasis.PERMANENT_RESIDENCY, date(2015, 1, 5), date(2026, 8, 1)
    )


def test_an_end_before_the_start_is_refused_beside_the_nationalities(qtbot: QtBot) -> None:
    stored: list[Party] = []
    dialog = _dialog(qtbot, PERSON, stored)
    _add_row(dialog, "SG", "2015-01-05", "2014-01-05")
    dialog.save()
    assert "SG permanent residency (row 2) ends on 2014-01-05" in dialog.error_text("nationalities")
    assert stored == []
    dialog.nationalities.rows()[-1].until.setText("2015-13-01")
    dialog.save()
    assert dialog.error_text("nationalities").startswith("Row 2: '2015-13-01' is not a date")
    assert stored == []


def test_a_us_citizenship_beside_a_visa_status_is_refused_beside_the_status(qtbot: QtBot) -> None:
    stored: list[Party] = []
    dialog = _dialog(qtbot, PERSON, stored)
    _add_row(dialog, "US", "2024-05-01", resident=False)
    dialog.save()
    assert "A US citizen is not a foreign person" in dialog.error_text("us_status")
    assert stored == []
    dialog.us_status.set_value(UsStatus.US_CITIZEN)
    dialog.save()
    assert stored[0].us_status is UsStatus.US_CITIZEN


def test_stateless_shows_for_a_person_only(qtbot: QtBot) -> None:
    dialog = _dialog(qtbot, PERSON, [])
    dialog.show()
    assert _shown(dialog, "stateless")
    dialog.kind.set_value(PartyKind.ENTITY)
    assert not _shown(dialog, "stateless")
    dialog.kind.set_value(PartyKind.INDIVIDUAL)  # unchanged again: closing it asks nothing


def test_a_stateless_person_with_a_citizenship_is_refused(qtbot: QtBot) -> None:
    stored: list[Party] = []
    dialog = _dialog(qtbot, PERSON, stored)
    dialog.status.stateless.set_value(True)
    dialog.save()
    assert "A stateless person holds no citizenship" in dialog.error_text("stateless")
    dialog.nationalities.rows()[0].remove.click()
    assert dialog.deemed.text().startswith("—: undetermined: stateless, no permanent residency")
    dialog.save()
    assert stored[0].stateless is True
    assert stored[0].nationalities == ()


def test_the_protected_rows_show_with_the_statute_and_record_the_answer(qtbot: QtBot) -> None:
    stored: list[Party] = []
    dialog = _dialog(qtbot, PERSON, stored)
    dialog.show()
    names = ("protected_basis", "protected_exclusions_clear", "statute")
    assert not any(_shown(dialog, n) for n in names)
    dialog.us_status.set_value(UsStatus.PROTECTED_INDIVIDUAL)
    assert all(_shown(dialog, n) for n in names)
    assert "does not include (i) an alien who fails to apply" in dialog.status.statute.text()
    assert dialog.deemed.text().startswith("—: undetermined: Protected individual")
    dialog.save()
    assert "Name the basis" in dialog.error_text("protected_basis")
    assert stored == []
    dialog.status.protected_basis.set_value(ProtectedBasis.ASYLEE)
    dialog.status.exclusions.setCurrentIndex(1)  # the exclusions do not apply
    assert dialog.deemed.text().startswith("—: not a foreign person (Protected individual: Asylee")
    dialog.save()
    assert (stored[0].protected_basis, stored[0].protected_exclusions_clear) == (
        ProtectedBasis.ASYLEE,
        True,
    )


def test_a_hidden_protected_answer_is_not_recorded(qtbot: QtBot) -> None:
    stored: list[Party] = []
    protected = Party(
        1,
        "Amani Haile",
        PartyRole.FOREIGN_NATIONAL,
        kind=PartyKind.INDIVIDUAL,
        us_status=UsStatus.PROTECTED_INDIVIDUAL,
        protected_basis=ProtectedBasis.REFUGEE,
        protected_exclusions_clear=False,
    )
    dialog = _dialog(qtbot, protected, stored)
    dialog.us_status.set_value(UsStatus.LPR)
    dialog.save()
    assert (stored[0].protected_basis, stored[0].protected_exclusions_clear) == (
        ProtectedBasis.NONE,
        None,
    )


def test_a_d5_or_macau_nationality_is_flagged_beside_the_nationalities(qtbot: QtBot) -> None:
    dialog = _dialog(qtbot, PERSON, [])
    dialog.show()
    assert not _shown(dialog, "nationality_flags")
    _add_row(dialog, "CN", "2016-01-15")
    assert _shown(dialog, "nationality_flags")
    assert "Country Group D:5" in dialog.flags.text()
    dialog.nationalities.rows()[-1].until.setText("2026-08-01")
    assert not _shown(dialog, "nationality_flags")
    dialog.nationalities.rows()[-1].country.edit.setText("MO")
    dialog.nationalities.rows()[-1].until.setText("")
    assert "Macau: check — separately listed" in dialog.flags.text()


def test_typing_starts_in_the_name_and_ctrl_enter_saves(qtbot: QtBot) -> None:
    stored: list[Party] = []
    dialog = _dialog(qtbot, PERSON, stored)
    dialog.show()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is dialog.name.widget, timeout=WAIT)
    _add_row(dialog, "SG", "2015-01-05", "2026-08-01")
    until = dialog.nationalities.rows()[-1].until
    until.setFocus()
    qtbot.waitUntil(dialog.isActiveWindow, timeout=WAIT)
    qtbot.keyClick(until, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: bool(stored), timeout=WAIT)
    assert stored[0].nationalities[1].until == date(2026, 8, 1)


def test_tab_walks_the_nationality_rows_in_order_and_a_new_row_takes_the_focus(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(form, "ask_discard", lambda _dialog: True)  # the added row is a change
    dialog = _dialog(qtbot, PERSON, [])
    dialog.show()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is dialog.name.widget, timeout=WAIT)
    editor = dialog.nationalities
    qtbot.mouseClick(editor.add_button, Qt.MouseButton.LeftButton)
    first, added = (row.focusables() for row in editor.rows())
    qtbot.waitUntil(added[-1].isVisible, timeout=WAIT)  # a layout shows it queued
    assert QApplication.focusWidget() is added[0]
    dialog.regular_employee.setFocus()
    walked = []
    for _step in range(len(first) + len(added) + 1):
        focused = QApplication.focusWidget()
        assert focused is not None
        qtbot.keyClick(focused, Qt.Key.Key_Tab)
        walked.append(QApplication.focusWidget())
    assert walked == [*first, *added, editor.add_button]
