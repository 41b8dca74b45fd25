#include "m2h/bgzf_copy.hpp"

#include <htslib/bgzf.h>
#include <htslib/hfile.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <fmt/format.h>
#include <memory>
#include <unistd.h>

#include "internal.hpp"
#include "m2h/error.hpp"
#include "m2h/line_reader.hpp"

namespace m2h {

using detail::errno_text;

namespace {

const std::size_t kMaxHeaderLine = ReaderOptions{}.max_line;  // LineReader's default line cap
constexpr std::size_t kBcfPrefix = 9;             // "BCF\2\2" + uint32 header length
constexpr int kBgzfCompression = 2;               // bgzf_compression(): 0 plain, 1 gzip, 2 BGZF

struct BgzfCloser {
    void operator()(BGZF* fp) const { bgzf_close(fp); }
};
using BgzfPtr = std::unique_ptr<BGZF, BgzfCloser>;

class Fd {
public:
    explicit Fd(int fd) : fd_(fd) {}
    ~Fd() {
        if (fd_ >= 0) ::close(fd_);
    }
    Fd(const Fd&) = delete;
    Fd& operator=(const Fd&) = delete;
    int get() const { return fd_; }

private:
    int fd_;
};

// Walks a part's blocks: header bytes first, then the body.
class BodyCopier {
public:
    BodyCopier(const std::string& path, PartHeader kind, BGZF* out, const std::string& out_name)
        : path_(path), out_name_(out_name), kind_(kind), out_(out) {}

    BgzfBody run(bool keep_header, std::string_view expect, const BodyBytes& body);

private:
    std::size_t take_header(const char* p, std::size_t n);
    std::size_t take_first_line(const char* p, std::size_t n);
    std::size_t take_hash_lines(const char* p, std::size_t n);
    std::size_t take_bcf(const char* p, std::size_t n);
    void header_done(bool keep_header, std::string_view expect);
    void write_compressed(const char* p, std::size_t n);
    void copy_raw(int fd, std::int64_t from, std::int64_t to);

