"""Coverage benchmark: a matter of 500 persons, 20 items and 5 letters, answered in memory.

Usage: .venv/bin/python -m benchmarks.coverage [--runs N] [--json OUT] [--seed N]
Builds, from the seed alone, one matter's ``MatterFacts`` (no library): an applicant, 25 Annex A
entities in 13 countries, 500 persons employed by them (one or two nationalities each, dated
employment, some with facts missing), 20 model-weight items, 5 letters (the June letter, one
superseding it, one modifying that with a shorter Annex A, one imposing the requirement again,
one interpretive), 3 licenses, conditions to be met before release with their acknowledgments,
2 determinations and 300 dated activities (``benchmarks/coverage_matter.py``). Then times,
alternating with the baseline:

  parties   ``matter_coverage``: the Parties tab's answer for every party row (526 answers)
  table     ``coverage_table``: every activity, then every party × item (10,820 rows)

The baseline is the same call on the same matter cut to a tenth (50 persons, 2 items, 30
activities; the 5 letters stay): work that grows linearly shows a ratio near the ratio of
answers. Prints the table of ``benchmarks.scale`` and with ``--json`` writes the figures.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import time
from collections.abc import Callable
from dataclasses import asdict, replace
from datetime import date
from pathlib import Path

from benchmarks.coverage_matter import Size, build_facts
from benchmarks.scale import Figure, p95, table
from desktop_app.core.coverage import MatterFacts, coverage_table, matter_coverage
from desktop_app.reference.country_groups import groups_of

AS_OF = date(2026, 12, 31)
FULL = Size(persons=500, items=20, activities=300)
TENTH = Size(persons=50, items=2, activities=30)
TARGET_MS = 200.0


def parties(facts: MatterFacts) -> float:
    """Milliseconds for every party row's answer (what the Parties tab shows)."""
    fresh = replace(facts)  # its own caches, as a freshly read record has
    start = time.perf_counter()
    matter_coverage(fresh, AS_OF, group_of=groups_of)
    return (time.perf_counter() - start) * 1000


def every_row(facts: MatterFacts) -> float:
    """Milliseconds for the whole coverage table."""
    fresh = replace(facts)
    start = time.perf_counter()
    coverage_table(fresh, AS_OF, group_of=groups_of)
    return (time.perf_counter() - start) * 1000


def alternate(
    run: Callable[[MatterFacts], float], big: MatterFacts, small: MatterFacts, runs: int
) -> tuple[list[float], list[float]]:
    """``runs`` timings of ``run`` on each matter, taken in turn after one warm-up each."""
    run(big)
    run(small)
    ours, base = [], []
    for _ in range(runs):
        ours.append(run(big))
        base.append(run(small))
    return ours, base


def figure(name: str, times: tuple[list[float], list[float]], target: float | None) -> Figure:
    """One line of the table from our and the baseline's milliseconds; no target: reported."""
    ours, base = times
    m, b = statistics.median(ours), statistics.median(base)
    met = target is None or p95(ours) <= target
    goal = "no target (reported)" if target is None else f"P95 <= {target:.0f} ms"
    return Figure(name, "ms", m, p95(ours), b, p95(base), m / b, goal, met)


def each(figure: Figure, count: int, base_count: int, what: str) -> Figure:
    """``figure`` with a note of the counts and the median cost of one."""
    note = f"{count:,} {what} (baseline {base_count:,}); {1000 * figure.median / count:.0f} µs each"
    return replace(figure, note=note)


def measure(seed: int, runs: int) -> list[Figure]:
    """Both figures, each against the tenth-size matter."""
    big, small = build_facts(FULL, seed), build_facts(TENTH, seed)
    answers = len(big.parties), len(small.parties)
    rows = (
        len(big.activities) + len(big.parties) * len(big.items),
        len(small.activities) + len(small.parties) * len(small.items),
    )
    tab = figure(
        f"coverage, Parties tab ({answers[0]})",
        alternate(parties, big, small, runs),
        TARGET_MS,
    )
    whole = figure(
        f"coverage table ({rows[0]:,})",
        alternate(every_row, big, small, max(3, runs // 4)),
        None,
    )
    tab, whole = each(tab, *answers, "answers"), each(whole, *rows, "rows")
    return [tab, whole]


def main() -> None:
    """Build the two matters, measure, print and save."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=40, help="timings of each side (40)")
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--json", type=Path, help="write the figures here as JSON")
    args = parser.parse_args()
    started = time.perf_counter()
    figures = measure(args.seed, args.runs)
    print(table(figures))
    for f in figures:
        print(f"  {f.name}: {f.note}")
    print(f"total {time.perf_counter() - started:.0f} s")
    if args.json:
        document = {
            "date": date.today().isoformat(),
            "machine": {"python": platform.python_version(), "cpus": os.cpu_count()},
            "sizes": {"ours": asdict(FULL), "baseline": asdict(TENTH)},
            "seed": args.seed,
            "runs": args.runs,
            "figures": [asdict(f) for f in figures],
        }
        args.json.write_text(json.dumps(document, indent=2) + "\n")


if __name__ == "__main__":
    main()
