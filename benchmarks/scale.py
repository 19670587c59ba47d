"""Speed at scale: every figure of issue 8 on a generated library, each against its baseline.

Usage: .venv/bin/python -m benchmarks.scale [--quick] [--json OUT] [--seed N] [--cache DIR]
Generates (or takes from the cache, see `benchmarks.generate`) the library, then measures, each
figure alternating with its baseline in the same run so the noise of a shared machine hits both:

  startup   process start -> first paint of the main window on the big library
            (benchmarks/startup_probe.py) vs a bare QMainWindow process
  rows      process start -> the view the window opens on (the agenda) painted with its rows
            (startup_probe.py rows) vs a bare QMainWindow process
  docket    keystroke -> view updated in the docket filter vs a bare QSortFilterProxyModel
            (benchmarks/scale_gui.py, in a child process with the real window offscreen)
  search    storage.search.search vs a raw FTS5 MATCH on the same index (as benchmarks/search.py)
  import    1,000 generated .eml files with attachments through importing.import_files
            (isolated reader processes) vs parse + SHA-256 + insert into a bare sqlite table
  memo      case memo of the matter with 1,000 documents and 200 conditions vs reportlab alone
            laying out the same story (benchmarks/memo.py)
  open      MainWindow.open_case of the largest matter (5,000 documents) to its first paint
            vs a matter with a few documents
  verify    fixity throughput of storage.integrity.verify_library vs hashlib alone (SHA-256 and
            MD5 of every original, read from disk)
  memory    peak RSS with the big library open and the docket scrolled end to end vs the same
            process before the library was opened

Prints a table (median, P95, baseline, ratio, target) and writes JSON with --json.
"""

from __future__ import annotations

import argparse
import email.policy
import hashlib
import json
import os
import platform
import random
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, replace
from datetime import date
from email import message_from_bytes
from email.message import EmailMessage
from functools import partial
from pathlib import Path

from benchmarks import memo as memo_bench
from benchmarks.generate import CACHE, FULL, QUICK, Size, Words, build
from benchmarks.search import rows as fts_rows
from benchmarks.search import timed
from benchmarks.startup import first_paint_ms, probe, probe_env
from desktop_app.core.enums import MatterKind
from desktop_app.core.models import Matter
from desktop_app.core.search_query import parse_query
from desktop_app.core.services import MatterService
from desktop_app.paths import LibraryPaths
from desktop_app.storage import queries
from desktop_app.storage.library import Library
from desktop_app.storage.search import search
from desktop_app.storage.search_index import WORDS

DAY = "2026-11-27"
WARM_UP = 900
"""Seconds the start-up probes' first run may take: the first open by newer code upgrades the
cached library (a backup of it first), 75 s at full size here; the probe's usual 60 s would
stop it half-way."""


@dataclass
class Figure:
    """One line of the table."""

    name: str
    unit: str
    median: float
    p95: float | None
    base_median: float
    base_p95: float | None
    ratio: float
    target: str
    met: bool
    note: str = ""


def p95(values: list[float]) -> float:
    """The 95th percentile (the largest value when there are few)."""
    if len(values) < 20:
        return max(values)
    return statistics.quantiles(values, n=100)[94]


def measure_startup(paths: LibraryPaths, runs: int) -> Figure:
    """First paint of the app on the big library vs a bare QMainWindow, alternating."""
    with tempfile.TemporaryDirectory() as home:
        env = probe_env(home)
        bare, app = [], []
        probe(["app", str(paths.root)], env, WARM_UP)  # warm the page cache
        for _ in range(runs):
            bare.append(first_paint_ms(["bare"], env))
            app.append(first_paint_ms(["app", str(paths.root)], env))
    m, b = statistics.median(app), statistics.median(bare)
    ratio = m / b
    return Figure(
        "start -> first paint", "ms", m, p95(app), b, p95(bare), ratio, "<= 3.5x", ratio <= 3.5
    )


