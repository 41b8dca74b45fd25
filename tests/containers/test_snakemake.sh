# The Snakemake workflow with the image's tools and no Apptainer (which Debian 12 lacks, so
# `--sdm apptainer` cannot run here): containers/bin first on PATH, so that every step's
# tool runs through `podman run` in the image (no m2h-* of the host's on PATH). The output
# is byte-identical to the host's m2h-transform; podman's events count one container per
# tool run: the split, every transform and the merge. With the phase extension of a
# read-backed VCF: each sample's files and the extended VCF equal the host's m2h-extend and
# m2h-transform --extended, a container for every tool run (one m2h-extend per sample).
source "$(dirname "$0")/lib.sh"
export PATH=$M2H_SRC/containers/bin:$PATH M2H_IMAGE=$IMAGE M2H_CONTAINER_MOUNTS=$WORK
label=m2h-snakemake-test=$$
export M2H_CONTAINER_OPTS="--label $label"

"$HOST_BIN/m2h-simulate" --rows 30000 --chroms 5 --seed 11 --poly-rate 0.05 -o m.tsv
gzip -c m.tsv > plain.gz
printf 'chr1\t6000\nchr2\t6000\nchr3\t6000\nchr4\t6000\nchr5\t6000\n' > lengths.tsv
"$HOST_BIN/m2h-transform" --format vcf --no-version --contig-lengths lengths.tsv -o whole.vcf m.tsv
"$HOST_BIN/m2h-transform" --format refhap -o whole.refhap.tsv m.tsv

# containers RUN_START: the image's containers started since then, with the label.
containers() { podman events --stream=false --since "$1" --filter "label=$label" --filter event=start | wc -l; }

start=$(date +%s)
write_config ranges.yaml input=m.tsv output=out/m.vcf.gz format=vcf part_size_mb=1 contig_lengths=lengths.tsv
wf ranges.log --cores 2 --configfile ranges.yaml || fail "ranges: $(tail -20 ranges.log)"
bgzip -dc out/m.vcf.gz | cmp -s - whole.vcf || fail "ranges: the output differs from the host's m2h-transform"
parts=$(($(wc -l < out/m.summary.tsv) - 2))
[ "$(containers "$start")" -eq $((parts + 2)) ] || fail "ranges: $((parts + 2)) containers expected, podman started $(containers "$start")"
echo "ranges: split, $parts transforms and merge: $((parts + 2)) containers of $IMAGE; output identical"

start=$(date +%s)
write_config copy.yaml input=plain.gz output=out/panel.tsv format=refhap part_size_mb=1
wf copy.log --cores 2 --configfile copy.yaml || fail "copy: $(tail -20 copy.log)"
same whole.refhap.tsv out/panel.tsv
parts=$(($(wc -l < out/panel.summary.tsv) - 2))
[ "$(containers "$start")" -eq $((parts + 2)) ] || fail "copy: $((parts + 2)) containers expected, podman started $(containers "$start")"
echo "copy (refhap): split, $parts transforms and merge: $((parts + 2)) containers of $IMAGE; output identical"

"$HOST_BIN/m2h-simulate" --read-backed --rows 20000 --chroms 2 --samples 4 --read-backed-samples 1 --seed 5 -o rb.vcf.gz
"$HOST_BIN/m2h-transform" --format hap -o rb.tsv rb.vcf.gz
mkdir want
for s in soi s01; do "$HOST_BIN/m2h-extend" --input rb.tsv --SOI "$s" --output "want/$s" 2> /dev/null || fail "host m2h-extend --SOI $s"; done
"$HOST_BIN/m2h-transform" --format vcf --no-version --extended want/soi/extended_haplotype_soi.txt \
  --extended want/s01/extended_haplotype_s01.txt --write-index -o want.vcf.gz rb.vcf.gz
start=$(date +%s)
write_config ext.yaml input=rb.vcf.gz output=out/rb.vcf.gz format=vcf split_by=rows rows_per_part=5000 extend_samples=soi,s01
wf ext.log --cores 2 --configfile ext.yaml || fail "extension: $(tail -20 ext.log)"
for s in soi s01; do
  diff -r -x .snakemake_timestamp "want/$s" "out/rb.extended/$s" > /dev/null || fail "extension: $s differs from the host's m2h-extend"
done
same want.vcf.gz out/rb.extended.vcf.gz
parts=$(($(wc -l < out/rb.summary.tsv) - 2))
# split, transforms, merge, the table to extend, two m2h-extend, the extended VCF
[ "$(containers "$start")" -eq $((parts + 6)) ] || fail "extension: $((parts + 6)) containers expected, podman started $(containers "$start")"
echo "extension: split, $parts transforms, merge, table, 2 extensions and the VCF: $((parts + 6)) containers of $IMAGE; output identical"
pass
