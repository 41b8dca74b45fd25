#!/usr/bin/env bash
# One bounded libFuzzer run: run.sh FUZZER SEEDS SECONDS WORKDIR. New inputs go to
# WORKDIR/corpus (kept between runs), a crashing input to WORKDIR/crash-*, never into SEEDS.
set -euo pipefail
fuzzer=$1 seeds=$2 seconds=$3 work=$4
mkdir -p "$work/corpus"
if ! "$fuzzer" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
    -artifact_prefix="$work/" "$work/corpus" "$seeds"; then
  echo "FAIL: $(basename "$fuzzer") found a crash: $(ls "$work"/crash-* "$work"/timeout-* "$work"/oom-* 2>/dev/null)" >&2
  echo "Keep it as a regression seed: cp <that file> $seeds/" >&2
  exit 1
fi
