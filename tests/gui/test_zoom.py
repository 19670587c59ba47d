"""The PDF previews zoom from the keys and the buttons, within bounds, and fit the width again."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QVBoxLayout, QWidget
from pytestqt.qtbot import QtBot

from desktop_app.gui.widgets.zoom import HIGHEST, LOWEST, Zoom
from tests.gui.conftest import LOADED_WAIT as WAIT

CTRL = Qt.KeyboardModifier.ControlModifier


def _zoomed(qtbot: QtBot) -> tuple[QWidget, QPdfView, Zoom]:
    """A pane with a zoomed view (the caller keeps the pane: it owns the view)."""
    pane = QWidget()
    qtbot.addWidget(pane)
    view = QPdfView()
    view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
    zoom = Zoom(view, pane)
    QVBoxLayout(pane).addWidget(view)
    pane.show()
    pane.activateWindow()
    qtbot.waitUntil(pane.isActiveWindow, timeout=WAIT)
    view.setFocus()
    return pane, view, zoom


def test_ctrl_plus_and_minus_zoom_and_fit_width_returns(qtbot: QtBot) -> None:
    _pane, view, zoom = _zoomed(qtbot)
    assert zoom.label.text() == "fit width"
    QTest.keyClick(view, Qt.Key.Key_Equal, CTRL)
    assert view.zoomMode() == QPdfView.ZoomMode.Custom
    assert view.zoomFactor() == 1.25
    assert zoom.label.text() == "125 %"
    QTest.keyClick(view, Qt.Key.Key_Minus, CTRL)
    QTest.keyClick(view, Qt.Key.Key_Minus, CTRL)
    assert zoom.label.text() == "80 %"
    zoom.fit_width()
    assert view.zoomMode() == QPdfView.ZoomMode.FitToWidth
    assert zoom.label.text() == "fit width"


def test_the_zoom_stays_within_its_bounds(qtbot: QtBot) -> None:
    _pane, view, zoom = _zoomed(qtbot)
    for _ in range(20):
        zoom.zoom_in()
    assert view.zoomFactor() == HIGHEST
    for _ in range(40):
        zoom.zoom_out()
    assert view.zoomFactor() == LOWEST


def test_zooming_from_fit_width_starts_from_the_fitted_scale(qtbot: QtBot) -> None:
    import io

    from PySide6.QtPdf import QPdfDocument
    from reportlab.pdfgen.canvas import Canvas

    from desktop_app.gui.matter.preview import load_pdf

    out = io.BytesIO()
    page = Canvas(out, pagesize=(612, 792))
    page.drawString(72, 720, "one page")
    page.save()
    pane, view, zoom = _zoomed(qtbot)
    pane.resize(420, 500)
    document = QPdfDocument(pane)
    buffer = load_pdf(document, out.getvalue(), None)
    view.setDocument(document)
    qtbot.waitUntil(lambda: document.pageCount() == 1, timeout=WAIT)
    fitted = zoom.factor()
    assert 0.25 < fitted < 0.6  # a Letter page in a 420-pixel pane
    zoom.zoom_out()
    assert view.zoomFactor() < fitted  # smaller than it was, not 80 %
    assert buffer.parent() is document  # the pane owns the pages, and they their bytes
