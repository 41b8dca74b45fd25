// m2h-split: one pass over a matrix, one part per chromosome, per N rows or per N bytes.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "m2h/manifest.hpp"
#include "m2h/matrix.hpp"

namespace m2h {

// kSize: parts of about part_bytes of rows each, cut at the first row end past each
// multiple of part_bytes: small chromosomes packed together in input order, a big one cut
// in pieces. The parts are the input in order, so merging them gives it back.
enum class SplitBy { kChrom, kRows, kSize };

struct SplitOptions {
    std::string input = "-";
    std::string outdir;
    MatrixOptions matrix;
    SplitBy by = SplitBy::kChrom;
    std::uint64_t rows_per_part = 1000000;
    std::uint64_t part_bytes = 1000000000;  // --by size
    std::size_t max_open = 200;     // open part files at once (least recently used closed first)
    bool compress = false;          // BGZF parts (".tsv.gz")
    int level = -1;                 // their compression level (-1: zlib's default)
    bool lz4 = false;               // or LZ4 parts (".tsv.lz4"): several times faster to write
                                    // than BGZF, about twice the size; m2h-transform reads them
    int threads = 0;                // threads reading gzip/BGZF input ahead (1+), and compressing
                                    // BGZF or LZ4 parts (N)
    bool progress = false;
    // Copy nothing: record each part as a byte range of the matrix (a range manifest, see
    // manifest.hpp). Needs a plain or BGZF file whose chromosomes are contiguous (--by chrom).
    // A plain file split --by size is not read through: only the bytes around each cut are,
    // and the rows of the parts are counted on threads+1 threads; its rows are checked by
    // the transforms that read them. Its size known, its parts are equal shares of it
    // (as many as part_bytes asks for), not part_bytes and a remainder.
    bool ranges = false;
};

// Splits, writes DIR/manifest.tsv last, returns the manifest entries.
std::vector<ManifestEntry> run_split(const SplitOptions& opts);

}  // namespace m2h
