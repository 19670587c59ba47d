"""File → Back up… and File → Restore…, and the daily backup when the window closes.

A backup copies the library into a new folder off the GUI thread (on the build worker, whose
read-only connection never holds up writes) and shows its manifest summary. A restore shows
the chosen backup's manifest and asks; then the window's library is closed (writer, builds,
reader), the backup is checked whole and swapped in on a thread of its own, and the library is
reopened in the same window. A library that holds data is only ever kept aside, after asking.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QMessageBox

from desktop_app.errors import UserError
from desktop_app.gui.errors import message_for
from desktop_app.gui.file_dialogs import folder
from desktop_app.gui.shell import Shell
from desktop_app.gui.tasks import LongTask
from desktop_app.gui.worker import Detached
from desktop_app.i18n import _
from desktop_app.storage.backup_check import UnsealedBackupError, read_manifest
from desktop_app.storage.library import Library
from desktop_app.storage.manifest import Manifest
from desktop_app.storage.rotation import daily_backup_due

if TYPE_CHECKING:
    from desktop_app.storage.restore import Restored

_UNSEALED = _(
    "The backup passed every check, but its manifest carries no seal this computer can check: "
    "it was made by an older version, or on a computer whose key for this library is not "
    "here. A change made to the backup together with its manifest could not be found.\n\n"
    "Restore it only if you trust where it was kept. Restore it?"
)


def summary_lines(manifest: Manifest) -> str:
    """A backup's manifest in a few lines for a message box."""
    summary = manifest.summary()
    return "\n".join(
        (
            _("Made {at} by Compliance Desk {version}").format(
                at=summary["created_at"], version=summary["app_version"]
            ),
            _(
                "{m} matters, {d} documents, {b} originals ({mb:.1f} MB), every one SHA-256 checked"
            ).format(
                m=summary["matters"],
                d=summary["documents"],
                b=summary["blobs"],
                mb=summary["blob_bytes"] / 1e6,
            ),
            _("Audit chain head: entry {seq}, {hash}").format(
                seq=manifest.head_seq, hash=manifest.head_hash[:16] + "…"
            ),
        )
    )


def backup_folder(chosen: Path, now: datetime) -> Path:
    """Where a backup goes: the chosen folder if it is empty, else a new folder inside it."""
    if chosen.is_dir() and any(chosen.iterdir()):
        return chosen / f"Compliance Desk backup {now.strftime('%Y-%m-%d %H%M%S')}"
    return chosen


