# m2h-transform reading phased VCF and BCF: the same calls in each phasing tool's encoding
# (PS Integer and String, phASER's PI/PG, GATK 3's HP, GATK's PGT/PID, a panel; written with
# pysam) give the tables the rules of shared/notes/phased-vcf.md give (tests/readers/
# phased_vcf.py, apart from m2h-transform); WhatsHap's own test files (its source
# distribution, fetched by `make readers`) with HP and PS give one table; phase-extender
# 0.1.8 takes the hap table as --input and the refhap table as --refHap; a matrix through VCF
# gives the matrix's hap table; bad VCFs are exit 2 with the line, and no output.
source "$(dirname "$0")/lib.sh"
VCF=$(venv vcf)
PE=$(venv phase-extender)
PHASED="$VCF/python $M2H_SRC/tests/readers/phased_vcf.py"
WH=$M2H_READERS/whatshap-data
[ -f "$WH/phased-via-HP.vcf" ] || fail "no WhatsHap test data in $WH: run 'make readers'"

mkdir conv
$PHASED make conv 2> /dev/null
for c in ps-int ps-string phaser hp pgt panel; do
  m2h-transform --format hap -o "conv/$c.hap" "conv/$c.vcf"
  $PHASED expect "conv/$c.vcf" hap > "conv/$c.expected" 2> /dev/null
  same "conv/$c.expected" "conv/$c.hap"
done
m2h-transform --format hap -o conv/bcf.hap conv/ps-int.bcf
same conv/ps-int.hap conv/bcf.hap
# VCF text is read without htslib's parse of the samples' columns, BCF through htslib: the
# two readers give one table for every encoding, and with --unphased
for c in ps-int ps-string phaser hp pgt panel; do
  bcftools view -Ob -o "conv/$c.2.bcf" "conv/$c.vcf"
  m2h-transform --format hap -o "conv/$c.bcf.hap" "conv/$c.2.bcf"
  same "conv/$c.hap" "conv/$c.bcf.hap"
  m2h-transform --format refhap --unphased -o "conv/$c.u.tsv" "conv/$c.vcf"
  m2h-transform --format refhap --unphased -o "conv/$c.bcf.u.tsv" "conv/$c.2.bcf"
  same "conv/$c.u.tsv" "conv/$c.bcf.u.tsv"
done
bgzip -c conv/ps-int.vcf > conv/ps-int.vcf.gz
m2h-transform --format hap -o - - < conv/ps-int.vcf.gz > conv/stdin.hap
same conv/ps-int.hap conv/stdin.hap
sed 's/$/\r/' conv/ps-int.vcf > conv/crlf.vcf   # edited on Windows: CRLF line ends
m2h-transform --format hap -o conv/crlf.hap conv/crlf.vcf
same conv/ps-int.hap conv/crlf.hap
same conv/ps-int.hap conv/hp.hap   # one phasing, HP- or PS-encoded: one table
for c in phaser pgt; do
  m2h-transform --format refhap --unphased --samples s3,s1 -o "conv/$c.refhap" "conv/$c.vcf"
  $PHASED expect "conv/$c.vcf" refhap --unphased --samples s3,s1 > "conv/$c.rexpected" 2> /dev/null
  same "conv/$c.rexpected" "conv/$c.refhap"
