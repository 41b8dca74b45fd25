# phase-Extender 0.1.8, the tool the haplotype tables exist for, on what m2h-transform
# writes. A sample of interest whose haplotypes are cut into read-backed blocks (every
# other block flipped) is extended (1) with our refhap panel as --refHap, and (2) with our
# hap table as --input; each time blocks must be joined, and every joined block must equal
# the sample's true haplotypes up to one flip per block.
source "$(dirname "$0")/lib.sh"
PE=$(venv phase-extender)
echo "phase-Extender $("$PE/pip" show phase-extender | awk '/^Version/ { print $2 }')" \
  "(pandas $("$PE/python" -c 'import pandas; print(pandas.__version__)'))"

# panel.tsv: 15 samples and an outgroup; soi.tsv: the sample of interest alone; full.tsv:
# both; truth.tsv: the sample of interest's haplotypes.
$HAPLOTYPES panel .

# (1) The reference panel: m2h-transform --format refhap, as --refHap.
m2h-transform --samples auto --format refhap -o panel.refhap.tsv panel.tsv
head -n 1 panel.refhap.tsv | grep -q $'^CHROM\tPOS\tREF\tALT\ts01as01b:PI\ts01as01b:PG_al\t' || fail "refhap header: $(head -n 1 panel.refhap.tsv | cut -c1-80)"
m2h-transform --samples auto --format hap -o soi.hap.tsv soi.tsv
$HAPLOTYPES blocks soiasoib soi.hap.tsv > soi.blocks.tsv
"$PE/phase-extender" --input soi.blocks.tsv --SOI soiasoib --refHap panel.refhap.tsv --nt 2 --output ext_refhap \
  > refhap.log 2>&1 || fail "phase-Extender --refHap: $(tail -20 refhap.log)"
grep -q "Merging input haplotype data with data from the hap-reference panel" refhap.log || fail "the panel was not read: $(head -30 refhap.log)"
echo "--refHap panel.refhap.tsv (m2h-transform --format refhap), --input the sample's blocks:"
$HAPLOTYPES check-extension truth.tsv soi.blocks.tsv ext_refhap/extended_haplotype_soiasoib.txt soiasoib

# (2) Our hap table as --input: the sample of interest's read-backed blocks in the table
# beside the panel's samples, which phase-Extender then uses as its reference.
m2h-transform --samples auto --format hap -o full.hap.tsv full.tsv
$HAPLOTYPES blocks soiasoib full.hap.tsv > full.blocks.tsv
"$PE/phase-extender" --input full.blocks.tsv --SOI soiasoib --nt 2 --output ext_input \
  > input.log 2>&1 || fail "phase-Extender --input: $(tail -20 input.log)"
echo "--input full.hap.tsv (m2h-transform --format hap) with the sample's blocks in it:"
$HAPLOTYPES check-extension truth.tsv full.blocks.tsv ext_input/extended_haplotype_soiasoib.txt soiasoib

# The reason refhap exists: a hap table is not a --refHap panel for phase-Extender.
"$PE/phase-extender" --input soi.blocks.tsv --SOI soiasoib --refHap full.hap.tsv --nt 2 --output ext_wrong \
  > wrong.log 2>&1 && fail "phase-Extender took a hap table as --refHap"
grep -q "\['ALT'\] not found in axis" wrong.log || fail "phase-Extender failed otherwise: $(tail -5 wrong.log)"
pass