    const std::string& path_;
    const std::string& out_name_;
    PartHeader kind_;
    BGZF* out_;
    BgzfBody body_;
    bool in_header_ = true, at_line_start_ = true;
    std::uint64_t bcf_left_ = 0;
    std::string kept_;  // header bytes to write when keep_header (kHashLines/kBcf)
    char raw_[0x10000];
};

std::size_t BodyCopier::take_first_line(const char* p, std::size_t n) {
    const char* nl = static_cast<const char*>(std::memchr(p, '\n', n));
    std::size_t used = nl ? static_cast<std::size_t>(nl - p) + 1 : n;
    body_.header.append(p, nl ? used - 1 : used);
    if (body_.header.size() > kMaxHeaderLine)
        data_error("line too long in", path_, 1, fmt::format("over {} bytes", kMaxHeaderLine));
    in_header_ = nl == nullptr;
    return used;
}

std::size_t BodyCopier::take_hash_lines(const char* p, std::size_t n) {
    std::size_t i = 0;
    while (i < n) {
        if (at_line_start_ && p[i] != '#') {
            in_header_ = false;
            break;
        }
        const char* nl = static_cast<const char*>(std::memchr(p + i, '\n', n - i));
        at_line_start_ = nl != nullptr;
        i = nl ? static_cast<std::size_t>(nl - p) + 1 : n;
    }
    kept_.append(p, i);
    return i;
}

std::size_t BodyCopier::take_bcf(const char* p, std::size_t n) {
    std::size_t i = 0;
    if (kept_.size() < kBcfPrefix) {
        i = std::min(n, kBcfPrefix - kept_.size());
        kept_.append(p, i);
        if (kept_.size() < kBcfPrefix) return i;
        if (kept_.compare(0, 4, "BCF\2") != 0) file_error("not a BCF file", path_, "bad magic bytes");
        const auto* u = reinterpret_cast<const unsigned char*>(kept_.data() + 5);
        bcf_left_ = u[0] | (u[1] << 8) | (u[2] << 16) | (std::uint64_t{u[3]} << 24);
    }
    std::size_t take = static_cast<std::size_t>(std::min<std::uint64_t>(bcf_left_, n - i));
    kept_.append(p + i, take);
    bcf_left_ -= take;
    in_header_ = bcf_left_ > 0;
    return i + take;
}

std::size_t BodyCopier::take_header(const char* p, std::size_t n) {
    switch (kind_) {
        case PartHeader::kFirstLine: return take_first_line(p, n);
        case PartHeader::kHashLines: return take_hash_lines(p, n);
        case PartHeader::kBcf: return take_bcf(p, n);
    }
    return n;
}

void BodyCopier::write_compressed(const char* p, std::size_t n) {
    errno = 0;
    if (n && bgzf_write(out_, p, n) < 0) file_error("cannot write", out_name_, errno_text());
}

void BodyCopier::header_done(bool keep_header, std::string_view expect) {
    if (kind_ == PartHeader::kFirstLine && !expect.empty() && body_.header != expect)
        data_error("header differs in", path_, 1, "expected the header of the first part");
    if (!keep_header) return;
    if (kind_ == PartHeader::kFirstLine) {
        write_compressed(body_.header.data(), body_.header.size());
        write_compressed("\n", 1);
    } else {
        write_compressed(kept_.data(), kept_.size());
    }
    if (bgzf_flush(out_) < 0) file_error("cannot write", out_name_, errno_text());
}

void BodyCopier::copy_raw(int fd, std::int64_t from, std::int64_t to) {
    errno = 0;
    if (bgzf_flush(out_) < 0) file_error("cannot write", out_name_, errno_text());
    auto n = static_cast<std::size_t>(to - from);
    if (to < from || n > sizeof raw_) file_error("cannot copy BGZF blocks of", path_, "unexpected block layout");
    ssize_t r = pread(fd, raw_, n, from);
    if (r != static_cast<ssize_t>(n)) file_error("cannot read", path_, r < 0 ? errno_text() : "file shrank while read");
    if (bgzf_raw_write(out_, raw_, n) != static_cast<ssize_t>(n)) file_error("cannot write", out_name_, errno_text());
}

BgzfBody BodyCopier::run(bool keep_header, std::string_view expect, const BodyBytes& body) {
    BgzfPtr in(bgzf_open(path_.c_str(), "r"));
    Fd raw(::open(path_.c_str(), O_RDONLY | O_CLOEXEC));
    if (!in || raw.get() < 0) file_error("cannot open", path_, errno_text());
    if (bgzf_compression(in.get()) != kBgzfCompression) file_error("not a BGZF file", path_, "expected bgzip compression");
    if (bgzf_check_EOF(in.get()) != 1) file_error("truncated BGZF file", path_, "the end-of-file marker is missing");
    char last = '\n';
    std::uint64_t total = 0;
    for (;;) {
        if (bgzf_read_block(in.get()) < 0) file_error("corrupt BGZF block in", path_, "cannot inflate it");
        auto n = static_cast<std::size_t>(in->block_length);
        if (n == 0) break;
        total += n;
        const char* p = static_cast<const char*>(in->uncompressed_block);
        std::size_t k = 0;
        if (in_header_) {
            k = take_header(p, n);
            if (!in_header_) header_done(keep_header, expect);
        }
        body_.lines += static_cast<std::uint64_t>(std::count(p + k, p + n, '\n'));
        if (body && k < n) body(p + k, n - k);
        last = p[n - 1];
        if (k == 0) copy_raw(raw.get(), in->block_address, htell(in->fp));
        else write_compressed(p + k, n - k);
    }
    if (total == 0) file_error("empty part", path_, "no header line (truncated or not a part)");
    if (in_header_ && kind_ != PartHeader::kBcf) {
        in_header_ = false;  // a header without records (kFirstLine needs its newline, checked below)
        header_done(keep_header, expect);
    }
    if (in_header_) file_error("truncated BCF file", path_, "the header is cut short");
    if (kind_ != PartHeader::kBcf && last != '\n') file_error("truncated part", path_, "it does not end in a newline");
    return body_;
}

}  // namespace

bool is_bgzf_file(const std::string& path) {
    if (path == "-") return false;
    BgzfPtr fp(bgzf_open(path.c_str(), "r"));
    return fp && bgzf_compression(fp.get()) == kBgzfCompression;
}

BgzfBody copy_bgzf_body(const std::string& path, PartHeader header, BGZF* out, const std::string& out_name,
                        bool keep_header, std::string_view expect_header, const BodyBytes& body) {
    auto copier = std::make_unique<BodyCopier>(path, header, out, out_name);
    return copier->run(keep_header, expect_header, body);
}

}  // namespace m2h
