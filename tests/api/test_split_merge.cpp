#include <catch2/catch.hpp>

#include "m2h/merge.hpp"
#include "m2h/split.hpp"
#include "testutil.hpp"

using testutil::TempDir;

namespace {
const std::string kHeader = "CHROM\tPOS\tREF\t1a\t1b\n";
// chr2 comes back after chr1's second block: rows of a chromosome need not be contiguous.
const std::string kRows =
    "chr1\t1\tA\tA\tC\n"
    "chr1\t2\tA\tA\tA\n"
    "chr2\t1\tG\tG\tT\n"
    "chr1\t3\tT\tN\tT\n"
    "chr3\t1\tC\tC\tC\n"
    "chr2\t2\tC\tA\tC\n";

m2h::SplitOptions split_opts(const TempDir& d) {
    m2h::SplitOptions o;
    o.input = d.file("m.tsv");
    o.outdir = d.file("parts");
    return o;
}
}  // namespace

TEST_CASE("split by chromosome groups non-contiguous rows in first-appearance order") {
    TempDir d;
    testutil::write_file(d.file("m.tsv"), kHeader + kRows);
    auto o = split_opts(d);
    o.max_open = GENERATE(1, 2, 200);  // 1 and 2 force closing and reopening parts
    const int codec = GENERATE(0, 1, 2);  // plain, BGZF, LZ4
    o.compress = codec == 1;
    o.lz4 = codec == 2;
    o.threads = GENERATE(0, 1);
    auto parts = m2h::run_split(o);
    REQUIRE(parts.size() == 3);
    REQUIRE(parts[0].key == "chr1");
    REQUIRE(parts[1].key == "chr2");
    REQUIRE(parts[2].rows == 1);
    std::string ext = o.lz4 ? ".tsv.lz4" : o.compress ? ".tsv.gz" : ".tsv";
    REQUIRE(parts[1].path == "part-000002-chr2" + ext);
    m2h::MergeOptions mo{.manifest = d.file("parts/manifest.tsv"), .output = d.file("chr2.tsv")};
    m2h::MergeOptions one{.inputs = {d.file("parts/" + parts[1].path)}, .output = d.file("chr2.tsv")};
    m2h::run_merge(one);
    REQUIRE(testutil::read_file(d.file("chr2.tsv")) == kHeader + "chr2\t1\tG\tG\tT\nchr2\t2\tC\tA\tC\n");
    auto res = m2h::run_merge(mo);
    REQUIRE(res.rows == 6);
    REQUIRE(res.parts == 3);
}

TEST_CASE("split by rows, then merge gives the input back byte for byte") {
    TempDir d;
    testutil::write_file(d.file("m.tsv"), kHeader + kRows);
    auto o = split_opts(d);
    o.by = m2h::SplitBy::kRows;
    o.rows_per_part = 4;
    auto parts = m2h::run_split(o);
    REQUIRE(parts.size() == 2);
    REQUIRE(parts[0].key == "rows_1-4");
    REQUIRE(parts[1].key == "rows_5-6");
    REQUIRE(parts[1].path == "part-000002.tsv");
    m2h::run_merge({.manifest = d.file("parts/manifest.tsv"), .output = d.file("back.tsv")});
    REQUIRE(testutil::read_file(d.file("back.tsv")) == kHeader + kRows);
}

TEST_CASE("split of a bad matrix leaves no parts and no manifest") {
    TempDir d;
    testutil::write_file(d.file("m.tsv"), kHeader + kRows + "chr4\t1\tA\n");
    REQUIRE_M2H_ERROR(m2h::run_split(split_opts(d)), 2, "ragged row in '" + d.file("m.tsv") + "' line 8");
    REQUIRE(!std::filesystem::exists(d.file("parts")));  // made by the run, so removed again
    std::filesystem::create_directory(d.file("parts"));
    REQUIRE_M2H_ERROR(m2h::run_split(split_opts(d)), 2, "ragged row");
    REQUIRE(testutil::count_entries(d.file("parts")) == 0);  // there before: kept, empty
}

TEST_CASE("split of a header-only matrix is an error") {
    TempDir d;
    testutil::write_file(d.file("m.tsv"), kHeader);
    REQUIRE_M2H_ERROR(m2h::run_split(split_opts(d)), 2, "no data rows");
}

TEST_CASE("merge refuses different headers, truncated parts and manifest mismatches") {
    TempDir d;
    testutil::write_file(d.file("a"), kHeader + "chr1\t1\tA\tA\tC\n");
    testutil::write_file(d.file("b"), "CHROM\tPOS\tREF\t1a\t2b\nchr1\t2\tA\tA\tC\n");
    testutil::write_file(d.file("cut"), kHeader + "chr1\t2\tA\tA");
    testutil::write_file(d.file("empty"), "");
    std::string out = d.file("out.tsv");
    REQUIRE_M2H_ERROR(m2h::run_merge({.inputs = {d.file("a"), d.file("b")}, .output = out}), 2, "header differs in '" + d.file("b") + "' line 1");
    REQUIRE_M2H_ERROR(m2h::run_merge({.inputs = {d.file("a"), d.file("cut")}, .output = out}), 2, "truncated file");
    REQUIRE_M2H_ERROR(m2h::run_merge({.inputs = {d.file("empty")}, .output = out}), 2, "empty part");
    REQUIRE_M2H_ERROR(m2h::run_merge({.inputs = {d.file("missing")}, .output = out}), 2, "cannot open");
    testutil::write_file(d.file("manifest.tsv"), "part\tkey\trows\tbytes\tpath\n1\tchr1\t2\t33\ta\n");
    REQUIRE_M2H_ERROR(m2h::run_merge({.manifest = d.file("manifest.tsv"), .output = out}), 2, "1 rows, the manifest says 2");
    testutil::write_file(d.file("manifest.tsv"), "part\tkey\trows\tbytes\tpath\n1\tchr1\t1\t99\ta\n");
    REQUIRE_M2H_ERROR(m2h::run_merge({.manifest = d.file("manifest.tsv"), .output = out}), 2, "33 bytes, the manifest says 99");
    REQUIRE(!std::filesystem::exists(out));
    REQUIRE_M2H_ERROR(m2h::run_merge({.output = out}), 1, "give the parts");
}
