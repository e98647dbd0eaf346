#!/usr/bin/env bash
# Runs every test of the project, in order, and prints a summary:
#
#   setup        scripts/setup.sh (installs only what is missing)
#   build-hooks  node --test scripts/lib/*.test.mjs (CSP hashing, portable inlining)
#   fmt          cargo fmt --all --check (the code as rustfmt writes it)
#   clippy       cargo clippy --workspace --all-targets --all-features --locked -- -D warnings
#   core         cargo test -p caricc-core -p caricc-search -p caricc-publish -p caricc-ingest (native; includes the ingest freshness check)
#   wasm-tests   the app's wasm-bindgen tests in headless Chromium (with the portable build's whole-archive feature, so its code is tested too), when it has any
#   build-web    scripts/build-site.sh --archive data/archive.json --out dist
#   size         scripts/size-report.mjs: the first load, gzipped, within its 300 KB budget
#   build-portable  scripts/build-portable.sh -> dist-portable/index.html
#   fuzz-smoke   scripts/fuzz-smoke.sh, once it exists
#   e2e          node --test tests/e2e/*.test.mjs against dist/ (HTTP) and the portable file (file://)
#
# A failing step does not stop the independent ones after it (a failed build
# skips the end-to-end tests). Exit status is non-zero when any step failed.
# The e2e TAP report and failure screenshots land in tests/e2e/artifacts/.
set -uo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$REPO_ROOT"

E2E_TIMEOUT_S="${E2E_TIMEOUT_S:-1800}"
declare -a names=() results=() times=()
failed=0
started=$SECONDS

step() { # name command... : runs one step, records PASS/FAIL and its duration
    local name=$1 t0=$SECONDS status
    shift
    printf '\n\033[1;34m──── %s: %s\033[0m\n' "$name" "$*" >&2
    "$@"
    status=$?
    names+=("$name")
    times+=("$((SECONDS - t0))")
    if ((status == 0)); then
        results+=("PASS")
    else
        results+=("FAIL (exit $status)")
        failed=1
    fi
    return "$status"
}

skip() { # name reason
    printf '\n\033[1;34m──── %s: skipped (%s)\033[0m\n' "$1" "$2" >&2
    names+=("$1")
    results+=("SKIP ($2)")
    times+=("0")
}

summary() {
    printf '\n\033[1m════ summary ════\033[0m\n'
    local i
    for i in "${!names[@]}"; do
        printf '  %-16s %-52s %5ss\n' "${names[$i]}" "${results[$i]}" "${times[$i]}"
    done
    [[ -n "${e2e_counts:-}" ]] && printf '  e2e: %s\n' "$e2e_counts"
    printf '  total %ss — %s\n' "$((SECONDS - started))" "$([[ $failed == 0 ]] && echo 'ALL PASSED' || echo 'FAILED')"
}

# Steps ------------------------------------------------------------------------

if ! step setup bash scripts/setup.sh; then
    summary
    exit 1
fi

# The build hooks (CSP hashes, portable inlining) on pages made by the tests.
step build-hooks node --test scripts/lib/*.test.mjs

step fmt cargo fmt --all --check
step clippy cargo clippy --workspace --all-targets --all-features --locked -- -D warnings

step core cargo test --locked -p caricc-core -p caricc-search -p caricc-publish -p caricc-ingest

# The root package is the wasm app: its tests are wasm-bindgen tests, run by
# wasm-bindgen-test-runner (.cargo/config.toml) in headless Chromium through
# chromedriver ($CHROMEDRIVER, from env.sh).
if compgen -G 'tests/*.rs' >/dev/null || grep -rqs 'wasm_bindgen_test' src/; then
    step wasm-tests cargo test --locked -p caricc-archive --target wasm32-unknown-unknown --tests --features whole-archive
else
    skip wasm-tests "no tests/*.rs and no wasm_bindgen_test in src/"
fi

build_ok=1
if ! require_build_inputs; then
    skip build-web "missing inputs, see above"
    skip build-portable "missing inputs, see above"
    failed=1
    build_ok=0
else
    # The site as it is published: the app plus the bundled archive in pieces.
    step build-web bash scripts/build-site.sh --archive data/archive.json --out dist || build_ok=0
    ((build_ok)) && step size node scripts/size-report.mjs
    step build-portable bash scripts/build-portable.sh || build_ok=0
fi

# Fuzz smoke runs (short, bounded cargo-fuzz runs of the decoders) go here.
if [[ -x scripts/fuzz-smoke.sh ]]; then
    step fuzz-smoke scripts/fuzz-smoke.sh
else
    skip fuzz-smoke "no scripts/fuzz-smoke.sh yet"
fi

e2e() {
    mkdir -p tests/e2e/artifacts
    rm -f tests/e2e/artifacts/*.png tests/e2e/artifacts/*.log.txt
    # spec for people, TAP in a file for CI (and the counts below).
    timeout --kill-after=30 "$E2E_TIMEOUT_S" node --test \
        --test-reporter=spec --test-reporter-destination=stdout \
        --test-reporter=tap --test-reporter-destination=tests/e2e/artifacts/e2e.tap \
        tests/e2e/*.test.mjs
}
if ((build_ok)); then
    step e2e e2e
    if [[ -f tests/e2e/artifacts/e2e.tap ]]; then
        e2e_counts=$(grep -E '^# (tests|pass|fail|cancelled|skipped|todo) ' tests/e2e/artifacts/e2e.tap | sed 's/^# //' | paste -sd ',' | sed 's/,/, /g')
    fi
else
    skip e2e "a build failed"
fi

summary
exit "$failed"
