#!/usr/bin/env bash
# Installs what building and testing the archive needs, and nothing that is
# already there. Safe to run again and again: every step checks first.
#
#   apt:    chromium, chromium-driver, firefox-esr, g++ (and nodejs/npm if node is absent)
#   rustup: the wasm32-unknown-unknown target
#   cargo:  trunk (pinned) and wasm-bindgen-cli (= the wasm-bindgen in Cargo.lock)
#   npm:    `npm ci` from package-lock.json (binaryen's wasm-opt, browser drivers)
#
# Downloads come only from Debian, crates.io and npm; no browser or tool
# binaries are fetched from anywhere else.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$REPO_ROOT"

as_root() {
    if [[ $(id -u) -eq 0 ]]; then
        "$@"
    elif command -v sudo >/dev/null; then
        sudo "$@"
    else
        die "need root to run: $* (install it yourself, or run as root)"
    fi
}

# --- Debian packages -------------------------------------------------------
missing_apt=()
for pkg in "${APT_PACKAGES[@]}"; do
    status=$(dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null || true)
    [[ "$status" == "install ok installed" ]] || missing_apt+=("$pkg")
done
command -v node >/dev/null || missing_apt+=(nodejs)
command -v npm >/dev/null || missing_apt+=(npm)
if ((${#missing_apt[@]})); then
    command -v apt-get >/dev/null || die "missing ${missing_apt[*]} and no apt-get to install them"
    log "apt: installing ${missing_apt[*]}"
    # Debian removes superseded chromium builds from its mirrors with each
    # security update, so these are not pinned to a version: the suite pins
    # the drivers (npm) and checks behaviour, not browser versions.
    as_root env DEBIAN_FRONTEND=noninteractive apt-get update -q
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing_apt[@]}"
fi
node_major=$(node -p 'process.versions.node.split(".")[0]')
((node_major >= NODE_MAJOR_MIN)) || die "node $(node --version) is too old; need >= $NODE_MAJOR_MIN"

# --- Rust toolchain ------------------------------------------------------------
command -v cargo >/dev/null || die "cargo not found; install Rust with rustup first (https://rustup.rs)"
if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
    log "rustup: adding target wasm32-unknown-unknown"
    rustup target add wasm32-unknown-unknown
fi

installed_version() { # tool -> the version its --version prints, or nothing
    command -v "$1" >/dev/null && "$1" --version 2>/dev/null | awk '{print $2; exit}' || true
}

if [[ "$(installed_version trunk)" != "$TRUNK_VERSION" ]]; then
    log "cargo: installing trunk $TRUNK_VERSION (about 6 minutes)"
    cargo install trunk --version "=$TRUNK_VERSION" --locked
fi

bindgen_version=$(wasm_bindgen_lock_version)
[[ -n "$bindgen_version" ]] || die "Cargo.lock has no wasm-bindgen package"
if [[ "$(installed_version wasm-bindgen)" != "$bindgen_version" ]] ||
    [[ "$(installed_version wasm-bindgen-test-runner)" != "$bindgen_version" ]]; then
    log "cargo: installing wasm-bindgen-cli $bindgen_version (about 3 minutes)"
    # Not --locked: the crate's own lock file names a dependency version the
    # registry no longer serves.
    cargo install wasm-bindgen-cli --version "=$bindgen_version" --force
fi

# Fetch the workspace's crates now, so builds can run --offline: a Trunk
# build that cannot find the pinned wasm-opt or wasm-bindgen then fails at
# once instead of trying to download one.
log "cargo: fetching locked crates"
cargo fetch --locked --quiet ||
    die "Cargo.lock does not match the Cargo.toml files (a dependency was added or changed without
       committing Cargo.lock). Run 'cargo fetch' (or 'cargo update -p <crate>') and commit Cargo.lock."

# --- npm -----------------------------------------------------------------------
# `npm ci` wipes node_modules, so run it only when package-lock.json changed
# since the last successful install (the stamp records its hash).
stamp="node_modules/.setup-stamp"
lock_hash=$(sha256sum package-lock.json | cut -d' ' -f1)
if [[ ! -f "$stamp" || "$(cat "$stamp")" != "$lock_hash" ]]; then
    log "npm: installing from package-lock.json"
    # --ignore-scripts: no package gets to run install hooks (none needs one).
    npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
    printf '%s\n' "$lock_hash" >"$stamp"
fi

# --- check what the build will actually run ------------------------------------
found_wasm_opt=$(wasm-opt --version | grep -o 'version_[0-9]*' | head -n1)
[[ "$found_wasm_opt" == "$WASM_OPT_VERSION" ]] ||
    die "wasm-opt on PATH is $(command -v wasm-opt) ($found_wasm_opt), expected $WASM_OPT_VERSION from node_modules/.bin"
for bin in "$CHROMIUM_PATH" "$FIREFOX_PATH" "$CHROMEDRIVER"; do
    [[ -x "$bin" ]] || die "$bin is missing or not executable"
done
log "setup ok: trunk $(installed_version trunk), wasm-bindgen $bindgen_version, wasm-opt $found_wasm_opt, node $(node --version)"
