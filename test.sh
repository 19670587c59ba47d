#!/usr/bin/env bash
# Run every check: lint, format, types, import contracts, then the whole test suite offscreen.
# Sets itself up on first use. Extra arguments go to pytest (e.g. ./test.sh -k docket).
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/scripts/bootstrap.sh"
cd "$ROOT"
export QT_QPA_PLATFORM=offscreen
echo "== ruff check" && "$VENV/bin/ruff" check desktop_app tests benchmarks
echo "== ruff format --check" && "$VENV/bin/ruff" format --check desktop_app tests benchmarks
echo "== mypy --strict" && "$VENV/bin/mypy"
echo "== import contracts" && "$VENV/bin/lint-imports"
echo "== pytest" && exec "$VENV/bin/python" -m pytest "$@"
