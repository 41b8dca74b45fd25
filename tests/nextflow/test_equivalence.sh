# The Nextflow pipeline's output is byte-identical to the Snakemake workflow's for the same
# inputs, and so to one m2h-transform over the whole matrix: seed, hap, refhap, vcf and bcf
# (with and without contig lengths); by
# chromosome and by rows; parts copied and byte ranges; the header in the matrix and in a
# header file; phased VCF and BCF inputs (regions of an indexed file, or copied parts); the
# simulated example of both engines' defaults. The row accounting is the
# same table, and its chart the same picture (but for the transforms' measured time and
# memory, which are the tool's own: a few MiB). pipeline_info/ holds the trace, timeline, report (naming every process) and
# versions.yml; published files follow the umask.
source "$(dirname "$0")/lib.sh"

m2h-simulate --rows 30000 --chroms 5 --seed 11 --poly-rate 0.05 -o m.tsv.gz
bgzip -dc m.tsv.gz > m.tsv
head -n 1 m.tsv > header.txt
tail -n +2 m.tsv | bgzip > noheader.tsv.gz
printf 'sample\thap1\thap2\ns1\t1a\t2b\ns2\t3a\t3b\n' > sheet.tsv

# plain text of an output: decompressed BGZF, BCF as VCF
text() {
  case $1 in
    *.bcf) bcftools view --no-version "$1" ;;
    *.gz) bgzip -dc "$1" ;;
    *) cat "$1" ;;
  esac
}

# The chart without the panels of measured figures (the transforms' wall time and memory,
# the third and fourth of its four groups), which differ run to run.
chart_frame() { awk '/^<g>/ { g++ } g < 3' "$1"; }
# chart_memory SVG: the largest peak memory its title gives, in MiB.
chart_memory() { grep -o 'transform peak memory (largest [0-9.]* MiB)' "$1" | grep -o '[0-9][0-9.]*'; }

# case NAME FORMAT OUTPUT_EXT KEY=VALUE...: both engines on the same inputs, compared with
# each other and with the whole transform (WHOLE_ARGS: m2h-transform's options).
check_case() {
  local name=$1 format=$2 ext=$3 kv key value out
  shift 3
  local nf_args=(--format "$format" --output "nf/$name/$name.$ext") sm_kv=(format="$format" output="sm/$name/$name.$ext")
  for kv in "$@"; do
    key=${kv%%=*} value=${kv#*=}
    nf_args+=("--$key" "$value")
    sm_kv+=("$kv")
  done
  write_config "$name.yaml" "${sm_kv[@]}"
  wf "$name.sm.log" --cores 2 --configfile "$name.yaml" || fail "$name: Snakemake: $(tail -20 "$name.sm.log")"
  nf "$name.nf.log" "${nf_args[@]}" || fail "$name: Nextflow: $(tail -30 "$name.nf.log")"
  out=$name.$ext
  cmp -s "sm/$name/$out" "nf/$name/$out" || fail "$name: Nextflow's $out differs from Snakemake's"
  text "nf/$name/$out" | cmp -s - "$WHOLE" || fail "$name: the output differs from the whole transform"
  same "sm/$name/$name.summary.tsv" "nf/$name/$name.summary.tsv"
  cmp -s <(chart_frame "sm/$name/$name.summary.svg") <(chart_frame "nf/$name/$name.summary.svg") \
    || fail "$name: Nextflow's chart differs from Snakemake's"
  case $out in
    *.vcf.gz) same "sm/$name/$out.csi" "nf/$name/$out.csi" ;;
    *.bcf) same "sm/$name/$out.csi" "nf/$name/$out.csi" ;;
  esac
  echo "$name: identical ($(tail -n 1 "nf/$name/$name.summary.tsv" | cut -f2))"
}

m2h-transform --format seed -o whole.seed.tsv m.tsv.gz
m2h-transform --format vcf --no-version -o whole.vcf m.tsv.gz
m2h-transform --format hap -s sheet.tsv -o whole.hap.tsv m.tsv.gz
m2h-transform --format refhap -o whole.refhap.tsv m.tsv.gz
# Contig lengths in another order than the matrix's, and one contig it lacks.
printf 'chr5\t7000\nchr4\t6000\nchrM\t16569\nchr1\t6001\nchr2\t9999\nchr3\t6000\n' > lengths.tsv
m2h-transform --format vcf --no-version --contig-lengths lengths.tsv -o whole.lengths.vcf m.tsv.gz

