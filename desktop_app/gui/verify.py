"""Tools → Verify library…: check the whole library off the GUI thread, then show what it found.

The check runs on the build worker's read-only connection (`Gateway.build`), so it works on a
read-only library and never holds up writes. Cancel stops it at its next progress report. The
result dialog lists every problem (monospace, scrollable) and saves the text report.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop_app.core.integrity import VerifyReport, report_lines
from desktop_app.core.text import visible
from desktop_app.gui.file_dialogs import save_file
from desktop_app.gui.gateway import Gateway
from desktop_app.gui.tasks import LongTask
from desktop_app.i18n import _
from desktop_app.storage.files import write_replacing
from desktop_app.storage.library import Library


class VerifyDialog(QDialog):
    """What a verification found: the summary line, every problem, and Save report…."""

    def __init__(self, report: VerifyReport, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.report = report
        self.lines = report_lines(report)
        self.setWindowTitle(_("Library verified") if report.ok else _("Library problems found"))
        self.summary = QLabel(self.lines[-1])
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        self.summary.setWordWrap(True)
        self.summary.setStyleSheet("font-weight: 600;" + ("" if report.ok else " color: #b00020;"))
        advice = QLabel(
            _("Every check passed.")
            if report.ok
            else _(
                "Each line names what is wrong and where. Save the report, and restore the "
                "library from a backup made before the problem if records were changed."
            )
        )
        advice.setWordWrap(True)
        self.text = QPlainTextEdit(readOnly=True)
        self.text.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.text.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        self.text.setPlainText("\n".join(self.lines[:-1]))
        self.save_button = QPushButton(_("&Save report…"))
        self.save_button.clicked.connect(self.save_report)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.addButton(self.save_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(advice)
        layout.addWidget(self.text, 1)
        layout.addWidget(buttons)
        self.resize(860, 300 if report.ok else 520)

    def report_text(self) -> str:
        """The text report, as `compliance-desk verify` prints it."""
        return "\n".join(self.lines) + "\n"

    def save_report(self) -> None:
        """Ask where, then write the text report there (a file there is replaced safely)."""
        title, text_files = _("Save verification report"), _("Text files (*.txt)")
        target = save_file(self, title, "report", "verify-report.txt", text_files)
        if target is None:
            return
        try:
            write_replacing(self.report_text().encode("utf-8"), target)
        except OSError as exc:
            QMessageBox.warning(
                self,
                _("Report not saved"),
                _("Could not save the report to {target}: {why}.").format(
                    target=target, why=exc.strerror or exc
                ),
            )


class LibraryCheck(QObject):
    """Runs Verify library… for the window and shows the result."""

    finished = Signal(object)
    """The verification ended: its `VerifyReport`, or None when it was cancelled or failed."""

    def __init__(self, gateway: Gateway, parent: QWidget) -> None:
        super().__init__(parent)
        self._gateway = gateway
        self._parent = parent
        self.task: LongTask | None = None
        """The verification under way, if any."""
        self.dialog: VerifyDialog | None = None

    def verify(self) -> None:
        """Verify the library off the GUI thread with a progress dialog (Cancel stops it)."""
        if self.task is not None:
            return
        paths = self._gateway.reader.paths
        title, failure = _("Verifying the library…"), _("Library not verified")
        task = self.task = LongTask(self._parent, title, failure, paths, label=_label)
        task.relay.dialog.setMinimumDuration(0)

        def op(library: Library) -> VerifyReport:
            from desktop_app.storage.integrity import verify_library  # noqa: PLC0415

            return verify_library(library, task.progress)

        task.start(
            lambda done, failed: self._gateway.build(op, done, failed),
            self._done,
            on_cancelled=lambda: self.finished.emit(None),
            on_failed=lambda error: self._failed(task, error),
            on_end=self._ended,
        )

    def _ended(self) -> None:
        self.task = None

    def _failed(self, task: LongTask, error: BaseException) -> None:
        self.finished.emit(None)
        task.report(error)

    def _done(self, report: VerifyReport) -> None:
        self.dialog = VerifyDialog(report, self._parent)
        self.dialog.open()
        self.finished.emit(report)


def _label(done: int, total: int, what: str) -> str:
    """The progress dialog's line for one step of the verification."""
    return _("Checking {what} ({percent}%)").format(
        what=visible(what)[:60], percent=done * 100 // max(total, 1)
    )
