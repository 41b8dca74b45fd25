#include <catch2/catch.hpp>

#include <htslib/bgzf.h>

#include <filesystem>
#include <fmt/format.h>
#include <vector>

#include "m2h/bgzf_copy.hpp"
#include "m2h/manifest.hpp"
#include "m2h/merge.hpp"
#include "m2h/output.hpp"
#include "testutil.hpp"

using testutil::TempDir;

namespace {

// Writes a BGZF file whose blocks end exactly after each piece.
void write_blocks(const std::string& path, const std::vector<std::string>& pieces) {
    m2h::OutputFile out(path, {.compression = m2h::OutputCompression::kBgzf});
    for (const auto& p : pieces) {
        out.write(p);
        out.flush_block();
    }
    out.commit();
}

std::string inflate(const std::string& path) {
    BGZF* fp = bgzf_open(path.c_str(), "r");
    REQUIRE(fp);
    std::string text;
    char buf[4096];
    ssize_t n;
    while ((n = bgzf_read(fp, buf, sizeof buf)) > 0) text.append(buf, static_cast<std::size_t>(n));
    REQUIRE(n == 0);
    REQUIRE(bgzf_close(fp) == 0);
    return text;
}

// The compressed bytes of a BGZF file after its first block, without the EOF block.
std::string blocks_after_first(const std::string& path) {
    std::string raw = testutil::read_file(path);
    std::size_t first = 1 + static_cast<unsigned char>(raw[16]) + 256 * static_cast<unsigned char>(raw[17]);
    return raw.substr(first, raw.size() - first - 28);
}

std::string merge_to(const TempDir& d, const std::vector<std::string>& parts) {
    std::string out = d.file("out.tsv.gz");
    m2h::run_merge({.inputs = parts, .output = out});
    return inflate(out);
}

const std::string kHead = "CHROM\tPOS\tREF\t1a\n";

}  // namespace

TEST_CASE("BGZF text parts are merged by copying their blocks") {
    TempDir d;
    write_blocks(d.file("a.gz"), {kHead, "c1\t1\tA\tC\n", "c1\t2\tA\tG\n"});
    write_blocks(d.file("b.gz"), {kHead, "c2\t1\tT\tC\nc2\t2\tT\tA\n"});
    std::string merged = merge_to(d, {d.file("a.gz"), d.file("b.gz")});
    REQUIRE(merged == kHead + "c1\t1\tA\tC\nc1\t2\tA\tG\nc2\t1\tT\tC\nc2\t2\tT\tA\n");
    // The parts' data blocks appear byte for byte in the output: copied, not recompressed.
    std::string raw = testutil::read_file(d.file("out.tsv.gz"));
    CHECK(raw.find(blocks_after_first(d.file("a.gz"))) != std::string::npos);
    CHECK(raw.find(blocks_after_first(d.file("b.gz"))) != std::string::npos);
}

TEST_CASE("a header ending inside a block, or spanning blocks, is handled") {
    TempDir d;
    std::string long_head = "CHROM\tPOS\tREF\t" + std::string(100000, 'x') + "\n";
    int layout = GENERATE(0, 1, 2);
    std::string head = layout == 2 ? long_head : kHead;
    std::vector<std::string> pieces{head + "c1\t1\tA\tC\n"};  // header and row in one block
    if (layout == 1) pieces = {"CHR", "OM\tPOS\tREF\t1a\nc1\t1", "\tA\tC\n"};
    write_blocks(d.file("a.gz"), pieces);
    write_blocks(d.file("b.gz"), {head, "c2\t1\tT\tC\n"});
    REQUIRE(merge_to(d, {d.file("a.gz"), d.file("b.gz")}) == head + "c1\t1\tA\tC\nc2\t1\tT\tC\n");
    REQUIRE(merge_to(d, {d.file("b.gz"), d.file("a.gz")}) == head + "c2\t1\tT\tC\nc1\t1\tA\tC\n");
}

TEST_CASE("copied parts are checked: header, final newline, EOF block, CRC, manifest rows") {
    TempDir d;
    write_blocks(d.file("a.gz"), {kHead, "c1\t1\tA\tC\n"});
    std::string out = d.file("out.tsv.gz");
    SECTION("another header") {
        write_blocks(d.file("b.gz"), {"CHROM\tPOS\tREF\t2a\n", "c2\t1\tT\tC\n"});
        REQUIRE_M2H_ERROR(m2h::run_merge({.inputs = {d.file("a.gz"), d.file("b.gz")}, .output = out}), 2,
                          "header differs in '" + d.file("b.gz") + "' line 1");
    }
    SECTION("no final newline") {
        write_blocks(d.file("b.gz"), {kHead, "c2\t1\tT\tC"});
        REQUIRE_M2H_ERROR(m2h::run_merge({.inputs = {d.file("a.gz"), d.file("b.gz")}, .output = out}), 2,
                          "does not end in a newline");
    }
    SECTION("no EOF block") {
        std::string raw = testutil::read_file(d.file("a.gz"));
        testutil::write_file(d.file("b.gz"), raw.substr(0, raw.size() - 28));
        REQUIRE_M2H_ERROR(m2h::run_merge({.inputs = {d.file("a.gz"), d.file("b.gz")}, .output = out}), 2,
                          "truncated BGZF file '" + d.file("b.gz") + "'");
    }
    SECTION("a damaged data block") {
        std::string raw = testutil::read_file(d.file("a.gz"));
        raw[raw.size() - 28 - 10] ^= 0x55;  // inside the last data block's deflate stream or CRC
        testutil::write_file(d.file("b.gz"), raw);
        REQUIRE_M2H_ERROR(m2h::run_merge({.inputs = {d.file("a.gz"), d.file("b.gz")}, .output = out}), 2,
                          "corrupt BGZF block in '" + d.file("b.gz") + "'");
    }
    SECTION("rows disagree with the manifest") {
        auto bytes = std::filesystem::file_size(d.file("a.gz"));
        testutil::write_file(d.file("manifest.tsv"), fmt::format("part\tkey\trows\tbytes\tpath\n1\tc1\t2\t{}\ta.gz\n", bytes));
        REQUIRE_M2H_ERROR(m2h::run_merge({.manifest = d.file("manifest.tsv"), .output = out}), 2,
                          "1 rows, the manifest says 2");
    }
    REQUIRE(!std::filesystem::exists(out));
    for (auto& e : std::filesystem::directory_iterator(d.path()))
        REQUIRE(e.path().filename().string().find(".tmp.") == std::string::npos);
}

TEST_CASE("copy_bgzf_body skips VCF header lines wherever the blocks break") {
    TempDir d;
    std::string head = "##fileformat=VCFv4.3\n##contig=<ID=c1>\n#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\n";
    std::string body = "c1\t1\t.\tA\tC\t.\t.\t.\nc1\t2\t.\tA\tG\t.\t.\t.\n";
    auto cut = GENERATE(std::size_t{1}, std::size_t{25}, std::size_t{70}, std::size_t{85}, std::size_t{100});
    std::string all = head + body;
    write_blocks(d.file("p.vcf.gz"), {all.substr(0, cut), all.substr(cut)});
    BGZF* out = bgzf_open(d.file("o.gz").c_str(), "w");
    REQUIRE(out);
    auto got = m2h::copy_bgzf_body(d.file("p.vcf.gz"), m2h::PartHeader::kHashLines, out, "o.gz");
    REQUIRE(bgzf_close(out) == 0);
    CHECK(got.lines == 2);
    CHECK(inflate(d.file("o.gz")) == body);
}
