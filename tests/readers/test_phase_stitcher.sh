# phase-Stitcher 0.0.3 (F1 hybrids) reads our hap table: an F1 whose haplotypes come one
# from a paternal, one from a maternal population, cut into read-backed blocks (every other
# one flipped) beside four samples of each population; every allele of every block must be
# given to the right parent.
source "$(dirname "$0")/lib.sh"
PS=$(venv phase-stitcher)
echo "phase-Stitcher $("$PS/pip" show phase-stitcher | awk '/^Version/ { print $2 }')" \
  "(dask $("$PS/python" -c 'import dask; print(dask.__version__)'), pandas $("$PS/python" -c 'import pandas; print(pandas.__version__)'))"

$HAPLOTYPES f1 .
m2h-transform --samples auto --format hap -o f1.hap.tsv f1.tsv
$HAPLOTYPES blocks f1af1b f1.hap.tsv > f1.blocks.tsv
pat=pat1apat1b,pat2apat2b,pat3apat3b,pat4apat4b mat=mat1amat1b,mat2amat2b,mat3amat3b,mat4amat4b
"$PS/phase-stitcher" --input f1.blocks.tsv --pat $pat --mat $mat --f1Sample f1af1b --nt 2 --output out \
  > stitch.log 2>&1 || fail "phase-Stitcher: $(tail -20 stitch.log)"
$HAPLOTYPES check-stitch truth.tsv out/f1af1b_haplotype_long.txt f1af1b
[ "$(tail -n +2 out/f1af1b_haplotype_wide.txt | wc -l)" -gt 10 ] || fail "few blocks in the wide output"
pass
