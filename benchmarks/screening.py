"""Screening benchmark: recall, false positives and speed, against a plain rapidfuzz scan.

Usage: .venv/bin/python -m benchmarks.screening [--threshold T] [--json OUT] [--sweep]

The labelled sets are tests/data/screening: ``variants.jsonl`` (variants of listed names —
typos, word order, legal forms, transliterations, missing or extra tokens — each labelled with
the entry it derives from) and ``unlisted.jsonl`` (real organisation and person names that are
on no list). Both matchers screen every name against the shipped edition at the same
threshold: ours (`core.screening_match.Screener`) and a plain scan of every alias with
rapidfuzz's ``token_sort_ratio`` on lower-cased names. Recall: the share of variants whose entry
is among the potential matches. False positives: potential matches per unlisted name. Speed:
one name's P95 (ours), 10,000 names re-screened, and an edition imported and compared; with
``--scale LIB`` (the scale benchmark's library, e.g. benchmarks/.cache/…/lib), also its first
10,000 parties screened the way `ScreeningService` screens a party (name and aliases, with its
country and type), read from the library read-only and not recorded.
"""

from __future__ import annotations

import argparse
import json
import statistics
import time
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from rapidfuzz import fuzz, process

from desktop_app.core.models import Party
from desktop_app.core.screening_lists import ListEdition, changes
from desktop_app.core.screening_match import THRESHOLD, Screener
from desktop_app.core.screening_service import _best_hits, _names
from desktop_app.paths import LibraryPaths
from desktop_app.screening import shipped_edition
from desktop_app.storage.library import Library

SCALE_PARTIES = 10_000

DATA = Path(__file__).resolve().parents[1] / "tests" / "data" / "screening"
Matcher = Callable[[str, str | None, str | None], set[int]]


@dataclass(frozen=True)
class Quality:
    """What one matcher found on the labelled sets at one threshold."""

    matcher: str
    threshold: float
    recall: float
    recall_by_kind: dict[str, float]
    false_positives_per_name: float
    names_with_a_false_positive: float


def load(name: str) -> list[dict[str, Any]]:
    """One labelled set."""
    lines = (DATA / name).read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


def ours(screener: Screener, threshold: float) -> Matcher:
    """Our matcher, as the entries (by index) it finds for a name."""
    index = {id(e): n for n, e in enumerate(screener.entries)}

    def found(name: str, country: str | None, kind: str | None) -> set[int]:
        return {index[id(h.entry)] for h in screener.screen(name, country, kind, threshold)}

    return found


def plain(edition: ListEdition, threshold: float) -> Matcher:
    """Every alias scanned with rapidfuzz's token_sort_ratio (the baseline)."""
    aliases: list[str] = []
    owner: list[int] = []
    for number, entry in enumerate(edition.entries):
        for alias in entry.names:
            aliases.append(alias.lower())
            owner.append(number)

    def found(name: str, _country: str | None, _kind: str | None) -> set[int]:
        hits = process.extract(
            name.lower(), aliases, scorer=fuzz.token_sort_ratio, score_cutoff=threshold, limit=None
        )
        return {owner[at] for _alias, _score, at in hits}

    return found


def quality(
    label: str,
    matcher: Matcher,
    threshold: float,
    variants: list[dict[str, Any]],
    unlisted: list[dict[str, Any]],
) -> Quality:
    """Recall on the variants and false positives on the unlisted names."""
    kinds: Counter[str] = Counter()
    found_kinds: Counter[str] = Counter()
    for case in variants:
        kinds[case["kind"]] += 1
        if case["entry"] in matcher(case["query"], case.get("country"), _kind(case)):
            found_kinds[case["kind"]] += 1
    false = [len(matcher(c["query"], c.get("country"), _kind(c))) for c in unlisted]
    return Quality(
        label,
        threshold,
        recall=sum(found_kinds.values()) / max(len(variants), 1),
        recall_by_kind={k: found_kinds[k] / kinds[k] for k in sorted(kinds)},
        false_positives_per_name=sum(false) / max(len(unlisted), 1),
        names_with_a_false_positive=sum(1 for f in false if f) / max(len(unlisted), 1),
    )


