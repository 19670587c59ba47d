"""The worker the kill harness (test_kill_import.py) shoots: a fork server that files documents.

Run as ``python kill_worker.py CORPUS_DIR DATA_DIR MATTER_IDS``. Start-up (Python, the app's
modules, parsing the whole corpus) is paid once: this process reads every corpus file, parses
it in-process with the app's own parser, reports what each file must become on stdout
(``expect`` lines) and says ``ready``. Then, for each ``go START`` line on stdin, it forks a
child and reports ``child PID TIME``; the child opens the library, reports ``open``, and files the
corpus from index START on, one business operation (one `CorrespondenceService.file` call)
after another, writing ``ack`` (index, outcome, document id, SHA-256) after each one returned,
i.e. after its COMMIT. The supervisor SIGKILLs the child at a random moment; this process reaps
it and reports ``exit PID STATUS``. The parent never opens the library.

Index ``i`` files corpus file ``i % n`` on matter ``MATTER_IDS[i // n]``, so a long run goes
round the corpus again on the next matter (same bytes: the blob store's de-duplication path).
Every line is one ``os.write`` of less than PIPE_BUF bytes (except the ``expect`` lines, written
before any fork), so lines of a killed child are never torn or interleaved.
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
import time
from pathlib import Path

from desktop_app.core.correspondence import CorrespondenceService
from desktop_app.core.documents import ParsedFile, Rejected
from desktop_app.ingest.parse import parse_bytes
from desktop_app.ingest.storable import clean_name
from desktop_app.paths import LibraryPaths
from desktop_app.storage.library import Library

Parsed = ParsedFile | Rejected


def emit(line: str) -> None:
    """Write one line to stdout, unbuffered (a forked child must not share a buffer)."""
    data = (line + "\n").encode("utf-8")
    while data:
        data = data[os.write(1, data) :]


def tree(parsed: ParsedFile) -> list[object]:
    """What filing ``parsed`` must store: [sha256, has text, [children...]]."""
    return [
        hashlib.sha256(parsed.data).hexdigest(),
        bool(parsed.text),
        [tree(child) for child in parsed.children],
    ]


def expectation(index: int, name: str, parsed: Parsed) -> str:
    """The ``expect`` line for one corpus file."""
    if isinstance(parsed, Rejected):
        sha = hashlib.sha256(parsed.data).hexdigest() if parsed.data else ""
        body: dict[str, object] = {"quarantine": sha}
    else:
        body = {"tree": tree(parsed)}
    return "expect " + json.dumps({"index": index, "name": name, **body})


def run_child(
    root: Path,
    matter_ids: list[int],
    names: list[str],
    parsed: list[Parsed],
    start: int,
    count: int,
) -> None:
    """Open the library and file from ``start`` on (``count`` files, or until killed)."""
    pid = os.getpid()
    began = time.monotonic()
    library = Library.open(LibraryPaths(root), write=True)
    service = CorrespondenceService(library, library.blobs, "crash-worker")
    emit(f"open {pid} {time.monotonic():.6f} {began:.6f}")
    n = len(parsed)
    stop = min(start + count, n * len(matter_ids))
    for index in range(start, stop):
        outcome = service.file(matter_ids[index // n], names[index % n], parsed[index % n])
        emit(
            f"ack {pid} {index} {outcome.outcome.value} {outcome.document_id or 0} "
            f"{outcome.sha256 or '-'} {time.monotonic():.6f}"
        )
    library.close()
    emit(f"done {pid}")


def main(argv: list[str]) -> int:
    """Parse the corpus, then serve ``go START [COUNT]`` commands until stdin closes."""
    corpus, root = Path(argv[1]), Path(argv[2])
    matter_ids = [int(part) for part in argv[3].split(",")]
    files = sorted(p for p in corpus.iterdir() if p.is_file())
    names = [clean_name(p.name) for p in files]
    parsed = [parse_bytes(name, p.read_bytes()) for name, p in zip(names, files, strict=True)]
    for index, (name, one) in enumerate(zip(names, parsed, strict=True)):
        emit(expectation(index, name, one))
    emit(f"ready {len(files)}")
    for line in sys.stdin:
        words = line.split()
        if not words:
            continue
        start = int(words[1])
        count = int(words[2]) if len(words) > 2 else 1 << 30
        forked_at = time.monotonic()
        child = os.fork()
        if child == 0:  # pragma: no cover - runs in the forked child
            code = 0
            try:
                run_child(root, matter_ids, names, parsed, start, count)
            except BaseException as exc:
                emit(f"error {os.getpid()} {type(exc).__name__}: {exc}")
                code = 1
            os._exit(code)
        emit(f"child {child} {forked_at:.6f}")
        _, status = os.waitpid(child, 0)
        emit(f"exit {child} {status}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