done
printf 's2\ns1\n' > names.txt
m2h-transform --format hap -S names.txt -o conv/file.hap conv/ps-int.vcf
head -n 1 conv/file.hap | grep -qx $'CHROM\tPOS\tREF\tall-alleles\ts2:PI\ts2:PG_al\ts1:PI\ts1:PG_al' || fail "-S order"
m2h-transform --format hap --samples ^s2 -o conv/but.hap conv/ps-int.vcf
head -n 1 conv/but.hap | grep -qx $'CHROM\tPOS\tREF\tall-alleles\ts1:PI\ts1:PG_al\ts3:PI\ts3:PG_al' || fail "^s2"
echo "phased VCFs in 6 encodings: the tables the rules give"
# --format vcf/bcf: the calls rewritten as GT with PS (the block's first position): the five
# read-backed encodings of one phasing become one file, which gives the same table again,
# and which whatshap and bcftools read
for c in ps-int ps-string phaser hp pgt; do m2h-transform --format vcf --no-version -o "conv/n.$c.vcf" "conv/$c.vcf"; done
for c in ps-string phaser hp pgt; do same conv/n.ps-int.vcf "conv/n.$c.vcf"; done
m2h-transform --format hap -o conv/n.hap conv/n.phaser.vcf
same conv/ps-int.hap conv/n.hap
m2h-transform --format bcf --write-index -o conv/n.bcf conv/phaser.vcf
[ -f conv/n.bcf.csi ] || fail "no index of the BCF"
cmp -s <(bcftools view -H conv/n.bcf) <(grep -v '^#' conv/n.ps-int.vcf) || fail "the BCF's records differ from the VCF's"
"$VCF/whatshap" stats --sample s1 conv/n.ps-int.vcf > whatshap.txt
grep -Eq "Blocks: +[1-9]" whatshap.txt || fail "whatshap stats found no blocks: $(cat whatshap.txt)"
# a panel keeps GT alone (a PS in its header would make its calls unphased when read again)
m2h-transform --format vcf --no-version -o conv/n.panel.vcf conv/panel.vcf
! grep -q 'ID=PS' conv/n.panel.vcf || fail "a panel rewritten with PS"
m2h-transform --format hap -o conv/n.panel.hap conv/n.panel.vcf
same conv/panel.hap conv/n.panel.hap
echo "--format vcf and bcf: one normalised file from the five encodings, a panel as a panel"
# m2h-simulate's read-backed VCF: whatshap finds the blocks of the sample of interest
m2h-simulate --read-backed --rows 3000 --chroms 1 --samples 3 --read-backed-samples 1 --seed 2 -o sim.vcf
"$VCF/whatshap" stats --sample soi sim.vcf > sim.stats
awk '/^Blocks:/ { exit !($2 > 20) }' sim.stats || fail "whatshap stats of the simulated VCF: $(cat sim.stats)"

# The extension written back (m2h-transform --extended, as both workflows write
# NAME.extended.vcf.gz): whatshap stats finds fewer, longer blocks of the sample of interest,
# and pysam reads each of its extended calls phased, PS the extended block's first position,
# the alleles in the extended table's order.
m2h-transform --format hap -o sim.tsv sim.vcf
m2h-extend --input sim.tsv --SOI soi --output sim.ext 2> /dev/null || fail "m2h-extend on the simulated VCF"
m2h-transform --format vcf --no-version --extended sim.ext/extended_haplotype_soi.txt --write-index -o sim.ext.vcf.gz sim.vcf
"$VCF/whatshap" stats --sample soi sim.ext.vcf.gz > sim.ext.stats 2> /dev/null
read -r before_blocks before_len < <(awk '/^ *Blocks:/ { b = $2 } /Average block length:/ { print b, $4; exit }' sim.stats)
read -r after_blocks after_len < <(awk '/^ *Blocks:/ { b = $2 } /Average block length:/ { print b, $4; exit }' sim.ext.stats)
awk -v b="$before_blocks" -v a="$after_blocks" -v bl="$before_len" -v al="$after_len" 'BEGIN { exit !(a > 0 && a < b && al > bl) }' \
  || fail "whatshap stats: $before_blocks blocks (average $before_len bp) before, $after_blocks ($after_len bp) extended"
"$VCF/python" - sim.ext/extended_haplotype_soi.txt sim.ext.vcf.gz <<'EOF' || fail "pysam: the extended VCF is not the extended table"
import sys
import pysam
rows, first = [], {}
with open(sys.argv[1]) as f:
    head = f.readline().rstrip("\n").split("\t")
    pi, pg = head.index("soi:PI"), head.index("soi:PG_al")
    for line in f:
        c = line.rstrip("\n").split("\t")
        if c[pi] != ".":
            rows.append((c[0], int(c[1]), c[pi], c[pg]))
            first.setdefault((c[0], c[pi]), int(c[1]))
calls = {}
for rec in pysam.VariantFile(sys.argv[2]):
    s = rec.samples["soi"]
    calls[(rec.chrom, rec.pos)] = (s.phased, s.get("PS"), "|".join(a or "." for a in s.alleles))
for chrom, pos, block, alleles in rows:
    want = (True, first[(chrom, block)], alleles)
    if calls.get((chrom, pos)) != want:
        sys.exit(f"{chrom}:{pos}: pysam reads {calls.get((chrom, pos))}, the extended table says {want}")
