#include "m2h/line_reader.hpp"

#include <htslib/bgzf.h>
#include <htslib/hfile.h>
#include <unistd.h>

#include "simd.hpp"

#include <bit>
#include <cerrno>
#include <cstring>
#include <fmt/format.h>

#include "internal.hpp"
#include "lz4_frames.hpp"
#include "m2h/error.hpp"
#include "read_ahead.hpp"

namespace m2h {

namespace {
constexpr std::size_t kChunk = 256 * 1024;

// htslib flags a cut gzip stream as both a zlib and an I/O error: the data is the cause.
std::string bgzf_reason(const BGZF* fp) {
    if (fp->errcode & (BGZF_ERR_ZLIB | BGZF_ERR_HEADER | BGZF_ERR_CRC))
        return "corrupt or truncated compressed data";
    if (fp->errcode & BGZF_ERR_IO) return errno ? std::strerror(errno) : "read error";
    return "read error";
}
// The next '\n' in [p, end), or nullptr. Matrix rows are short: an inline 16-byte scan
// costs less than a call to memchr, whose setup outweighs a 70-byte row.
inline char* find_newline(char* p, char* end) {
#if M2H_SIMD
    const __m128i nl = _mm_set1_epi8('\n');
    for (; end - p >= 16; p += 16) {
        auto hits = static_cast<unsigned>(
            _mm_movemask_epi8(_mm_cmpeq_epi8(_mm_loadu_si128(reinterpret_cast<const __m128i*>(p)), nl)));
        if (hits) return p + std::countr_zero(hits);
    }
#endif
    return static_cast<char*>(std::memchr(p, '\n', static_cast<std::size_t>(end - p)));
}
}  // namespace

LineReader::LineReader(std::string path, const ReaderOptions& opts) : path_(std::move(path)), opts_(opts) {
    errno = 0;
    if (opts_.stream) {
        fp_ = bgzf_hopen(opts_.stream, "r");
        if (!fp_) hclose_abruptly(opts_.stream);
        opts_.stream = nullptr;
    } else {
        fp_ = bgzf_open(path_.c_str(), "r");
    }
    if (!fp_) file_error("cannot open", path_, errno ? std::strerror(errno) : "unknown error");
    init_or_close();
}

LineReader::LineReader(int fd, std::string name, const ReaderOptions& opts) : path_(std::move(name)), opts_(opts) {
    hFILE* h = hdopen(fd, "r");
    if (h) fp_ = bgzf_hopen(h, "r");
    if (!fp_) {
        if (h) hclose_abruptly(h);
        else ::close(fd);
        file_error("cannot open", path_, errno ? std::strerror(errno) : "unknown error");
    }
    init_or_close();
}

// A constructor that throws runs no destructor: close the file here.
void LineReader::init_or_close() {
    try {
        init();
    } catch (...) {
        ahead_.reset();
        lz4_.reset();
        bgzf_close(fp_);
        fp_ = nullptr;
        throw;
    }
}

void LineReader::init() {
    switch (bgzf_compression(fp_)) {
        case 1: compression_ = Compression::kGzip; break;
        case 2: compression_ = Compression::kBgzf; break;
        default:
            compression_ = detail::starts_lz4_frame(fp_->fp) ? Compression::kLz4 : Compression::kPlain;
            break;
    }
    // A BGZF file without its end-of-file block was cut short (checked here when seekable,
    // at the end of the input otherwise: see fill()).
    if (compression_ == Compression::kBgzf && bgzf_check_EOF(fp_) == 0)
        file_error("truncated BGZF file", path_, "the end-of-file marker is missing");
    const bool streamed = compression_ == Compression::kGzip || compression_ == Compression::kLz4;
    if (streamed && (opts_.range || opts_.build_index))
        file_error(opts_.range ? "cannot read a byte range of" : "cannot record byte ranges of", path_,
                   compression_ == Compression::kGzip
                       ? "plain gzip has no random access; recompress it with bgzip (or split without --ranges)"
                       : "LZ4 has no random access; decompress it (or split without --ranges)");
    if (compression_ == Compression::kLz4) lz4_ = std::make_unique<detail::Lz4Source>(fp_->fp);
    if (opts_.build_index && compression_ == Compression::kBgzf && bgzf_index_build_init(fp_) < 0)
        file_error("cannot index", path_, "out of memory");
    if (opts_.range) seek_range();
    cap_ = kChunk;
    buf_ = std::make_unique<char[]>(cap_);
    if (opts_.threads > 0 && compression_ != Compression::kPlain && !opts_.build_index) start_read_ahead();
}

// One thread decompresses ahead while the caller works. From 3 threads on, htslib's
// threads also inflate BGZF blocks in parallel: with fewer, its hand-offs cost more than
// they save (measured on 2 cores). Never while recording the index: htslib's on-the-fly
// index misses blocks when decompression is threaded.
void LineReader::start_read_ahead() {
    if (compression_ == Compression::kBgzf && opts_.threads >= 3)
        detail::bgzf_mt_main_signals(fp_, opts_.threads - 1);
    ahead_ = std::make_unique<detail::ReadAhead>([this](char* dst, std::size_t n) { return read_decompressed(dst, n); },
                                                 kChunk);
}

// The next decompressed bytes, on whichever thread decompresses.
ssize_t LineReader::read_decompressed(char* dst, std::size_t n) {
    return lz4_ ? lz4_->read(dst, n) : bgzf_read(fp_, dst, n);
}

std::string LineReader::read_error_reason() const {
    if (lz4_ && !lz4_->reason().empty()) return lz4_->reason();
    if (fp_->errcode) return bgzf_reason(fp_);
    return errno ? std::strerror(errno) : "read error";
}

void LineReader::seek_range() {
    const ByteRange& r = *opts_.range;
    if (compression_ == Compression::kBgzf && bgzf_index_load(fp_, r.index.c_str(), nullptr) < 0)
        file_error("cannot load the BGZF index of", path_,
                   fmt::format("'{}' is missing or unreadable (m2h-split --ranges writes it)", r.index));
    if (bgzf_useek(fp_, static_cast<off_t>(r.offset), SEEK_SET) < 0)
        file_error("cannot seek in", path_, fmt::format("to offset {}: {}", r.offset, bgzf_reason(fp_)));
    bytes_ = r.offset;
    line_no_ = r.first_line - 1;
    range_end_ = r.offset + r.bytes;
}

// True once the range is read. A range that does not end where a line ends means the
// file is not the one the range was recorded on.
bool LineReader::at_range_end() {
    const std::uint64_t at = offset();
    if (at < range_end_) return false;
    if (at > range_end_)
        data_error("byte range does not end at a line end in", path_, line_no_,
                   "the matrix changed after m2h-split --ranges recorded it; split it again");
    return true;
}

void LineReader::dump_index(const std::string& path) {
    int fd = -1;
    std::string tmp = detail::create_temp(path, fd);
    ::close(fd);
    if (bgzf_index_dump(fp_, tmp.c_str(), nullptr) < 0) {
        detail::drop_temp(tmp);
        file_error("cannot write index", path, errno ? std::strerror(errno) : "write error");
    }
    detail::finish_temp(tmp, path);
}

LineReader::~LineReader() {
    ahead_.reset();  // the thread stops before the file closes
    lz4_.reset();
    if (fp_) bgzf_close(fp_);
}

// Reads more input after the unconsumed bytes; false at end of input.
bool LineReader::fill() {
    if (begin_ > 0) {
        std::memmove(buf_.get(), buf_.get() + begin_, end_ - begin_);
        end_ -= begin_;
        begin_ = 0;
    }
    if (end_ == cap_) {
        if (cap_ > opts_.max_line)
            data_error("line too long in", path_, line_no_ + 1,
                       fmt::format("longer than {} bytes (raise --max-line-length if this is real)",
                                   opts_.max_line));
        std::size_t ncap = std::min(cap_ * 2, opts_.max_line + kChunk);
        auto nbuf = std::make_unique<char[]>(ncap);
        std::memcpy(nbuf.get(), buf_.get(), end_);
        buf_ = std::move(nbuf);
        cap_ = ncap;
    }
    errno = 0;
    ssize_t n;
    // Plain text: once BGZF's own block is used up, read straight into our buffer,
    // sparing a copy of every byte.
    if (compression_ == Compression::kPlain && fp_->block_offset >= fp_->block_length)
        n = hread(fp_->fp, buf_.get() + end_, cap_ - end_);
    else if (ahead_)
        n = ahead_->read(buf_.get() + end_, cap_ - end_);
    else
        n = read_decompressed(buf_.get() + end_, cap_ - end_);
    if (n < 0) data_error("cannot read", path_, line_no_ + 1, read_error_reason());
    // A stream (a pipe, stdin) could not be checked for its end-of-file block up front:
    // htslib notes its absence on reaching the end.
    if (n == 0 && compression_ == Compression::kBgzf && fp_->no_eof_block && range_end_ == UINT64_MAX)
        file_error("truncated BGZF file", path_, "the end-of-file marker is missing");
    end_ += static_cast<std::size_t>(n);
    bytes_ += static_cast<std::uint64_t>(n);
    return n > 0;
}

bool LineReader::next(std::string_view& line) {
    if (range_end_ != UINT64_MAX && at_range_end()) return false;
    for (;;) {
        char* b = buf_.get() + begin_;
        char* nl = find_newline(b, buf_.get() + end_);
        if (nl) {
            std::size_t len = static_cast<std::size_t>(nl - b);
            ++line_no_;
            if (len > opts_.max_line)
                data_error("line too long in", path_, line_no_,
                           fmt::format("longer than {} bytes (raise --max-line-length if this is real)",
                                       opts_.max_line));
            if (len && b[len - 1] == '\r')
                data_error("Windows line ending (CR LF) in", path_, line_no_,
                           "convert the file with dos2unix or tr -d '\\r'");
            line = std::string_view(b, len);
            line_offset_ = offset();
            begin_ += len + 1;
            return true;
        }
        if (eof_ || !fill()) {
            eof_ = true;
            if (begin_ == end_) return false;
            // Last line without '\n': accepted for hand-made input, refused for parts.
            ++line_no_;
            if (opts_.require_final_newline)
                data_error("truncated file", path_, line_no_, "the last line does not end with a newline");
            line = std::string_view(buf_.get() + begin_, end_ - begin_);
            line_offset_ = offset();
            if (line.back() == '\r')
                data_error("Windows line ending (CR LF) in", path_, line_no_,
                           "convert the file with dos2unix or tr -d '\\r'");
            begin_ = end_;
            return true;
        }
    }
}

}  // namespace m2h
