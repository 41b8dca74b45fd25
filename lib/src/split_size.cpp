// m2h-split --ranges --by size on a plain file: the cuts are found by reading only the
// bytes around each multiple of the part size (a 14 GB matrix is not read through to cut
// it), then the rows of the parts are counted, several parts at once, at the speed of the
// page cache. The rows themselves are checked by the transforms that read them.
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "simd.hpp"

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <cstring>
#include <exception>
#include <fmt/format.h>
#include <mutex>
#include <vector>

#include "internal.hpp"
#include "m2h/error.hpp"
#include "m2h/split.hpp"

namespace m2h::detail {

std::string span_key(std::string_view first, std::string_view last) {
    return first == last ? std::string(first) : fmt::format("{}..{}", first, last);
}

std::uint64_t count_newlines(const char* p, std::size_t n) {
    std::uint64_t total = 0;
#if M2H_SIMD
    // Byte counters in a vector (up to 255 steps before they could wrap), summed by psadbw.
    const __m128i nl = _mm_set1_epi8('\n');
    while (n >= 16) {
        const std::size_t steps = std::min<std::size_t>(n / 16, 255);
        __m128i acc = _mm_setzero_si128();
        for (std::size_t i = 0; i < steps; ++i, p += 16)
            acc = _mm_sub_epi8(acc, _mm_cmpeq_epi8(_mm_loadu_si128(reinterpret_cast<const __m128i*>(p)), nl));
        n -= steps * 16;
        const __m128i sums = _mm_sad_epu8(acc, _mm_setzero_si128());
        total += static_cast<std::uint64_t>(_mm_cvtsi128_si64(sums)) +
                 static_cast<std::uint64_t>(_mm_cvtsi128_si64(_mm_unpackhi_epi64(sums, sums)));
    }
#endif
    for (; n; --n) total += *p++ == '\n';
    return total;
}

namespace {

constexpr std::size_t kProbe = 64 * 1024;    // read around a cut
constexpr std::size_t kCount = 1024 * 1024;  // read while counting rows
constexpr std::size_t kMaxKey = 256;         // longest CHROM kept for a key

// A plain file read with pread, from any thread.
class PlainFile {
public:
    explicit PlainFile(std::string path) : path_(std::move(path)) {
        fd_ = ::open(path_.c_str(), O_RDONLY | O_CLOEXEC);
        struct stat st {};
        if (fd_ < 0 || fstat(fd_, &st) < 0) file_error("cannot open", path_, std::strerror(errno));
        size_ = static_cast<std::uint64_t>(st.st_size);
    }
    ~PlainFile() { ::close(fd_); }
    PlainFile(const PlainFile&) = delete;
    PlainFile& operator=(const PlainFile&) = delete;

    std::uint64_t size() const { return size_; }
    const std::string& path() const { return path_; }

    // Up to n bytes at off (fewer at the end of the file).
    std::size_t read_at(char* buf, std::size_t n, std::uint64_t off) const {
        std::size_t got = 0;
        while (got < n) {
            ssize_t r = ::pread(fd_, buf + got, n - got, static_cast<off_t>(off + got));
            if (r < 0 && errno == EINTR) continue;
            if (r < 0) file_error("cannot read", path_, std::strerror(errno));
            if (r == 0) break;
            got += static_cast<std::size_t>(r);
        }
        return got;
    }

    // The offset just past the first '\n' at or after from (the file's size if none).
    std::uint64_t line_end_from(std::uint64_t from, std::vector<char>& buf) const {
        for (std::uint64_t at = from; at < size_;) {
            std::size_t n = read_at(buf.data(), buf.size(), at);
            if (const void* nl = std::memchr(buf.data(), '\n', n)) return at + (static_cast<const char*>(nl) - buf.data()) + 1;
            at += n;
        }
        return size_;
    }

