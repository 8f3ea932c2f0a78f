#!/usr/bin/env bash
# Runs one step of `make test`, times it and keeps its output.
#
#   scripts/step.sh NAME COMMAND [ARG...]
#
# Prints "==> NAME" before and "<== NAME: ok (Ns)" or "<== NAME: FAILED" after,
# copies the output to target/test-logs/NAME.log (read by scripts/test-summary.sh)
# and exits with the command's own exit code, so a failing step fails the run.
set -euo pipefail

name=$1
shift
cd "$(dirname "$0")/.."
mkdir -p target/test-logs
log=target/test-logs/$name.log

echo "==> $name: $*"
start=$(date +%s)
set +e
"$@" 2>&1 | tee "$log"
rc=${PIPESTATUS[0]}
set -e
secs=$(($(date +%s) - start))
if [ "$rc" -eq 0 ]; then
    echo "<== $name: ok (${secs}s)"
    printf '%s\tok\t%s\n' "$name" "$secs" >>target/test-logs/steps.tsv
else
    echo "<== $name: FAILED with exit code $rc (${secs}s); output in $log" >&2
    printf '%s\tFAILED\t%s\n' "$name" "$secs" >>target/test-logs/steps.tsv
fi
exit "$rc"
