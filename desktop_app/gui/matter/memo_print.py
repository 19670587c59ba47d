"""Printing a built memo: each PDF page rendered to an image and painted onto the printer.

The memo is printed from the very bytes that were previewed (and would be saved or issued), so
what comes out of the printer is what the file says. Pages are rendered at the printer's
resolution, at most `MAX_DPI` (a page at 1200 dpi would need half a gigabyte of memory).
"""

from __future__ import annotations

from PySide6.QtCore import QRect, QSize, Qt
from PySide6.QtGui import QPageLayout, QPainter
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QWidget

from desktop_app.errors import UserError
from desktop_app.i18n import _

MAX_DPI = 300
POINTS_PER_INCH = 72


def page_span(printer: QPrinter, pages: int) -> range:
    """The 0-based pages to print: the range chosen in the print dialog, else every page."""
    if printer.printRange() == QPrinter.PrintRange.PageRange and printer.fromPage() > 0:
        first = printer.fromPage()
        last = printer.toPage() or pages
        return range(first - 1, min(last, pages))
    return range(pages)


def paint_pages(document: QPdfDocument, printer: QPrinter, span: range | None = None) -> int:
    """Paint the pages of ``document`` in ``span`` (default: as chosen) onto ``printer``.

    Each page is scaled to fit the paper, centred, keeping its shape. Returns the pages painted.
    """
    pages = page_span(printer, document.pageCount()) if span is None else span
    if not pages:
        return 0
    printer.setFullPage(True)
    painter = QPainter()
    if not painter.begin(printer):
        raise UserError(_("The printer could not be started. Nothing was printed."))
    try:
        dpi = min(printer.resolution(), MAX_DPI)
        paper = printer.pageLayout().fullRectPixels(printer.resolution())
        for count, index in enumerate(pages):
            if count and not printer.newPage():
                raise UserError(_("The printer stopped after {n} pages.").format(n=count))
            size = document.pagePointSize(index)
            pixels = QSize(
                round(size.width() * dpi / POINTS_PER_INCH),
                round(size.height() * dpi / POINTS_PER_INCH),
            )
            image = document.render(index, pixels)
            painter.drawImage(_fit(pixels, paper), image)
    finally:
        painter.end()
    return len(pages)


def _fit(size: QSize, paper: QRect) -> QRect:
    """``size`` scaled to fit inside ``paper``, keeping its shape, centred."""
    scaled = size.scaled(paper.size(), Qt.AspectRatioMode.KeepAspectRatio)
    left = paper.left() + (paper.width() - scaled.width()) // 2
    top = paper.top() + (paper.height() - scaled.height()) // 2
    return QRect(left, top, scaled.width(), scaled.height())


def print_document(document: QPdfDocument, parent: QWidget) -> int:
    """Ask where and what to print (the print dialog), then print; returns the pages printed."""
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setPageOrientation(QPageLayout.Orientation.Portrait)
    dialog = QPrintDialog(printer, parent)
    dialog.setMinMax(1, max(document.pageCount(), 1))
    dialog.setOption(QPrintDialog.PrintDialogOption.PrintPageRange, True)
    if dialog.exec() != QPrintDialog.DialogCode.Accepted:
        return 0
    return paint_pages(document, printer)
