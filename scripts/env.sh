# Shared environment for the scripts in this directory: sourced, never run.
#
# Owns the pinned tool versions, the PATH order (the project's npm tools and
# cargo-installed tools before anything else on the machine, so a system
# wasm-opt or wasm-bindgen can never be picked up by accident) and the small
# logging helpers the other scripts use.

REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export REPO_ROOT

CARGO_BIN="${CARGO_HOME:-$HOME/.cargo}/bin"
# scripts/bin first: its wasm-bindgen wraps the real one (in $CARGO_BIN) with
# the wasm split of the web build (issue 12). Then node_modules/.bin: its
# wasm-opt (binaryen 132, from package.json) is the one Trunk must find;
# Debian's binaryen builds a wasm that shows a blank page.
export PATH="$REPO_ROOT/scripts/bin:$REPO_ROOT/node_modules/.bin:$CARGO_BIN:$PATH"

# Pinned versions. wasm-bindgen-cli is not pinned here: it must equal the
# wasm-bindgen crate in Cargo.lock, see wasm_bindgen_lock_version.
TRUNK_VERSION="0.21.14"
WASM_OPT_VERSION="version_132"   # what `wasm-opt --version` prints for binaryen@132.0.0
NODE_MAJOR_MIN=18
CARGO_FUZZ_VERSION="0.13.2"      # scripts/fuzz-smoke.sh installs it when missing
# g++: libFuzzer (built by the fuzz targets' libfuzzer-sys) is C++.
APT_PACKAGES=(chromium chromium-driver firefox-esr g++)

# Browsers for the end-to-end suite and wasm-bindgen-test (Debian packages).
export CHROMIUM_PATH="${CHROMIUM_PATH:-/usr/bin/chromium}"
export FIREFOX_PATH="${FIREFOX_PATH:-/usr/bin/firefox-esr}"
export CHROMEDRIVER="${CHROMEDRIVER:-/usr/bin/chromedriver}"

# Never let any npm package fetch a browser build.
export PUPPETEER_SKIP_DOWNLOAD=1
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1

log() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }
warn() { printf 'warning: %s\n' "$*" >&2; }
die() { printf 'error: %s\n' "$*" >&2; exit 1; }

# The version of the `wasm-bindgen` crate locked in Cargo.lock. Read from the
# lock file's [[package]] tables (name line, then version line of the same table).
wasm_bindgen_lock_version() {
    local lock="$REPO_ROOT/Cargo.lock"
    [[ -f "$lock" ]] || die "$lock is missing; run 'cargo generate-lockfile' (it is normally committed)"
    awk '
        /^\[\[package\]\]/ { name = ""; next }
        /^name = /         { name = $3; gsub(/"/, "", name); next }
        /^version = / && name == "wasm-bindgen" { v = $3; gsub(/"/, "", v); print v; exit }
    ' "$lock"
}

# Files a build needs that other parts of the project produce. Fails with a
# message naming the missing file and who makes it.
require_build_inputs() {
    local missing=0
    [[ -f "$REPO_ROOT/index.html" ]] || { printf 'error: index.html is missing\n' >&2; missing=1; }
    [[ -f "$REPO_ROOT/data/archive.json" ]] || {
        printf 'error: data/archive.json is missing; generate it with: cargo ingest corpus -o data/archive.json\n' >&2
        missing=1
    }
    [[ -f "$REPO_ROOT/style/main.css" ]] || { printf 'error: style/main.css is missing\n' >&2; missing=1; }
    return "$missing"
}
