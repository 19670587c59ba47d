"""The window: ``gui`` (the default command) and ``screenshot``."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import Any

from desktop_app.cli.common import add_command
from desktop_app.errors import EXIT_BAD_INPUT, EXIT_OK
from desktop_app.paths import LibraryPaths


def register(sub: Any) -> None:
    """Register ``gui`` and ``screenshot``."""
    add_command(sub, "gui", run_gui, "open the window (the default)")
    shot = add_command(sub, "screenshot", run_screenshot, "draw the window into a PNG file")
    shot.add_argument("out", metavar="OUT.png", type=Path)
    shot.add_argument("--case", help="open this matter's workspace")
    shot.add_argument(
        "--view",
        default="docket",
        help="agenda, docket, search, or a matter tab (overview, parties, items, activities, "
        "correspondence, determinations, conditions, memos, history)",
    )
    shot.add_argument(
        "--query", default="", help="what to type into the search box (--view search)"
    )


def run_gui(args: argparse.Namespace, paths: LibraryPaths) -> int:
    """Open the window; without a display to show it on, say so and stop."""
    if not _has_display():
        print(
            "compliance-desk: no display found (DISPLAY and WAYLAND_DISPLAY are unset), so the "
            "window cannot be shown. Run it from a desktop session, or use the commands: "
            "compliance-desk --help.",
            file=sys.stderr,
        )
        return EXIT_BAD_INPUT
    from desktop_app.gui.app import run_app  # noqa: PLC0415 - Qt loads only for the window

    return run_app(paths)


def _has_display() -> bool:
    """Whether a window can be shown (QT_QPA_PLATFORM chosen by the caller counts as one)."""
    if os.environ.get("QT_QPA_PLATFORM") or sys.platform in ("win32", "darwin"):
        return True
    return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


def run_screenshot(args: argparse.Namespace, paths: LibraryPaths) -> int:
    """Render the window offscreen into a PNG."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # before Qt is first imported
    from desktop_app.gui.screenshot import take_screenshot  # noqa: PLC0415 - Qt on demand

    take_screenshot(paths, args.out, case=args.case, view=args.view, query=args.query)
    print(f"wrote {args.out}")
    return EXIT_OK
