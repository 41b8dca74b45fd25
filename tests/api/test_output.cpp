#include <catch2/catch.hpp>

#include "m2h/line_reader.hpp"
#include "m2h/output.hpp"
#include "testutil.hpp"

using testutil::TempDir;

TEST_CASE("OutputFile appears only on commit") {
    TempDir d;
    {
        m2h::OutputFile out(d.file("a.tsv"));
        out.write_line("hello");
        REQUIRE(!std::filesystem::exists(d.file("a.tsv")));
        REQUIRE(testutil::count_entries(d.path()) == 1);  // the hidden temporary
        out.commit();
        REQUIRE(out.committed_bytes() == 6);
    }
    REQUIRE(testutil::read_file(d.file("a.tsv")) == "hello\n");
    REQUIRE(testutil::count_entries(d.path()) == 1);
}

TEST_CASE("OutputFile abandoned without commit leaves nothing") {
    TempDir d;
    try {
        m2h::OutputFile out(d.file("b.tsv"));
        out.write_line("partial");
        throw std::runtime_error("failure mid-way");
    } catch (const std::runtime_error&) {
    }
    REQUIRE(testutil::count_entries(d.path()) == 0);
}

TEST_CASE("OutputFile writes BGZF for .gz names and survives suspend/reopen") {
    TempDir d;
    m2h::OutputFile out(d.file("c.tsv.gz"), {.buffer = 4096});
    out.write_line("first");
    out.flush_block();
    out.suspend();
    REQUIRE(!out.is_open());
    out.reopen();
    std::string big(10000, 'q');
    out.write_line(big);
    out.commit();
    m2h::LineReader r(d.file("c.tsv.gz"));
    REQUIRE(r.compression() == m2h::Compression::kBgzf);
    std::string_view line;
    REQUIRE((r.next(line) && line == "first"));
    REQUIRE((r.next(line) && line == big));
    REQUIRE(!r.next(line));
}

TEST_CASE("OutputFile reports an impossible target") {
    TempDir d;
    REQUIRE_M2H_ERROR(m2h::OutputFile(d.file("no/such/dir/x")), 2, "cannot create output");
}
