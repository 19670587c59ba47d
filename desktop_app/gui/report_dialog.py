"""File → Docket report… and Conditions report…: the header lines, the day, and where to save.

The dialog is typed through like any form: To, From (your name and title from Preferences), CC,
As of, and the file to write (Browse… chooses one). Ctrl+Enter builds the PDF off the GUI thread
and writes it through a temporary file beside the target; the status bar says where it went.
reportlab is imported inside the operation, on the worker, so it stays off the start-up path.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import QHBoxLayout, QLineEdit, QMessageBox, QPushButton, QWidget

from desktop_app.core.people import Person
from desktop_app.core.report_request import (
    REPORTS,
    ReportRequest,
    default_sender,
    request_errors,
)
from desktop_app.errors import UserError, ValidationError
from desktop_app.gui.file_dialogs import save_file, start_folder
from desktop_app.gui.gateway import Gateway
from desktop_app.gui.shell import Shell
from desktop_app.gui.widgets.fields import DateField, read_required_date
from desktop_app.gui.widgets.form import FormDialog, TextBinding
from desktop_app.i18n import _
from desktop_app.storage.library import Library

PURPOSE = "report"


@dataclass(frozen=True)
class ReportJob:
    """A report to print and the file to write it to."""

    request: ReportRequest
    target: Path


def job_errors(job: ReportJob) -> dict[str, str]:
    """What stops the report: its header lines, or a target that cannot be written."""
    errors = request_errors(job.request)
    if not job.target.name:
        errors["target"] = _("Name the PDF file to write.")
    elif not job.target.parent.is_dir():
        errors["target"] = _("There is no folder {folder}.").format(folder=job.target.parent)
    elif job.target.is_dir():
        errors["target"] = _("{target} is a folder; name a file in it.").format(target=job.target)
    return errors


class ReportDialog(FormDialog[ReportJob]):
    """The header, day and file of one library-wide report."""

    def __init__(self, gateway: Gateway, which: str, today: date, parent: QWidget | None) -> None:
        super().__init__(REPORTS[which], _submitter(gateway), parent, check=job_errors)
        self.setObjectName(f"report-{which}")
        self._which = which
        me: Person | None = gateway.people().get(gateway.actor)
        default = ReportRequest(which, today, sender=default_sender(me))
        self.to = TextBinding(QLineEdit(), default.to)
        self.from_line = TextBinding(QLineEdit(), default.sender)
        self.cc = TextBinding(QLineEdit(), default.cc)
        self.as_of = DateField(today)
        self.target = QLineEdit(str(start_folder(PURPOSE) / f"{which}-report.pdf"))
        self._chosen: Path | None = None
        browse = QPushButton(_("&Browse…"))
        browse.clicked.connect(self._browse)
        row = QWidget()
        line = QHBoxLayout(row)
        line.setContentsMargins(0, 0, 0, 0)
        line.addWidget(self.target, 1)
        line.addWidget(browse)
        self.add_row("to", _("&To"), self.to.widget)
        self.add_row(
            "sender",
            _("&From"),
            self.from_line.widget,
            _("Your name and title, from Edit → Preferences."),
        )
        self.add_row("cc", _("&CC"), self.cc.widget)
        self.add_row("as_of", _("&As of"), self.as_of, _("The day the report speaks as of."))
        self.add_row("target", _("&Save to"), row)
        self.resize(620, 330)

    def build(self) -> ReportJob:
        """The report as the fields describe it."""
        errors: dict[str, str] = {}
        day = read_required_date(self.as_of, "as_of", errors, _("Give the day (YYYY-MM-DD)."))
        if day is None:
            raise ValidationError(errors)
        request = ReportRequest(
            self._which,
            day,
            self.to.value().strip(),
            self.from_line.value().strip(),
            self.cc.value(),
        )
        return ReportJob(request, Path(self.target.text().strip()).expanduser())

    def save(self) -> None:
        """Write the report, asking first when a file is already at the target."""
        target = Path(self.target.text().strip()).expanduser()
        asked = target == self._chosen  # the file chooser asked already
        if target.is_file() and not asked and not self._replace_ok(target):
            return
        super().save()

    def _replace_ok(self, target: Path) -> bool:
        answer = QMessageBox.question(
            self,
            _("Replace the file?"),
            _("{name} already exists in {folder}. Replace it?").format(
                name=target.name, folder=target.parent
            ),
        )
        return answer == QMessageBox.StandardButton.Yes

    def _browse(self) -> None:
        chosen = save_file(
            self, _("Save the report as"), PURPOSE, Path(self.target.text()).name,
            _("PDF files (*.pdf)"),
        )  # fmt: skip
        if chosen is not None:
            self._chosen = chosen
            self.target.setText(str(chosen))


def _submitter(gateway: Gateway) -> Callable[..., None]:
    def submit(
        job: ReportJob,
        on_done: Callable[[Path], None],
        on_error: Callable[[BaseException], None],
    ) -> None:
        gateway.build(lambda library: _write(library, job), on_done, on_error)

    return submit


def _write(library: Library, job: ReportJob) -> Path:
    """Build the report on the worker and write it (the target replaced only once complete)."""
    from desktop_app.reports.make_conditions import report_pdf  # noqa: PLC0415 - reportlab
    from desktop_app.storage.files import write_replacing  # noqa: PLC0415 - only here

    head = library.reads.audit_head()
    data = report_pdf(library.reads, job.request)
    try:
        write_replacing(data, job.target)
    except OSError as exc:
        raise UserError(
            _("Could not write {target}: {why}. Nothing else changed.").format(
                target=job.target, why=exc.strerror or exc
            )
        ) from exc
    library.publish(head, f"the {job.request.which} report written to {job.target}")
    return job.target


class ReportActions(QObject):
    """The File menu's reports for the window ``shell``."""

    def __init__(self, shell: Shell) -> None:
        super().__init__(shell)
        self._shell = shell
        self.dialog: ReportDialog | None = None

    def docket(self) -> None:
        """Ask for the docket report's header and file, then write it."""
        self._open("docket")

    def conditions(self) -> None:
        """Ask for the conditions report's header and file, then write it."""
        self._open("conditions")

    def _open(self, which: str) -> None:
        dialog = ReportDialog(self._shell.gateway, which, self._shell.today(), self._shell)
        self.dialog = dialog
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.finished.connect(lambda _result: setattr(self, "dialog", None))
        dialog.saved.connect(self._saved)
        dialog.open()

    def _saved(self, target: Path) -> None:
        message = _("Saved the report as {target}.").format(target=target)
        self._shell.statusBar().showMessage(message, 10000)
