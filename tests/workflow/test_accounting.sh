# Row accounting: the step scripts alone reproduce the workflow's chain (the chart of the
# accounting included: valid SVG, a bar per part and panel, the totals), and a part whose
# transform read another number of rows than the manifest lists fails the workflow at the
# summary, with a message naming the part, and leaves no final output.
source "$(dirname "$0")/lib.sh"
export PATH="$M2H_SRC/workflow/bin:$PATH"

m2h-simulate --rows 5000 --chroms 3 --seed 4 -o m.tsv
m2h-wf-split m.tsv chrom copy 2 parts
mkdir t s
for p in 1 2 3; do
  m2h-wf-transform parts/manifest.tsv "$p" auto seed 1 "t/part-00000$p.tsv.gz" "s/part-00000$p.tsv"
done
m2h-wf-summary parts/manifest.tsv s summary.tsv
[ "$(tail -n 1 summary.tsv | cut -f1-4)" = "$(printf 'total\t3 parts\t5000\t5000')" ] || fail "summary: $(cat summary.tsv)"
m2h-wf-chart summary.tsv s summary.svg
/usr/bin/python3 - summary.svg s <<'PY' || fail "the chart does not draw the table and the stats"
import sys, xml.etree.ElementTree as ET
svg = ET.parse(sys.argv[1]).getroot()
ns = "{http://www.w3.org/2000/svg}"
texts = [t.text for t in svg.iter(ns + "text")]
assert "5,000 rows read, " in texts[0], texts[0]
bars = [r.find(ns + "title").text for r in svg.iter(ns + "rect") if r.find(ns + "title") is not None]
assert len(bars) == 12, bars  # 3 parts x 4 panels
for p in (1, 2, 3):
    wall, rss = open(f"{sys.argv[2]}/part-00000{p}.tsv").read().split("\n")[1].split("\t")[4:6]
    assert f"part {p}: chr{p}: {wall} seconds" in bars and f"part {p}: chr{p}: {rss} MiB" in bars, (p, bars)
print("chart:", texts[0], f"({len(bars)} bars)")
PY
m2h-wf-merge parts/manifest.tsv t tsv.gz 1 all.tsv.gz
m2h-transform -o whole.tsv m.tsv
bgzip -dc all.tsv.gz | cmp -s - whole.tsv || fail "the step scripts' output differs from the whole transform"

# A stats file that disagrees with the manifest, or is missing.
cp s/part-000002.tsv chr2.stats
sed -i '2s/\t1667\t/\t1666\t/' s/part-000002.tsv
grep -q $'\t1666\t' s/part-000002.tsv || fail "test setup: chr2 should have 1667 rows: $(cat s/part-000002.tsv)"
expect_fail 2 "^m2h-wf-summary: row count differs for part 2 \(chr2\) 's/part-000002.tsv': the transform read 1666 rows, the manifest lists 1667" \
  m2h-wf-summary parts/manifest.tsv s bad.tsv
cp chr2.stats s/part-000002.tsv
rm s/part-000003.tsv
expect_fail 2 "^m2h-wf-summary: no transform stats for part 3 's/part-000003.tsv'" m2h-wf-summary parts/manifest.tsv s bad.tsv
absent bad.tsv
expect_fail 2 "^m2h-wf-chart: no transform stats for part 3 's/part-000003.tsv'" m2h-wf-chart summary.tsv s bad.svg
absent bad.svg

# In the workflow: an m2h-transform that loses a row (a shim first on PATH).
mkdir shim
cat > shim/m2h-transform <<SHIM
#!/usr/bin/env bash
"$M2H_BIN/m2h-transform" "\$@"
[[ " \$* " == *" --part 2 "* ]] || exit 0
stats=\$(for ((i = 1; i < \$#; i++)); do [ "\${!i}" = --stats ] && { j=\$((i + 1)); echo "\${!j}"; }; done)
awk -F'\t' -v OFS='\t' 'NR == 2 { \$2 = \$2 - 1 } { print }' "\$stats" > "\$stats.x" && mv "\$stats.x" "\$stats"
SHIM
chmod +x shim/m2h-transform
write_config c.yaml input=m.tsv output=out/all.tsv.gz format=seed split_by=chrom
PATH=$PWD/shim:$PATH wf run.log --cores 1 --configfile c.yaml && fail "the workflow accepted a part with a row missing"
grep -q "row count differs for part 2 (chr2)" out/logs/all/summary.log || fail "summary log: $(cat out/logs/all/summary.log)"
grep -q "Error in rule summary" run.log || fail "the summary rule did not fail: $(tail run.log)"
[ ! -e out/all.tsv.gz ] && [ ! -e out/all.summary.tsv ] || fail "final output left by a failed accounting"
pass
