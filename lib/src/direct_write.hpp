// Writing a file past the page cache (internal to the core library).
//
// OutputFile's write-behind for a plain file: the bytes are gathered in aligned blocks that
// a thread of its own writes with O_DIRECT, so the caller fills one block while the thread
// writes the one before, and the output takes no room in the page cache, where the merge's
// parts and the matrix the transforms just read are. In the bench, a 3.5 GB merge right
// after the transforms took 1.3-1.9 s so, against 2.2-3.2 s with writeback started and pages
// dropped behind (README). The last, partial block goes through the page cache. Local
// filesystems only (suits()). Memory: kSlots blocks.
#pragma once

#include <sys/types.h>

#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>

#include "m2h/error.hpp"

namespace m2h::detail {

class DirectWriter {
public:
    // fd: an empty file open for writing, at path (opened a second time, with O_DIRECT);
    // name is the output in messages. nullptr unless suits(fd) and the open succeeds.
    static std::unique_ptr<DirectWriter> open(int fd, const std::string& path, const std::string& name);
    // True when fd's filesystem is one written so: a local one (ext2/3/4, XFS, btrfs, tmpfs).
    static bool suits(int fd);
    ~DirectWriter();  // stops the thread; errors not yet seen by finish() are dropped
    DirectWriter(const DirectWriter&) = delete;
    DirectWriter& operator=(const DirectWriter&) = delete;

    // Appends n bytes.
    void write(const char* p, std::size_t n);
    // Appends up to len bytes of in_fd from offset, read straight into the block: the count,
    // 0 at the file's end, -1 on an error (errno kept).
    ssize_t read_from(int in_fd, off_t offset, std::size_t len);
    // Writes the rest and waits until all is written; throws the first write error.
    void finish();

private:
    static constexpr std::size_t kAlign = 4096;     // of the file offset, length and memory
    static constexpr std::size_t kBlock = 1 << 20;  // a write
    static constexpr int kSlots = 3;                // being filled, waiting, being written

    struct Job {
        int slot;
        std::size_t len;
        std::uint64_t offset;
    };

    DirectWriter(int fd, int direct_fd, std::string name);
    void submit();  // hands the full block over and takes a free one (waiting for it)
    void run();
    // pwrite at offset, by O_DIRECT unless cached (or refused); throws a write error.
    void put(const char* p, std::size_t n, std::uint64_t offset, bool cached);

    int fd_, direct_fd_;
    std::string name_;
    std::unique_ptr<char, void (*)(void*)> mem_;
    char* slot_[kSlots];
    int cur_ = 0;            // the block being filled (the caller's)
    std::size_t fill_ = 0;   // bytes in it
    std::uint64_t end_ = 0;  // file offset of its first byte

    std::mutex mu_;
    std::condition_variable cv_;
    std::deque<Job> queue_;          // full blocks, in file order
    std::deque<int> free_;           // blocks nobody uses
    bool stop_ = false;
    bool buffered_ = false;          // O_DIRECT refused at the first write: write through fd_
    std::optional<Error> error_;     // the first write error; nothing is written after it
    std::thread thread_;
};

}  // namespace m2h::detail
