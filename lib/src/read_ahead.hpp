// Decompression in a thread of its own (internal to the core library).
//
// LineReader hands a compressed input to ReadAhead when the caller allows a thread: the
// thread inflates the next chunks while the caller works on the current one, so reading a
// gzip or BGZF file costs about the larger of decompression and the caller's own work
// rather than their sum. Memory: kSlots chunks.
#pragma once

#include <sys/types.h>

#include <condition_variable>
#include <cstddef>
#include <memory>
#include <mutex>
#include <thread>

typedef struct BGZF BGZF;

namespace m2h::detail {

class ReadAhead {
public:
    // Starts reading fp (already positioned) in chunk-sized pieces; fp must not be used
    // by anyone else until this object is destroyed.
    ReadAhead(BGZF* fp, std::size_t chunk);
    ~ReadAhead();  // stops and joins the thread
    ReadAhead(const ReadAhead&) = delete;
    ReadAhead& operator=(const ReadAhead&) = delete;

    // Copies up to n bytes into dst, as bgzf_read would: the count, 0 at the end, -1 on an
    // error, with errno as the reading thread saw it and fp's errcode set.
    ssize_t read(char* dst, std::size_t n);

private:
    static constexpr int kSlots = 4;
    struct Slot {
        std::unique_ptr<char[]> data;
        ssize_t len = 0;  // bgzf_read's result
        int err = 0;      // errno after it
        std::size_t used = 0;
    };
    void run();

    BGZF* fp_;
    std::size_t chunk_;
    Slot slots_[kSlots];
    std::size_t filled_ = 0, head_ = 0;  // slots ready; the one the reader takes next
    bool stop_ = false;
    std::mutex mu_;
    std::condition_variable ready_, free_;
    std::thread thread_;
};

}  // namespace m2h::detail
