#!/usr/bin/env bash
# Short, bounded fuzz runs of the core's untrusted-input parsers (cargo-fuzz,
# libFuzzer), for CI: every target for FUZZ_SECONDS (default 30, at most 60
# in CI). Fails when a target crashes (a panic, a broken invariant, a hang
# over 10 s, over 2 GB of memory); the crashing input stays in
# fuzz/artifacts/<target>/ with the command that replays it.
#
#   scripts/fuzz-smoke.sh                  # every target, 30 s each
#   scripts/fuzz-smoke.sh decode search    # some targets
#   FUZZ_SECONDS=3600 scripts/fuzz-smoke.sh ingest   # a long run
#
# Targets (fuzz/fuzz_targets/): ingest (one document's bytes through the
# ingest), decode (archive JSON through the decoder, index, aggregate, CSV
# and chart), search (the query parser and a search over a small index),
# state (the URL-fragment parser). Seeds: corpus/, data/archive.json and
# fuzz/seeds/<target>/; what a run finds is kept in fuzz/corpus/<target>/
# (not committed) and seeds the next run.
#
# Installs cargo-fuzz (pinned, crates.io) when it is missing. Builds with the
# stable toolchain: without a sanitizer cargo-fuzz passes only stable rustc
# flags (coverage instrumentation, debug assertions and overflow checks on).
# FUZZ_SANITIZER=address adds AddressSanitizer, an unstable rustc flag, so
# that build sets RUSTC_BOOTSTRAP=1 (stable rustc accepting nightly flags).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$REPO_ROOT"

FUZZ_SECONDS="${FUZZ_SECONDS:-30}"
FUZZ_SANITIZER="${FUZZ_SANITIZER:-none}"
ALL_TARGETS=(ingest decode search state)
targets=("$@")
((${#targets[@]})) || targets=("${ALL_TARGETS[@]}")
if [[ "${CI:-}" == true ]] && ((FUZZ_SECONDS > 60)); then
    die "FUZZ_SECONDS=$FUZZ_SECONDS: CI runs each target for at most 60 s"
fi

# --- tools -----------------------------------------------------------------------
if [[ "$(cargo fuzz --version 2>/dev/null | awk '{print $2}')" != "$CARGO_FUZZ_VERSION" ]]; then
    log "cargo: installing cargo-fuzz $CARGO_FUZZ_VERSION (about 2 minutes)"
    cargo install cargo-fuzz --version "=$CARGO_FUZZ_VERSION" --locked
fi
command -v c++ >/dev/null || die "libFuzzer needs a C++ compiler: run scripts/setup.sh (installs g++)"

# --- build -----------------------------------------------------------------------
# Its own target directory: the instrumented build shares nothing with the
# normal one, and must not invalidate it.
target_dir="${CARGO_TARGET_DIR:-$REPO_ROOT/target}/fuzz"
build_env=()
[[ "$FUZZ_SANITIZER" == none ]] || build_env=(RUSTC_BOOTSTRAP=1)
fuzz() { env "${build_env[@]}" cargo fuzz "$1" --fuzz-dir fuzz --target-dir "$target_dir" \
    --sanitizer "$FUZZ_SANITIZER" --debug-assertions "${@:2}"; }

# The fuzz crate is its own workspace. Its lock file is made from the main
# Cargo.lock on every run, so the core and its dependencies are fuzzed at
# exactly the versions the app ships, and a dependency change in the core
# needs no second lock file; libfuzzer-sys is pinned in fuzz/Cargo.toml.
cp Cargo.lock fuzz/Cargo.lock
cargo fetch --quiet --manifest-path fuzz/Cargo.toml
log "building the fuzz targets (sanitizer: $FUZZ_SANITIZER)"
fuzz build

# --- run -------------------------------------------------------------------------
seeds() { # target -> read-only seed directories
    case "$1" in
        ingest) echo corpus ;;
        decode) echo data fuzz/seeds/decode ;;
        *) echo "fuzz/seeds/$1" ;;
    esac
}
max_len() { # target -> libFuzzer -max_len (0: the longest seed)
    # The ingest finds more in short documents, many more per second: its
    # seeds are cut to their first 8 KB (the cover, summary and first
    # sections of a digest; whole news items and press releases).
    case "$1" in
        ingest) echo "${FUZZ_INGEST_MAX_LEN:-8192}" ;;
        *) echo 0 ;;
    esac
}

failed=()
summary=()
for t in "${targets[@]}"; do
    [[ -f "fuzz/fuzz_targets/$t.rs" ]] || die "no fuzz target '$t' (have: ${ALL_TARGETS[*]})"
    mkdir -p "fuzz/corpus/$t" "fuzz/artifacts/$t"
    log "fuzzing $t for ${FUZZ_SECONDS}s"
    out="fuzz/artifacts/$t/last-run.log"
    # shellcheck disable=SC2046 # seed directories are plain words
    if fuzz run "$t" "fuzz/corpus/$t" $(seeds "$t") -- \
        -max_total_time="$FUZZ_SECONDS" -max_len="$(max_len "$t")" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
        -artifact_prefix="fuzz/artifacts/$t/" >"$out" 2>&1; then
        status=ok
    else
        status=CRASH
        failed+=("$t")
        # The panic message and libFuzzer's verdict, not the input's bytes.
        grep -E -A2 'panicked at|ERROR: libFuzzer|==ERROR|SUMMARY' "$out" | cut -c1-300 | head -30 >&2 ||
            tail -20 "$out" | cut -c1-300 >&2
        for a in fuzz/artifacts/"$t"/{crash,timeout,oom,slow-unit,leak}-*; do
            [[ -e "$a" ]] || continue
            printf 'crashing input: %s\n  replay: cargo fuzz run --fuzz-dir fuzz --sanitizer %s --debug-assertions %s %s\n' \
                "$a" "$FUZZ_SANITIZER" "$t" "$a" >&2
        done
    fi
    runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$out" | tail -n1)
    rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$out" | tail -n1)
    summary+=("$(printf '%-8s %-6s %10s runs %8s exec/s  corpus %s' "$t" "$status" "${runs:-?}" "${rate:-?}" \
        "$(find "fuzz/corpus/$t" -type f | wc -l)")")
done

printf '\n\033[1mfuzz smoke (%ss per target, load %s)\033[0m\n' "$FUZZ_SECONDS" "$(cut -d' ' -f1-3 /proc/loadavg)"
printf '  %s\n' "${summary[@]}"
if ((${#failed[@]})); then
    printf 'error: crashes in: %s (inputs in fuzz/artifacts/, logs in fuzz/artifacts/<target>/last-run.log)\n' "${failed[*]}" >&2
    exit 1
fi
