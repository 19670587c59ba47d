"""Small pieces every command uses: registering a subcommand, dates, JSON, progress, PDFs."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

from desktop_app.core.text import visible as printable
from desktop_app.core.validation import FIRST_YEAR, LAST_YEAR, parse_date
from desktop_app.errors import EXIT_OK, UserError, ValidationError
from desktop_app.paths import LibraryPaths

MAX_DAYS = 3650
MAX_RESULTS = 10_000
Handler = Callable[[argparse.Namespace, LibraryPaths], int]


def add_command(
    sub: Any, name: str, handler: Handler, help_text: str, json_flag: bool = False
) -> argparse.ArgumentParser:
    """Add subcommand ``name`` run by ``handler`` (with ``--json`` when asked) and return it."""
    cmd: argparse.ArgumentParser = sub.add_parser(name, help=help_text, description=help_text)
    cmd.set_defaults(handler=handler, command=name)
    if json_flag:
        cmd.add_argument("--json", action="store_true", help="print one JSON document")
    return cmd


def iso_day(text: str) -> date:
    """A date written 2026-12-31, for argparse's ``type=``."""
    try:
        return parse_date(text, "date") or date.today()
    except ValidationError:
        raise argparse.ArgumentTypeError(
            f"{text!r} is not a date like 2026-12-31 (years {FIRST_YEAR}–{LAST_YEAR})"
        ) from None


def print_json(value: object) -> None:
    """Print ``value`` as one JSON document (no NaN, UTF-8 as written)."""
    json.dump(value, sys.stdout, ensure_ascii=False, indent=2, allow_nan=False)
    sys.stdout.write("\n")


def terminal_progress() -> Callable[[int, int, str], None]:
    """A progress line on standard error when it is a terminal; silence otherwise."""
    if not sys.stderr.isatty():
        return lambda _done, _total, _name: None

    def show(done: int, total: int, name: str) -> None:
        end = "\n" if done >= total else ""
        print(f"\r[{done}/{total}] {printable(name)[:60]:<60}", end=end, file=sys.stderr)

    return show


def write_pdf(pdf: bytes, out: Path) -> int:
    """Write ``pdf`` to ``out`` and print where; a path that cannot be written is refused."""
    try:
        out.write_bytes(pdf)
    except OSError as exc:
        raise UserError(f"cannot write {out}: {exc.strerror or exc}") from None
    print(out)
    return EXIT_OK


def confirm_by_number(number: str, command: str, deletes: str, question: str, done: str) -> None:
    """Ask on a terminal for the matter's number typed out; UserError when not confirmed.

    Off a terminal nothing is asked and nothing deleted: the person adds ``--yes``.
    ``deletes`` says what ``command`` deletes, ``question`` asks, ``done`` is the past participle.
    """
    if not sys.stdin.isatty():
        raise UserError(
            f"{command} deletes {number} and {deletes}; nothing was deleted. "
            "Run it on a terminal to confirm, or add --yes."
        )
    answer = input(f"{question} Type {number} to confirm: ")
    if answer.strip().upper() != number.upper():
        raise UserError(f"Not confirmed; {number} was not {done}.")
