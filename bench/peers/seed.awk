# The seed rule (SPEC section 2) as a one-pass awk script: the benchmark peer
# for m2h-transform --format seed --samples auto. Run: mawk -f seed.awk matrix.tsv
BEGIN { FS = OFS = "\t" }
NR == 1 {
    printf "contig\tpos\tref\talt"
    for (i = 4; i <= NF; i++) col[$i] = i
    np = 0
    for (i = 4; i <= NF; i++)
        if ($i ~ /.a$/ && (substr($i, 1, length($i) - 1) "b") in col) {
            np++; h1[np] = i; h2[np] = col[substr($i, 1, length($i) - 1) "b"]
            printf "\t%s_PI\t%s_PG_al", $i substr($i, 1, length($i) - 1) "b", $i substr($i, 1, length($i) - 1) "b"
        }
    print ""
    next
}
{
    ref = $3
    split("", seen); n = 0
    for (i = 4; i <= NF; i++) if ($i != ref && $i != "N" && !($i in seen)) { seen[$i] = 1; alts[++n] = $i }
    if (n == 0) next
    for (i = 2; i <= n; i++) { v = alts[i]; for (j = i - 1; j >= 1 && alts[j] > v; j--) alts[j + 1] = alts[j]; alts[j + 1] = v }
    alt = alts[1]; for (i = 2; i <= n; i++) alt = alt "," alts[i]
    line = $1 OFS $2 OFS ref OFS alt
    for (p = 1; p <= np; p++) {
        a = $(h1[p]); b = $(h2[p])
        if (a == "N" || a == "-") a = ref
        if (b == "N" || b == "-") b = ref
        line = line OFS $1 OFS a "|" b
    }
    print line
}
