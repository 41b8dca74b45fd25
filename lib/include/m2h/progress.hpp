// Progress on stderr, shown when stderr is a terminal or when forced (--progress).
#pragma once

#include <chrono>
#include <cstdint>

namespace m2h {

class Progress {
public:
    explicit Progress(bool force);
    // Cheap to call per row: only looks at the clock every few thousand rows.
    void update(std::uint64_t rows, std::uint64_t bytes) {
        if (enabled_ && ((rows & 0x3fff) == 0)) report(rows, bytes, false);
    }
    void finish(std::uint64_t rows, std::uint64_t bytes);

private:
    void report(std::uint64_t rows, std::uint64_t bytes, bool final);
    bool enabled_, tty_;
    std::chrono::steady_clock::time_point start_, last_;
};

}  // namespace m2h
