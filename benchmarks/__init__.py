"""Benchmarks: start-up, memo, search and the whole app at scale (see docs/benchmarks.md)."""
