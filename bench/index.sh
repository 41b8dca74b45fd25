#!/usr/bin/env bash
# `make bench` (BENCH_PARTS=index): what --write-index costs. m2h-transform builds the index
# from the records as it writes them (their ends noted, turned into offsets from the blocks'
# headers once the file is closed); the other way, htslib's indexer reading the finished
# file back, is what `bcftools index` does. Each repeat, side by side: the output written
# without an index, the same with --write-index, and `bcftools index` of that output (whose
# index must be ours, byte for byte). The writers bench's two cases, .vcf.gz and BCF, on 2
# threads, at the default level.
# Writes OUT/index.tsv (every run) and OUT/index.md.
#   bench/index.sh [BIN_DIR] [OUT_DIR]        default: build/install/bin build/bench
# Environment: BENCH_INDEX_REPEATS (5), BENCH_INDEX_CASES ("polymorphic panel").
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
BIN=$(cd "${1:-build/install/bin}" && pwd)
OUT=$(mkdir -p "${2:-build/bench}" && cd "${2:-build/bench}" && pwd)
REPEATS=${BENCH_INDEX_REPEATS:-5}
CASES=${BENCH_INDEX_CASES:-polymorphic panel}
PY=/usr/bin/python3
for c in bcftools /usr/bin/time; do
  command -v "$c" >/dev/null || { echo "bench: needs $c (make bench installs it as root)" >&2; exit 1; }
done
export PATH="$BIN:$PATH" LC_ALL=C
WORK=$OUT/index-work
rm -rf "$WORK" && mkdir -p "$WORK" && cd "$WORK"
TSV=$OUT/index.tsv
printf 'case\tformat\trunner\trun\twall_s\tmax_rss_mib\tstatus\n' > "$TSV"

# run CASE FORMAT RUNNER REPEAT -- CMD...: one measured row.
run() {
  local case=$1 fmt=$2 runner=$3 rep=$4 line
  shift 5
  sync
  line=$($PY "$HERE/measure.py" -- "$@")
  IFS=$'\t' read -r wall _cpu _mem _rss maxrss status <<< "$line"
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$case" "$fmt" "$runner" "$rep" "$wall" "$maxrss" "$status" >> "$TSV"
}

for case in $CASES; do
  case $case in
    polymorphic) m2h-simulate --rows 1500000 --chroms 4 --poly-rate 1 --haplotypes 31 --seed 2 -o "$case.tsv" ;;
    panel) m2h-simulate --rows 30000 --chroms 2 --poly-rate 1 --haplotypes 5008 --seed 3 -o "$case.tsv" ;;
    *) echo "bench: unknown case $case" >&2; exit 1 ;;
  esac
  for fmt in vcf.gz bcf; do
    echo "index: $case $fmt" >&2
    for rep in $(seq 1 "$REPEATS"); do
      rm -f "plain.$fmt" "ours.$fmt" "ours.$fmt.csi"
      run "$case" "$fmt" "no index" "$rep" -- \
        m2h-transform --no-version --format "${fmt%.gz}" --threads 2 -o "plain.$fmt" "$case.tsv"
      run "$case" "$fmt" "--write-index" "$rep" -- \
        m2h-transform --no-version --format "${fmt%.gz}" --threads 2 --write-index -o "ours.$fmt" "$case.tsv"
      mv "ours.$fmt.csi" "ours.csi"
      run "$case" "$fmt" "bcftools index" "$rep" -- bcftools index --threads 2 "ours.$fmt"
      cmp -s "ours.csi" "ours.$fmt.csi" || { echo "bench: our index of $case.$fmt differs from bcftools index's" >&2; exit 2; }
    done
  done
  rm -f "$case.tsv"
done

$PY - "$TSV" > "$OUT/index.md" <<'EOF'
import csv, statistics, sys
from collections import defaultdict
rows = list(csv.DictReader(open(sys.argv[1], newline=""), delimiter="\t"))
bad = [r for r in rows if r["status"] != "ok"]
if bad:
    raise SystemExit(f"index.tsv: {len(bad)} runs did not end ok, e.g. {bad[0]}")
t = defaultdict(lambda: defaultdict(dict))  # (case, format) -> runner -> run -> wall
for r in rows:
    t[(r["case"], r["format"])][r["runner"]][r["run"]] = float(r["wall_s"])
print("| case | output | written s | with --write-index s | x without | bcftools index of the file s | x the writing | runs |")
print("|---|---|--:|--:|--:|--:|--:|--:|")
for (case, fmt), by in t.items():
    runs = sorted(by["no index"])
    med = lambda k: statistics.median(by[k][p] for p in runs)
    ours = statistics.median(by["--write-index"][p] / by["no index"][p] for p in runs)
    reread = statistics.median(by["bcftools index"][p] / by["no index"][p] for p in runs)
    print(f"| {case} | {fmt} | {med('no index'):.2f} | {med('--write-index'):.2f} | {ours:.2f} | "
          f"{med('bcftools index'):.2f} | {reread:.2f} | {len(runs)} |")
EOF
cat "$OUT/index.md"