def measure_rows(paths: LibraryPaths, runs: int) -> Figure:
    """Start to the opening view painted with its rows vs a bare QMainWindow, alternating."""
    with tempfile.TemporaryDirectory() as home:
        env = probe_env(home)
        bare: list[float] = []
        app: list[float] = []
        marks: dict[str, list[float]] = {}
        probe(["rows", str(paths.root)], env, WARM_UP)  # warm the page cache
        for _ in range(runs):
            bare.append(first_paint_ms(["bare"], env))
            run = probe(["rows", str(paths.root)], env)
            app.append(run.ms)
            for name, ms in run.marks.items():
                marks.setdefault(name, []).append(ms)
    view, rows = run.said
    m, b = statistics.median(app), statistics.median(bare)
    ratio = m / b
    stamps = ", ".join(f"{name} {statistics.median(ms):,.0f}" for name, ms in marks.items())
    return Figure(
        f"start -> {view} with rows",
        "ms",
        m,
        p95(app),
        b,
        p95(bare),
        ratio,
        "<= 3x",
        ratio <= 3,
        f"{int(rows):,} rows; median ms from spawn: {stamps}",
    )


def measure_search(paths: LibraryPaths, seed: int, count: int) -> Figure:
    """Our search vs a raw FTS5 MATCH (ranked, first 50) on the same index, alternating."""
    words = Words(random.Random(seed)).vocabulary  # noqa: S311 - the generator's own words
    rng = random.Random(seed + 1)  # noqa: S311
    library = Library.open(paths, write=False)
    sql = f"SELECT rowid FROM [{WORDS}] WHERE [{WORDS}] MATCH ? ORDER BY rank LIMIT 50"  # noqa: S608
    ours, raw = [], []
    try:
        for _ in range(count):
            text = " ".join(rng.choices(words[:5000], k=rng.choice((1, 1, 2))))
            fts = " AND ".join(f'"{w}"' for w in text.split())
            raw.append(timed(partial(fts_rows, library, sql, fts)))
            ours.append(timed(partial(search, library.db, parse_query(text))))
    finally:
        library.close()
    mine, base = p95(ours), p95(raw)
    ratio = mine / base
    return Figure(
        "search (P95)",
        "ms",
        statistics.median(ours),
        mine,
        statistics.median(raw),
        base,
        ratio,
        "P95 <= 50 ms and <= 1.5x",
        mine <= 50 and ratio <= 1.5,
        "ratio of P95s",
    )


def make_emails(folder: Path, count: int, seed: int) -> list[Path]:
    """``count`` .eml files made with the stdlib email package, most with attachments."""
    rng = random.Random(seed)  # noqa: S311
    words = Words(rng, 3000)
    folder.mkdir(parents=True, exist_ok=True)
    files = []
    for n in range(count):
        message = EmailMessage()
        message["From"] = f"Sender {n % 37} <sender{n % 37}@example.com>"
        message["To"] = "counsel@example.com"
        message["Subject"] = words.sentence(rng.randint(3, 9)).rstrip(".")
        message["Date"] = "Fri, 27 Nov 2026 10:00:00 +0000"
        message["Message-ID"] = f"<bench{n}.{seed}@example.com>"
        message.set_content(words.text(rng.randint(40, 400)))
        for a in range(rng.choice((0, 1, 1, 2))):
            if rng.random() < 0.5:
                data = rng.randbytes(rng.randint(20_000, 200_000))
                message.add_attachment(
                    data, maintype="application", subtype="octet-stream", filename=f"scan{a}.bin"
                )
            else:
                message.add_attachment(words.text(rng.randint(100, 800)), filename=f"notes{a}.txt")
        path = folder / f"{n:04d}.eml"
        path.write_bytes(message.as_bytes())
        files.append(path)
    return files


def raw_import(files: list[Path], database: Path) -> float:
    """Seconds to parse, SHA-256 and insert each file and its parts into a bare table."""
    start = time.perf_counter()
    conn = sqlite3.connect(database)
    conn.execute("CREATE TABLE IF NOT EXISTS parts (sha256 TEXT, name TEXT, data BLOB)")
    for path in files:
        data = path.read_bytes()
        message = message_from_bytes(data, policy=email.policy.default)
        rows = [(hashlib.sha256(data).hexdigest(), path.name, data)]
        for part in message.walk():
            if part.is_multipart():
                continue
            payload = part.get_payload(decode=True)
            payload = payload if isinstance(payload, bytes) else b""
            rows.append((hashlib.sha256(payload).hexdigest(), part.get_filename() or "", payload))
        with conn:
            conn.executemany("INSERT INTO parts VALUES (?, ?, ?)", rows)
    conn.close()
    return time.perf_counter() - start


