#!/usr/bin/env bash
# Times each offline step on a generated store and prints one line per step with its rate:
#   bench/pipeline.sh [USERS] [ITEMS] [DAYS]      (default: the benchmark store, 1,000,000 × 100,000 × 60)
# Results and the machine go into docs/benchmarks.md by hand, with this exact command.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
users=${1:-1000000}; items=${2:-100000}; days=${3:-60}
work=${BENCH_DIR:-$root/target/bench-$users}
q() { "$root/qianmian" "$@"; }
mkdir -p "$work"
timed() { # label, then the command
  local label=$1; shift
  local t0=$(date +%s.%N)
  "$@" > "$work/$label.log" 2>&1 || { echo "$label failed; see $work/$label.log" >&2; exit 1; }
  local t1=$(date +%s.%N)
  printf '%-10s %8.1f s\n' "$label" "$(echo "$t1 - $t0" | bc)"
}
. "$root/scripts/find-jdk.sh"; qm_find_jdk
echo "store: $users users, $items items, $days days → $work (JDK: $("$JAVA_HOME/bin/java" -version 2>&1 | head -1))"
timed generate q generate --users "$users" --items "$items" --days "$days" --seed 1 --format csv --out "$work/export"
events=$(($(wc -l < "$work/export/events.csv") - 1))
echo "events:    $events"
timed import   q import --format csv --input "$work/export" --out "$work/dataset"
timed features q features --data "$work/dataset" --out "$work/features"
timed report   q report --data "$work/dataset" --features "$work/features" --out "$work/report"
timed train    q train --data "$work/dataset" --features "$work/features" --out "$work/models"
