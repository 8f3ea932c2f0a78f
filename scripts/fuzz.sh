#!/usr/bin/env bash
# Runs the fuzz targets in fuzz/ (cargo-fuzz, libFuzzer), one after another, each
# for a set time, and prints per target the executions, executions per second,
# coverage and what went wrong (docs/fuzzing.md).
#
#   scripts/fuzz.sh [TARGET...]     every target when none is named
#
# Settings (environment):
#   FUZZ_SECONDS=600     time per target (`make fuzz`: 600, `make test`: 20)
#   FUZZ_TIMEOUT=5       per-input time limit in seconds (libFuzzer -timeout): an
#                        input slower than this is a failure (a hang or worse than
#                        linear time)
#   FUZZ_SANITIZER=      address (default when the toolchain ships the ASan runtime) or none
#   FUZZ_LOG_DIR=fuzz/target/logs   where each target's libFuzzer log goes
#   FUZZ_NICE=19         CPU priority of the build and the runs
#
# The toolchain is the stable one: cargo-fuzz's nightly flags (-Zsanitizer,
# coverage instrumentation) are unlocked with RUSTC_BOOTSTRAP=1, as the app's
# build-std is. What a run finds is kept: new inputs in fuzz/target/corpus/<target>
# (the committed seeds in fuzz/corpus/<target> are only read), and a failing
# input in fuzz/artifacts/<target>/, with the command that replays it.
set -euo pipefail

cd "$(dirname "$0")/.."
ROOT=$PWD
export PATH="$HOME/.cargo/bin:$PATH"
export RUSTC_BOOTSTRAP=1

seconds=${FUZZ_SECONDS:-600}
timeout=${FUZZ_TIMEOUT:-5}
nice_level=${FUZZ_NICE:-19}
log_dir=${FUZZ_LOG_DIR:-fuzz/target/logs}

# The longest input each target is given, in bytes: larger than any seed, small
# enough that every execution stays fast; the per-input time limit holds for all.
max_len() {
    case "$1" in
        article | site_toml | contract) echo 16384 ;;
        search) echo 8192 ;;
        *) echo 4096 ;;
    esac
}

say() { printf 'fuzz: %s\n' "$*"; }

command -v cargo-fuzz >/dev/null 2>&1 || {
    echo "fuzz: cargo-fuzz is missing; run scripts/install-tools.sh (make tools)" >&2
    exit 1
}

if [ -z "${FUZZ_SANITIZER:-}" ]; then
    sysroot=$(rustc --print sysroot)
    if ls "$sysroot"/lib/rustlib/x86_64-unknown-linux-gnu/lib/librustc-*_rt.asan.a >/dev/null 2>&1; then
        FUZZ_SANITIZER=address
    else
        say "this toolchain has no AddressSanitizer runtime: fuzzing without a sanitizer"
        FUZZ_SANITIZER=none
    fi
fi

all_targets=$(sed -n 's/^name = "\(.*\)"$/\1/p' fuzz/Cargo.toml | grep -v '^bantin-fuzz$')
targets=("$@")
[ ${#targets[@]} -gt 0 ] || read -r -a targets <<<"$(echo $all_targets)"

say "building ${targets[*]} (sanitizer $FUZZ_SANITIZER, debug assertions on)"
# cargo-fuzz builds one named target, or all of them.
one=()
[ ${#targets[@]} -eq 1 ] && one=("${targets[0]}")
(cd fuzz && nice -n "$nice_level" cargo fuzz build -s "$FUZZ_SANITIZER" -a "${one[@]}")

mkdir -p "$log_dir"
summary="$log_dir/summary.tsv"
printf 'target\tseconds\texecutions\texec/s\tcoverage\tfeatures\tcorpus\tnew\tslowest\tresult\n' >"$summary"
failed=()
for t in "${targets[@]}"; do
    work=fuzz/target/corpus/$t
    mkdir -p "$work" "fuzz/artifacts/$t"
    log=$log_dir/$t.log
    dict=()
    [ -f "fuzz/dict/$t.dict" ] && dict=(-dict="$ROOT/fuzz/dict/$t.dict")
    say "running $t for ${seconds}s (log: $log)"
    start=$(date +%s)
    set +e
    (cd fuzz && nice -n "$nice_level" cargo fuzz run -s "$FUZZ_SANITIZER" -a "$t" \
        "$ROOT/$work" "$ROOT/fuzz/corpus/$t" -- \
        -max_total_time="$seconds" -timeout="$timeout" -max_len="$(max_len "$t")" \
        -rss_limit_mb=2048 -print_final_stats=1 -print_pcs=0 "${dict[@]}" \
        -artifact_prefix="$ROOT/fuzz/artifacts/$t/") >"$log" 2>&1
    rc=$?
    set -e
    took=$(($(date +%s) - start))
    # libFuzzer's closing lines: "#N DONE cov: C ft: F corp: K/..." and the final stats.
    done_line=$(grep -E '^#[0-9]+\s+(DONE|pulse|NEW|REDUCE|INITED)' "$log" | tail -n 1 || true)
    execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -n 1)
    rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -n 1)
    added=$(sed -n 's/^stat::new_units_added: *//p' "$log" | tail -n 1)
    # The slowest input's time, whole seconds (0: under a second).
    slowest=$(sed -n 's/^stat::slowest_unit_time_sec: *//p' "$log" | tail -n 1)
    cov=$(sed -n 's/.* cov: \([0-9]*\).*/\1/p' <<<"$done_line")
    ft=$(sed -n 's/.* ft: \([0-9]*\).*/\1/p' <<<"$done_line")
    corp=$(sed -n 's/.* corp: \([0-9]*\).*/\1/p' <<<"$done_line")
    if [ "$rc" -eq 0 ]; then
        result=ok
    else
        result=FAILED
        grep -qE 'ERROR: libFuzzer: timeout' "$log" && result="FAILED (timeout)"
        grep -qE 'panicked at|deadly signal' "$log" && result="FAILED (crash)"
        grep -qE 'out-of-memory' "$log" && result="FAILED (out of memory)"
        failed+=("$t")
    fi
    printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%ss\t%s\n' "$t" "$took" "${execs:-?}" "${rate:-?}" \
        "${cov:-?}" "${ft:-?}" "${corp:-?}" "${added:-?}" "${slowest:-?}" "$result" >>"$summary"
    say "$t: ${execs:-?} executions in ${took}s (${rate:-?}/s), coverage ${cov:-?} edges, ${ft:-?} features, corpus ${corp:-?} (+${added:-?} new), slowest input ${slowest:-?}s: $result"
    if [ "$result" != ok ]; then
        grep -E 'panicked at|ERROR: libFuzzer|SUMMARY|Test unit written|^artifact_prefix' "$log" | head -n 8 | sed 's/^/fuzz:   /' >&2
    fi
done

echo
column -t -s $'\t' "$summary"
if [ ${#failed[@]} -gt 0 ]; then
    echo "fuzz: FAILED: ${failed[*]}; inputs in fuzz/artifacts/<target>/, replay with" \
        "'cd fuzz && RUSTC_BOOTSTRAP=1 cargo fuzz run -s $FUZZ_SANITIZER -a <target> <file>'" >&2
    exit 1
fi
