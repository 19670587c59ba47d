"""Zoom for a PDF view: −, + and Fit width buttons, and Ctrl+Plus / Ctrl+Minus / Ctrl+= keys.

The keys answer while the focus is inside the widget the zoom is attached to, so the memo
preview and the document preview each zoom their own pages. The factor runs from 25 % to 400 %;
Fit width returns to the view's own fitting, which follows the pane as it is resized.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtWidgets import QHBoxLayout, QLabel, QToolButton, QWidget

from desktop_app.i18n import _

STEP = 1.25
LOWEST, HIGHEST = 0.25, 4.0


class Zoom(QObject):
    """Zoom ``view`` in and out; ``bar`` holds its buttons and the factor shown."""

    def __init__(self, view: QPdfView, keys_in: QWidget) -> None:
        super().__init__(view)
        self._view = view
        self.label = QLabel()
        self.bar = QWidget()
        row = QHBoxLayout(self.bar)
        row.setContentsMargins(0, 0, 0, 0)
        for text, tip, slot in (
            ("−", _("Zoom out (Ctrl+Minus)"), self.zoom_out),
            ("+", _("Zoom in (Ctrl+Plus)"), self.zoom_in),
            (_("Fit width"), _("Fit the page to the pane's width"), self.fit_width),
        ):
            button = QToolButton()
            button.setText(text)
            button.setToolTip(tip)
            button.clicked.connect(slot)
            row.addWidget(button)
        row.addWidget(self.label)
        for keys, slot in (
            (QKeySequence.StandardKey.ZoomIn, self.zoom_in),
            (QKeySequence("Ctrl+="), self.zoom_in),
            (QKeySequence.StandardKey.ZoomOut, self.zoom_out),
        ):
            shortcut = QShortcut(QKeySequence(keys), keys_in)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(slot)
        self._show()

    def factor(self) -> float:
        """The zoom now; while fitted to the width, the scale the fitting gives the first page."""
        if self._view.zoomMode() != QPdfView.ZoomMode.FitToWidth:
            return float(self._view.zoomFactor())
        document = self._view.document()
        if document is None or document.pageCount() == 0:
            return 1.0
        page = document.pagePointSize(0).width() * self._view.logicalDpiX() / 72
        margins = self._view.documentMargins()
        room = self._view.viewport().width() - margins.left() - margins.right()
        return max(LOWEST, min(room / page, HIGHEST)) if page > 0 else 1.0

    def zoom_in(self) -> None:
        """One step larger, up to 400 %."""
        self._set(min(self.factor() * STEP, HIGHEST))

    def zoom_out(self) -> None:
        """One step smaller, down to 25 %."""
        self._set(max(self.factor() / STEP, LOWEST))

    def fit_width(self) -> None:
        """Fit the pages to the view's width again."""
        self._view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self._show()

    def _set(self, factor: float) -> None:
        self._view.setZoomMode(QPdfView.ZoomMode.Custom)
        self._view.setZoomFactor(factor)
        self._show()

    def _show(self) -> None:
        fitted = self._view.zoomMode() == QPdfView.ZoomMode.FitToWidth
        self.label.setText(_("fit width") if fitted else f"{round(self.factor() * 100)} %")
