"""The window's single way to the library: reads on the GUI thread, writes through the worker.

Every write runs a service call (`MatterService`, `CorrespondenceService`, `DecisionService`,
`ConditionService`, `MemoService`, `RetentionService`, `WithdrawalService`) on the writer
thread via `run_op`; then the gateway announces `library_changed` with a `Notice`: the result
and the `Change` read from the audit entries the write appended, so only the views it touched
reload. Each such write's entries are also a step for Edit → Undo (`steps`, reversed by `undo`
and `redo`). The reads live in `LibraryReads`. Long reads (building a memo PDF, verifying,
backing up) run with `build` on a second worker that owns its own read-only connection, started
on first use: a build neither waits behind writes nor holds them up, and works on a read-only
library too. A restore swaps the library underneath: `release` closes every connection and
`attach` hands the gateway the reopened one.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any, Generic, TypeVar

from PySide6.QtCore import Signal

from desktop_app.core.changes import Change
from desktop_app.core.correspondence import AS_PARSED, CorrespondenceService, Reader
from desktop_app.core.decisions import DecisionService
from desktop_app.core.documents import Document, FileOutcome, Filing
from desktop_app.core.memos import MemoService
from desktop_app.core.models import Matter
from desktop_app.core.obligations import ConditionService
from desktop_app.core.retention_service import RetentionService
from desktop_app.core.services import MatterService
from desktop_app.core.undo import Step, UndoService, step_of
from desktop_app.core.withdrawals import WithdrawalService
from desktop_app.errors import ChangedSinceError, NotUndoableError, ReadOnlyLibraryError
from desktop_app.gui.reads import LibraryReads
from desktop_app.gui.tasks import LongTask
from desktop_app.gui.undo_steps import UndoSteps
from desktop_app.gui.worker import LibraryWorker
from desktop_app.reference.ccl import CclEdition
from desktop_app.reference.country_groups import is_group
from desktop_app.storage.library import Library

log = logging.getLogger(__name__)
T = TypeVar("T")
S = TypeVar("S")
Op = Callable[[MatterService], T]
OnDone = Callable[[T], None] | None
OnError = Callable[[BaseException], None] | None


@dataclass(frozen=True)
class Notice:
    """What `library_changed` carries: the write's result (None if it failed) and its change."""

    result: object
    change: Change


@dataclass(frozen=True)
class Done(Generic[T]):
    """A write that returned, what it committed, and the step Undo would reverse."""

    result: T
    change: Change
    step: Step | None = None


@dataclass(frozen=True)
class Failed:
    """A write that raised, and what it had committed before (an import stopped half-way)."""

    error: Exception
    change: Change


Noted = Done[T] | Failed


def _noted(op: Callable[[Library], T]) -> Callable[[Library], Noted[T]]:
    """``op`` that also reports what it committed, read from the audit entries it appended.

    Its exception is handed on to the caller's error handler as before, together with what was
    committed before it, so the views show what was filed.
    """

    def run(library: Library) -> Noted[T]:
        seq = library.reads.audit_head()[0]
        try:
            result = op(library)
        except Exception as error:
            return Failed(error, _changed_since(library, seq))
        return Done(result, _changed_since(library, seq), _step_since(library, seq))

    return run


def _step_since(library: Library, seq: int) -> Step | None:
    """The step of the entries written after ``seq`` (None when there are none or unreadable)."""
    try:
        return step_of(library.reads.audit_range(seq + 1, library.reads.audit_head()[0]))
    except Exception:
        log.warning("what a write changed could not be read; it cannot be undone")
        return None


def _changed_since(library: Library, seq: int) -> Change:
    """What was written after entry ``seq``; when that cannot be read, assume everything."""
    try:
        return library.reads.changed_since(seq)
    except Exception:
        log.warning("what a write changed could not be read; reloading every view")
        return Change.all()


