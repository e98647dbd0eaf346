#!/usr/bin/env bash
# Builds the site (scripts/build-site.sh: the release app and the bundled
# archive in pieces, precompressed) and serves it at http://127.0.0.1:8080/
# (HOST and PORT override) as a real host would: brotli or gzip copies,
# hashed files cached for good, the page and manifest revalidated. Ctrl-C stops it.
# For live rebuilds while editing, use `trunk serve` after scripts/setup.sh.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$REPO_ROOT"

bash scripts/setup.sh
require_build_inputs || die "cannot build, see above"
bash scripts/build-site.sh --archive data/archive.json --out dist
exec node tests/e2e/lib/static-server.mjs --root dist --host "${HOST:-127.0.0.1}" --port "${PORT:-8080}"