def _kind(case: dict[str, Any]) -> str | None:
    kind = case.get("type")
    return kind.capitalize() if isinstance(kind, str) else None


def p95(values: list[float]) -> float:
    """The 95th percentile."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(0.95 * len(ordered)))]


def speed(screener: Screener, names: Iterable[str], edition: ListEdition) -> dict[str, float]:
    """One name's median and P95 (ms), 10,000 names screened (s), an edition read and compared."""
    pool = list(names)
    times = []
    for name in pool[:2000]:
        started = time.perf_counter()
        screener.screen(name)
        times.append((time.perf_counter() - started) * 1000)
    started = time.perf_counter()
    for n in range(10_000):
        screener.screen(pool[n % len(pool)])
    rescreen = time.perf_counter() - started
    started = time.perf_counter()
    data, newer = shipped_edition()
    changes(edition, newer)
    Screener(newer.entries)
    imported = time.perf_counter() - started
    return {
        "one_name_median_ms": statistics.median(times),
        "one_name_p95_ms": p95(times),
        "rescreen_10000_s": rescreen,
        "edition_read_compare_index_s": imported,
        "edition_bytes": float(len(data)),
    }


def scale_parties(root: Path, count: int = SCALE_PARTIES) -> list[Party]:
    """The first ``count`` parties of the library at ``root``, matter by matter, read-only."""
    library = Library.open(LibraryPaths(root.resolve()), write=False)
    try:
        parties: list[Party] = []
        for summary in library.reads.docket():
            parties += library.reads.record(summary.matter).parties
            if len(parties) >= count:
                break
        return parties[:count]
    finally:
        library.close()


def rescreen_parties(screener: Screener, parties: list[Party]) -> dict[str, float]:
    """Seconds to screen every party as the service does, and the potential matches found."""
    started = time.perf_counter()
    found = sum(len(_best_hits(screener, _names(p), p)) for p in parties)
    return {
        f"scale_{len(parties)}_parties_s": time.perf_counter() - started,
        "scale_potential_matches": float(found),
    }


def main() -> None:
    """Print the figures (and write them as JSON with --json)."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--threshold", type=float, default=THRESHOLD)
    parser.add_argument("--json", type=Path, help="also write the figures here")
    parser.add_argument("--sweep", action="store_true", help="our matcher at thresholds 80-92")
    parser.add_argument("--scale", type=Path, help="also screen this library's first parties")
    args = parser.parse_args()
    variants, unlisted = load("variants.jsonl"), load("unlisted.jsonl")
    _data, edition = shipped_edition()
    started = time.perf_counter()
    screener = Screener(edition.entries)
    built = time.perf_counter() - started
    thresholds = [80.0, 82.0, 84.0, 86.0, 88.0, 90.0, 92.0] if args.sweep else [args.threshold]
    rows = [quality("ours", ours(screener, t), t, variants, unlisted) for t in thresholds]
    rows.append(
        quality(
            "rapidfuzz scan", plain(edition, args.threshold), args.threshold, variants, unlisted
        )
    )
    figures = speed(screener, (c["query"] for c in variants + unlisted), edition)
    figures["index_build_s"] = built
    if args.scale:
        figures |= rescreen_parties(screener, scale_parties(args.scale))
    sizes = f"{len(variants):,} variants, {len(unlisted):,} unlisted names"
    print(f"{sizes}, {len(edition.entries):,} entries")
    header = f"{'matcher':16} {'thr':>5} {'recall':>7} {'FP/name':>8} {'names w/ FP':>11}"
    print(f"{header}  recall by kind")
    for q in rows:
        kinds = ", ".join(f"{k} {v:.1%}" for k, v in q.recall_by_kind.items())
        print(
            f"{q.matcher:16} {q.threshold:5.0f} {q.recall:7.1%} {q.false_positives_per_name:8.3f}"
            f" {q.names_with_a_false_positive:11.1%}  {kinds}"
        )
    for name, value in figures.items():
        print(f"{name:32} {value:10.2f}")
    if args.json:
        args.json.write_text(
            json.dumps({"quality": [asdict(q) for q in rows], "speed": figures}, indent=2),
            encoding="utf-8",
        )


if __name__ == "__main__":
    main()
