#include <catch2/catch.hpp>

#include "m2h/contigs.hpp"
#include "m2h/transform.hpp"
#include "testutil.hpp"

namespace {
const m2h::Header kHeader = m2h::parse_header("CHROM\tPOS\tREF\t1a\t1b\t2a\t2b\tog", "m.tsv", 1);

std::string run(m2h::Format f, std::string_view row) {
    m2h::RowTransformer rt(kHeader, m2h::auto_pairs(kHeader, f), f, "m.tsv");
    std::string out;
    return rt.transform(row, 9, out) ? out : "(skipped)";
}
}  // namespace

TEST_CASE("invariant rows (all REF or N) are skipped in every format") {
    for (auto f : {m2h::Format::kSeed, m2h::Format::kHap, m2h::Format::kRefHap, m2h::Format::kVcf}) {
        REQUIRE(run(f, "c\t1\tA\tA\tA\tA\tA\tA") == "(skipped)");
        REQUIRE(run(f, "c\t1\tA\tN\tA\tN\tN\tN") == "(skipped)");
    }
}

TEST_CASE("an unpaired column still counts for the alleles") {
    REQUIRE(run(m2h::Format::kSeed, "c\t5\tA\tA\tA\tA\tA\tG") == "c\t5\tA\tG\tc\tA|A\tc\tA|A\n");
}

TEST_CASE("seed keeps '-' in alt and replaces N and - by REF in PG_al") {
    REQUIRE(run(m2h::Format::kSeed, "c\t5\tG\t-\tN\tT\tG\tG") == "c\t5\tG\t-,T\tc\tG|G\tc\tT|G\n");
}

TEST_CASE("hap: REF first in all-alleles, '-' is missing, '.' for a pair with a missing haplotype") {
    REQUIRE(run(m2h::Format::kHap, "c\t5\tG\t-\tG\tT\tC\tG") == "c\t5\tG\tG,C,T\t.\t.\tc\tT|C\n");
    REQUIRE(run(m2h::Format::kHap, "c\t5\tG\t-\tG\tG\tG\tG") == "(skipped)");
}

TEST_CASE("refhap: ALT as in the VCF (no '-', no N), PI and PG_al as in hap") {
    REQUIRE(run(m2h::Format::kRefHap, "c\t5\tG\t-\tG\tT\tC\tG") == "c\t5\tG\tC,T\t.\t.\tc\tT|C\n");
    REQUIRE(run(m2h::Format::kRefHap, "c\t5\tG\tA\tG\tN\tG\tG") == "c\t5\tG\tA\tc\tA|G\t.\t.\n");
    REQUIRE(run(m2h::Format::kRefHap, "c\t5\tG\t-\tG\tG\tG\tG") == "(skipped)");
}

TEST_CASE("format names") {
    REQUIRE(m2h::parse_format("refhap") == m2h::Format::kRefHap);
    REQUIRE(m2h::parse_format("bcf") == m2h::Format::kBcf);
    REQUIRE_M2H_ERROR(m2h::parse_format("panel"), 1, "unknown --format 'panel' (seed, hap, refhap, vcf or bcf)");
}

TEST_CASE("vcf: ALT sorted, GT indexes, '.' for missing") {
    REQUIRE(run(m2h::Format::kVcf, "c\t5\tG\tT\tC\tN\tG\tG") == "c\t5\t.\tG\tC,T\t.\t.\t.\tGT\t2|1\t.|0\n");
}

TEST_CASE("bad allele codes name the column") {
    REQUIRE_M2H_ERROR(run(m2h::Format::kSeed, "c\t5\tG\tT\tg\tN\tG\tG"), 2, "line 9: column 5 ('1b'): 'g'");
    REQUIRE_M2H_ERROR(run(m2h::Format::kSeed, "c\t5\tX\tT\tG\tN\tG\tG"), 2, "column 3 ('REF'): 'X'");
}

TEST_CASE("table headers") {
    auto pairs = m2h::auto_pairs(kHeader, m2h::Format::kSeed);
    REQUIRE(m2h::table_header(m2h::Format::kSeed, pairs) == "contig\tpos\tref\talt\t1a1b_PI\t1a1b_PG_al\t2a2b_PI\t2a2b_PG_al");
    REQUIRE(m2h::table_header(m2h::Format::kHap, pairs) == "CHROM\tPOS\tREF\tall-alleles\t1a1b:PI\t1a1b:PG_al\t2a2b:PI\t2a2b:PG_al");
    REQUIRE(m2h::table_header(m2h::Format::kRefHap, pairs) == "CHROM\tPOS\tREF\tALT\t1a1b:PI\t1a1b:PG_al\t2a2b:PI\t2a2b:PG_al");
}

TEST_CASE("contig lengths: a .fai or name<TAB>length lines, checked row by row") {
    testutil::TempDir dir;
    testutil::write_file(dir.file("ref.fai"), "chr2\t100\t6\t60\t61\nchr1\t50\t200\t60\t61\n");
    auto lengths = m2h::ContigLengths::read(dir.file("ref.fai"));
    REQUIRE(lengths.contigs().size() == 2);
    REQUIRE(lengths.contigs()[0].name == "chr2");
    REQUIRE(lengths.find("chr1")->length == 50);
    REQUIRE(lengths.find("chr3") == nullptr);
    m2h::ContigCheck check(lengths, "m.tsv");
    check.check("chr1", "chr1\t50\tA", 7, 2);
    REQUIRE_M2H_ERROR(check.check("chr1", "chr1\t51\tA", 7, 3), 2,
                      "position past the end of its contig in 'm.tsv' line 3: chr1:51");
    REQUIRE_M2H_ERROR(check.check("chr3", "chr3\t1\tA", 6, 4), 2, "contig missing from the contig lengths in 'm.tsv' line 4: 'chr3'");
    check.check("chr2", "chr2\t100\tA", 8, 5);
    REQUIRE_M2H_ERROR(check.check("chr2", "chr2\t99999999999999999999\tA", 25, 6), 2, "position past the end");
    testutil::write_file(dir.file("bad.tsv"), "chr1\t10\nchr2\n");
    REQUIRE_M2H_ERROR(m2h::ContigLengths::read(dir.file("bad.tsv")), 2, "bad contig lengths '" + dir.file("bad.tsv") + "' line 2");
}
