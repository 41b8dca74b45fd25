#include "m2h/progress.hpp"

#include <fmt/format.h>
#include <unistd.h>

#include "m2h/error.hpp"

namespace m2h {

Progress::Progress(bool force)
    : enabled_(force || isatty(STDERR_FILENO)), tty_(isatty(STDERR_FILENO)),
      start_(std::chrono::steady_clock::now()), last_(start_) {}

void Progress::report(std::uint64_t rows, std::uint64_t bytes, bool final) {
    auto now = std::chrono::steady_clock::now();
    if (!final && now - last_ < std::chrono::seconds(1)) return;
    last_ = now;
    double secs = std::chrono::duration<double>(now - start_).count();
    double mb = static_cast<double>(bytes) / 1e6;
    // On a terminal one line is rewritten in place; in a log, one line per report.
    fmt::print(stderr, "{}{}: {} rows, {:.1f} MB read, {:.0f} MB/s, {:.1f} s{}", tty_ ? "\r" : "", tool_name(), rows,
               mb, secs > 0 ? mb / secs : 0.0, secs, tty_ && !final ? "" : "\n");
    std::fflush(stderr);
}

void Progress::finish(std::uint64_t rows, std::uint64_t bytes) {
    if (enabled_) report(rows, bytes, true);
}

}  // namespace m2h
