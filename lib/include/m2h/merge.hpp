// m2h-merge: concatenates parts into one file with one header. Parts are told
// apart by content: VCF/BCF parts go through htslib (headers unified, contigs in
// part order, samples identical); anything else is merged as text lines.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "m2h/vcf.hpp"

namespace m2h {

struct MergeOptions {
    std::vector<std::string> inputs;   // parts in order
    std::string manifest;              // or: take parts (and expected rows/bytes) from a manifest
    std::string file_list;             // or: one part path per line
    std::string output = "-";
    int threads = 0;
    int level = -1;                    // compression level of blocks compressed anew (-1: htslib's default)
    bool write_index = false;          // VCF/BCF parts: .csi (or .tbi, index_format) for .vcf.gz, .csi for .bcf
    IndexFormat index_format = IndexFormat::kCsi;
    bool progress = false;
    bool write_behind = false;         // table parts: see OutputOptions::write_behind
    bool no_version = false;           // VCF/BCF: no ##m2h-merge* lines in the header
    std::string command_line;          // recorded in VCF/BCF headers
};

struct MergeResult {
    std::uint64_t parts = 0;
    // Data rows of the parts that were read: all but plain parts merged into a plain
    // output without a manifest, which are copied unread (inside the kernel).
    std::uint64_t rows = 0;
};

MergeResult run_merge(const MergeOptions& opts);

}  // namespace m2h
