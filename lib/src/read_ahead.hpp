// Decompression in a thread of its own (internal to the core library).
//
// LineReader hands a compressed input to ReadAhead when the caller allows a thread: the
// thread decompresses the next chunks while the caller works on the current one, so reading a
// gzip or BGZF file costs about the larger of decompression and the caller's own work
// rather than their sum. Memory: kSlots chunks.
#pragma once

#include <sys/types.h>

#include <condition_variable>
#include <cstddef>
#include <functional>
#include <memory>
#include <mutex>
#include <thread>

namespace m2h::detail {

class ReadAhead {
public:
    // What it reads from, as bgzf_read: the count, 0 at the end, -1 on an error (errno kept).
    using Source = std::function<ssize_t(char*, std::size_t)>;
    // Starts reading source in chunk-sized pieces; what source reads must not be used by
    // anyone else until this object is destroyed.
    ReadAhead(Source source, std::size_t chunk);
    ~ReadAhead();  // stops and joins the thread
    ReadAhead(const ReadAhead&) = delete;
    ReadAhead& operator=(const ReadAhead&) = delete;

    // Copies up to n bytes into dst, as source would: the count, 0 at the end, -1 on an
    // error, with errno as the reading thread saw it.
    ssize_t read(char* dst, std::size_t n);

private:
    static constexpr int kSlots = 4;
    struct Slot {
        std::unique_ptr<char[]> data;
        ssize_t len = 0;  // source's result
        int err = 0;      // errno after it
        std::size_t used = 0;
    };
    void run();

    Source source_;
    std::size_t chunk_;
    Slot slots_[kSlots];
    std::size_t filled_ = 0, head_ = 0;  // slots ready; the one the reader takes next
    bool stop_ = false;
    std::mutex mu_;
    std::condition_variable ready_, free_;
    std::thread thread_;
};

}  // namespace m2h::detail
