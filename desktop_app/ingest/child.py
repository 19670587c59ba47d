"""The reader process's side of the pipe, and the format of what crosses it.

Down the pipe: a request (the file to read, the name of its copy in staging, its name), pickled
by the parent. The child copies the file into staging, hashing it (`staging`), and answers with
short messages: ``p`` while the copy makes progress, ``s`` + the `Staged` copy once it is
complete and before a byte of it is parsed, then ``r`` + the result. Results carry no bytes:
attachments split out of an email are written to staging too, and named by their `Staged`
copy. The parent unpickles with an allow-list of our record classes, so even a child taken over
by a malicious file cannot make the parent run code through pickle.

The child lives under a hard address-space limit (``Limits.reader_memory``): a file that
needs more ends in MemoryError, which quarantines it, not in a machine out of memory. It ends
itself when its parent does (a second pipe, which reads end-of-file then).
"""

from __future__ import annotations

import contextlib
import dataclasses
import io
import os
import pickle
import signal
import threading
import time
from collections.abc import Callable
from multiprocessing.connection import Connection
from pathlib import Path

from desktop_app.core.documents import EmailHeaders, ParsedFile, Rejected, Staged
from desktop_app.ingest.limits import Limits, size_text
from desktop_app.ingest.parse import EMPTY_REASON, short_error
from desktop_app.ingest.staging import (
    NotReadError,
    Progress,
    read_staged,
    stage_bytes,
    stage_copy,
)

Result = ParsedFile | Rejected
Target = Callable[[str, bytes, Limits], Result]
Stager = Callable[[Path, Path, Progress], Staged]
Request = tuple[str, str, str]
READY = b"ready"
PROGRESS = b"p"
STAGED = b"s"
RESULT = b"r"
PROGRESS_EVERY = 8 << 20
_ALLOWED = frozenset(
    ("desktop_app.core.documents", cls.__name__)
    for cls in (ParsedFile, Rejected, EmailHeaders, Staged)
)


def serve(
    conn: Connection,
    watch: Connection,
    limits: Limits,
    target: Target,
    stager: Stager = stage_copy,
) -> None:
    """The child's loop: a request in, progress, the staged copy and a result out, until told."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is for the parent to handle
    _end_with_parent(watch)
    limit_memory(limits.reader_memory)
    conn.send_bytes(READY)
    while True:
        try:
            request: Request | None = conn.recv()
            if request is None:
                return
        except (EOFError, OSError):
            return  # the parent went away
        result = read_one(conn, request, limits, target, stager)
        conn.send_bytes(RESULT + dumps(result))


def limit_memory(ceiling: int) -> None:
    """Cap this process's address space at ``ceiling`` bytes (where the system allows it)."""
    try:
        import resource  # noqa: PLC0415 - not on Windows

        _soft, hard = resource.getrlimit(resource.RLIMIT_AS)
        if hard != resource.RLIM_INFINITY:
            ceiling = min(ceiling, hard)
        resource.setrlimit(resource.RLIMIT_AS, (ceiling, hard))
    except (ImportError, ValueError, OSError):
        pass


def _end_with_parent(watch: Connection) -> None:
    """End this process as soon as the parent's end of ``watch`` closes (the parent died)."""

    def wait() -> None:
        with contextlib.suppress(EOFError, OSError):
            watch.recv_bytes()
        os._exit(3)

    threading.Thread(target=wait, name="parent-watch", daemon=True).start()


def read_one(
    conn: Connection, request: Request, limits: Limits, target: Target, stager: Stager
) -> Result:
    """Copy one file into staging (telling the parent as it goes), then parse the copy."""
    source, copy, filename = request
    reported, last = 0, time.monotonic()

    def progress(copied: int) -> None:
        """Tell the parent the copy moves: every 8 MiB, and at least each second data comes."""
        nonlocal reported, last
        now = time.monotonic()
        if copied - reported >= PROGRESS_EVERY or now - last >= 1.0:
            conn.send_bytes(PROGRESS)
            reported, last = copied, now

    try:
        staged = stager(Path(source), Path(copy), progress)
    except NotReadError as error:
        return Rejected(filename, error.reason, not_read=True, store_failed=error.store_failed)
    conn.send_bytes(STAGED + pickle.dumps(staged, pickle.HIGHEST_PROTOCOL))
    return parse_staged(filename, staged, limits, target)


def parse_staged(filename: str, staged: Staged, limits: Limits, target: Target) -> Result:
    """Parse a staged copy; the result names staged copies instead of carrying bytes."""
    if staged.size == 0:
        return Rejected(filename, EMPTY_REASON, staged=staged)
    if staged.size > limits.max_read:
        reason = (
            f"too large to read: {size_text(staged.size)} (the limit is "
            f"{size_text(limits.max_read)}); the original is kept unread"
        )
        return Rejected(filename, reason, staged=staged)
    try:
        result = target(filename, read_staged(staged), limits)
        return _without_bytes(result, staged)
    except MemoryError:
        return Rejected(
            filename, "too large to read in memory; the original is kept", staged=staged
        )
    except Exception as error:  # the child must answer every file
        return Rejected(filename, f"could not be read: {short_error(error)}", staged=staged)


def _without_bytes(result: Result, staged: Staged) -> Result:
    """``result`` with the top-level bytes dropped and every attachment's bytes staged."""
    if isinstance(result, Rejected):
        return dataclasses.replace(result, data=b"", staged=staged)
    staging = Path(staged.path).parent
    return dataclasses.replace(
        result,
        data=b"",
        staged=staged,
        children=tuple(_child_staged(child, staging) for child in result.children),
    )


def _child_staged(child: ParsedFile, staging: Path) -> ParsedFile:
    return dataclasses.replace(
        child,
        data=b"",
        staged=stage_bytes(child.data, staging),
        children=tuple(_child_staged(grandchild, staging) for grandchild in child.children),
    )


def dumps(result: Result) -> bytes:
    """A result pickled for the trip to the parent."""
    return pickle.dumps(result, pickle.HIGHEST_PROTOCOL)


def loads(payload: bytes) -> Result:
    """A result from the child.

    Raises `pickle.UnpicklingError` (or TypeError) for anything but our record classes.
    """
    result = _AllowList(io.BytesIO(payload)).load()
    if not isinstance(result, ParsedFile | Rejected):
        raise TypeError("the reader sent something that is not a result")
    return result


def load_staged(payload: bytes) -> Staged:
    """The staged copy the child reported, checked to be one."""
    staged = _AllowList(io.BytesIO(payload)).load()
    if not isinstance(staged, Staged):
        raise TypeError("the reader sent something that is not a staged copy")
    return staged


class _AllowList(pickle.Unpickler):
    """Unpickles only our record classes and plain values."""

    def find_class(self, module: str, name: str) -> type:
        """Refuse every class but our record classes."""
        if (module, name) in _ALLOWED:
            return super().find_class(module, name)  # type: ignore[no-any-return]
        raise pickle.UnpicklingError(f"{module}.{name} is not allowed from the reader")
