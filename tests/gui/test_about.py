"""Help → About: version, library folder, portable or not, editions, sample notice, fonts."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QApplication, QMenu
from pytestqt.qtbot import QtBot

from desktop_app import __version__
from desktop_app.assets import font_licenses
from desktop_app.gui.about import AboutDialog, about_text, editions
from desktop_app.gui.main_window import MainWindow
from desktop_app.reference.ccl import load_ccl
from desktop_app.reference.country_groups import load_country_groups


def test_about_text_names_every_fact() -> None:
    text = about_text(
        version="9.8.7",
        data_dir=Path("/data/lib"),
        portable=True,
        reference=[("Commerce Control List", "eCFR issue of 2026-01-02 (15 CFR 774)")],
        fonts=[("DejaVu fonts", "bitstream-vera", "fonts/LICENSE-DejaVu.txt")],
    )
    assert text.splitlines()[0] == "Compliance Desk 9.8.7"
    assert "Library folder: /data/lib" in text
    assert "Mode: portable" in text
    assert "  Commerce Control List: eCFR issue of 2026-01-02 (15 CFR 774)" in text
    assert "fictional" in text
    assert "  DejaVu fonts: bitstream-vera (fonts/LICENSE-DejaVu.txt)" in text
    assert "never opens a network connection" in text


def test_installed_mode_is_said() -> None:
    text = about_text(version="1", data_dir=Path("/d"), portable=False, reference=[], fonts=[])
    assert "Mode: installed" in text


def test_the_shipped_editions_and_font_licences_are_read() -> None:
    ccl, groups = load_ccl(), load_country_groups()
    assert editions() == [
        ("Commerce Control List", f"eCFR issue of {ccl.edition} ({ccl.citation})"),
        ("Country Groups", f"eCFR issue of {groups.edition} ({groups.citation})"),
    ]
    names = [name for name, _licence, _file in font_licenses()]
    assert names[0] == "DejaVu fonts"
    assert names[1].startswith("WenQuanYi Micro Hei")
    assert all(licence for _name, licence, _file in font_licenses())


def test_about_dialog_shows_this_library(qtbot: QtBot, tmp_path: Path) -> None:
    dialog = AboutDialog(tmp_path)
    qtbot.addWidget(dialog)
    text = dialog.text.toPlainText()
    ccl = load_ccl()
    assert text.startswith(f"Compliance Desk {__version__}\n")
    assert f"Library folder: {tmp_path}" in text
    assert "Mode: installed" in text  # tests never run frozen
    assert f"eCFR issue of {ccl.edition} ({ccl.citation})" in text
    assert "Country Groups: eCFR issue of" in text
    assert "every company, person, model and number in them is fictional" in text
    assert "WenQuanYi Micro Hei" in text
    assert "Apache-2.0 or GPL-3+ with Font exception" in text
    assert dialog.text.isReadOnly()


def test_help_about_opens_the_dialog(qtbot: QtBot, window: MainWindow) -> None:
    help_action = next(a for a in window.menuBar().actions() if a.text().replace("&", "") == "Help")
    help_menu = help_action.menu()
    assert isinstance(help_menu, QMenu)
    about = next(a for a in help_menu.actions() if "About" in a.text())
    about.trigger()
    dialog = window.findChild(AboutDialog)
    assert dialog is not None
    qtbot.waitUntil(dialog.isVisible)
    root = window._gateway.reader.paths.root
    assert f"Library folder: {root}" in dialog.text.toPlainText()
    dialog.reject()
    QApplication.processEvents()
