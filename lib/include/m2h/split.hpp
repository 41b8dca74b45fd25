// m2h-split: one pass over a matrix, one part per chromosome or per N rows.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "m2h/manifest.hpp"
#include "m2h/matrix.hpp"

namespace m2h {

enum class SplitBy { kChrom, kRows };

struct SplitOptions {
    std::string input = "-";
    std::string outdir;
    MatrixOptions matrix;
    SplitBy by = SplitBy::kChrom;
    std::uint64_t rows_per_part = 1000000;
    std::size_t max_open = 200;     // open part files at once (least recently used closed first)
    bool compress = false;          // BGZF parts (".tsv.gz")
    int level = -1;                 // their compression level (-1: zlib's default)
    int threads = 0;                // BGZF threads for input and for each open part
    bool progress = false;
    // Copy nothing: record each part as a byte range of the matrix (a range manifest, see
    // manifest.hpp). Needs a plain or BGZF file whose chromosomes are contiguous (--by chrom).
    bool ranges = false;
};

// Splits, writes DIR/manifest.tsv last, returns the manifest entries.
std::vector<ManifestEntry> run_split(const SplitOptions& opts);

}  // namespace m2h
