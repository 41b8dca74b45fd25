#include <catch2/catch.hpp>

#include <htslib/bgzf.h>

#include "m2h/line_reader.hpp"
#include "m2h/output.hpp"
#include "testutil.hpp"

using testutil::TempDir;

namespace {
std::vector<std::string> read_all(const std::string& path, const m2h::ReaderOptions& opts = {}) {
    m2h::LineReader r(path, opts);
    std::vector<std::string> lines;
    std::string_view line;
    while (r.next(line)) lines.emplace_back(line);
    return lines;
}

void write_compressed(const std::string& path, const std::string& text, const char* mode) {
    BGZF* fp = bgzf_open(path.c_str(), mode);
    REQUIRE(fp);
    REQUIRE(bgzf_write(fp, text.data(), text.size()) == static_cast<ssize_t>(text.size()));
    REQUIRE(bgzf_close(fp) == 0);
}
}  // namespace

TEST_CASE("LineReader reads plain, gzip and BGZF alike, detected by content") {
    TempDir d;
    std::string text = "a\tb\nccc\n\nlast\n";
    testutil::write_file(d.file("plain.txt"), text);
    write_compressed(d.file("bgzf.dat"), text, "w");
    write_compressed(d.file("gzip.dat"), text, "wg");
    std::vector<std::string> expected{"a\tb", "ccc", "", "last"};
    REQUIRE(read_all(d.file("plain.txt")) == expected);
    REQUIRE(read_all(d.file("bgzf.dat")) == expected);
    REQUIRE(read_all(d.file("gzip.dat")) == expected);
    m2h::LineReader r(d.file("bgzf.dat"));
    REQUIRE(r.compression() == m2h::Compression::kBgzf);
}

TEST_CASE("LineReader refuses a byte range of an LZ4 file, and names a cut or corrupt one") {
    TempDir d;
    {
        m2h::OutputFile out(d.file("x.lz4"), {.compression = m2h::OutputCompression::kLz4});
        out.write_line("one\ttwo");
        out.commit();
    }
    m2h::ByteRange range{.offset = 0, .bytes = 8};
    REQUIRE_M2H_ERROR(read_all(d.file("x.lz4"), {.range = &range}), 2, "LZ4 has no random access");
    REQUIRE_M2H_ERROR(read_all(d.file("x.lz4"), {.build_index = true}), 2, "cannot record byte ranges of");
    const std::string whole = testutil::read_file(d.file("x.lz4"));
    testutil::write_file(d.file("cut.lz4"), whole.substr(0, whole.size() - 3));
    REQUIRE_M2H_ERROR(read_all(d.file("cut.lz4")), 2, "truncated LZ4 data");
    REQUIRE_M2H_ERROR(read_all(d.file("cut.lz4"), {.threads = 1}), 2, "truncated LZ4 data");
    testutil::write_file(d.file("bad.lz4"), whole + whole.substr(0, 4) + std::string(12, '\xff'));
    REQUIRE_M2H_ERROR(read_all(d.file("bad.lz4")), 2, "corrupt LZ4 data");
}

TEST_CASE("LineReader accepts a last line without newline unless told not to") {
    TempDir d;
    testutil::write_file(d.file("x"), "one\ntwo");
    REQUIRE(read_all(d.file("x")) == std::vector<std::string>{"one", "two"});
    REQUIRE_M2H_ERROR(read_all(d.file("x"), {.require_final_newline = true}), 2, "line 2: the last line does not end");
}

TEST_CASE("LineReader handles lines longer than its chunk and caps them") {
    TempDir d;
    std::string big(700000, 'x');
    testutil::write_file(d.file("x"), "a\n" + big + "\nb\n");
    REQUIRE(read_all(d.file("x")) == std::vector<std::string>{"a", big, "b"});
    REQUIRE_M2H_ERROR(read_all(d.file("x"), {.max_line = 100000}), 2, "line too long in '" + d.file("x") + "' line 2");
}

