#!/usr/bin/env bash
# Builds the app (release) with the bundled archive and serves it at
# http://127.0.0.1:8080/ (HOST and PORT override). Ctrl-C stops it.
# For live rebuilds while editing, use `trunk serve` after scripts/setup.sh.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$REPO_ROOT"

bash scripts/setup.sh
require_build_inputs || die "cannot build, see above"
trunk build --release --offline --locked
exec node tests/e2e/lib/static-server.mjs --root dist --host "${HOST:-127.0.0.1}" --port "${PORT:-8080}"
