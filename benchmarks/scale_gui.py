"""Child process of the scale benchmark: the real window, offscreen, on a big library.

Usage: python -m benchmarks.scale_gui LIBRARY_ROOT [--opens N]
Prints one JSON document on stdout with, in milliseconds or MB:

- ``docket``: keystroke -> view updated in the docket filter (``filter_box.setText`` with one
  more or one less character, then the pending events delivered and the table repainted), and the
  same keystrokes on a bare ``QSortFilterProxyModel`` (fixed-string, case-insensitive) over a
  ``QStringListModel`` holding each matter's number, title and counsel in a plain ``QTableView``
  of the same size, alternating keystroke by keystroke;
- ``memory``: VmHWM (peak RSS) after the window opened and the docket was scrolled end to end,
  and VmHWM before the library was opened (Qt and our modules imported, QApplication made);
- ``open``: ``MainWindow.open_case`` of the matter nearest 5,000 documents to its workspace
  painted (events delivered, then a synchronous repaint), with the Correspondence tab in
  front, against the same for a matter with few documents, alternating.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path

SCREEN = Path(__file__).parents[1] / "tests" / "data" / "offscreen-screen.json"
if os.environ.get("QT_QPA_PLATFORM", "offscreen").startswith("offscreen"):
    os.environ["QT_QPA_PLATFORM"] = f"offscreen:configfile={SCREEN}"

from PySide6.QtCore import QSortFilterProxyModel, QStringListModel, Qt  # noqa: E402
from PySide6.QtWidgets import QApplication, QMainWindow, QTableView, QWidget  # noqa: E402

from desktop_app.gui.app import application, open_session  # noqa: E402
from desktop_app.gui.main_window import MainWindow  # noqa: E402
from desktop_app.paths import LibraryPaths  # noqa: E402

WORDS = ("export", "ana ruiz", "ec-2024-0", "licen", "zan", "deemed fore", "x")


def vm(field: str) -> float:
    """A /proc/self/status figure (VmHWM, VmRSS) in MB."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1]) / 1024
    return 0.0


def keystrokes() -> list[str]:
    """Type each word letter by letter, then delete it letter by letter."""
    texts: list[str] = []
    for word in WORDS:
        texts += [word[:i] for i in range(1, len(word) + 1)]
        texts += [word[:i] for i in range(len(word) - 1, -1, -1)]
    return texts


def settle(app: QApplication, widget: QWidget) -> None:
    """Deliver the pending events, then paint ``widget`` (and what it holds) now.

    A synchronous ``repaint`` rather than waiting for a paint event: PySide6 6.12 on Python
    3.11 crashes ("deallocating None") with a Python event filter watching the table views.
    """
    app.processEvents()
    widget.repaint()


def bare_table(rows: list[str]) -> tuple[QMainWindow, QSortFilterProxyModel, QTableView]:
    """The baseline: a trivial model, a bare proxy, a plain table in a main window."""
    window = QMainWindow()
    model = QStringListModel(rows, window)
    proxy = QSortFilterProxyModel(window)
    proxy.setSourceModel(model)
    proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
    view = QTableView()
    view.setModel(proxy)
    window.setCentralWidget(view)
    return window, proxy, view


def main() -> None:
    """Run the three measurements and print them as JSON."""
    parser = argparse.ArgumentParser()
    parser.add_argument("root", type=Path)
    parser.add_argument("--opens", type=int, default=9)
    args = parser.parse_args()
    app = application()
    before = vm("VmHWM")
    session = open_session(LibraryPaths(args.root), "benchmark")
    window = MainWindow(session.gateway, settings=None)
    window.resize(1400, 900)
    window.show()
    while not window.agenda_loaded:
        app.processEvents()
    docket = window.docket
    window.views.setCurrentWidget(docket)
    app.processEvents()
    summaries = docket.model.rows()
    texts = [f"{s.matter.number} {s.matter.title} {s.matter.counsel}" for s in summaries]
    bare, proxy, view = bare_table(texts)
    bare.resize(window.size())
    bare.show()
    app.processEvents()
    ours: list[float] = []
    base: list[float] = []
    for text in keystrokes():
        start = time.perf_counter()
        docket.filter_box.setText(text)
        settle(app, docket.table.viewport())
        ours.append((time.perf_counter() - start) * 1000)
        start = time.perf_counter()
        proxy.setFilterFixedString(text)
        settle(app, view.viewport())
        base.append((time.perf_counter() - start) * 1000)
    bare.close()
    docket.filter_box.setText("")
    app.processEvents()
    table = docket.table
    page = max(1, table.viewport().height() // max(1, table.rowHeight(0)))
    for row in range(0, docket.proxy.rowCount(), page):
        table.scrollTo(docket.proxy.index(row, 0))
        app.processEvents()
    table.scrollToBottom()
    app.processEvents()
    memory = {"peak_mb": vm("VmHWM"), "rss_mb": vm("VmRSS"), "before_mb": before}
    opens = measure_opens(app, window, args.opens)
    session.close()
    print(json.dumps({"docket": {"ours": ours, "base": base}, "memory": memory, "open": opens}))
    sys.stdout.flush()
    os._exit(0)  # skip Qt teardown of a 10,000-row window: it is not what is measured


def measure_opens(app: QApplication, window: MainWindow, runs: int) -> dict[str, object]:
    """Open the matter with about 5,000 documents and a small one in turn; ms to the paint."""
    db = window.gateway.reader.db
    counted = db.execute(
        "SELECT m.number, count(d.id) FROM matters m JOIN documents d ON d.matter_id = m.id "
        "GROUP BY m.id ORDER BY abs(count(d.id) - 5000)"
    ).fetchall()
    big, big_count = counted[0]
    small, small_count = counted[len(counted) // 2]
    window.open_case(small)
    window.show_tab("correspondence")
    app.processEvents()
    times: dict[str, list[float]] = {"big": [], "small": []}
    for _ in range(runs):
        for name, number in (("big", big), ("small", small)):
            start = time.perf_counter()
            window.open_case(number)
            settle(app, window.workspace)
            times[name].append((time.perf_counter() - start) * 1000)
    return {
        "big": times["big"],
        "small": times["small"],
        "big_documents": big_count,
        "small_documents": small_count,
    }


if __name__ == "__main__":
    main()
