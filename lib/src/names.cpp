#include "m2h/names.hpp"

#include <fmt/format.h>

namespace m2h {

std::string part_file_stem(std::uint64_t index, std::string_view key) {
    // The index makes the name unique; the key is only there for people reading the directory.
    constexpr std::size_t kMaxKey = 64;
    std::string name = fmt::format("part-{:06}", index);
    if (key.empty()) return name;
    name.push_back('-');
    for (char c : key.substr(0, kMaxKey)) {
        bool ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' ||
                  c == '-' || c == '.';
        name.push_back(ok ? c : '_');
    }
    return name;
}

}  // namespace m2h
