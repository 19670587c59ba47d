"""Help → About: version, library folder, portable or not, editions, sample notice, licences.

The editions are those of the shipped reference data, the notice says the sample matters are
fictional, and the licences are those of the shipped fonts. The text is selectable, so IT can
copy it into a ticket.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path

from PySide6 import __version__ as pyside_version
from PySide6.QtCore import Qt, qVersion
from PySide6.QtGui import QFontDatabase, QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from desktop_app import __version__
from desktop_app.assets import font_licenses
from desktop_app.i18n import _
from desktop_app.paths import is_portable
from desktop_app.reference.ccl import load_ccl
from desktop_app.reference.country_groups import load_country_groups

SAMPLE_NOTICE = _(
    "The sample matters (File → Add the sample matters) are illustrative: every company, "
    "person, model and number in them is fictional."
)


def editions() -> list[tuple[str, str]]:
    """(name, edition and citation) of each reference-data set shipped with the app."""
    ccl, groups = load_ccl(), load_country_groups()
    return [
        (_("Commerce Control List"), f"eCFR issue of {ccl.edition} ({ccl.citation})"),
        (_("Country Groups"), f"eCFR issue of {groups.edition} ({groups.citation})"),
    ]


def about_text(
    *,
    version: str,
    data_dir: Path,
    portable: bool,
    reference: Sequence[tuple[str, str]],
    fonts: Sequence[tuple[str, str, str]],
    runtime: str = "",
) -> str:
    """The About text (plain, one fact a line) from what it reports."""
    mode = (
        _("portable (the library lives in data/ beside the program)")
        if portable
        else _("installed (the library lives in the per-user or chosen folder)")
    )
    lines = [
        _("Compliance Desk {version}").format(version=version),
        _("A case manager for US export-control matters. It never opens a network connection."),
        "",
        _("Library folder: {path}").format(path=data_dir),
        _("Mode: {mode}").format(mode=mode),
        "",
        _("Reference data shipped with this version:"),
        *[f"  {name}: {edition}" for name, edition in reference],
        "",
        SAMPLE_NOTICE,
        "",
        _("Fonts shipped with the app (memos; the window where the system has none):"),
        *[f"  {name}: {licence} ({path})" for name, licence, path in fonts],
        "",
        _("Compliance Desk is free software under the GNU GPL, version 3 or later."),
    ]
    if runtime:
        lines += ["", runtime]
    return "\n".join(lines)


def current_about_text(data_dir: Path) -> str:
    """The About text of this running program on the library in ``data_dir``."""
    frozen = _(" (packaged)") if getattr(sys, "frozen", False) else ""
    runtime = (
        f"Python {sys.version.split()[0]}{frozen}, Qt {qVersion()}, PySide6 {pyside_version}, "
        f"{QGuiApplication.platformName()}"
    )
    return about_text(
        version=__version__,
        data_dir=data_dir,
        portable=is_portable(data_dir),
        reference=editions(),
        fonts=font_licenses(),
        runtime=runtime,
    )


class AboutDialog(QDialog):
    """The About box: a heading and the selectable About text, with Close."""

    def __init__(self, data_dir: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("About Compliance Desk"))
        self.setObjectName("about")
        heading = QLabel(f"<b>Compliance Desk {__version__}</b>")
        self.text = QPlainTextEdit(current_about_text(data_dir))
        self.text.setReadOnly(True)
        self.text.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.GeneralFont))
        self.text.setMinimumSize(640, 360)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(self.text)
        layout.addWidget(buttons)


def show_about(parent: QWidget, data_dir: Path) -> AboutDialog:
    """Open the About box over ``parent`` (window-modal, not blocking) and return it."""
    dialog = AboutDialog(data_dir, parent)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()
    return dialog
