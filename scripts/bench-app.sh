#!/usr/bin/env bash
# App benchmark: time to 'archive-ready' and filter-change time on synthetic
# archives (default 10,000 events). Usage: bash scripts/bench-app.sh [EVENTS...]
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh
bash scripts/setup.sh
trunk build --release
node bench/app/run.mjs "$@"
