// LZ4 frames for intermediate parts (internal to the core library).
//
// m2h-split --lz4 writes parts as a series of independent LZ4 frames, one per buffer it
// writes out: no state is kept between writes, so a part can be closed and appended to
// again (--max-open) and one compression context serves every part. LZ4 compresses a
// matrix about 3 times faster than BGZF at level 1, to about twice BGZF's size: a part
// is written once and read once, so the time matters more than the space. LineReader
// reads such files by content, frame after frame.
#pragma once

#include <sys/types.h>

#include <cstddef>
#include <memory>
#include <string>
#include <vector>

typedef struct hFILE hFILE;

namespace m2h::detail {

// True if the n bytes at p start an LZ4 frame (its magic number).
bool is_lz4_magic(const void* p, std::size_t n);
// True if the next bytes of fp (peeked, not consumed) start an LZ4 frame.
bool starts_lz4_frame(hFILE* fp);

// Compresses [p, p + n) as one LZ4 frame into out (resized to the frame), with the calling
// thread's own compression context. path names the output in errors.
void lz4_frame(const char* p, std::size_t n, std::vector<char>& out, const std::string& path);

// Decompresses the LZ4 frames read from fp (not owned) into the caller's buffer.
class Lz4Source {
public:
    explicit Lz4Source(hFILE* fp);
    ~Lz4Source();
    Lz4Source(const Lz4Source&) = delete;
    Lz4Source& operator=(const Lz4Source&) = delete;

    // Like read(2): the bytes produced (> 0), 0 at the end of the last frame, -1 on an
    // error (reason() says what).
    ssize_t read(char* dst, std::size_t n);
    const std::string& reason() const { return reason_; }

private:
    ssize_t fail(std::string reason);

    hFILE* fp_;
    struct Context;
    std::unique_ptr<Context> ctx_;
    std::unique_ptr<char[]> in_;
    std::size_t in_pos_ = 0, in_len_ = 0;
    bool in_frame_ = false;  // a frame has started and not ended
    std::string reason_;
};

}  // namespace m2h::detail
