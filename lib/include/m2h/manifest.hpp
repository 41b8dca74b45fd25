// The split manifest: DIR/manifest.tsv, one row per part in order of first
// appearance, columns "part key rows bytes path". part is 1-based, key the
// chromosome (or row range), rows the data rows (header excluded), bytes the
// part file's size, path relative to the manifest's directory.
//
// A range manifest (m2h-split --ranges) copies nothing: its parts are byte ranges of
// the matrix itself, columns "part key rows bytes path offset line": path is the
// matrix (absolute), offset and bytes the range in its decompressed bytes, line the
// line number of the range's first row. Beside it: header.tsv (the header line) and,
// for BGZF input, matrix.gzi (the block index that turns offsets into seeks).
//
// A region manifest (m2h-split --ranges of an indexed VCF or BCF) copies nothing either:
// columns "part key rows bytes path region": path is the file (absolute), region
// "CONTIG:FIRST-LAST" (1-based, inclusive) the positions of its records, rows their number,
// bytes their size in the file's records (text, or BCF's encoding). The file's own index is
// used, or, when it has none, the one m2h-split built beside the manifest (variants.csi).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace m2h {

struct ManifestEntry {
    std::uint64_t part = 0;
    std::string key;
    std::uint64_t rows = 0;
    std::uint64_t bytes = 0;
    std::string path;
    bool ranged = false;           // a byte range of the matrix at path
    std::uint64_t offset = 0;      // ranges only
    std::uint64_t line = 0;        // ranges only
    std::string region;            // a region of a VCF/BCF at path (region manifests only)
};

inline constexpr std::string_view kManifestHeader = "part\tkey\trows\tbytes\tpath";
inline constexpr std::string_view kRangeManifestHeader = "part\tkey\trows\tbytes\tpath\toffset\tline";
inline constexpr std::string_view kRegionManifestHeader = "part\tkey\trows\tbytes\tpath\tregion";
// Files beside a range manifest.
inline constexpr std::string_view kRangeHeaderFile = "header.tsv";
inline constexpr std::string_view kRangeIndexFile = "matrix.gzi";
inline constexpr std::string_view kRegionIndexFile = "variants.csi";

// Writes the manifest atomically (temporary + rename); a range manifest if the entries are
// ranged, a region manifest if they have regions.
void write_manifest(const std::string& path, const std::vector<ManifestEntry>& entries);
// Reads and validates a manifest; entry paths are returned as written (relative).
std::vector<ManifestEntry> read_manifest(const std::string& path);
// Directory part of a path ("." if none), for resolving relative part paths.
std::string parent_dir(std::string_view path);
// dir/rel unless rel is absolute.
std::string resolve_path(std::string_view dir, std::string_view rel);

}  // namespace m2h
