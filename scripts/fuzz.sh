#!/usr/bin/env bash
# Runs every cargo-fuzz target for SECONDS seconds each and prints, per target, the executions,
# the speed, the corpus growth and the crashes (libFuzzer's final stats). Exits non-zero when any
# target crashed, hung (timeout), ran out of memory or did not run.
#
#   bash scripts/fuzz.sh 10                 # the CI smoke run
#   bash scripts/fuzz.sh 300                # a long run (5 minutes per target)
#   FUZZ_TARGETS="terraform_tf" bash scripts/fuzz.sh 60
#
# Works on the stable toolchain: `--sanitizer none` needs no nightly-only flag (Rust's own
# checks, debug assertions and overflow checks stay on). Installs cargo-fuzz 0.13.2 when missing.
# Crash inputs are kept in fuzz/artifacts/<target>/; reproduce one with
#   cd fuzz && cargo fuzz run --sanitizer none <target> artifacts/<target>/<file>
set -euo pipefail
cd "$(dirname "$0")/.."

SECONDS_PER_TARGET=${1:-10}
if ! [[ $SECONDS_PER_TARGET =~ ^[0-9]+$ ]] || [ "$SECONDS_PER_TARGET" -lt 1 ]; then
    echo "usage: scripts/fuzz.sh SECONDS (per target)" >&2
    exit 2
fi
# Largest input the fuzzer makes, per-input time limit (a hang), memory limit (a leak or a blow-up).
MAX_LEN=${FUZZ_MAX_LEN:-65536}
TIMEOUT=${FUZZ_TIMEOUT:-10}
RSS_MB=${FUZZ_RSS_LIMIT_MB:-2048}

if ! cargo fuzz --version 2>/dev/null | grep -q '0\.13\.2'; then
    echo "fuzz: installing cargo-fuzz 0.13.2" >&2
    cargo install cargo-fuzz --version 0.13.2 --locked >&2
fi

bash scripts/fuzz-seeds.sh >&2

cd fuzz
echo "fuzz: building the targets" >&2
cargo fuzz build --sanitizer none >&2
TARGETS=${FUZZ_TARGETS:-$(cargo fuzz list)}

mkdir -p logs
failed=0
summary=()
for t in $TARGETS; do
    case $t in
        terraform_tf) dict=dicts/hcl.dict ;;
        *) dict=dicts/json.dict ;;
    esac
    mkdir -p "artifacts/$t" "corpus/$t"
    before=$(find "artifacts/$t" -type f | wc -l)
    log=logs/$t.log
    echo "fuzz: $t for ${SECONDS_PER_TARGET}s" >&2
    set +e
    cargo fuzz run --sanitizer none "$t" "corpus/$t" -- \
        -max_total_time="$SECONDS_PER_TARGET" -max_len="$MAX_LEN" -timeout="$TIMEOUT" \
        -rss_limit_mb="$RSS_MB" -dict="$dict" -print_final_stats=1 >"$log" 2>&1
    rc=$?
    set -e
    after=$(find "artifacts/$t" -type f | wc -l)
    stat() { grep -E "^stat::$1:" "$log" | tail -1 | awk '{print $2}'; }
    execs=$(stat number_of_executed_units)
    speed=$(stat average_exec_per_sec)
    added=$(stat new_units_added)
    rss=$(stat peak_rss_mb)
    if [ -z "$execs" ]; then
        # libFuzzer died before printing its final stats (a crash prints them too; a build or
        # start-up failure does not): take the last progress line.
        execs=$(grep -oE '^#[0-9]+' "$log" | tail -1 | tr -d '#')
    fi
    crashes=$((after - before))
    status=ok
    if [ "$rc" -ne 0 ] || [ "$crashes" -gt 0 ] || [ -z "$execs" ]; then
        status=FAILED
        failed=1
        [ "$crashes" -eq 0 ] && crashes=1
        grep -E "panicked|ERROR: libFuzzer|SUMMARY|Test unit written|ALARM|out-of-memory" "$log" | head -8 >&2 || true
        echo "fuzz: full log: fuzz/$log" >&2
    fi
    line=$(printf '%-16s executions=%-10s exec/s=%-7s new_units=%-6s peak_rss_mb=%-5s crashes=%s %s' \
        "$t" "${execs:-0}" "${speed:-?}" "${added:-?}" "${rss:-?}" "$crashes" "$status")
    echo "$line"
    summary+=("$line")
done

echo "fuzz summary (${SECONDS_PER_TARGET}s per target):"
printf '  %s\n' "${summary[@]}"
if [ "$failed" -ne 0 ]; then
    echo "fuzz: FAILED (crash inputs in fuzz/artifacts/)" >&2
    exit 1
fi
