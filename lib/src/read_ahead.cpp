#include "read_ahead.hpp"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <utility>

#include "internal.hpp"

namespace m2h::detail {

ReadAhead::ReadAhead(Source source, std::size_t chunk) : source_(std::move(source)), chunk_(chunk) {
    for (Slot& s : slots_) s.data = std::make_unique<char[]>(chunk_);
    thread_ = thread_without_signals([this] { run(); });
}

ReadAhead::~ReadAhead() {
    {
        std::lock_guard lock(mu_);
        stop_ = true;
    }
    free_.notify_one();
    thread_.join();
}

// The reading thread: fills free slots in turn until the end, an error or stop.
void ReadAhead::run() {
    for (std::size_t tail = 0;; tail = (tail + 1) % kSlots) {
        {
            std::unique_lock lock(mu_);
            free_.wait(lock, [this] { return stop_ || filled_ < kSlots; });
            if (stop_) return;
        }
        Slot& s = slots_[tail];  // free: the reader does not touch it until it is published
        errno = 0;
        s.len = source_(s.data.get(), chunk_);
        s.err = errno;
        s.used = 0;
        {
            std::lock_guard lock(mu_);
            ++filled_;
        }
        ready_.notify_one();
        if (s.len <= 0) return;  // the end or an error: that slot stays as the last word
    }
}

ssize_t ReadAhead::read(char* dst, std::size_t n) {
    std::unique_lock lock(mu_);
    ready_.wait(lock, [this] { return filled_ > 0; });
    Slot& s = slots_[head_];
    lock.unlock();
    if (s.len <= 0) {
        errno = s.err;
        return s.len;
    }
    const std::size_t take = std::min(n, static_cast<std::size_t>(s.len) - s.used);
    std::memcpy(dst, s.data.get() + s.used, take);
    s.used += take;
    if (s.used == static_cast<std::size_t>(s.len)) {
        head_ = (head_ + 1) % kSlots;
        lock.lock();
        --filled_;
        lock.unlock();
        free_.notify_one();
    }
    return static_cast<ssize_t>(take);
}

}  // namespace m2h::detail
