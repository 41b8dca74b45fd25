// Streaming line reader over htslib's BGZF layer.
//
// Plain text, gzip and bgzip input are told apart by content (not by name);
// "-" reads standard input. Lines are returned as views into one reused
// buffer, so reading allocates nothing per line. Memory is bounded by the
// chunk size plus the longest line allowed (max_line, an error past it).
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

typedef struct BGZF BGZF;

namespace m2h {

enum class Compression { kPlain, kGzip, kBgzf };

struct ReaderOptions {
    int threads = 0;                      // extra BGZF decompression threads
    std::size_t max_line = 1u << 20;      // longest line accepted, in bytes
    bool require_final_newline = false;   // a missing last '\n' is an error (truncated part)
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

private:
    void init();
    bool fill();

    std::string path_;
    ReaderOptions opts_;
    BGZF* fp_ = nullptr;
    std::unique_ptr<char[]> buf_;
    std::size_t cap_ = 0, begin_ = 0, end_ = 0;
    bool eof_ = false;
    std::uint64_t line_no_ = 0, bytes_ = 0;
    Compression compression_ = Compression::kPlain;
};

}  // namespace m2h
