"""The license dialog shows 15 CFR 750.7(g)'s checks beside the fields, and refuses bad dates."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from pytestqt.qtbot import QtBot

from desktop_app.core.authorizations import License, ValidityBasis
from desktop_app.core.holiday_calendar import HolidayCalendar
from desktop_app.core.models import Item
from desktop_app.gui.matter.license_dialog import LicenseDialog

CHIP = Item(matter_id=1, name="Accelerator", eccn="3A090.a", id=7)
TODAY = date(2026, 9, 6)


def _dialog(qtbot: QtBot, license_: License, stored: list[License], **kw: Any) -> LicenseDialog:
    def submit(
        x: License, done: Callable[[Any], None], _fail: Callable[[BaseException], None]
    ) -> None:
        stored.append(x)
        done(x)

    dialog = LicenseDialog(
        license_, submit, scope=([], [CHIP]), others=[], determinations=[], today=TODAY, **kw
    )
    qtbot.addWidget(dialog)
    return dialog


def test_a_printed_saturday_expiry_is_shown_as_expired_the_next_day(qtbot: QtBot) -> None:
    dialog = _dialog(qtbot, License(1, "D654321", date(2022, 9, 6)), [])
    assert dialog.expiry.text().startswith("2026-09-06 — active")  # a Sunday: not extended
    dialog.expires_on_set.setText("2026-09-05")
    assert dialog.expiry.text().startswith("2026-09-05 — expired on 2026-09-06")
    assert "controls" in dialog.error_text("expires_on_set")
    assert "four-year basis would give 2026-09-06" in dialog.error_text("expires_on_set")


def test_warnings_for_an_emergency_license_and_a_one_year_item(qtbot: QtBot) -> None:
    license_ = License(1, "D654321", date(2026, 1, 15), ValidityBasis.EMERGENCY, item_ids=(7,))
    dialog = _dialog(qtbot, license_, [])
    assert "enter the expiry printed on the license" in dialog.error_text("expires_on_set")
    assert dialog.error_text("validity") == ""
    dialog.validity.set_value(ValidityBasis.STANDARD_4Y)
    assert "742.6(a)(6)(iii)(A)" in dialog.error_text("validity")


def test_a_state_holiday_extension_is_named_beside_the_expiry(qtbot: QtBot) -> None:
    license_ = License(1, "D654321", date(2025, 3, 31), ValidityBasis.ONE_YEAR)
    dialog = _dialog(qtbot, license_, [], calendar=HolidayCalendar("CA"))
    assert dialog.expiry.text().startswith("2026-04-01")
    assert "Cesar Chavez Day, a holiday (CA)" in dialog.error_text("expires")


def test_a_printed_expiry_beyond_the_basis_is_refused_beside_the_field(qtbot: QtBot) -> None:
    stored: list[License] = []
    dialog = _dialog(qtbot, License(1, "D654321", date(2026, 6, 26)), stored)
    dialog.expires_on_set.setText("2031-01-05")
    dialog.save()
    assert "later than the four-year basis allows" in dialog.error_text("expires_on_set")
    assert stored == []
