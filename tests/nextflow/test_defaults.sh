# Both engines' defaults, one after the other in one directory, as a new user runs them:
# Snakemake's example into results/example/, Nextflow's into results/example-nextflow/;
# neither touches the other's files, and each names what it wrote. Then parts by default:
# a 500 MB matrix makes at least as many parts as the jobs the run may run at once (8 with
# --cores 8, or Nextflow's executor.cpus = 8), 2 cores make fewer, and no part is under 64 MB.
source "$(dirname "$0")/lib.sh"
cp -r "$M2H_SRC/config" config   # the defaults, relative paths from here
wf sm.log --cores 2 --configfile config/config.yaml || fail "Snakemake's default: $(tail -20 sm.log)"
grep -q '^Output: results/example/example.vcf.gz (index results/example/example.vcf.gz.csi' sm.log \
  || fail "Snakemake does not name its output: $(tail -5 sm.log)"
find results/example -type f -printf '%p %i %T@\n' | sort > before.txt
nf nf.log || fail "Nextflow's default: $(tail -30 nf.log)"
grep -q 'Output: results/example-nextflow/example.vcf.gz' nf.log || fail "Nextflow does not name its output: $(tail -5 nf.log)"
[ -s results/example-nextflow/example.vcf.gz ] && [ -s results/example-nextflow/example.vcf.gz.csi ] || fail "no Nextflow output"
find results/example -type f -printf '%p %i %T@\n' | sort | cmp -s - before.txt || fail "Nextflow changed Snakemake's files"
wf again.log --cores 2 --configfile config/config.yaml -n || fail "snakemake -n: $(tail -5 again.log)"
grep -q "Nothing to be done" again.log || fail "Snakemake's result is no longer up to date: $(tail -5 again.log)"
same results/example/example.vcf.gz results/example-nextflow/example.vcf.gz
echo "defaults: Snakemake in results/example/, Nextflow in results/example-nextflow/, the same bytes, neither touched"

m2h-simulate --rows 6600000 --chroms 8 --seed 3 -o m.tsv   # 501 MB
parts() { echo $(($(wc -l < "$1") - 2)); }
write_config p.yaml input=m.tsv output=p8/m.tsv format=seed
wf p8.log --cores 8 --configfile p.yaml || fail "--cores 8: $(tail -20 p8.log)"
[ "$(parts p8/m.summary.tsv)" -ge 8 ] || fail "--cores 8: $(parts p8/m.summary.tsv) parts"
grep -q "parts of 64 MB, not 1000" p8/logs/m/split.log || fail "--cores 8: $(cat p8/logs/m/split.log)"
write_config q.yaml input=m.tsv output=p2/m.tsv format=seed
wf p2.log --cores 2 --configfile q.yaml || fail "--cores 2: $(tail -20 p2.log)"
[ "$(parts p2/m.summary.tsv)" -ge 2 ] && [ "$(parts p2/m.summary.tsv)" -lt 8 ] || fail "--cores 2: $(parts p2/m.summary.tsv) parts"
printf 'executor {\n    cpus = 8\n}\n' > eight.config
nf n8.log -c eight.config --input m.tsv --format seed --output n8/m.tsv || fail "Nextflow, 8 CPUs: $(tail -30 n8.log)"
[ "$(parts n8/m.summary.tsv)" -ge 8 ] || fail "Nextflow, 8 CPUs: $(parts n8/m.summary.tsv) parts"
same p8/m.tsv n8/m.tsv
echo "parts: --cores 8 $(parts p8/m.summary.tsv), --cores 2 $(parts p2/m.summary.tsv), Nextflow with 8 CPUs $(parts n8/m.summary.tsv)"
pass
