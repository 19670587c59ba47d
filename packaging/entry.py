"""The frozen program's entry point (PyInstaller's script): ``compliance-desk`` in the bundle.

``multiprocessing.freeze_support()`` must come first: the ingest readers run in child
processes started with "spawn" (desktop_app.ingest.isolated), and in a frozen build such a child
is this same executable, started with arguments that freeze_support recognises and serves.
"""

import multiprocessing
import sys

if __name__ == "__main__":
    multiprocessing.freeze_support()
    from desktop_app.cli import main

    sys.exit(main())