def app_import(files: list[Path], root: Path) -> float:
    """Seconds for importing.import_files on a new library with one matter."""
    from desktop_app.importing import import_files  # noqa: PLC0415

    paths = LibraryPaths(root)
    library = Library.open(paths, write=True)
    try:
        matter = MatterService(library, "benchmark").create_matter(
            Matter("Import benchmark", MatterKind.INTERNAL_REVIEW)
        )
        start = time.perf_counter()
        outcomes = import_files(
            library, matter.record.number, files, "benchmark", lambda _i, _n, _s: None
        )
        seconds = time.perf_counter() - start
    finally:
        library.close()
    if sum(o.outcome.value == "imported" for o in outcomes) != len(files):
        raise SystemExit("the import benchmark did not import every file")
    return seconds


def measure_import(count: int, runs: int, seed: int) -> Figure:
    """Files per second through the app's import vs the raw baseline, alternating."""
    ours, raw = [], []
    with tempfile.TemporaryDirectory(prefix="cd-import-bench-") as folder:
        files = make_emails(Path(folder) / "mail", count, seed)
        for run in range(runs):
            raw.append(count / raw_import(files, Path(folder) / f"raw{run}.db"))
            ours.append(count / app_import(files, Path(folder) / f"lib{run}"))
    m, b = statistics.median(ours), statistics.median(raw)
    ratio = m / b
    return Figure(
        f"import {count:,} emails",
        "files/s",
        m,
        None,
        b,
        None,
        ratio,
        ">= 50/s and >= 0.5x",
        m >= 50 and ratio >= 0.5,
        f"median of {runs} run(s)",
    )


def measure_memo(paths: LibraryPaths, runs: int) -> Figure:
    """Our memo of the memo matter vs reportlab alone laying out the same story."""
    library = Library.open(paths, write=False)
    try:
        db = library.db
        matter_id = db.execute(
            "SELECT matter_id FROM conditions GROUP BY matter_id ORDER BY count(*) DESC LIMIT 1"
        ).fetchone()[0]
        record = queries.matter_record(db, queries.matter_by_id(db, matter_id))
        head = queries.audit_head(db)
    finally:
        library.close()
    memo_bench.ours(replace(record, documents=record.documents[:20]), head)  # warm up: fonts
    ours, base = [], []
    for _ in range(runs):
        ours.append(memo_bench.ours(record, head) * 1000)
        base.append(memo_bench.plain(record, head) * 1000)
    m, b = statistics.median(ours), statistics.median(base)
    counts = f"{len(record.documents):,} documents, {len(record.decisions.conditions)} conditions"
    return Figure("memo", "ms", m, p95(ours), b, p95(base), m / b, "<= 1.3x", m / b <= 1.3, counts)


def measure_verify(paths: LibraryPaths) -> Figure:
    """verify_library's fixity throughput vs SHA-256 + MD5 of the same files with hashlib."""
    from desktop_app.storage.integrity import verify_library  # noqa: PLC0415

    # Read every original once first: both sides then hash from the page cache. Cold, both
    # wait on the disk (this machine's reads ~100 MB/s), which says nothing about verify.
    raw_hash_mb_per_s(paths)
    library = Library.open(paths, write=False)
    try:
        report = verify_library(library)
    finally:
        library.close()
    ours = report.figures.hash_mb_per_s
    base = raw_hash_mb_per_s(paths)
    note = f"{report.figures.blob_bytes / 1e6:,.0f} MB in {report.figures.blobs:,} originals"
    if not report.ok:
        note += "; VERIFY FOUND PROBLEMS"
    return Figure(
        "verify fixity", "MB/s", ours, None, base, None, ours / base, ">= 200 MB/s",
        ours >= 200, note,
    )  # fmt: skip


def raw_hash_mb_per_s(paths: LibraryPaths) -> float:
    """SHA-256 and MD5 of every file under blobs/, in 1 MiB reads."""
    total, start = 0, time.perf_counter()
    for path in sorted(paths.blobs.rglob("*")):
        if not path.is_file():
            continue
        sha, md5 = hashlib.sha256(), hashlib.md5(usedforsecurity=False)
        with path.open("rb") as handle:
            while chunk := handle.read(1 << 20):
                sha.update(chunk)
                md5.update(chunk)
                total += len(chunk)
    return total / 1e6 / (time.perf_counter() - start)