print(f"pysam: {len(rows)} extended calls of soi phased as the table, {len(first)} phase sets")
EOF
echo "the extended VCF: whatshap stats $before_blocks -> $after_blocks blocks (average $before_len -> $after_len bp)"

# WhatsHap's test files: HP and PS of one phasing, multi-allelic, indels, BCF-free plain VCF
m2h-transform --format hap -o wh.hp.tsv "$WH/phased-via-HP.vcf"
m2h-transform --format hap -o wh.ps.tsv "$WH/phased-via-PS.vcf"
same wh.hp.tsv wh.ps.tsv
grep -q $'\t100\tG|C' wh.ps.tsv || fail "WhatsHap's phased-via-PS.vcf: block 100 lost"
for f in phased-via-HP.vcf phased-via-PS.vcf multiallelic.vcf indels.vcf pacbio/phased.vcf.gz; do
  m2h-transform --format hap -o wh.tsv "$WH/$f" || fail "WhatsHap's $f"
  bcftools view -Ob -o wh.bcf "$WH/$f" 2> /dev/null
  m2h-transform --format hap -o wh.bcf.tsv wh.bcf
  same wh.tsv wh.bcf.tsv
done
echo "WhatsHap's phased-via-HP.vcf and phased-via-PS.vcf: one table"

# phase-extender 0.1.8 takes what we write: a read-backed sample with a panel
m2h-simulate --read-backed --rows 3000 --chroms 2 --seed 4 --panel panel.tsv --truth truth.tsv -o soi.tsv
$VCF/python - <<'EOF' 2> /dev/null
# the simulated sample as WhatsHap writes it (GT|, PS), the panel as a panel VCF (GT|)
import pysam
def vcf(table, path, panel):
    rows = [l.rstrip("\n").split("\t") for l in open(table)]
    head, rows = rows[0], rows[1:]
    samples = [c[:-3] for c in head if c.endswith(":PI")]
    h = pysam.VariantHeader()
    for c in sorted({r[0] for r in rows}):
        h.contigs.add(c)
    h.add_meta("FORMAT", items=[("ID", "GT"), ("Number", "1"), ("Type", "String"), ("Description", "Genotype")])
    if not panel:
        h.add_meta("FORMAT", items=[("ID", "PS"), ("Number", "1"), ("Type", "Integer"), ("Description", "Phase set")])
    for s in samples:
        h.add_sample(s)
    with pysam.VariantFile(path, "w", header=h) as f:
        for r in rows:
            alleles = [r[2]] + (r[3].split(",")[1:] if not panel else r[3].split(","))
            rec = f.new_record(contig=r[0], start=int(r[1]) - 1, alleles=alleles)
            for i, s in enumerate(samples):
                pi, pg = r[4 + 2 * i], r[5 + 2 * i]
                if pg == ".":
                    continue
                a, b = pg.split("|")
                rec.samples[s]["GT"] = (alleles.index(a), alleles.index(b))
                rec.samples[s].phased = True
                if not panel:
                    rec.samples[s]["PS"] = int(pi)
            f.write(rec)
vcf("soi.tsv", "soi.vcf", False)
vcf("panel.tsv", "panel.vcf", True)
EOF
m2h-transform --format hap -o soi.hap.tsv soi.vcf
m2h-transform --format refhap -o panel.refhap.tsv panel.vcf
same soi.tsv soi.hap.tsv
"$PE/phase-extender" --input soi.hap.tsv --SOI soi --refHap panel.refhap.tsv --output pe > pe.log 2>&1 \
  || fail "phase-extender on the VCFs' tables: $(tail -5 pe.log)"