class Gateway(LibraryReads):
    """Reads and writes for the window."""

    library_changed = Signal(object)
    """A write changed the library: a `Notice` (its result, if it succeeded, and its `Change`)."""
    write_failed = Signal(object)
    """A write failed: the exception, for a dialog-less caller to show."""

    def __init__(
        self,
        reader: Library,
        worker: LibraryWorker | None,
        actor: str,
        *,
        ccl: Callable[[], CclEdition],
        file_reader: Reader,
        find_refs: Callable[[str], tuple[str, ...]],
    ) -> None:
        super().__init__()
        self.reader = reader
        self.worker = worker
        self.actor = actor
        self._ccl = ccl
        self.file_reader = file_reader
        self.find_refs = find_refs
        self._builder: LibraryWorker | None = None
        self.unchecked = False
        """True while the writer's ``quick_check`` waits for the window's first paint."""
        self.steps = UndoSteps(self)
        """What Edit → Undo and Redo would reverse."""

    @property
    def writable(self) -> bool:
        """False when the library is open read-only (held elsewhere, or failing its check)."""
        return self.worker is not None and self.reader.problem is None

    def write(self, op: Op[T], on_done: OnDone[T] = None, on_error: OnError = None) -> None:
        """Run ``op(service)`` with the matter service on the writer thread."""
        actor = self.actor
        heading = self.eccn_heading
        self.run(
            lambda library: op(MatterService(library, actor, eccn_heading=heading)),
            on_done,
            on_error,
        )

    def _serve(
        self,
        make: Callable[[Library], S],
        op: Callable[[S], T],
        on_done: OnDone[T],
        on_error: OnError,
    ) -> None:
        """Run ``op(make(library))`` on the writer thread: one service per write."""
        self.run(lambda library: op(make(library)), on_done, on_error)

    def decide(
        self,
        op: Callable[[DecisionService], T],
        on_done: OnDone[T] = None,
        on_error: OnError = None,
    ) -> None:
        """Run ``op(service)`` with the decision service on the writer thread."""
        actor = self.actor
        self._serve(
            lambda library: DecisionService(library, actor, is_group=is_group),
            op,
            on_done,
            on_error,
        )

    def follow_the_clock(self, today: Callable[[], date]) -> None:
        """Bring matter statuses up to today on the writer (day 45, a closed appeal window).

        The views reload only when a status changed. A failure is logged and changes nothing:
        the statuses stay as last recorded.
        """
        if self.worker is None or not self.writable:
            return
        actor = self.actor

        def done(outcome: Noted[tuple[Matter, ...]]) -> None:
            if isinstance(outcome, Failed):
                log.warning("statuses not brought up to date: %s", type(outcome.error).__name__)
            if not outcome.change.empty:
                result = outcome.result if isinstance(outcome, Done) else None
                self.library_changed.emit(Notice(result, outcome.change))

        self.worker.run_op(
            _noted(lambda library: DecisionService(library, actor, today=today).follow_the_clock()),
            done,
            lambda error: log.warning("statuses not brought up to date: %s", type(error).__name__),
        )

    def keep_conditions(
        self,
        op: Callable[[ConditionService], T],
        on_done: OnDone[T] = None,
        on_error: OnError = None,
    ) -> None:
        """Run ``op(service)`` with the condition service on the writer thread."""
        actor = self.actor
        self._serve(lambda library: ConditionService(library, actor), op, on_done, on_error)

    def withdrawals(
        self,
        op: Callable[[WithdrawalService], T],
        on_done: OnDone[T] = None,
        on_error: OnError = None,
        today: Callable[[], date] = date.today,
    ) -> None:
        """Run ``op(service)`` with the withdrawal service on the writer thread."""
        actor = self.actor
        self._serve(
            lambda library: WithdrawalService(library, actor, today=today), op, on_done, on_error
        )

    def memo(
        self,
        op: Callable[[MemoService], T],
        on_done: OnDone[T] = None,
        on_error: OnError = None,
    ) -> None:
        """Run ``op(service)`` with the memo service on the writer thread."""
        actor = self.actor
        self._serve(lambda library: MemoService(library, actor), op, on_done, on_error)

    def retention(
        self,
        op: Callable[[RetentionService], T],
        on_done: OnDone[T] = None,
        on_error: OnError = None,
        today: Callable[[], date] = date.today,
    ) -> None:
        """Run ``op(service)`` with the retention service (holds, trash, purge) on the writer."""
        actor = self.actor
        self._serve(
            lambda library: RetentionService(library, actor, library.blobs, today=today),
            op,
            on_done,
            on_error,
        )

    @property
    def warnings(self) -> tuple[str, ...]:
        """What the library said at open (risky location, failed backup), each said once."""
        said = list(self.worker.warnings) if self.worker is not None else []
        warning = self.reader.warning
        said += warning.split("\n") if warning else []
        return tuple(dict.fromkeys(w for w in said if w.strip()))

    def release(self) -> None:
        """Finish pending writes and builds, then close the writer and the reader."""
        if self.worker is not None:
            self.worker.close()
            self.worker = None
        self.close_builds()
        if not self.reader.closed:
            self.reader.close()

    def attach(self, reader: Library, worker: LibraryWorker | None) -> None:
        """Carry on over a (re)opened library, e.g. after a restore."""
        self.reader = reader
        self.worker = worker
        self.unchecked = False
        self.steps.clear()

    def check_library(self, on_done: Callable[[str | None], None]) -> None:
        """Run the ``quick_check`` deferred at open on the writer's thread, ahead of any write.

        ``on_done(problem)`` hears what is wrong (None when the library is sound); from then on
        the writer refuses every write if it failed.
        """
        self.unchecked = False
        if self.worker is None:
            on_done(None)
            return
        self.worker.run_op(lambda library: library.check(), on_done, self._check_failed(on_done))

    @staticmethod
    def _check_failed(on_done: Callable[[str | None], None]) -> Callable[[BaseException], None]:
        return lambda error: on_done(f"the check could not run: {error}")

    def build(
        self,
        op: Callable[[Library], T],
        on_done: Callable[[T], None],
        on_error: Callable[[BaseException], None],
    ) -> None:
        """Run ``op(library)`` on the build worker's read-only library; nothing is announced."""
        if self._builder is None:
            paths = self.reader.paths
            # No quick_check of its own: the session checked the file, or checks it just
            # after the first paint (`check_library`); on a big library it reads gigabytes.
            self._builder = LibraryWorker(lambda: Library.open(paths, write=False, checked=True))
        self._builder.run_op(op, on_done, on_error)

    @property
    def builds_pending(self) -> int:
        """Builds submitted whose callbacks have not run yet."""
        return self._builder.pending if self._builder is not None else 0

    def close_builds(self) -> None:
        """Finish a running build and close the build worker's library (if it was started)."""
        if self._builder is not None:
            self._builder.close()
            self._builder = None

    def file_documents(
        self,
        op: Callable[[CorrespondenceService], T],
        on_done: OnDone[T] = None,
        on_error: OnError = None,
    ) -> None:
        """Run ``op(service)`` with the correspondence service on the writer thread."""
        actor = self.actor
        self.run(
            lambda library: op(
                CorrespondenceService(library, library.blobs, actor, find_refs=self.find_refs)
            ),
            on_done,
            on_error,
        )

    def run(
        self,
        op: Callable[[Library], T],
        on_done: OnDone[T] = None,
        on_error: OnError = None,
    ) -> None:
        """Run ``op(library)`` on the writer thread; report back on the GUI thread."""
        if self.worker is None or not self.writable:
            (on_error or self.write_failed.emit)(
                ReadOnlyLibraryError("This library is open read-only.")
            )
            return

        failed = on_error or self.write_failed.emit

        def done(outcome: Noted[T]) -> None:
            if isinstance(outcome, Failed):
                if not outcome.change.empty:  # what was committed before the failure shows
                    self.library_changed.emit(Notice(None, outcome.change))
                failed(outcome.error)
                return
            if outcome.step is not None:
                self.steps.did(outcome.step)
            if on_done is not None:
                on_done(outcome.result)
            self.library_changed.emit(Notice(outcome.result, outcome.change))

        self.worker.run_op(_noted(op), done, failed)

    def undo(self, on_done: OnDone[Step] = None, on_error: OnError = None) -> None:
        """Reverse the newest step of this window's saves (Edit → Undo)."""
        step = self.steps.next_undo
        if step is not None:
            self._reverse(step, self.steps.undone, on_done, on_error)

    def redo(self, on_done: OnDone[Step] = None, on_error: OnError = None) -> None:
        """Reverse the newest Undo (Edit → Redo)."""
        step = self.steps.next_redo
        if step is not None:
            self._reverse(step, self.steps.redone, on_done, on_error)

    def _reverse(
        self,
        step: Step,
        record: Callable[[Step, Step | None], None],
        on_done: OnDone[Step],
        on_error: OnError,
    ) -> None:
        """Run the Undo service on ``step``; ``record`` moves it between the lists after."""
        failed = on_error or self.write_failed.emit
        if self.worker is None or not self.writable:
            failed(ReadOnlyLibraryError("This library is open read-only."))
            return
        actor = self.actor

        def done(outcome: Noted[None]) -> None:
            if isinstance(outcome, Failed):
                if isinstance(outcome.error, ChangedSinceError | NotUndoableError):
                    self.steps.forget(step)
                failed(outcome.error)
                return
            record(step, outcome.step)
            if on_done is not None:
                on_done(step)
            self.library_changed.emit(Notice(None, outcome.change))

        self.worker.run_op(
            _noted(lambda library: UndoService(library, actor).undo(step)), done, failed
        )

    def import_files(
        self,
        matter_id: int,
        paths: list[Path],
        task: LongTask,
        on_done: Callable[[list[FileOutcome]], None],
        *,
        filing: Filing = AS_PARSED,
    ) -> None:
        """File ``paths`` on a matter off the GUI thread, reporting to ``task``'s dialog.

        Cancel stops the import between files; what was filed before shows (``on_done``).
        ``filing`` says how (the direction counsel chose).
        """
        read = self.file_reader

        def op(service: CorrespondenceService) -> list[FileOutcome]:
            return service.import_paths(
                matter_id,
                paths,
                read,
                progress=task.relay.report,
                cancelled=task.relay.cancelled,
                filing=filing,
            )

        task.start(
            lambda done, failed: self.file_documents(op, done, failed),
            on_done,
            keep_cancelled=True,
        )

    def document_submitter(self) -> Callable[..., None]:
        """A `FormDialog` submit function that re-files a document."""

        def submit(
            record: Document,
            on_done: Callable[[Document], None],
            on_error: Callable[[BaseException], None],
        ) -> None:
            self.file_documents(lambda service: service.update_document(record), on_done, on_error)

        return submit

    def submitter(self, op: Callable[[MatterService, Any], T]) -> Callable[..., None]:
        """A `FormDialog` submit function that saves the dialog's record with ``op``."""
        return _submitter(self.write, op)

    def decision_submitter(self, op: Callable[[DecisionService, Any], T]) -> Callable[..., None]:
        """A `FormDialog` submit function that saves with a `DecisionService` method."""
        return _submitter(self.decide, op)

    def condition_submitter(self, op: Callable[[ConditionService, Any], T]) -> Callable[..., None]:
        """A `FormDialog` submit function that saves with a `ConditionService` method."""
        return _submitter(self.keep_conditions, op)


def _submitter(
    runner: Callable[[Callable[[S], T], OnDone[T], OnError], None],
    op: Callable[[S, Any], T],
) -> Callable[..., None]:
    """A `FormDialog` submit function: ``runner(lambda service: op(service, record), …)``."""

    def submit(
        record: Any, on_done: Callable[[T], None], on_error: Callable[[BaseException], None]
    ) -> None:
        runner(lambda service: op(service, record), on_done, on_error)

    return submit
