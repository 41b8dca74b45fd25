// Scratch files of text lines for m2h-extend: appended to by one thread, read back by
// byte range (the rows of a contig, or of one segment of it) by any thread. The files are
// anonymous (unlinked at creation), so nothing is left behind whatever happens.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "internal.hpp"

namespace m2h::extend {

struct Range {
    std::uint64_t begin = 0, end = 0;
    bool empty() const { return begin == end; }
};

class Spill {
public:
    explicit Spill(const std::string& near_path);
    ~Spill();
    Spill(const Spill&) = delete;
    Spill& operator=(const Spill&) = delete;

    // Appends line and '\n'.
    void line(std::string_view text) {
        if (buf_.size() + text.size() + 1 > kBuffer) flush();
        buf_.append(text);
        buf_.push_back('\n');
        if (buf_.size() > kBuffer) flush();
    }
    // Bytes appended so far (the offset of the next line).
    std::uint64_t offset() const { return written_ + buf_.size(); }
    // Writes what is buffered: call before reading back what was appended.
    void flush();
    int fd() const { return file_.fd(); }
    const std::string& where() const { return file_.where(); }

private:
    static constexpr std::size_t kBuffer = 1 << 18;
    detail::ScratchFile file_;
    std::string buf_;
    std::uint64_t written_ = 0;
};

// Reads the lines of [range.begin, range.end) of a flushed Spill.
class SpillReader {
public:
    SpillReader(const Spill& spill, Range range);
    // Next line without its '\n', valid until the next call.
    bool next(std::string_view& line);

private:
    bool fill();
    const Spill& spill_;
    std::uint64_t pos_, end_;
    std::size_t cap_ = 1 << 18, begin_ = 0, len_ = 0;
    std::unique_ptr<char[]> buf_;
};

}  // namespace m2h::extend
