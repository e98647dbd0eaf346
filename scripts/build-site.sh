#!/usr/bin/env bash
# Builds a complete static site for an archive:
#
#   ./scripts/build-site.sh --archive FILE.json --out DIR [--base-url URL]
#
# 1. the app (trunk build --release) into target/site-app/, unless SITE_APP
#    names an app build to use as it is;
# 2. `publish` (crates/publish): decodes FILE.json with the app's own decoder
#    (a bad archive is refused with the JSON path of the problem), splits it
#    into a catalogue and content-hashed pieces under DIR/data/, copies FILE
#    as DIR/archive.json for partners, and writes a .gz and a .br copy beside
#    every file. DIR is replaced only once the new site is complete: a failed
#    publish leaves the previous site as it was. The pieces of the version DIR
#    held before are kept, for readers who still have that version open.
#    It also writes the Atom feeds (DIR/feeds/releases.atom and one per
#    country), with links relative to the feed, or absolute under URL (the
#    address DIR is served from, https://host/path/) when --base-url is given.
#
# The site's layout and the host settings it needs are in the README.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"

usage() { die "usage: scripts/build-site.sh --archive FILE.json --out DIR [--base-url URL]"; }
archive="" out="" base_url=""
while (($#)); do
    case "$1" in
        --archive) archive="${2:-}"; shift 2 || usage ;;
        --out) out="${2:-}"; shift 2 || usage ;;
        --base-url) base_url="${2:-}"; shift 2 || usage ;;
        -h | --help) sed -n '2,20p' "$0"; exit 0 ;;
        *) usage ;;
    esac
done
[[ -n "$archive" && -n "$out" ]] || usage
[[ -f "$archive" ]] || die "$archive: no such file"
archive="$(cd "$(dirname "$archive")" && pwd)/$(basename "$archive")"
mkdir -p "$(dirname "$out")"
out="$(cd "$(dirname "$out")" && pwd)/$(basename "$out")"

cd "$REPO_ROOT"
app="${SITE_APP:-}"
if [[ -z "$app" ]]; then
    require_build_inputs || die "cannot build the app, see above"
    app="$REPO_ROOT/target/site-app"
    log "building the app into $app"
    trunk build --release --offline --locked --dist "$app"
fi
log "publishing $archive to $out"
cargo run --release --offline --locked -q -p caricc-publish --bin publish -- \
    --archive "$archive" --app "$app" --out "$out" ${base_url:+--base-url "$base_url"}
