# The report, offline: after a run, `snakemake --report report.html` builds with no network
# at all (in a network namespace of its own: no interface but loopback, down), and holds the
# row accounting table and the chart of rows and the transforms' own time and memory per
# part, byte for byte the files the run wrote; the chart's titles carry the totals. With the
# phase extension, it holds the extension's table and chart too. Snakemake 8+ (7.21's report
# downloads scripts and licenses while building).
source "$(dirname "$0")/lib.sh"
[ "$SNAKEMAKE_MAJOR" -ge 8 ] || fail "test_report.sh needs Snakemake 8 or later"

m2h-simulate --rows 30000 --chroms 5 --seed 11 --poly-rate 0.05 -o m.tsv.gz
write_config c.yaml input=m.tsv.gz output=out/all.vcf.gz format=vcf split_by=chrom
wf run.log --cores 2 --configfile c.yaml || fail "run: $(tail -20 run.log)"
[ -s out/all.summary.svg ] || fail "the run drew no chart"
read_total=$(awk -F'\t' '$1 == "total" { print $4 }' out/all.summary.tsv)
written_total=$(awk -F'\t' '$1 == "total" { print $5 }' out/all.summary.tsv)
title=$(/usr/bin/python3 -c "print(f'{$read_total:,} rows read, {$written_total:,} written')")
grep -q "$title" out/all.summary.svg \
  || fail "the chart's title does not give the totals ($read_total read, $written_total written)"
for n in 1 2 3 4 5; do grep -q "part $n: chr$n" out/all.summary.svg || fail "the chart lacks part $n"; done
# The transform's cost as the tool measured it (--stats): a few MiB, not an engine's sample.
largest=$(grep -o 'transform peak memory (largest [0-9.]* MiB)' out/all.summary.svg | grep -o '[0-9.]*' | head -n 1)
awk -v m="$largest" 'BEGIN { exit !(m > 1 && m < 16) }' || fail "the chart's peak memory is not the tool's: '$largest' MiB"
grep -q 'transform wall time (longest [0-9.]* s)' out/all.summary.svg || fail "the chart has no transform wall time"
echo "chart: the transforms' peak memory up to $largest MiB (the tool's own getrusage)"

unshare -n -- "$SNAKEMAKE" -s "$SNAKEFILE" --configfile c.yaml --report report.html > report.log 2>&1 \
  || fail "report without network: $(tail -20 report.log)"
# The report embeds each result as a data URI: decode them and compare with the files.
/usr/bin/python3 - report.html out/all.summary.tsv out/all.summary.svg <<'PY' || fail "the report does not hold the run's table and chart"
import base64, re, sys
html = open(sys.argv[1]).read()
for path in sys.argv[2:]:
    name = path.rsplit("/", 1)[1]
    m = re.search(r"filename=" + re.escape(name) + r";base64,([A-Za-z0-9+/=]+)", html)
    if not m or base64.b64decode(m.group(1)) != open(path, "rb").read():
        sys.exit(f"{name}: missing from the report or different")
    print(f"{name}: in the report, identical")
PY

# The phase extension's summary and chart, in the report too (under "Extension")
m2h-simulate --read-backed --rows 6000 --chroms 2 --samples 4 --read-backed-samples 1 --seed 3 --truth truth.tsv -o rb.vcf.gz
write_config e.yaml input=rb.vcf.gz output=ext/rb.vcf.gz format=vcf extend_samples=soi,s01 extend_truth=truth.tsv
wf ext.log --cores 2 --configfile e.yaml || fail "extension run: $(tail -20 ext.log)"
unshare -n -- "$SNAKEMAKE" -s "$SNAKEFILE" --configfile e.yaml --report ext.html > ext-report.log 2>&1 \
  || fail "report of the extension without network: $(tail -20 ext-report.log)"
/usr/bin/python3 - ext.html ext/rb.extended/summary.tsv ext/rb.extended/summary.svg <<'PY' || fail "the report does not hold the extension's table and chart"
import base64, re, sys
html = open(sys.argv[1]).read()
for path in sys.argv[2:]:
    found = [base64.b64decode(m) for m in re.findall(r"filename=summary\.(?:tsv|svg);base64,([A-Za-z0-9+/=]+)", html)]
    if open(path, "rb").read() not in found:
        sys.exit(f"{path}: missing from the report or different")
    print(f"{path}: in the report, identical")
PY
grep -q "Extension" ext.html || fail "the report has no Extension category"
pass
