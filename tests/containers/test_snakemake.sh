# The Snakemake workflow with the image's tools and no Apptainer (which Debian 12 lacks, so
# `--sdm apptainer` cannot run here): containers/bin first on PATH, so that every step's
# tool runs through `podman run` in the image (no m2h-* of the host's on PATH). The output
# is byte-identical to the host's m2h-transform; podman's events count one container per
# tool run: the split, every transform and the merge.
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
pass
