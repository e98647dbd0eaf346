#!/usr/bin/env bash
# Chart benchmark in headless Chromium: the release build of the app on
# synthetic archives of 10,000 and 100,000 events (default), timing the app's
# own performance.measure("chart") for every chart kind and period.
# Usage: bash scripts/bench-chart-browser.sh [EVENTS...]   (see bench/chart/README.md)
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh
trunk build --release --locked
node bench/chart/run.mjs "$@"
