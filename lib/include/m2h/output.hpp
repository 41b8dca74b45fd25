// Output files that never look finished until they are.
//
// OutputFile writes to a hidden temporary name beside the target and renames it
// over the target only in commit(); destroying an uncommitted OutputFile, or a
// SIGINT/SIGTERM/SIGHUP, removes the temporary. "-" writes to standard output.
// Compression follows the name: ".gz"/".bgz" means BGZF, anything else plain,
// unless forced. Every write, flush and close is checked. Plain output goes
// straight to the file descriptor from our own buffer (htslib's fd layer would
// write in st_blksize pieces and fdatasync on close, which costs dearly with
// thousands of parts); BGZF output goes through htslib.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <cstring>

typedef struct BGZF BGZF;
struct hts_tpool;

namespace m2h {

enum class OutputCompression { kByName, kPlain, kBgzf };

struct OutputOptions {
    OutputCompression compression = OutputCompression::kByName;
    int threads = 0;          // extra BGZF compression threads (own pool)
    hts_tpool* pool = nullptr; // or: a thread pool shared by many outputs (not owned)
    std::size_t buffer = 256 * 1024;  // bytes gathered before each write (freed while suspended)
    int level = -1;           // BGZF compression level 0-9 (-1: zlib's default, 6)
};

// True if path names a BGZF output (".gz" or ".bgz").
bool is_bgzf_name(std::string_view path);

class OutputFile {
public:
    explicit OutputFile(std::string path, const OutputOptions& opts = {});
    ~OutputFile();
    OutputFile(const OutputFile&) = delete;
    OutputFile& operator=(const OutputFile&) = delete;

    void write(std::string_view data) {
        if (data.size() <= cap_ - len_) {
            std::memcpy(buf_.get() + len_, data.data(), data.size());
            len_ += data.size();
        } else {
            write_slow(data);
        }
    }
    void write_line(std::string_view line) {
        write(line);
        write(std::string_view("\n", 1));
    }
    // Ends the current BGZF block so the next write starts a new one (no-op when plain).
    void flush_block();
    // For appending raw BGZF blocks (see bgzf_copy.hpp): hands over what is buffered
    // and returns the BGZF writer. Only for BGZF outputs opened without threads.
    BGZF* bgzf_for_copy();
    // Appends len bytes of the file in_fd from offset: copied inside the kernel
    // (copy_file_range) into a plain output file, through a buffer otherwise. source names
    // in_fd in messages.
    void copy_range(int in_fd, std::uint64_t offset, std::uint64_t len, const std::string& source);
    // Closes the handle but keeps the temporary for a later reopen() (open-file caps).
    void suspend();
    void reopen();
    bool is_open() const { return fp_ != nullptr || fd_ >= 0; }
    // Closes, checks, and renames the temporary to the final path.
    void commit();
    // Size of the final file after commit(), in bytes.
    std::uint64_t committed_bytes() const { return bytes_; }
    const std::string& path() const { return path_; }
    bool bgzf() const { return bgzf_; }

private:
    void open(bool append);
    void write_slow(std::string_view data);
    void drain();  // hands the buffer to the file
    void raw_write(const char* p, std::size_t n);
    void close_checked();
    void discard() noexcept;

    std::string path_, tmp_;
    OutputOptions opts_;
    BGZF* fp_ = nullptr;  // compressed output
    int fd_ = -1;         // plain output
    std::unique_ptr<char[]> buf_;
    std::size_t cap_ = 0, len_ = 0;
    bool bgzf_ = false, stdout_ = false, committed_ = false;
    std::uint64_t bytes_ = 0;
};

}  // namespace m2h
