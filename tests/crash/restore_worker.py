"""A restore that dies at its Nth rename, for test_kill_restore.py.

Run as ``python restore_worker.py DATA_DIR BACKUP_DIR N``: restores with ``--replace``, and the
Nth ``os.replace`` (a file moved aside, the journal written, the backup renamed in) ends the
process at once with ``os._exit`` — no finally block, no flush, as SIGKILL would. With N = 0
it runs to the end and prints how many renames it made.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from desktop_app.paths import LibraryPaths
from desktop_app.storage.restore import restore


def main() -> None:
    """Restore, dying at the Nth rename."""
    data_dir, backup, stop_at = Path(sys.argv[1]), Path(sys.argv[2]), int(sys.argv[3])
    real_replace = os.replace
    calls = 0

    def replace(src: object, dst: object) -> None:
        nonlocal calls
        calls += 1
        if calls == stop_at:
            os._exit(9)
        real_replace(src, dst)  # type: ignore[arg-type]

    os.replace = replace  # type: ignore[assignment]
    restore(LibraryPaths(data_dir), backup, replace=True)
    print(calls)


if __name__ == "__main__":
    main()