    // The start of the row holding the byte before end (not before start).
    std::uint64_t last_row_start(std::uint64_t start, std::uint64_t end, std::vector<char>& buf) const {
        std::uint64_t stop = end - 1;  // the last row's own '\n' (if any) is at end - 1
        while (stop > start) {
            std::uint64_t from = stop > start + buf.size() ? stop - buf.size() : start;
            std::size_t n = read_at(buf.data(), stop - from, from);
            for (std::size_t i = n; i-- > 0;)
                if (buf[i] == '\n') return from + i + 1;
            stop = from;
        }
        return start;
    }

    // The CHROM of the row starting at off.
    std::string chrom_at(std::uint64_t off, std::vector<char>& buf) const {
        std::size_t n = read_at(buf.data(), std::min(buf.size(), kMaxKey), off);
        std::string_view row(buf.data(), n);
        return std::string(row.substr(0, row.find_first_of("\t\n")));
    }

private:
    std::string path_;
    int fd_ = -1;
    std::uint64_t size_ = 0;
};

// Rows of [start, end): its newlines, and a last row without one at the end of the file.
std::uint64_t count_rows(const PlainFile& f, std::uint64_t start, std::uint64_t end, std::vector<char>& buf) {
    std::uint64_t rows = 0;
    char last = '\n';
    for (std::uint64_t at = start; at < end;) {
        std::size_t n = f.read_at(buf.data(), static_cast<std::size_t>(std::min<std::uint64_t>(buf.size(), end - at)), at);
        if (n == 0) file_error("cannot read", f.path(), "the file is shorter than it was (changed while splitting?)");
        rows += count_newlines(buf.data(), n);
        last = buf[n - 1];
        at += n;
    }
    return rows + (last != '\n');
}

// Counts every part's rows, the parts shared out among `threads` threads.
void count_part_rows(const PlainFile& f, std::vector<ManifestEntry>& parts, int threads) {
    std::atomic<std::size_t> next{0};
    std::exception_ptr error;
    std::mutex error_mutex;
    auto work = [&] {
        try {
            std::vector<char> buf(kCount);
            for (std::size_t i; (i = next++) < parts.size();)
                parts[i].rows = count_rows(f, parts[i].offset, parts[i].offset + parts[i].bytes, buf);
        } catch (...) {
            std::lock_guard lock(error_mutex);
            if (!error) error = std::current_exception();
        }
    };
    std::vector<std::thread> pool;
    for (int t = 1; t < threads && static_cast<std::size_t>(t) < parts.size(); ++t)
        pool.push_back(thread_without_signals(work));
    work();
    for (auto& t : pool) t.join();
    if (error) std::rethrow_exception(error);
}

}  // namespace

std::vector<ManifestEntry> plain_size_ranges(const SplitOptions& opts, const std::string& matrix,
                                             std::uint64_t data_start) {
    PlainFile f(matrix);
    if (data_start >= f.size()) data_error("no data rows in", matrix, data_start ? 2 : 1, "the matrix has a header but no rows");
    std::vector<char> buf(kProbe);
    std::vector<ManifestEntry> parts;
    // As many parts as part_bytes asks for, each of an equal share of the rows (1.5 GB in
    // parts of 1 GB: two of 0.75 GB, not 1 GB and 0.5 GB), so that they take as long.
    const std::uint64_t data = f.size() - data_start;
    const std::uint64_t count = (data + opts.part_bytes - 1) / opts.part_bytes;
    const std::uint64_t share = (data + count - 1) / count;
    for (std::uint64_t start = data_start; start < f.size();) {
        // A part ends at the first row end at or past start + share.
        const std::uint64_t target = start + share;
        const std::uint64_t end = target >= f.size() ? f.size() : f.line_end_from(target - 1, buf);
        parts.push_back({.part = parts.size() + 1, .bytes = end - start, .path = matrix, .ranged = true, .offset = start});
        start = end;
    }
    for (auto& p : parts)
        p.key = span_key(f.chrom_at(p.offset, buf), f.chrom_at(f.last_row_start(p.offset, p.offset + p.bytes, buf), buf));
    count_part_rows(f, parts, opts.threads + 1);
    std::uint64_t line = data_start ? 2 : 1;  // the header line comes first, unless in a file of its own
    for (auto& p : parts) {
        p.line = line;
        line += p.rows;
    }
    return parts;
}

}  // namespace m2h::detail
