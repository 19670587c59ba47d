"""A guard against a reference-count bug of PySide6 6.12 on Python 3.11.

Each call from Python to a Qt function that returns nothing takes a reference from ``None``
that it never gave (``Signal.emit`` likewise takes one from ``True``). On Python 3.12 and later
these objects are immortal and nothing happens; on 3.11 their counts fall with use, and when
one reaches zero the interpreter aborts ("Fatal Python error: none_dealloc: deallocating
None"). Measured here: opening a matter takes about 150 references from ``None``, so a session
died after some ninety matters.

When `install` finds the leak, it keeps spare references to ``None``, ``True`` and ``False``
and tops them up from a timer on the event loop (every `INTERVAL_MS`) and whenever the garbage
collector starts a pass, so no count can reach zero: between two top-ups the app would have to
make `FLOOR` such calls without once returning to the event loop. The spares cost eight bytes
per leaked reference. When a PySide6 release without the leak is installed, `install` finds
nothing and does nothing.
"""

from __future__ import annotations

import gc
import itertools
import logging
import sys
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from PySide6.QtCore import QCoreApplication

log = logging.getLogger(__name__)

INTERVAL_MS = 200
"""How often the event loop tops the spares up."""
FLOOR = 50_000
"""Top up when an object's count falls below this (a matter open takes about 150)."""
STEP = 100_000
"""How many references one top-up adds (800 kB)."""
GUARDED: tuple[object, ...] = (None, True, False)

# Never released while the leak lasts: dropping them would give back references the binding
# took, and the next count to reach zero aborts. Kept across a reload of this module.
_spares: dict[int, list[object]] = globals().get("_spares") or {id(v): [] for v in GUARDED}


def leaks() -> bool:
    """True when a Qt call returning nothing takes a reference from ``None``."""
    from PySide6.QtCore import QObject  # noqa: PLC0415 - the probe needs a Qt object

    probe = QObject()
    before = sys.getrefcount(None)
    for _ in range(64):
        probe.setObjectName("refguard")
    return sys.getrefcount(None) <= before - 32


def install(app: QCoreApplication) -> bool:
    """Guard ``None``, ``True`` and ``False`` if this PySide6 leaks; True when the guard is on.

    The timer that tops the spares up belongs to ``app`` and stops with it.
    """
    from PySide6.QtCore import QTimer  # noqa: PLC0415

    if active():
        return True
    if not leaks():
        return False
    top_up()
    gc.callbacks.append(_on_collect)
    timer = QTimer(app)
    timer.setObjectName("refguard")
    timer.timeout.connect(top_up)
    timer.start(INTERVAL_MS)
    log.info("PySide6 leaks references to None and booleans: guarding them")
    return True


def active() -> bool:
    """True once `install` has put the guard in place."""
    return _on_collect in gc.callbacks


def top_up() -> None:
    """Add spare references to each guarded object whose count is below `FLOOR`."""
    for value in GUARDED:
        if sys.getrefcount(value) < FLOOR:
            _spares[id(value)].extend(itertools.repeat(value, STEP))


def spare_count(value: object) -> int:
    """How many spare references the guard holds to ``value``."""
    return len(_spares.get(id(value), ()))


def _on_collect(phase: str, _info: dict[str, Any]) -> None:
    if phase == "start":
        top_up()
