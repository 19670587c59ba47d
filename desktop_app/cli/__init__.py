"""The command line: one thin module per group of commands over the one application layer.

`entry.main` parses the arguments and runs one command; each command module registers its
subcommands and, when run, opens the library (`opening`), makes one service call or one read
(`Library.reads`) and prints (`textout`). See docs/architecture.md, "The write path".
"""

from __future__ import annotations

from desktop_app.cli.entry import main

__all__ = ["main"]
