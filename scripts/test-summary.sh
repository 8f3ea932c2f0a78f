#!/usr/bin/env bash
# Prints the end of `make test`: how long each step took, then one line that adds up
# the tests every runner reported:
#
#   N passed, M failed, K skipped
#
# Counts come from the logs scripts/step.sh kept in target/test-logs/: cargo's and
# wasm-bindgen-test-runner's "test result:" lines, node's test runner's pass/fail/skipped
# totals (TAP "# pass N" or spec "ℹ pass N"), each size budget as one check, and each
# fuzz target of the short fuzzing run as one check.
# Exits non-zero if any count of failures is non-zero.
set -euo pipefail
cd "$(dirname "$0")/.."
dir=target/test-logs
[ -d "$dir" ] || {
    echo "test-summary: no logs in $dir" >&2
    exit 1
}

if [ -f "$dir/steps.tsv" ]; then
    echo
    echo "Steps:"
    awk -F'\t' '{ printf "  %-12s %-7s %6ss\n", $1, $2, $3; t += $3 } END { printf "  %-12s %-7s %6ss\n", "total", "", t }' "$dir/steps.tsv"
fi

passed=0 failed=0 skipped=0
add() { passed=$((passed + $1)); failed=$((failed + $2)); skipped=$((skipped + $3)); }

for log in "$dir"/*.log; do
    [ -e "$log" ] || continue
    step=$(basename "$log" .log)
    if [ "$step" = size ] || [ "$step" = size-widgets ]; then
        # One budget check each: did the script say it is within budget?
        if grep -Eq '^(widget )?size budget: ok' "$log"; then add 1 0 0; else add 0 1 0; fi
        continue
    fi
    if [ "$step" = fuzz-short ]; then
        # One check per target: scripts/fuzz.sh ends each target's line with ": ok" or ": FAILED ...".
        add "$(grep -Ec '^fuzz: [a-z_]+: .*: ok$' "$log" || true)" "$(grep -Ec '^fuzz: [a-z_]+: .*: FAILED' "$log" || true)" 0
        continue
    fi
    # cargo test and wasm-bindgen-test-runner:
    #   test result: ok. 12 passed; 0 failed; 1 ignored; 0 measured; 0 filtered out; ...
    read -r p f i < <(awk '/^test result: /{
            for (k = 1; k <= NF; k++) {
                if ($(k+1) ~ /^passed/) p += $k
                if ($(k+1) ~ /^failed/) f += $k
                if ($(k+1) ~ /^ignored/) i += $k
            } }
        END { print p + 0, f + 0, i + 0 }' "$log")
    add "$p" "$f" "$i"
    # node --test: "# pass 8" (TAP) or "ℹ pass 8" (spec); the totals come last.
    read -r p f s < <(awk '/^(# |ℹ )(pass|fail|skipped|todo) [0-9]+$/{ v[$2] = $3 }
        END { print v["pass"] + 0, v["fail"] + 0, v["skipped"] + v["todo"] }' "$log")
    add "$p" "$f" "$s"
done

echo
if [ "$skipped" -gt 0 ]; then
    echo "$passed passed, $failed failed, $skipped skipped"
else
    echo "$passed passed, $failed failed"
fi
[ "$failed" -eq 0 ]
