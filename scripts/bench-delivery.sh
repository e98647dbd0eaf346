#!/usr/bin/env bash
# Delivery benchmark (issue 12): publishes synthetic archives with
# scripts/build-site.sh and measures, in headless Chromium throttled through
# CDP (slow 4G, fast 4G, unthrottled), the time to `archive-ready` of every
# view, the first search results, the bytes before them, renderer memory and
# warm interactions. Usage: bash scripts/bench-delivery.sh [EVENTS...]
# (default 1000 10000 100000). BENCH_RUNS, BENCH_PROFILES, BENCH_RAW=1 (the
# old design too), SITE_APP: see bench/delivery/README.md.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh
bash scripts/setup.sh
exec nice node bench/delivery/run.mjs "$@"
