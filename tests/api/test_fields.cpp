#include <catch2/catch.hpp>

#include "m2h/fields.hpp"
#include "m2h/names.hpp"

TEST_CASE("split_tabs splits on every tab and keeps empty fields") {
    std::vector<std::string_view> f;
    m2h::split_tabs("a\tbb\t\tc", f);
    REQUIRE(f == std::vector<std::string_view>{"a", "bb", "", "c"});
    m2h::split_tabs("", f);
    REQUIRE(f == std::vector<std::string_view>{""});
    m2h::split_tabs("x\t", f);
    REQUIRE(f == std::vector<std::string_view>{"x", ""});
}

TEST_CASE("split_tabs reuses its vector") {
    std::vector<std::string_view> f;
    m2h::split_tabs("a\tb\tc\td", f);
    auto* data = f.data();
    m2h::split_tabs("e\tf", f);
    REQUIRE(f.data() == data);
    REQUIRE(f.size() == 2);
}

TEST_CASE("count_fields and skip_fields") {
    REQUIRE(m2h::count_fields("a") == 1);
    REQUIRE(m2h::count_fields("a\tb\t\t") == 4);
    REQUIRE(m2h::skip_fields("chr1\t5\tA\tC", 3) == 9);
    REQUIRE(m2h::skip_fields("chr1\t5", 2) == std::string_view::npos);
}

TEST_CASE("part file names are safe and unique whatever the key") {
    REQUIRE(m2h::part_file_stem(1, "chr1") == "part-000001-chr1");
    REQUIRE(m2h::part_file_stem(7, "") == "part-000007");
    REQUIRE(m2h::part_file_stem(2, "../../etc/passwd") == "part-000002-.._.._etc_passwd");
    REQUIRE(m2h::part_file_stem(3, ".hidden") == "part-000003-.hidden");
    REQUIRE(m2h::part_file_stem(4, "a b/c") == "part-000004-a_b_c");
    REQUIRE(m2h::part_file_stem(1234567, "x") == "part-1234567-x");
    std::string longname(500, 'z');
    REQUIRE(m2h::part_file_stem(5, longname).size() == 12 + 64);
    // Names that differ only in case or in unsafe bytes still differ by index.
    REQUIRE(m2h::part_file_stem(8, "chrX") != m2h::part_file_stem(9, "chrx"));
}
