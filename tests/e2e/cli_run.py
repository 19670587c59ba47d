"""Running the real command line in a child process, the way every e2e test does."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

REPO_ROOT = Path(__file__).parents[2]
SAMPLE_TEMPLATE: list[Path] = []
"""The session's sample library (tests/e2e/conftest.py puts it here)."""


def run_cli(
    data_dir: Path, *args: str, cwd: Path = REPO_ROOT, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """``python -m desktop_app --data-dir DATA_DIR ARGS…``, output captured, no terminal input.

    ``env`` replaces the environment (None: this process's).
    """
    return subprocess.run(
        [sys.executable, "-m", "desktop_app", "--data-dir", str(data_dir), *args],
        capture_output=True,
        stdin=subprocess.DEVNULL,
        text=True,
        encoding="utf-8",
        cwd=cwd,
        env=env,
        timeout=120,
        check=False,
    )


def run_in(cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """The command line with its library in ``cwd/data`` and ``cwd`` as working folder."""
    return run_cli(cwd / "data", *args, cwd=cwd)


def audit_head(cwd: Path) -> tuple[int, str]:
    """The audit chain's head of the library ``run_in(cwd, …)`` uses, read read-only."""
    from desktop_app.paths import LibraryPaths
    from desktop_app.storage.library import Library

    library = Library.open(LibraryPaths(cwd / "data"), write=False)
    try:
        return library.reads.audit_head()
    finally:
        library.close()


def given_sample(data_dir: Path) -> None:
    """A library at ``data_dir`` holding the sample matters, as ``sample`` would leave it."""
    [template] = SAMPLE_TEMPLATE
    shutil.copytree(template, data_dir, symlinks=True, dirs_exist_ok=True)
