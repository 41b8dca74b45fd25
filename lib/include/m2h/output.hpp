// Output files that never look finished until they are.
//
// OutputFile writes to a hidden temporary name beside the target and renames it
// over the target only in commit(); destroying an uncommitted OutputFile, or a
// SIGINT/SIGTERM/SIGHUP, removes the temporary. "-" writes to standard output.
// Compression follows the name: ".gz"/".bgz" means BGZF, anything else plain,
// unless forced (LZ4 frames only when asked for: parts that only m2h reads). Every
// write, flush and close is checked. Plain output goes straight to the file descriptor
// from our own buffer (htslib's fd layer would write in st_blksize pieces and fdatasync
// on close, which costs dearly with thousands of parts); BGZF output goes through htslib.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <cstring>

typedef struct BGZF BGZF;
struct hts_tpool;

namespace m2h {

class Lz4Threads;
namespace detail {
class DirectWriter;
}

enum class OutputCompression { kByName, kPlain, kBgzf, kLz4 };

struct OutputOptions {
    OutputCompression compression = OutputCompression::kByName;
    int threads = 0;          // extra BGZF compression threads (own pool)
    hts_tpool* pool = nullptr; // or: a thread pool shared by many outputs (not owned)
    std::size_t buffer = 256 * 1024;  // bytes gathered before each write (freed while suspended);
                                      // LZ4: each is one frame
    int level = -1;           // BGZF compression level 0-9 (-1: zlib's default, 6)
    Lz4Threads* lz4_threads = nullptr;  // LZ4: compress and write there, not in the caller
    // Streams the file to disk as it grows, past the page cache, for a big output nothing
    // reads back soon (a merge right after the transforms read a big input). Keeps the
    // cached input, and spares the kernel reclaiming it page by page for the output: a
    // 3.5 GB merge took 10 s without, 3 s with, 1.3-1.7 s with O_DIRECT. A plain file is
    // written with O_DIRECT by a thread of its own (1 MiB blocks; the last partial block
    // through the cache); where the filesystem refuses O_DIRECT, and for BGZF, the writeback
    // of each 64 MiB is started and the one before dropped from the cache, not waited for.
    bool write_behind = false;
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
    // The write-behind's next step, when due (a no-op without write_behind): called after
    // every write; call it after appending through bgzf_for_copy() too.
    void written();
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
    // True while written by O_DIRECT (write_behind on a filesystem that takes it).
    bool direct() const { return direct_ != nullptr; }
    // Whether this build writes by O_DIRECT at all (Linux, not M2H_PORTABLE_IO).
    static bool direct_supported();

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
    bool bgzf_ = false, lz4_ = false, stdout_ = false, committed_ = false;
    std::uint64_t bytes_ = 0;
    int file_fd_ = -1;  // the file under fp_ or fd_, for the write-behind (-1: none)
    std::unique_ptr<detail::DirectWriter> direct_;  // or the write-behind by O_DIRECT
    std::uint64_t flushing_ = 0, flushed_ = 0;  // write-behind: writeback started [flushed_, flushing_)
    int queued_ = 0;  // buffers handed to opts_.lz4_threads and not yet written (its lock)
    friend class Lz4Threads;
};

// Threads that compress LZ4 outputs' buffers and write them, for any number of
// OutputFiles (the parts of m2h-split --lz4 --threads N): the caller then only parses and
// copies rows. Buffers are compressed in parallel and written in the order handed over;
// when all threads are busy, the caller compresses too rather than wait. A write error is
// reported by the next call of any file. Memory: a few buffers per thread.
class Lz4Threads {
public:
    explicit Lz4Threads(int threads);
    ~Lz4Threads();  // finishes the queue, then stops
    Lz4Threads(const Lz4Threads&) = delete;
    Lz4Threads& operator=(const Lz4Threads&) = delete;

private:
    friend class OutputFile;
    struct Job;
    struct State;
    // Queues buf[0, len) for fd and returns an empty buffer of the same capacity.
    std::unique_ptr<char[]> submit(OutputFile& file, int fd, std::unique_ptr<char[]> buf, std::size_t len,
                                   std::size_t cap);
    // Waits until every buffer of file is written; throws a write error if throw_error.
    void wait(OutputFile& file, bool throw_error);
    void run();
    // Runs fn with the lock released; the first m2h::Error anyone throws is kept.
    template <class Fn>
    void unlocked(std::unique_lock<std::mutex>& lock, Fn fn);
    // One step of work under the lock: writes the finished head of the queue, or else
    // compresses the oldest untaken buffer. False when there was nothing to do.
    bool step(std::unique_lock<std::mutex>& lock);
    std::unique_ptr<State> s_;
};

}  // namespace m2h
