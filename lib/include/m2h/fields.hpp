// TAB field splitting without per-row allocation.
#pragma once

#include <cstddef>
#include <string_view>
#include <vector>

namespace m2h {

// Splits line on '\t' into out, reusing out's capacity (cleared first).
void split_tabs(std::string_view line, std::vector<std::string_view>& out);

// Number of TAB-separated fields in line (tabs + 1).
std::size_t count_fields(std::string_view line);

// The first n fields (n >= 1) of line and the remainder after the n-th TAB:
// returns the offset just past the n-th TAB, or npos if the line has fewer fields.
std::size_t skip_fields(std::string_view line, std::size_t n);

}  // namespace m2h
