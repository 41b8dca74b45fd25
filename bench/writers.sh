#!/usr/bin/env bash
# `make bench` (BENCH_PARTS=writers): our VCF and BCF writers against bcftools', the anchor
# every user compares with. The same records are written by `m2h-transform` from the matrix
# and by `bcftools view` from the BCF of those records, at the same compression level and
# threads, side by side: each repeat runs both, in turn, so a slow spell of the machine falls
# on both alike; the figure is the median of the repeats' ratios. Every output's records are
# compared with bcftools' (`bcftools view -H`). Cases:
#   polymorphic  1.5M rows, every row polymorphic, 31 haplotypes (15 samples and an outgroup)
#   panel        30k rows x 5,008 haplotypes (2,504 samples, a 1000-Genomes-sized panel)
# for plain VCF, .vcf.gz and BCF, with --threads 0 and 2; then the compression levels 0-9
# of the polymorphic case's .vcf.gz: time and size.
# Writes OUT/writers.tsv (every run), OUT/writers.md (the tables) and OUT/writers.png.
#   bench/writers.sh [BIN_DIR] [OUT_DIR]        default: build/install/bin build/bench
# Environment: BENCH_WRITERS_REPEATS (7), BENCH_WRITERS_CASES ("polymorphic panel"),
# BENCH_WRITERS_BIG_ROWS (0: none; 190000000 is the 14 GB case of bench/workflows.sh): that
# matrix's .tsv.gz and .vcf.gz at levels 6 and 1, on 2 threads, once each (minutes each).
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
BIN=$(cd "${1:-build/install/bin}" && pwd)
OUT=$(mkdir -p "${2:-build/bench}" && cd "${2:-build/bench}" && pwd)
REPEATS=${BENCH_WRITERS_REPEATS:-7}
CASES=${BENCH_WRITERS_CASES:-polymorphic panel}
PY=/usr/bin/python3
for c in bcftools gnuplot /usr/bin/time; do
  command -v "$c" >/dev/null || { echo "bench: needs $c (make bench installs it as root)" >&2; exit 1; }
done
export PATH="$BIN:$PATH" LC_ALL=C
WORK=$OUT/writers-work
rm -rf "$WORK" && mkdir -p "$WORK" && cd "$WORK"
TSV=$OUT/writers.tsv
printf 'case\tformat\tthreads\tlevel\trunner\trun\twall_s\tmax_rss_mib\tbytes\tstatus\n' > "$TSV"

# run CASE FORMAT THREADS LEVEL RUNNER REPEAT OUTPUT -- CMD...: one measured row.
run() {
  local case=$1 fmt=$2 threads=$3 level=$4 runner=$5 rep=$6 out=$7 line
  shift 8
  rm -f "$out"
  sync  # the previous run's output written back: no run pays for another's dirty pages
  line=$($PY "$HERE/measure.py" -- "$@")
  IFS=$'\t' read -r wall _cpu _mem _rss maxrss status <<< "$line"
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$case" "$fmt" "$threads" "$level" "$runner" "$rep" \
    "$wall" "$maxrss" "$(stat -c %s "$out" 2>/dev/null || echo 0)" "$status" >> "$TSV"
}

# same_records A B: the records of two VCF/BCF files, as bcftools prints them, are equal.
same_records() {
  cmp -s <(bcftools view -H "$1") <(bcftools view -H "$2") || { echo "bench: $1 and $2 differ" >&2; exit 2; }
}

otype() { case $1 in vcf) echo v ;; vcf.gz) echo z ;; bcf) echo b ;; esac; }

for case in $CASES; do
  case $case in
    polymorphic) m2h-simulate --rows 1500000 --chroms 4 --poly-rate 1 --haplotypes 31 --seed 2 -o "$case.tsv" ;;
    panel) m2h-simulate --rows 30000 --chroms 2 --poly-rate 1 --haplotypes 5008 --seed 3 -o "$case.tsv" ;;
    *) echo "bench: unknown case $case" >&2; exit 1 ;;
  esac
  m2h-transform --no-version --format bcf -o "$case.bcf" "$case.tsv"   # bcftools' input
  echo "writers: $case ($(($(stat -c %s "$case.tsv") / 1000000)) MB of matrix)" >&2
  for threads in 0 2; do
    for fmt in vcf vcf.gz bcf; do
      echo "  $fmt --threads $threads" >&2
      for rep in $(seq 1 "$REPEATS"); do
        run "$case" "$fmt" "$threads" 6 m2h-transform "$rep" "ours.$fmt" -- \
          m2h-transform --no-version --format "${fmt%.gz}" --threads "$threads" -o "ours.$fmt" "$case.tsv"
        run "$case" "$fmt" "$threads" 6 bcftools "$rep" "theirs.$fmt" -- \
          bcftools view --no-version -O"$(otype "$fmt")" --threads "$threads" -o "theirs.$fmt" "$case.bcf"
      done
      same_records "ours.$fmt" "theirs.$fmt"
    done
  done
done

# Compression levels: the polymorphic case's .vcf.gz, time and size, on 2 threads.
if [[ " $CASES " == *" polymorphic "* ]]; then
  echo "  levels" >&2
  for level in 0 1 2 3 4 5 6 7 8 9; do
    for rep in $(seq 1 3); do
      run polymorphic vcf.gz 2 "$level" "m2h-transform -l" "$rep" "l$level.vcf.gz" -- \
        m2h-transform --no-version --format vcf --threads 2 -l "$level" -o "l$level.vcf.gz" polymorphic.tsv
    done
  done
fi

# The big case: the time and size of its compressed outputs at levels 6 (the default) and 1.
BIG=${BENCH_WRITERS_BIG_ROWS:-0}
if [ "$BIG" -gt 0 ]; then
  echo "writers: $BIG rows (bench/workflows.sh's equal genome)" >&2
  m2h-simulate --rows "$BIG" --chroms 14 --poly-rate 0.12 --seed 7 -o big.tsv
  cat big.tsv > /dev/null  # cached, as in bench/workflows.sh
  for fmt in tsv.gz vcf.gz; do
    for level in 6 1; do
      echo "  $fmt -l $level" >&2
      run big "$fmt" 2 "$level" "m2h-transform -l" 1 "big.$fmt" -- \
        m2h-transform --no-version --format "$([ "$fmt" = tsv.gz ] && echo seed || echo vcf)" --threads 2 -l "$level" \
        -o "big.$fmt" big.tsv
      rm -f "big.$fmt"
    done
  done
  rm -f big.tsv
fi

$PY "$HERE/writers_table.py" "$TSV" --plot "$OUT/writers.dat" > "$OUT/writers.md"
gnuplot -e "dat='$OUT/writers.dat'; png='$OUT/writers.png'" "$HERE/writers.gp"
cat "$OUT/writers.md"
