#!/usr/bin/env bash
# Builds dist-portable/index.html: the whole app (JS, wasm, CSS, archive) in
# one HTML file that works opened straight from disk (file://), in Chromium
# and Firefox. Configuration: Trunk.portable.toml; inlining: scripts/lib/portable.mjs.
# Extra arguments go to `trunk build`.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$REPO_ROOT"
require_build_inputs

node scripts/lib/portable.mjs prepare
trunk --config Trunk.portable.toml build --offline --locked "$@"

# One file and nothing else, or the USB-stick copy is broken.
mapfile -t produced < <(find dist-portable -mindepth 1 -printf '%P\n')
[[ "${produced[*]}" == "index.html" ]] ||
    die "dist-portable/ should hold only index.html, but holds: ${produced[*]}"
log "portable build: dist-portable/index.html ($(du -h dist-portable/index.html | cut -f1))"
