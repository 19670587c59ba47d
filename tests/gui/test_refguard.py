"""The window survives a long session despite PySide6 taking references from None."""

from __future__ import annotations

import subprocess
import sys
import textwrap

from desktop_app.gui import refguard

SESSION = textwrap.dedent(
    """
    import sys
    import time
    from PySide6.QtCore import QObject
    from desktop_app.gui import refguard
    from desktop_app.gui.app import application

    app = application()
    probe = QObject()
    for _ in range(CHUNKS):  # as a person works: bursts of calls, the event loop between
        for _ in range(CALLS):
            probe.setObjectName("a long session")
        time.sleep(refguard.INTERVAL_MS / 1000 + 0.01)
        app.processEvents()
    print(sys.getrefcount(None), refguard.spare_count(None))
    """
)


def run_session(chunks: int, calls: int) -> subprocess.CompletedProcess[str]:
    """``chunks`` times, make ``calls`` Qt calls that return nothing, in a fresh app process."""
    script = SESSION.replace("CHUNKS", str(chunks)).replace("CALLS", str(calls))
    return subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        timeout=120,
        env={"QT_QPA_PLATFORM": "offscreen", "PATH": "/usr/bin:/bin"},
        check=False,
    )


def test_a_long_session_of_qt_calls_does_not_abort() -> None:
    # 600,000 calls: far more than None's own count (some thousands) in a fresh process.
    done = run_session(12, refguard.FLOOR // 4)
    assert done.returncode == 0, done.stderr[-2000:]
    left, spares = (int(n) for n in done.stdout.split())
    assert left > 0
    if refguard.leaks():
        assert spares > 0  # the guard stepped in


def test_the_guard_is_on_exactly_when_the_binding_leaks() -> None:
    assert refguard.active() == refguard.leaks()