class Backups(QObject):
    """Back up, restore, and the daily backup on exit, for the main window."""

    finished = Signal()
    """A backup or a restore ended (whatever the outcome); tests wait on it."""

    def __init__(self, window: Shell) -> None:
        super().__init__(window)
        self._window = window
        self.detached = Detached(self)
        self.restoring = False

    # -- back up -------------------------------------------------------------------------

    def back_up(self) -> None:
        """Ask for a new or empty folder, then back the library up into it."""
        window = self._window
        chosen = folder(window, _("Back up the library into a new or empty folder"), "backup")
        if chosen is None:
            return
        out = backup_folder(chosen, datetime.now())
        task = self._task(_("Backing up the library…"), _("Not backed up"))

        def op(library: Library) -> Manifest:
            from desktop_app.storage.backup import create_backup  # noqa: PLC0415 - only here

            return create_backup(library.paths, out)

        def done(manifest: Manifest) -> None:
            QMessageBox.information(
                window,
                _("Backup made"),
                _("The library is backed up in {out}.").format(out=out)
                + "\n\n"
                + summary_lines(manifest),
            )
            window.statusBar().showMessage(_("Backed up to {out}.").format(out=out), 8000)
            self.finished.emit()

        task.start(
            lambda on_done, on_error: window.gateway.build(op, on_done, on_error),
            done,
            on_failed=lambda error: self._failed(task, error),
        )

    # -- restore -------------------------------------------------------------------------

    def restore(self) -> None:
        """Ask for a backup folder, show what it holds and ask, then restore it in place."""
        window = self._window
        chosen = folder(window, _("Choose the backup to restore"), "restore")
        if chosen is None:
            return
        source = chosen
        try:
            manifest = read_manifest(source)
        except UserError as error:
            QMessageBox.warning(window, _("Not a backup"), error.message)
            return
        except OSError as error:  # an unreadable drive or file: say so, do not crash
            QMessageBox.warning(
                window,
                _("Not a backup"),
                _("Could not read {path}: {why}").format(path=source, why=error.strerror or error),
            )
            return
        answer = QMessageBox.question(
            window,
            _("Restore this backup?"),
            _(
                "Restore the library from {source}?\n\n{summary}\n\nThe backup is checked whole "
                "first; a damaged backup changes nothing. The current library is never deleted."
            ).format(source=source, summary=summary_lines(manifest)),
        )
        if answer != QMessageBox.StandardButton.Yes or not window.may_close_library():
            return
        self.restoring = True
        window.close_library()
        self._restore(source)

    def _restore(self, source: Path, *, aside: Path | None = None, unsealed: bool = False) -> None:
        """Restore ``source``; with ``aside``, the library there is moved into that folder."""
        from desktop_app.storage.restore import restore  # noqa: PLC0415 - only here

        paths = self._window.library_paths
        task = self._task(_("Checking and restoring the backup…"), _("Not restored"))
        task.start(
            lambda on_done, on_error: self.detached.run(
                lambda: restore(
                    paths, source, replace=aside is not None, accept_unsealed=unsealed, aside=aside
                ),
                on_done,
                on_error,
            ),
            self._restored,
            on_failed=lambda error: self._not_restored(
                task, source, error, aside=aside, unsealed=unsealed
            ),
        )

    def _restored(self, done: Restored) -> None:
        self.restoring = False
        window = self._window
        if not window.reopen_library():
            self.finished.emit()
            return
        text = _("The library is restored from the backup made {at}.").format(
            at=done.manifest.created_at
        )
        if not done.sealed:
            text += "\n\n" + _(
                "Its manifest carried no seal this computer could check; you chose to restore it."
            )
        if done.kept_aside is not None:
            text += "\n\n" + _("The previous library is kept, unchanged, in {aside}.").format(
                aside=done.kept_aside
            )
        QMessageBox.information(window, _("Library restored"), text)
        window.statusBar().showMessage(_("Library restored."), 8000)
        self.finished.emit()

    def _not_restored(
        self,
        task: LongTask,
        source: Path,
        error: BaseException,
        *,
        aside: Path | None,
        unsealed: bool = False,
    ) -> None:
        window = self._window
        if isinstance(error, UnsealedBackupError) and not unsealed:
            buttons = QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No
            no = QMessageBox.StandardButton.No  # Enter does not accept an unchecked backup
            answer = QMessageBox.question(
                window, _("Restore an unsealed backup?"), _UNSEALED, buttons, no
            )
            if answer == QMessageBox.StandardButton.Yes:
                self._restore(source, aside=aside, unsealed=True)
                return
            error = UserError(_("Nothing was restored: the backup carries no seal."))
        from desktop_app.storage.restore import LibraryHoldsDataError  # noqa: PLC0415 - as restore

        found = error if isinstance(error, LibraryHoldsDataError) else None
        if found is not None and aside is None:
            question = _(
                "The library folder {root} holds {what}.\n\nKeep the current library aside as "
                "{aside} and restore?"
            ).format(root=found.root, what=found.what, aside=found.aside)
            answer = QMessageBox.question(window, _("Keep the current library aside?"), question)
            if answer == QMessageBox.StandardButton.Yes:
                self._restore(source, aside=found.aside, unsealed=unsealed)
                return
        self.restoring = False
        reopened = window.reopen_library()
        if found is None and reopened:
            self._failed(task, error)
            return
        if reopened:
            window.statusBar().showMessage(_("Nothing was restored."), 8000)
        self.finished.emit()

    # -- the daily backup on exit --------------------------------------------------------

    def daily_backup(self, then: Callable[[], object]) -> bool:
        """Start the daily backup if one is due and return True (``then`` runs after); else False.

        A failure is shown briefly as a warning; it never keeps the window open.
        """
        gateway = self._window.gateway
        worker = gateway.worker
        if worker is None or not gateway.writable:
            return False
        if not daily_backup_due(self._window.library_paths, datetime.now(UTC)):
            return False
        task = self._task(_("Making the daily backup…"), _("Daily backup not made"))

        def done(warning: str | None) -> None:
            if warning:
                QMessageBox.warning(self._window, _("Daily backup not made"), warning)
            self.finished.emit()
            then()

        def failed(error: BaseException) -> None:  # never keeps the window open, even for a bug
            done(message_for(error) or _("The daily backup failed: {error}").format(error=error))

        task.start(
            lambda on_done, on_error: worker.run_op(
                lambda library: library.daily_backup(), on_done, on_error
            ),
            done,
            on_failed=failed,
        )
        return True

    # -- helpers -------------------------------------------------------------------------

    def _task(self, title: str, failure: str) -> LongTask:
        paths = self._window.library_paths
        return LongTask(self._window, title, failure, paths, cancellable=False)

    def _failed(self, task: LongTask, error: BaseException) -> None:
        self.finished.emit()
        task.report(error)
