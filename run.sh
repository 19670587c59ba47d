#!/usr/bin/env bash
# Start Compliance Desk (sets itself up on first use). Arguments go to the program, e.g.
#   ./run.sh                      open the window
#   ./run.sh sample               add the sample matters
#   ./run.sh --data-dir D cases   list the matters of another library
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/scripts/bootstrap.sh"
exec "$VENV/bin/compliance-desk" "$@"
