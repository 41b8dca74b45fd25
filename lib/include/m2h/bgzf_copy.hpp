// Appending a BGZF file's body to another BGZF stream without recompressing it.
//
// Compression is the expensive half of BGZF; inflating is several times cheaper.
// So m2h-merge copies each compressed block of a part as it is, after inflating
// it once to check it (CRC) and count its lines. Only the block in which the
// part's header ends is recompressed, from the end of the header on.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>

typedef struct BGZF BGZF;

namespace m2h {

// What a part's header is.
enum class PartHeader {
    kFirstLine,  // text parts: the first line
    kHashLines,  // VCF: the leading lines starting with '#'
    kBcf,        // BCF: magic, length and header text
};

struct BgzfBody {
    std::string header;       // kFirstLine: the header line, without its newline
    std::uint64_t lines = 0;  // newlines in the body (records of a text part)
};

// True if the file is BGZF (bgzip or htslib output), not plain gzip or text.
bool is_bgzf_file(const std::string& path);

// Appends the body of the BGZF part at `path` to `out`, which must be a BGZF
// writer without threads (raw blocks must land in order). With keep_header the
// header is written too (in its own block); with a non-empty expect_header a
// kFirstLine header must equal it. Text parts must end in a newline and carry
// the BGZF end-of-file block. body, if given, sees the body's uncompressed bytes in
// order (m2h-merge notes the records for their index). Throws m2h::Error naming path
// on any problem.
using BodyBytes = std::function<void(const char* p, std::size_t n)>;
BgzfBody copy_bgzf_body(const std::string& path, PartHeader header, BGZF* out, const std::string& out_name,
                        bool keep_header = false, std::string_view expect_header = {}, const BodyBytes& body = {});

}  // namespace m2h
