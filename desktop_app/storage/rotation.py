"""Automatic backups: rotating generations in ``<data-dir>/backups/<UTC>-<reason>/``.

``rotate`` makes one more generation and, only once it has succeeded, deletes all but the newest
seven. ``daily_backup_due`` tells the window whether to make one on exit. ``backup_quietly`` is
the hook for automatic backups: a failure is logged and returned as a warning to show, never
raised, so it cannot stop the app from opening.
"""

from __future__ import annotations

import logging
import re
import sqlite3
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

from desktop_app.errors import UserError
from desktop_app.paths import LibraryPaths
from desktop_app.storage import files
from desktop_app.storage.backup import create_backup
from desktop_app.storage.manifest import Manifest

log = logging.getLogger(__name__)

GENERATIONS = 7
DAILY = timedelta(hours=24)
STAMP = "%Y%m%dT%H%M%SZ"
GENERATION = re.compile(r"^(\d{8}T\d{6}Z)-[a-z0-9][a-z0-9-]*$")
REASON = re.compile(r"^[a-z0-9][a-z0-9-]{0,40}$")
PRE_MIGRATION = "before-migration"
DAILY_REASON = "daily"


def generations(paths: LibraryPaths) -> list[Path]:
    """The finished automatic backups, oldest first (half-made ones are hidden and skipped)."""
    if not paths.backups.is_dir():
        return []
    found = [p for p in paths.backups.iterdir() if p.is_dir() and GENERATION.match(p.name)]
    return sorted(found, key=lambda p: p.name)


def rotate(
    paths: LibraryPaths,
    reason: str,
    *,
    source: sqlite3.Connection | None = None,
    now: Callable[[], datetime] = lambda: datetime.now(UTC),
    keep: int = GENERATIONS,
) -> Manifest:
    """Write a new generation for ``reason``, then keep only the newest ``keep``."""
    if not REASON.match(reason):
        raise ValueError(f"{reason!r} is not a backup reason (lowercase letters, digits, -)")
    at = now().astimezone(UTC)
    name = f"{at.strftime(STAMP)}-{reason}"
    target, n = paths.backups / name, 1
    while target.exists():
        n += 1
        target = paths.backups / f"{name}-{n}"
    manifest = create_backup(paths, target, source=source, now=lambda: at)
    older = [g for g in generations(paths) if g != target]
    for old in older[: max(0, len(older) - (keep - 1))]:
        files.remove_tree(old)  # oldest first; the one just written is always kept
    return manifest


def daily_backup_due(paths: LibraryPaths, now: datetime) -> bool:
    """True when the library exists and no generation is younger than 24 hours."""
    if not paths.database.is_file():
        return False
    at = now.astimezone(UTC)
    made = [_made_at(p) for p in generations(paths)]
    past = [m for m in made if m is not None and m <= at]  # a clock once set ahead is ignored
    newest = max(past, default=None)
    return newest is None or at - newest >= DAILY


def backup_quietly(
    paths: LibraryPaths,
    reason: str,
    *,
    source: sqlite3.Connection | None = None,
    now: Callable[[], datetime] = lambda: datetime.now(UTC),
) -> str | None:
    """Make an automatic backup; return None, or a warning saying why it failed (logged too)."""
    try:
        rotate(paths, reason, source=source, now=now)
    except (UserError, OSError, sqlite3.Error) as exc:
        log.warning("automatic backup (%s) failed: %s", reason, type(exc).__name__)
        detail = exc.message if isinstance(exc, UserError) else str(exc)
        return (
            f"The automatic backup ({reason}) failed: {detail} Make a backup yourself "
            "(File → Back up…, or `compliance-desk backup OUT`)."
        )
    log.info("automatic backup (%s) written", reason)
    return None


def _made_at(generation: Path) -> datetime | None:
    match = GENERATION.match(generation.name)
    if match is None:
        return None
    return datetime.strptime(match.group(1), STAMP).replace(tzinfo=UTC)
