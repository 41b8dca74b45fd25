#include <catch2/catch.hpp>

#include "m2h/manifest.hpp"
#include "testutil.hpp"

using testutil::TempDir;

TEST_CASE("manifest round-trips") {
    TempDir d;
    std::vector<m2h::ManifestEntry> in{{1, "chr1", 10, 300, "part-000001-chr1.tsv"},
                                       {2, "chr 2", 0, 40, "part-000002-chr_2.tsv"}};
    m2h::write_manifest(d.file("manifest.tsv"), in);
    auto out = m2h::read_manifest(d.file("manifest.tsv"));
    REQUIRE(out.size() == 2);
    REQUIRE(out[1].key == "chr 2");
    REQUIRE(out[0].rows == 10);
    REQUIRE(out[0].bytes == 300);
    REQUIRE(out[1].path == "part-000002-chr_2.tsv");
    REQUIRE(testutil::read_file(d.file("manifest.tsv")).starts_with("part\tkey\trows\tbytes\tpath\n1\tchr1\t10\t300\t"));
}

TEST_CASE("manifest reader rejects malformed manifests") {
    TempDir d;
    testutil::write_file(d.file("a"), "part\tkey\n");
    REQUIRE_M2H_ERROR(m2h::read_manifest(d.file("a")), 2, "bad manifest '" + d.file("a") + "' line 1");
    testutil::write_file(d.file("b"), "part\tkey\trows\tbytes\tpath\n1\tc\tx\t3\tp\n");
    REQUIRE_M2H_ERROR(m2h::read_manifest(d.file("b")), 2, "line 2: column 'rows' is not a whole number: 'x'");
    testutil::write_file(d.file("c"), "part\tkey\trows\tbytes\tpath\n1\tc\t3\n");
    REQUIRE_M2H_ERROR(m2h::read_manifest(d.file("c")), 2, "3 fields, expected 5");
}

TEST_CASE("paths resolve against the manifest's directory") {
    REQUIRE(m2h::parent_dir("a/b/manifest.tsv") == "a/b");
    REQUIRE(m2h::parent_dir("manifest.tsv") == ".");
    REQUIRE(m2h::parent_dir("/manifest.tsv") == "/");
    REQUIRE(m2h::resolve_path("a/b", "p.tsv") == "a/b/p.tsv");
    REQUIRE(m2h::resolve_path(".", "p.tsv") == "p.tsv");
    REQUIRE(m2h::resolve_path("a", "/abs/p.tsv") == "/abs/p.tsv");
}
