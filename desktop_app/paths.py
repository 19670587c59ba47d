"""Where the library lives: one folder, chosen by flag, environment variable or platform default.

Precedence: ``--data-dir`` on the command line, then ``--portable``, then
``COMPLIANCE_DESK_DATA_DIR``, then a ``portable.txt`` file beside the packaged program, then the
per-user data folder of the platform (platformdirs; ``%LOCALAPPDATA%`` on Windows, which is not
roamed or synced).

Portable mode keeps the library in ``data/`` beside the packaged program (the folder that holds
the ``compliance-desk`` executable), so the whole app and its library can travel on one drive.
Only a packaged (frozen) program has such a folder; run from a virtual environment, use
``--data-dir`` instead.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from platformdirs import user_config_dir, user_data_dir

from desktop_app.errors import ValidationError

APP_NAME = "compliance-desk"
ENV_VAR = "COMPLIANCE_DESK_DATA_DIR"
PORTABLE_MARKER = "portable.txt"
PORTABLE_FOLDER = "data"


@dataclass(frozen=True)
class LibraryPaths:
    """The files and folders of one library (docs/architecture.md#the-library-on-disk)."""

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


@dataclass(frozen=True)
class DataDirChoice:
    """The library folder for this run and what chose it."""

    path: Path
    source: str  # "flag", "portable flag", "environment", "portable.txt" or "per-user"

    @property
    def portable(self) -> bool:
        """True when the library lives beside the program (portable mode)."""
        return self.source in ("portable flag", "portable.txt")


def choose_data_dir(
    *,
    flag: str | None,
    portable_flag: bool,
    environ: Mapping[str, str],
    app_dir: Path | None,
    marker_present: bool,
    per_user: str,
) -> DataDirChoice:
    """Pick the library folder from what is known (a pure function; see the module docstring).

    ``app_dir`` is the folder of the packaged program (None when not packaged) and
    ``marker_present`` whether ``portable.txt`` sits in it. The path is returned as given;
    `resolve_data_dir` makes it absolute.
    """
    if flag is not None:
        if not flag.strip():
            raise ValidationError(
                {
                    "data_dir": "--data-dir was given an empty folder name; give the library "
                    "folder (omit --data-dir for the per-user library)."
                }
            )
        return DataDirChoice(Path(flag), "flag")
    if portable_flag:
        if app_dir is None:
            raise ValidationError(
                {
                    "portable": "--portable works in the packaged app only (its library goes "
                    "beside the program); here, use --data-dir DIR."
                }
            )
        return DataDirChoice(app_dir / PORTABLE_FOLDER, "portable flag")
    if environ.get(ENV_VAR):
        return DataDirChoice(Path(environ[ENV_VAR]), "environment")
    if app_dir is not None and marker_present:
        return DataDirChoice(app_dir / PORTABLE_FOLDER, "portable.txt")
    return DataDirChoice(Path(per_user), "per-user")


def app_dir() -> Path | None:
    """The folder of the packaged program, or None when run from Python (not frozen)."""
    if not getattr(sys, "frozen", False):
        return None
    return Path(sys.executable).resolve().parent


def data_dir_choice(flag: str | None = None, portable: bool = False) -> DataDirChoice:
    """The library folder for this run, made absolute, and what chose it; it need not exist."""
    here = app_dir()
    choice = choose_data_dir(
        flag=flag,
        portable_flag=portable,
        environ=os.environ,
        app_dir=here,
        marker_present=here is not None and (here / PORTABLE_MARKER).is_file(),
        per_user=user_data_dir(APP_NAME, appauthor=False),
    )
    return DataDirChoice(choice.path.expanduser().resolve(), choice.source)


def resolve_data_dir(flag: str | None = None, portable: bool = False) -> Path:
    """The library folder for this run, made absolute; it need not exist yet."""
    return data_dir_choice(flag, portable).path


def is_portable(root: Path) -> bool:
    """True when ``root`` is the portable library folder beside the packaged program."""
    here = app_dir()
    return here is not None and root.resolve() == (here / PORTABLE_FOLDER).resolve()


KEY_ENV_VAR = "COMPLIANCE_DESK_KEY_DIR"


def key_dir(environ: Mapping[str, str] | None = None) -> Path:
    """Where the libraries' audit keys and anchors live: outside every library folder.

    ``COMPLIANCE_DESK_KEY_DIR`` when set, else ``keys/`` in the per-user configuration folder
    of the platform. A library folder copied from a USB drive brings no key with it, so a chain
    rewritten on that copy cannot be re-authenticated (docs/architecture.md, "Audit anchor").
    """
    env = os.environ if environ is None else environ
    chosen = env.get(KEY_ENV_VAR, "").strip()
    if chosen:
        return Path(chosen).expanduser().absolute()
    return Path(user_config_dir(APP_NAME, appauthor=False)) / "keys"
