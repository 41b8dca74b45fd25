#include <catch2/catch.hpp>

#include "m2h/fields.hpp"
#include "m2h/simulate.hpp"
#include "testutil.hpp"

using testutil::TempDir;

TEST_CASE("simulate is deterministic and seed-dependent") {
    TempDir d;
    m2h::SimulateOptions o{.rows = 500, .chroms = 3, .seed = 42, .poly_rate = 0.3};
    o.output = d.file("a");
    m2h::run_simulate(o);
    o.output = d.file("b");
    m2h::run_simulate(o);
    o.seed = 43;
    o.output = d.file("c");
    m2h::run_simulate(o);
    REQUIRE(testutil::read_file(d.file("a")) == testutil::read_file(d.file("b")));
    REQUIRE(testutil::read_file(d.file("a")) != testutil::read_file(d.file("c")));
}

TEST_CASE("simulated header pairs haplotypes and adds an outgroup when odd") {
    m2h::SimulateOptions o{.haplotypes = 5};
    REQUIRE(m2h::simulated_header(o) == "CHROM\tPOS\tREF\t1a\t1b\t2a\t2b\toutgroup");
    o.haplotypes = 4;
    REQUIRE(m2h::simulated_header(o) == "CHROM\tPOS\tREF\t1a\t1b\t2a\t2b");
}

TEST_CASE("simulated rows are well formed, with interleaved chromosomes") {
    TempDir d;
    m2h::SimulateOptions o{.rows = 10, .chroms = 2, .haplotypes = 7, .header = false, .interleave = 2};
    o.output = d.file("m");
    m2h::run_simulate(o);
    std::string text = testutil::read_file(d.file("m"));
    std::vector<std::string_view> f;
    std::vector<std::string> chroms;
    std::size_t start = 0;
    while (start < text.size()) {
        std::size_t nl = text.find('\n', start);
        m2h::split_tabs(std::string_view(text).substr(start, nl - start), f);
        REQUIRE(f.size() == 10);
        for (std::size_t i = 3; i < f.size(); ++i) REQUIRE(std::string_view("ACGTN-").find(f[i]) != std::string_view::npos);
        chroms.emplace_back(f[0]);
        start = nl + 1;
    }
    REQUIRE(chroms == std::vector<std::string>{"chr1", "chr1", "chr2", "chr2", "chr1", "chr1", "chr2", "chr2", "chr1", "chr2"});
}