// Line ends are found 16 bytes at a time: lines of every length around that step, and
// across the 256 KiB chunk boundary, must come back whole, and offsets must add up.
TEST_CASE("LineReader splits lines of every short length and across chunks") {
    TempDir d;
    std::vector<std::string> lines;
    std::string text;
    for (std::size_t n = 0; text.size() < 600000; n = (n + 7) % 53) {
        lines.emplace_back(n, static_cast<char>('a' + n % 26));
        text += lines.back() + "\n";
    }
    testutil::write_file(d.file("x"), text);
    REQUIRE(read_all(d.file("x")) == lines);
    m2h::LineReader r(d.file("x"));
    std::string_view line;
    std::uint64_t at = 0;
    while (r.next(line)) {
        REQUIRE(r.line_offset() == at);
        at += line.size() + 1;
    }
    REQUIRE(at == text.size());
}

TEST_CASE("LineReader rejects CR LF line ends with the line number") {
    TempDir d;
    testutil::write_file(d.file("x"), "ok\r\n");
    REQUIRE_M2H_ERROR(read_all(d.file("x")), 2, "line 1: convert the file");
}

TEST_CASE("LineReader errors: missing file, truncated BGZF, corrupt gzip") {
    TempDir d;
    REQUIRE_M2H_ERROR(read_all(d.file("nope")), 2, "cannot open '" + d.file("nope") + "': No such file");
    std::string text(200000, 'a');
    for (std::size_t i = 99; i < text.size(); i += 100) text[i] = '\n';
    write_compressed(d.file("full.gz"), text, "w");
    std::string bytes = testutil::read_file(d.file("full.gz"));
    testutil::write_file(d.file("cut.gz"), bytes.substr(0, bytes.size() - 28));  // drop the EOF block
    REQUIRE_M2H_ERROR(read_all(d.file("cut.gz")), 2, "truncated BGZF file");
    write_compressed(d.file("g.gz"), text, "wg");
    bytes = testutil::read_file(d.file("g.gz"));
    testutil::write_file(d.file("gcut.gz"), bytes.substr(0, bytes.size() / 2));
    REQUIRE_M2H_ERROR(read_all(d.file("gcut.gz")), 2, "cannot read");
}

// With threads, a thread decompresses ahead (and from 3 on, htslib inflates BGZF blocks
// in parallel): the lines, their offsets and the errors must not change.
TEST_CASE("LineReader reads the same with a decompressing thread") {
    TempDir d;
    std::string text;
    for (std::size_t i = 0; text.size() < 3000000; ++i) text += "row" + std::to_string(i * 7919 % 100003) + "\n";
    write_compressed(d.file("b.gz"), text, "w");
    write_compressed(d.file("g.gz"), text, "wg");
    const auto expected = read_all(d.file("b.gz"));
    REQUIRE(expected.size() > 300000);
    for (int threads : {1, 2, 3}) {
        CAPTURE(threads);
        REQUIRE(read_all(d.file("b.gz"), {.threads = threads}) == expected);
        REQUIRE(read_all(d.file("g.gz"), {.threads = threads}) == expected);
    }
    // A reader dropped in the middle stops its thread (the sanitizer build checks for leaks).
    {
        m2h::LineReader r(d.file("g.gz"), {.threads = 1});
        std::string_view line;
        REQUIRE(r.next(line));
        REQUIRE(line == expected[0]);
    }
    // A gzip stream cut in half: the same error. (Its line is the first one not read whole,
    // which depends on where reads stopped, so it may differ by the chunking.)
    std::string bytes = testutil::read_file(d.file("g.gz"));
    testutil::write_file(d.file("cut.gz"), bytes.substr(0, bytes.size() / 2));
    for (int threads : {0, 1})
        REQUIRE_M2H_ERROR(read_all(d.file("cut.gz"), {.threads = threads}), 2, "cannot read '" + d.file("cut.gz") + "' line ");
    REQUIRE_M2H_ERROR(read_all(d.file("cut.gz"), {.threads = 1}), 2, "corrupt or truncated compressed data");
}