gzip -c m.tsv > plain.gz
WHOLE=whole.seed.tsv check_case seed seed tsv input=m.tsv.gz split_by=chrom
WHOLE=whole.vcf check_case vcf vcf vcf.gz input=noheader.tsv.gz header=header.txt part_size_mb=1
WHOLE=whole.hap.tsv check_case hap hap tsv.gz input=m.tsv.gz samples=sheet.tsv split_by=rows rows_per_part=7000
WHOLE=whole.vcf check_case bcf bcf bcf input=m.tsv.gz split_by=rows rows_per_part=7000
WHOLE=whole.refhap.tsv check_case refhap refhap tsv input=m.tsv scatter=ranges part_size_mb=1 contig_lengths=lengths.tsv
WHOLE=whole.lengths.vcf check_case lengths vcf vcf.gz input=m.tsv.gz split_by=chrom contig_lengths=lengths.tsv
grep -q '^##contig=<ID=chr5,length=7000>' whole.lengths.vcf || fail "no contig lengths in the whole transform"
WHOLE=whole.vcf check_case ranges vcf vcf.gz input=m.tsv scatter=ranges split_by=chrom
WHOLE=whole.seed.tsv check_case rr seed tsv input=noheader.tsv.gz header=header.txt scatter=ranges split_by=rows rows_per_part=7000
WHOLE=whole.seed.tsv check_case copy seed tsv.gz input=m.tsv scatter=copy part_size_mb=1
WHOLE=whole.vcf check_case gzip vcf vcf.gz input=plain.gz part_size_mb=1
# A phased VCF or BCF as the input: an indexed .vcf.gz cut into regions (several a contig),
# an unindexed BCF (the split indexes it beside its manifest), a plain VCF (copied parts)
# rewritten as VCF
m2h-transform --format vcf --no-version --write-index -o p.vcf.gz m.tsv.gz
m2h-transform --format bcf --no-version -o p.bcf m.tsv.gz
bgzip -dc p.vcf.gz > p.vcf
m2h-transform --format hap -o whole.vcfin.tsv p.vcf.gz
m2h-transform --format refhap --samples 3a3b,1a1b -o whole.bcfin.tsv p.bcf
m2h-transform --format vcf --no-version -o whole.vcfvcf.vcf p.vcf
WHOLE=whole.vcfin.tsv check_case vcfin hap tsv input=p.vcf.gz split_by=rows rows_per_part=100
[ "$(tail -n 1 nf/vcfin/vcfin.summary.tsv | cut -f2 | cut -d' ' -f1)" -gt 10 ] || fail "vcfin: a few parts: $(cat nf/vcfin/vcfin.summary.tsv)"
grep -q -- "--ranges" sm/vcfin/logs/vcfin/split.log || fail "vcfin: the indexed .vcf.gz was not split into regions"
WHOLE=whole.bcfin.tsv check_case bcfin refhap tsv input=p.bcf split_by=chrom scatter=ranges samples=3a3b,1a1b
WHOLE=whole.vcfvcf.vcf check_case vcfvcf vcf vcf.gz input=p.vcf split_by=rows rows_per_part=300
grep -q "scatter auto: copy" sm/vcfvcf/logs/vcfvcf/split.log || fail "vcfvcf: a plain VCF's parts are copies"
grep -lq -- "m2h-split .*--ranges" work/*/*/.command.err || fail "no split task recorded ranges"
grep -lq -- "scatter auto: copy" work/*/*/.command.err || fail "no split task copied plain gzip input"

# Both engines' defaults: the simulated example (smaller here), published under umask 002.
write_config example.yaml output=sm/example/example.vcf.gz
printf 'example:\n  rows: 20000\n  chroms: 3\n  seed: 1\n' >> example.yaml
wf example.sm.log --cores 2 --configfile example.yaml || fail "example: Snakemake: $(tail -20 example.sm.log)"
(umask 002 && nf example.nf.log --output nf/example/example.vcf.gz --example_rows 20000 --example_chroms 3) \
  || fail "example: Nextflow: $(tail -30 example.nf.log)"
same sm/example/example.vcf.gz nf/example/example.vcf.gz
same sm/example/example.vcf.gz.csi nf/example/example.vcf.gz.csi
wrong=$(find nf/example -type f ! -perm 664 -printf '%m %p\n')
[ -z "$wrong" ] || fail "published under umask 002, not 0664: $wrong"

# pipeline_info: trace, timeline, report and versions; the report names every process.
info=nf/example/pipeline_info
for f in trace timeline report; do
  [ -s "$(ls "$info"/${f}_*.* 2>/dev/null | head -n 1)" ] || fail "pipeline_info lacks the $f: $(ls "$info")"
done
for p in M2H_SIMULATE M2H_SPLIT M2H_TRANSFORM M2H_SUMMARY M2H_MERGE; do
  grep -q "$p" "$info"/report_*.html || fail "the report does not name $p"
  grep -q "^\"$p\":" "$info/versions.yml" || [ "$p" = M2H_SUMMARY ] || fail "versions.yml lacks $p: $(cat "$info/versions.yml")"
done
grep -q "m2h-transform: $(m2h-transform --version | cut -d' ' -f2)" "$info/versions.yml" || fail "versions.yml: $(cat "$info/versions.yml")"
# The example's chart gives the transforms' peak memory as the tool measured it.
memory=$(chart_memory nf/example/example.summary.svg)
awk -v m="$memory" 'BEGIN { exit !(m > 1 && m < 16) }' || fail "Nextflow's chart: peak memory '$memory' MiB is not the tool's"
echo "Nextflow's chart: the transforms' peak memory up to $memory MiB, as Snakemake's draws it"
parts=$(tail -n 1 nf/example/example.summary.tsv | cut -f2 | cut -d' ' -f1)
[ "$(trace_rows "$(trace_of nf/example)" M2H_TRANSFORM status | grep -c COMPLETED)" -eq "$parts" ] \
  || fail "trace: $parts transforms expected"
pass