m2h-extend --input soi.hap.tsv --SOI soi --refHap panel.refhap.tsv --output ours
for f in pe/*.txt; do same "$f" "ours/$(basename "$f")"; done
echo "phase-extender 0.1.8 took the hap table (--input) and the refhap table (--refHap); m2h-extend the same files"

# A matrix through VCF: the matrix's own hap table
m2h-simulate --rows 20000 --chroms 2 --seed 3 --poly-rate 0.2 -o m.tsv
m2h-transform --samples auto --format hap -o m.hap m.tsv
m2h-transform --samples auto --format vcf --no-version -o m.vcf.gz m.tsv
m2h-transform --format hap -o m.vcf.hap m.vcf.gz
same m.hap m.vcf.hap
echo "matrix -> vcf -> hap = matrix -> hap"

# Bad VCFs: exit 2, the file and line named, no output
head -n 40 conv/ps-int.vcf > bad.vcf
awk '!/^#/ { print; exit }' conv/ps-int.vcf | cut -f1-10 >> bad.vcf
n=$(wc -l < bad.vcf)
expect_fail 2 "^m2h-transform: bad VCF record 'bad.vcf' line $n: 1 sample column where the header names 3" m2h-transform --format hap -o out.tsv bad.vcf
absent out.tsv
(grep '^#' conv/ps-int.vcf; awk '!/^#/ { print; exit }' conv/ps-int.vcf | awk 'BEGIN { OFS = "\t" } { $10 = $10 ":7"; print }') > bad.vcf
n=$(wc -l < bad.vcf)
expect_fail 2 "^m2h-transform: bad VCF record 'bad.vcf' line $n: sample '.*' has more fields than FORMAT 'GT:PS' names" \
  m2h-transform --format hap -o out.tsv bad.vcf
(grep '^#' conv/ps-int.vcf; awk '!/^#/ { print; exit }' conv/ps-int.vcf | awk 'BEGIN { OFS = "\t" } { $11 = "0|1:x5"; print }') > bad.vcf
expect_fail 2 "^m2h-transform: bad VCF record 'bad.vcf' line $n: PS 'x5' of sample '.*' is not an Integer" \
  m2h-transform --format hap -o out.tsv bad.vcf
absent out.tsv
(grep '^#' conv/ps-int.vcf; awk '!/^#/ { print; exit }' conv/ps-int.vcf | awk 'BEGIN { OFS = "\t" } { $2 = "X" $2; print }') > bad.vcf
n=$(wc -l < bad.vcf)
expect_fail 2 "^m2h-transform: bad VCF record 'bad.vcf' line $n: POS" m2h-transform --format hap -o out.tsv bad.vcf
(grep '^#' conv/ps-int.vcf; awk '!/^#/ { print; exit }' conv/ps-int.vcf | awk 'BEGIN { OFS = "\t" } { $10 = "0|7:" $2; print }') > bad.vcf
expect_fail 2 "^m2h-transform: bad VCF record 'bad.vcf' line $n: an allele number 7 past" m2h-transform --format hap -o out.tsv bad.vcf
(grep '^##' conv/ps-int.vcf; echo '##FORMAT=<ID=HP,Number=.,Type=String,Description="HP">'; grep '^#CHROM' conv/ps-int.vcf
 printf 'chr1\t5\t.\tA\tT\t.\t.\t.\tGT:PS\t0|1:5\t0|1:5\t0|1:5\nchr1\t9\t.\tA\tT\t.\t.\t.\tGT:HP\t0/1:5-1,5-2\t0|1\t0|1\n') > mixed.vcf
expect_fail 2 "^m2h-transform: bad VCF record 'mixed.vcf' line $(wc -l < mixed.vcf): phase blocks in both HP and PS" \
  m2h-transform --format hap -o out.tsv mixed.vcf
head -c 1500 conv/ps-int.vcf.gz > cut.vcf.gz
expect_fail 2 "^m2h-transform: truncated BGZF file 'cut.vcf.gz'" m2h-transform --format hap -o out.tsv cut.vcf.gz
absent out.tsv
# what htslib takes with a warning is read: an undeclared tag and contig, a dropped trailing field
(grep '^##' conv/ps-int.vcf | grep -v 'contig=<ID=2'; grep '^#CHROM' conv/ps-int.vcf
 printf 'chr1\t5\t.\tA\tT\t.\t.\tXX=1\tGT:PS:ZZ\t0|1:5:3\t0|1\t1|0:5\n2\t9\t.\tA\tT\t.\t.\t.\tGT:PS\t0|1:9\t0/1\t.\n') > lax.vcf
m2h-transform --format hap -o lax.tsv lax.vcf
[ "$(tail -n 2 lax.tsv | cut -f5-)" = "$(printf '5\tA|T\t.\t.\t5\tT|A\n9\tA|T\t.\t.\t.\t.')" ] || fail "lax VCF: $(cat lax.tsv)"
echo "bad VCFs refused with their line; undeclared tags and contigs read"
pass
