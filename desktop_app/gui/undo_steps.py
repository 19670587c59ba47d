"""The window's Undo and Redo lists: the steps this window's own saves made, newest last.

Each save through the gateway (`Gateway.run`) adds its step; Undo hands the newest to
`desktop_app.core.undo.UndoService` and keeps the reversal it wrote as the Redo; a new save
empties Redo, as in every editor. A step that cannot be undone (it filed originals) stays on the
list, so Undo never jumps over it to an older change. The lists hold audit numbers only and end
with the window (or with a restore, which replaces the library under them).
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from desktop_app.core.undo import Step

LIMIT = 100
"""How many steps Undo remembers."""


class UndoSteps(QObject):
    """Steps to undo and to redo; `changed` after each move, for the Edit menu."""

    changed = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._undo: list[Step] = []
        self._redo: list[Step] = []

    @property
    def next_undo(self) -> Step | None:
        """The step Undo would reverse."""
        return self._undo[-1] if self._undo else None

    @property
    def next_redo(self) -> Step | None:
        """The reversal Redo would reverse."""
        return self._redo[-1] if self._redo else None

    def did(self, step: Step) -> None:
        """A save of this window wrote ``step``: it can be undone, and nothing can be redone."""
        self._undo = [*self._undo, step][-LIMIT:]
        self._redo.clear()
        self.changed.emit()

    def undone(self, step: Step, reversal: Step | None) -> None:
        """``step`` was undone by ``reversal``, which Redo reverses in turn."""
        self._drop(self._undo, step)
        if reversal is not None:
            self._redo.append(Step(reversal.first, reversal.last, step.label))
        self.changed.emit()

    def redone(self, step: Step, reversal: Step | None) -> None:
        """The Redo ``step`` was reversed by ``reversal``, which Undo may reverse again."""
        self._drop(self._redo, step)
        if reversal is not None:
            self._undo.append(Step(reversal.first, reversal.last, step.label))
        self.changed.emit()

    def forget(self, step: Step) -> None:
        """``step`` can never be undone (its records changed since): take it off both lists."""
        self._drop(self._undo, step)
        self._drop(self._redo, step)
        self.changed.emit()

    def clear(self) -> None:
        """Forget every step (the library was replaced)."""
        self._undo.clear()
        self._redo.clear()
        self.changed.emit()

    @staticmethod
    def _drop(steps: list[Step], step: Step) -> None:
        if step in steps:
            steps.remove(step)