def measure_gui(paths: LibraryPaths, opens: int) -> list[Figure]:
    """Docket filter, memory and matter opening from the child process."""
    with tempfile.TemporaryDirectory() as home:
        env = probe_env(home)
        done = subprocess.run(
            [sys.executable, "-m", "benchmarks.scale_gui", str(paths.root), "--opens", str(opens)],
            check=True,
            capture_output=True,
            text=True,
            env=env,
            cwd=Path(__file__).parents[1],
        )
    found = json.loads(done.stdout.strip().splitlines()[-1])
    ours, base = found["docket"]["ours"], found["docket"]["base"]
    docket = Figure(
        "docket filter keystroke",
        "ms",
        statistics.median(ours),
        p95(ours),
        statistics.median(base),
        p95(base),
        p95(ours) / p95(base),
        "P95 <= 30 ms",
        p95(ours) <= 30,
        f"{len(ours)} keystrokes; ratio of P95s",
    )
    mem = found["memory"]
    memory = Figure(
        "memory (peak RSS)",
        "MB",
        mem["peak_mb"],
        None,
        mem["before_mb"],
        None,
        mem["peak_mb"] / mem["before_mb"],
        "<= 300 MB",
        mem["peak_mb"] <= 300,
        "docket scrolled end to end; baseline: the process before the library opened",
    )
    o = found["open"]
    big, small = o["big"], o["small"]
    opened = Figure(
        f"open matter ({o['big_documents']:,} docs)",
        "ms",
        statistics.median(big),
        p95(big),
        statistics.median(small),
        p95(small),
        statistics.median(big) / statistics.median(small),
        "first paint <= 150 ms",
        statistics.median(big) <= 150,
        f"baseline: a matter with {o['small_documents']} documents; Correspondence tab in front",
    )
    return [docket, opened, memory]


def table(figures: list[Figure]) -> str:
    """The figures as a fixed-width table."""

    def num(value: float | None) -> str:
        return "-" if value is None else f"{value:,.1f}"

    head = f"{'figure':<28}{'unit':>8}{'median':>10}{'P95':>10}{'base med':>10}{'base P95':>10}"
    lines = [head + f"{'ratio':>8}  {'target':<26}met"]
    for f in figures:
        lines.append(
            f"{f.name:<28}{f.unit:>8}{num(f.median):>10}{num(f.p95):>10}{num(f.base_median):>10}"
            f"{num(f.base_p95):>10}{f.ratio:>7.2f}x  {f.target:<26}{'yes' if f.met else 'NO'}"
        )
    lines += [f"  {f.name}: {f.note}" for f in figures if f.note]
    return "\n".join(lines)


def main() -> None:
    """Generate or reuse the library, measure everything, print and save."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true", help="the small size, for a quick look")
    parser.add_argument("--json", type=Path, help="write the figures here as JSON")
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--cache", type=Path, default=CACHE)
    parser.add_argument("--only", help="comma-separated figures to run (e.g. search,memo)")
    args = parser.parse_args()
    size: Size = QUICK if args.quick else FULL
    started = time.perf_counter()
    paths, generated = build(args.seed, size, args.cache)
    say = "from the cache" if generated is None else f"generated in {generated:.0f} s"
    print(f"library: {paths.root} ({say})", flush=True)
    quick = args.quick
    steps: dict[str, Callable[[], list[Figure]]] = {
        "startup": lambda: [measure_startup(paths, 5 if quick else 9)],
        "rows": lambda: [measure_rows(paths, 5 if quick else 9)],
        "search": lambda: [measure_search(paths, args.seed, 150 if quick else 300)],
        "import": lambda: [measure_import(1000, 1 if quick else 3, args.seed)],
        "memo": lambda: [measure_memo(paths, 2 if quick else 5)],
        "gui": lambda: measure_gui(paths, 5 if quick else 9),
        "verify": lambda: [measure_verify(paths)],
    }
    wanted = args.only.split(",") if args.only else list(steps)
    figures: list[Figure] = []
    for name in wanted:
        step_started = time.perf_counter()
        figures += steps[name]()
        print(f"  {name}: {time.perf_counter() - step_started:.0f} s", flush=True)
    print(table(figures))
    print(f"total {time.perf_counter() - started:.0f} s")
    if args.json:
        document = {
            "date": DAY if date.today().isoformat() == DAY else date.today().isoformat(),
            "machine": {"python": platform.python_version(), "cpus": os.cpu_count()},
            "size": asdict(size),
            "seed": args.seed,
            "generation_seconds": generated,
            "figures": [asdict(f) for f in figures],
        }
        args.json.write_text(json.dumps(document, indent=2) + "\n")


if __name__ == "__main__":
    main()
