#include "lz4_frames.hpp"

#include <htslib/hfile.h>
#include <lz4frame.h>

#include <cerrno>
#include <cstring>
#include <vector>

#include "internal.hpp"
#include "m2h/error.hpp"

namespace m2h::detail {

namespace {
constexpr unsigned char kMagic[4] = {0x04, 0x22, 0x4d, 0x18};  // 0x184D2204, little-endian
constexpr std::size_t kInChunk = 64 * 1024;

// Independent 64 KiB blocks, flushed at once: the context then holds no block buffer.
// No checksum: the parts are checked by the rows the manifest records, and hashing would
// cost a fifth of the compression's time.
LZ4F_preferences_t frame_prefs() {
    LZ4F_preferences_t prefs{};
    prefs.frameInfo.blockSizeID = LZ4F_max64KB;
    prefs.frameInfo.blockMode = LZ4F_blockIndependent;
    prefs.autoFlush = 1;
    return prefs;
}

struct Compressor {
    Compressor() {
        if (LZ4F_isError(LZ4F_createCompressionContext(&cctx, LZ4F_VERSION))) cctx = nullptr;
    }
    ~Compressor() { LZ4F_freeCompressionContext(cctx); }
    LZ4F_cctx* cctx = nullptr;
};
}  // namespace

bool is_lz4_magic(const void* p, std::size_t n) { return n >= sizeof kMagic && std::memcmp(p, kMagic, sizeof kMagic) == 0; }

bool starts_lz4_frame(hFILE* fp) {
    unsigned char magic[sizeof kMagic];
    return hpeek(fp, magic, sizeof magic) == sizeof magic && is_lz4_magic(magic, sizeof magic);
}

void lz4_frame(const char* p, std::size_t n, std::vector<char>& out, const std::string& path) {
    thread_local Compressor c;
    static const LZ4F_preferences_t prefs = frame_prefs();
    if (!c.cctx) file_error("cannot compress", path, "out of memory for the LZ4 context");
    const std::size_t bound = LZ4F_compressFrameBound(n, &prefs);
    out.resize(bound);
    char* dst = out.data();
    std::size_t at = 0;
    auto check = [&](std::size_t r) {
        if (LZ4F_isError(r)) file_error("cannot compress", path, LZ4F_getErrorName(r));
        at += r;
    };
    check(LZ4F_compressBegin(c.cctx, dst, bound, &prefs));
    check(LZ4F_compressUpdate(c.cctx, dst + at, bound - at, p, n, nullptr));
    check(LZ4F_compressEnd(c.cctx, dst + at, bound - at, nullptr));
    out.resize(at);
}

struct Lz4Source::Context {
    Context() {
        if (LZ4F_isError(LZ4F_createDecompressionContext(&dctx, LZ4F_VERSION))) dctx = nullptr;
    }
    ~Context() { LZ4F_freeDecompressionContext(dctx); }
    LZ4F_dctx* dctx = nullptr;
};

Lz4Source::Lz4Source(hFILE* fp) : fp_(fp), ctx_(std::make_unique<Context>()), in_(new char[kInChunk]) {}

Lz4Source::~Lz4Source() = default;

ssize_t Lz4Source::fail(std::string reason) {
    reason_ = std::move(reason);
    return -1;
}

ssize_t Lz4Source::read(char* dst, std::size_t n) {
    if (!ctx_->dctx) return fail("out of memory for the LZ4 context");
    for (;;) {
        if (in_pos_ == in_len_) {
            errno = 0;
            const ssize_t got = hread(fp_, in_.get(), kInChunk);
            if (got < 0) return fail(errno_text());
            if (got == 0) return in_frame_ ? fail("truncated LZ4 data: the last frame is cut short") : 0;
            in_pos_ = 0;
            in_len_ = static_cast<std::size_t>(got);
        }
        std::size_t out_size = n, in_size = in_len_ - in_pos_;
        const std::size_t hint = LZ4F_decompress(ctx_->dctx, dst, &out_size, in_.get() + in_pos_, &in_size, nullptr);
        if (LZ4F_isError(hint)) return fail(std::string("corrupt LZ4 data: ") + LZ4F_getErrorName(hint));
        in_pos_ += in_size;
        in_frame_ = hint != 0;  // 0: the frame ended; the next bytes must start another
        if (out_size > 0) return static_cast<ssize_t>(out_size);
    }
}

}  // namespace m2h::detail
