#include "extend/spill.hpp"

#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "m2h/error.hpp"

namespace m2h::extend {

Spill::Spill(const std::string& near_path) : file_(near_path) { buf_.reserve(kBuffer + 4096); }

Spill::~Spill() = default;

void Spill::flush() {
    if (buf_.empty()) return;
    detail::write_all(file_.fd(), buf_.data(), buf_.size(), "cannot write scratch file beside", file_.where());
    written_ += buf_.size();
    buf_.clear();
}

SpillReader::SpillReader(const Spill& spill, Range range)
    : spill_(spill), pos_(range.begin), end_(range.end), buf_(std::make_unique<char[]>(cap_)) {}

bool SpillReader::fill() {
    if (begin_ > 0) {
        std::memmove(buf_.get(), buf_.get() + begin_, len_);
        begin_ = 0;
    }
    if (len_ == cap_) {  // a line longer than the buffer: grow
        auto bigger = std::make_unique<char[]>(cap_ * 2);
        std::memcpy(bigger.get(), buf_.get(), len_);
        buf_ = std::move(bigger);
        cap_ *= 2;
    }
    const std::size_t want = static_cast<std::size_t>(std::min<std::uint64_t>(cap_ - len_, end_ - pos_));
    if (want == 0) return false;
    ssize_t got;
    do {
        got = ::pread(spill_.fd(), buf_.get() + len_, want, static_cast<off_t>(pos_));
    } while (got < 0 && errno == EINTR);
    if (got <= 0)
        file_error("cannot read scratch file beside", spill_.where(), got < 0 ? detail::errno_text() : "truncated");
    pos_ += static_cast<std::uint64_t>(got);
    len_ += static_cast<std::size_t>(got);
    return true;
}

bool SpillReader::next(std::string_view& line) {
    for (;;) {
        if (len_ > 0) {
            const char* p = buf_.get() + begin_;
            const void* nl = std::memchr(p, '\n', len_);
            if (nl) {
                const std::size_t n = static_cast<std::size_t>(static_cast<const char*>(nl) - p);
                line = std::string_view(p, n);
                begin_ += n + 1;
                len_ -= n + 1;
                return true;
            }
        }
        if (!fill()) return false;
    }
}

}  // namespace m2h::extend
