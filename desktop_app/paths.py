"""Where the library lives: one folder, chosen by flag, environment variable or platform default.

Precedence: ``--data-dir`` on the command line, then ``COMPLIANCE_DESK_DATA_DIR``, then the
per-user data folder of the platform (platformdirs; ``%LOCALAPPDATA%`` on Windows, which is not
roamed or synced).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from platformdirs import user_data_dir

APP_NAME = "compliance-desk"
ENV_VAR = "COMPLIANCE_DESK_DATA_DIR"


@dataclass(frozen=True)
class LibraryPaths:
    """The files and folders of one library (ARCHITECTURE §2)."""

    root: Path

    @property
    def database(self) -> Path:
        """The SQLite file."""
        return self.root / "library.db"

    @property
    def blobs(self) -> Path:
        """Content-addressed originals."""
        return self.root / "blobs"

    @property
    def staging(self) -> Path:
        """Half-written blobs, swept at start."""
        return self.root / "staging"

    @property
    def backups(self) -> Path:
        """Rotated backups with manifests."""
        return self.root / "backups"

    @property
    def logs(self) -> Path:
        """Rotating log files."""
        return self.root / "logs"

    @property
    def lock(self) -> Path:
        """The single-writer lock file."""
        return self.root / "lock"


def resolve_data_dir(flag: str | None = None) -> Path:
    """The library folder for this run, made absolute; it need not exist yet."""
    chosen = flag or os.environ.get(ENV_VAR) or user_data_dir(APP_NAME, appauthor=False)
    return Path(chosen).expanduser().resolve()
