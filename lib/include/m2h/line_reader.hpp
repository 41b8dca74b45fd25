// Streaming line reader over htslib's BGZF layer.
//
// Plain text, gzip, bgzip and LZ4 frames (m2h-split --lz4 parts) are told apart by
// content (not by name);
// "-" reads standard input. Lines are returned as views into one reused
// buffer, so reading allocates nothing per line. Memory is bounded by the
// chunk size plus the longest line allowed (max_line, an error past it).
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <sys/types.h>

typedef struct BGZF BGZF;
struct hFILE;

namespace m2h {
namespace detail {
class ReadAhead;
class Lz4Source;
}

enum class Compression { kPlain, kGzip, kBgzf, kLz4 };

// A byte range of the decompressed input (whole lines), as m2h-split --ranges records it.
struct ByteRange {
    std::uint64_t offset = 0;        // first byte of the range's first line
    std::uint64_t bytes = 0;         // length; the range must end where a line ends
    std::uint64_t first_line = 1;    // line number of its first line, for messages
    std::string index;               // BGZF input: its .gzi index (bgzip -i / m2h-split --ranges)
};

struct ReaderOptions {
    int threads = 0;                      // gzip/BGZF/LZ4: 1+ decompresses ahead in a thread; 3+ adds
                                          // threads-1 htslib threads inflating BGZF blocks
    std::size_t max_line = 1u << 20;      // longest line accepted, in bytes
    bool require_final_newline = false;   // a missing last '\n' is an error (truncated part)
    const ByteRange* range = nullptr;     // read only this range (plain or BGZF file, not gzip/LZ4)
    bool build_index = false;             // BGZF: record the block index (see dump_index); 1 thread
    hFILE* stream = nullptr;              // read this open stream (taken over), not the path
};

class LineReader {
public:
    LineReader(std::string path, const ReaderOptions& opts = {});
    // Reads an open descriptor (taken over and closed); name is used in messages.
    LineReader(int fd, std::string name, const ReaderOptions& opts = {});
    ~LineReader();
    LineReader(const LineReader&) = delete;
    LineReader& operator=(const LineReader&) = delete;

    // Next line without its '\n'. The view is valid until the next call.
    // A '\r' before the '\n' is a data error (Windows line ends are not accepted).
    bool next(std::string_view& line);

    const std::string& path() const { return path_; }
    std::uint64_t line_number() const { return line_no_; }
    Compression compression() const { return compression_; }
    // Decompressed bytes consumed so far (for progress reports).
    std::uint64_t bytes_read() const { return bytes_; }
    // Offset in the decompressed input of the line last returned by next().
    std::uint64_t line_offset() const { return line_offset_; }
    // Offset of the next unread byte (after the end of input: its decompressed size).
    std::uint64_t offset() const { return bytes_ - (end_ - begin_); }
    // Writes the BGZF block index recorded with build_index (htslib's .gzi format).
    void dump_index(const std::string& path);

private:
    void init();
    void init_or_close();
    void seek_range();
    void start_read_ahead();
    bool fill();
    ssize_t read_decompressed(char* dst, std::size_t n);
    std::string read_error_reason() const;
    bool at_range_end();

    std::string path_;
    ReaderOptions opts_;
    BGZF* fp_ = nullptr;
    std::unique_ptr<detail::Lz4Source> lz4_;    // LZ4 input: reads fp_'s file
    std::unique_ptr<detail::ReadAhead> ahead_;  // decompresses ahead when threads > 0
    std::unique_ptr<char[]> buf_;
    std::size_t cap_ = 0, begin_ = 0, end_ = 0;
    bool eof_ = false;
    std::uint64_t line_no_ = 0, bytes_ = 0, line_offset_ = 0;
    std::uint64_t range_end_ = UINT64_MAX;
    Compression compression_ = Compression::kPlain;
};

}  // namespace m2h
