// File names derived from user data (chromosome names) that are always safe:
// no '/', no leading '.', bounded length, and unique because the part index
// comes first (so "chrX", "chrx" and "chr/X" never clash, even on a
// case-insensitive file system).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace m2h {

// "part-000001-chr1" for index 1 and key "chr1"; unsafe bytes become '_'.
std::string part_file_stem(std::uint64_t index, std::string_view key);

}  // namespace m2h
