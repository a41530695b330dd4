#!/usr/bin/env bash
# Run every fuzz target for SECONDS each (default 8: the CI smoke run) on
# its committed corpus, and print the executions, coverage and findings.
# A finding fails the run and is left in fuzz/artifacts/<target>/.
#   fuzz/campaign.sh 600            # ten minutes a target, by hand
#   TARGETS="parse diff" fuzz/campaign.sh 60
# Needs cargo-fuzz (`cargo install cargo-fuzz --locked`); stable Rust is
# enough with the sanitizer off (-s none), see fuzz/README.md.
set -uo pipefail
cd "$(dirname "$0")"
seconds=${1:-8}
targets=${TARGETS:-parse diff eval limit check scan slope}
cargo fuzz build -s none -O >/dev/null 2>&1 || cargo fuzz build -s none -O || exit 2
failed=0
total=0
for t in $targets; do
    mkdir -p "corpus/$t"
    log=$(mktemp)
    cargo fuzz run -s none -O "$t" -- -max_total_time="$seconds" -timeout=10 -rss_limit_mb=4096 \
        -max_len=256 -print_final_stats=1 >"$log" 2>&1
    status=$?
    runs=$(grep -o 'stat::number_of_executed_units: [0-9]*' "$log" | grep -o '[0-9]*$' || echo 0)
    cov=$(grep -o 'cov: [0-9]*' "$log" | tail -1 | grep -o '[0-9]*$' || echo 0)
    total=$((total + ${runs:-0}))
    if [ "$status" -ne 0 ]; then
        failed=1
        echo "fuzz $t: FINDING after ${runs:-0} executions (cov $cov):"
        grep -E 'panicked|SUMMARY|Test unit written|timeout' "$log" | head -5
    else
        echo "fuzz $t: ${runs:-0} executions, cov $cov, no finding"
    fi
    rm -f "$log"
done
echo "fuzz: $total executions in all"
exit $failed
