#include <catch2/catch.hpp>

#include "m2h/matrix.hpp"
#include "testutil.hpp"

using testutil::TempDir;

namespace {
const std::string kHeader = "CHROM\tPOS\tREF\t1a\t1b\n";

std::vector<std::string> rows_of(const std::string& path, const m2h::MatrixOptions& opts = {}) {
    m2h::MatrixReader r(path, opts);
    std::vector<std::string> rows;
    std::string_view row;
    while (r.next(row)) rows.emplace_back(row);
    return rows;
}
}  // namespace

TEST_CASE("parse_header accepts CHROM and #CHROM and finds columns") {
    auto h = m2h::parse_header("#CHROM\tPOS\tREF\t1a\t1b\tog", "f", 1);
    REQUIRE(h.haplotype_count() == 3);
    REQUIRE(h.index_of("1b") == 4);
    REQUIRE(h.index_of("zz") == -1);
}

TEST_CASE("parse_header rejects unknown, short and duplicate headers") {
    REQUIRE_M2H_ERROR(m2h::parse_header("chr1\t1\tA\tA", "f.tsv", 1), 2, "unknown header in 'f.tsv' line 1");
    REQUIRE_M2H_ERROR(m2h::parse_header("CHROM\tPOS\tREF", "f", 1), 2, "no haplotype columns");
    REQUIRE_M2H_ERROR(m2h::parse_header("CHROM\tPOS\tREF\t1a\t1a", "f", 1), 2, "duplicate column name in header 'f' line 1: '1a'");
    REQUIRE_M2H_ERROR(m2h::parse_header("CHROM\tPOS\tREF\t\t1a", "f", 1), 2, "empty column name");
}

TEST_CASE("MatrixReader reads header and rows") {
    TempDir d;
    testutil::write_file(d.file("m"), kHeader + "c1\t1\tA\tA\tC\nc1\t2\tG\tN\tG\n");
    m2h::MatrixReader r(d.file("m"), {});
    REQUIRE(r.header().line == "CHROM\tPOS\tREF\t1a\t1b");
    std::string_view row;
    REQUIRE(r.next(row));
    REQUIRE(row == "c1\t1\tA\tA\tC");
    REQUIRE(r.next(row));
    REQUIRE(!r.next(row));
    REQUIRE(r.rows() == 2);
}

TEST_CASE("MatrixReader takes the header from a header file for headerless data") {
    TempDir d;
    testutil::write_file(d.file("h"), kHeader);
    testutil::write_file(d.file("m"), "c1\t1\tA\tA\tC\n");
    REQUIRE(rows_of(d.file("m"), {.header_file = d.file("h"), .reader = {}}) == std::vector<std::string>{"c1\t1\tA\tA\tC"});
    testutil::write_file(d.file("m2"), kHeader + "c1\t1\tA\tA\tC\n");
    REQUIRE_M2H_ERROR(rows_of(d.file("m2"), {.header_file = d.file("h"), .reader = {}}), 2, "header given twice");
}

TEST_CASE("MatrixReader rejects malformed rows naming file and line") {
    TempDir d;
    testutil::write_file(d.file("ragged"), kHeader + "c1\t1\tA\tA\tC\nc1\t2\tA\tA\n");
    REQUIRE_M2H_ERROR(rows_of(d.file("ragged")), 2, "ragged row in '" + d.file("ragged") + "' line 3: 4 fields, the header has 5");
    testutil::write_file(d.file("pos"), kHeader + "c1\tx1\tA\tA\tC\n");
    REQUIRE_M2H_ERROR(rows_of(d.file("pos")), 2, "bad POS in '" + d.file("pos") + "' line 2: 'x1'");
    testutil::write_file(d.file("empty"), kHeader + "\n");
    REQUIRE_M2H_ERROR(rows_of(d.file("empty")), 2, "empty line");
    testutil::write_file(d.file("twice"), kHeader + kHeader);
    REQUIRE_M2H_ERROR(rows_of(d.file("twice")), 2, "repeated header");
    testutil::write_file(d.file("nohdr"), "c1\t1\tA\tA\tC\n");
    REQUIRE_M2H_ERROR(rows_of(d.file("nohdr")), 2, "unknown header");
    testutil::write_file(d.file("zero"), "");
    REQUIRE_M2H_ERROR(rows_of(d.file("zero")), 2, "empty input");
}

// check_row has a 16-byte fast path (both TABs and POS inside the first 16 bytes) and a
// byte loop for the rest: both must find the same fields and refuse the same rows.
TEST_CASE("MatrixReader finds CHROM and POS the same on either side of 16 bytes") {
    TempDir d;
    const std::string hap = "\tA\tC\n";
    struct Case {
        std::string chrom, pos;
    };
    for (const Case& c : {Case{"c1", "1"}, Case{"chr1", "123456789"}, Case{"chr10", "1234567890"},
                          Case{"chromosome_1", "12"}, Case{"c", "12345678901234"}, Case{"NC_000001.11", "7"}}) {
        const std::string pad(20, 'A');  // a long REF field is refused later, not here
        for (const std::string& ref : {std::string("A"), pad}) {
            testutil::write_file(d.file("m"), kHeader + c.chrom + "\t" + c.pos + "\t" + ref + hap);
            m2h::MatrixReader r(d.file("m"), {});
            std::string_view row;
            REQUIRE(r.next(row));
            CHECK(r.chrom() == c.chrom);
            CHECK(r.ref_offset() == c.chrom.size() + c.pos.size() + 2);
        }
    }
    const std::string long_tail = "\tAAAAAAAAAAAAAAAAAAAA\tA\tC\n";
    for (const std::string& pos : {std::string("12a4"), std::string(""), std::string("-1"), std::string("1 2")}) {
        testutil::write_file(d.file("p"), kHeader + "chr1\t" + pos + long_tail);
        REQUIRE_M2H_ERROR(rows_of(d.file("p")), 2, "bad POS in '" + d.file("p") + "' line 2: '" + pos + "'");
    }
    testutil::write_file(d.file("c"), kHeader + "\t12\tAAAAAAAAAAAAAAAAAAAA\tA\tC\n");
    REQUIRE_M2H_ERROR(rows_of(d.file("c")), 2, "empty CHROM in '" + d.file("c") + "' line 2");
    testutil::write_file(d.file("l"), kHeader + "chr1\t1234567890123456789\tA\tA\tC\n");
    REQUIRE_M2H_ERROR(rows_of(d.file("l")), 2, "bad POS in");
}
