#include "m2h/error.hpp"

#include <fmt/format.h>

namespace m2h {

namespace {
std::string& name_storage() {
    static std::string name = "m2h";
    return name;
}
}  // namespace

void set_tool_name(std::string_view name) { name_storage() = std::string(name); }
const std::string& tool_name() { return name_storage(); }

void data_error(std::string_view what, std::string_view file, std::uint64_t line,
                std::string_view detail) {
    throw Error(kExitData,
                fmt::format("{}: {} '{}' line {}: {}", tool_name(), what, file, line, detail));
}

void file_error(std::string_view what, std::string_view file, std::string_view reason) {
    throw Error(kExitData, fmt::format("{}: {} '{}': {}", tool_name(), what, file, reason));
}

void usage_error(std::string_view message) {
    throw Error(kExitUsage, fmt::format("{}: {}", tool_name(), message));
}

}  // namespace m2h
