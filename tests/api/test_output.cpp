#include <catch2/catch.hpp>
#include <fcntl.h>
#include <fmt/format.h>
#include <sys/vfs.h>
#include <unistd.h>

#include <fstream>

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

namespace {
std::vector<std::string> lines_of(const std::string& path, int threads = 0) {
    m2h::LineReader r(path, {.threads = threads});
    REQUIRE(r.compression() == m2h::Compression::kLz4);
    std::vector<std::string> lines;
    std::string_view line;
    while (r.next(line)) lines.emplace_back(line);
    return lines;
}
}  // namespace

// LZ4 parts: one frame per buffer written, frames appended after a reopen; with
// compression threads, several files in flight at once, and lines longer than the buffer.
TEST_CASE("OutputFile writes LZ4 frames, in the caller or on threads, read back in order") {
    TempDir d;
    const int threads = GENERATE(0, 1, 2);
    std::unique_ptr<m2h::Lz4Threads> pool;
    if (threads) pool = std::make_unique<m2h::Lz4Threads>(threads);
    const m2h::OutputOptions oo{.compression = m2h::OutputCompression::kLz4, .buffer = 4096, .lz4_threads = pool.get()};
    m2h::OutputFile a(d.file("a.tsv.lz4"), oo), b(d.file("b.tsv.lz4"), oo);
    std::vector<std::string> want_a, want_b;
    for (int i = 0; i < 20000; ++i) {
        std::string line = std::to_string(i) + "\tACGT" + std::string(i % 97, 'N');
        if (i % 5000 == 17) line += std::string(30000, 'x');  // several buffers long
        (i % 3 ? a : b).write_line(line);
        (i % 3 ? want_a : want_b).push_back(line);
        if (i == 10000) {
            a.suspend();
            a.reopen();
        }
    }
    a.commit();
    b.commit();
    REQUIRE(lines_of(d.file("a.tsv.lz4"), threads) == want_a);
    REQUIRE(lines_of(d.file("b.tsv.lz4")) == want_b);
}

TEST_CASE("OutputFile reports an LZ4 write error from its compression thread") {
    m2h::Lz4Threads pool(1);
    m2h::OutputFile full("/dev/full", {.compression = m2h::OutputCompression::kLz4, .buffer = 4096, .lz4_threads = &pool});
    REQUIRE_M2H_ERROR(
        {
            for (int i = 0; i < 10000; ++i) full.write_line("a line that fills more than one buffer");
            full.commit();
        },
        2, "cannot write '/dev/full': No space left on device");
}

TEST_CASE("OutputFile reports an impossible target") {
    TempDir d;
    REQUIRE_M2H_ERROR(m2h::OutputFile(d.file("no/such/dir/x")), 2, "cannot create output");
}

// Write-behind writes a new plain file by O_DIRECT (1 MiB blocks on a thread, the last
// partial block through the cache) and, after a reopen or where O_DIRECT is refused, drops
// what it has written from the page cache a 64 MiB window at a time: every byte must still
// reach the file, written or copied, across a suspend and reopen. 160 MiB, so that windows
// are started and dropped, with a tail of whole 4 KiB blocks and a few bytes.
TEST_CASE("OutputFile with write_behind keeps every byte, written or copied") {
    TempDir d;
    constexpr int kBlocks = 160;
    auto block = [](int i) {  // 1 MiB, numbered: a block out of place shows
        std::string b = fmt::format("block {:06}\n", i);
        b.resize((1 << 20) - 1, static_cast<char>('a' + i % 26));
        return b + "\n";
    };
    {
        m2h::OutputFile out(d.file("w.tsv"), {.write_behind = true});
        for (int i = 0; i < kBlocks; ++i) {
            out.write(block(i));
            if (i == kBlocks / 2) {
                out.suspend();
                out.reopen();
            }
        }
        out.commit();
    }
    {
        int fd = ::open(d.file("w.tsv").c_str(), O_RDONLY);
        REQUIRE(fd >= 0);
        m2h::OutputFile out(d.file("c.tsv"), {.write_behind = true});
        // On a local filesystem (ext4, XFS, btrfs, tmpfs: where tests run) it is written
        // by O_DIRECT; elsewhere, or in a build without it, by writeback and dropping.
        struct statfs fs {};
        REQUIRE(::statfs(d.path().c_str(), &fs) == 0);
        const bool local = fs.f_type == 0xEF53 || fs.f_type == 0x58465342 || fs.f_type == 0x9123683E ||
                           fs.f_type == 0x01021994;
        REQUIRE(out.direct() == (local && m2h::OutputFile::direct_supported()));
        out.write(block(-1).substr(0, 7));  // the copy lands at an offset no block starts at
        out.copy_range(fd, 0, std::uint64_t{kBlocks} << 20, d.file("w.tsv"));
        out.write(std::string(3 * 4096 + 5, 'z'));
        out.commit();
        ::close(fd);
    }
    std::ifstream w(d.file("w.tsv"), std::ios::binary), c(d.file("c.tsv"), std::ios::binary);
    std::string got(1 << 20, '\0'), prefix(7, '\0');
    REQUIRE(c.read(prefix.data(), 7));
    REQUIRE(prefix == block(-1).substr(0, 7));
    for (int i = 0; i < kBlocks; ++i) {
        REQUIRE(w.read(got.data(), 1 << 20));
        REQUIRE(got == block(i));
        REQUIRE(c.read(got.data(), 1 << 20));
        REQUIRE(got == block(i));
    }
    REQUIRE(w.peek() == EOF);
    std::string tail(3 * 4096 + 5, '\0');
    REQUIRE(c.read(tail.data(), static_cast<std::streamsize>(tail.size())));
    REQUIRE(tail == std::string(3 * 4096 + 5, 'z'));
    REQUIRE(c.peek() == EOF);
}
