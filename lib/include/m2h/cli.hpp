// Command-line conventions shared by the tools (CLI11 underneath).
#pragma once

#include <cstdint>
#include <functional>
#include <string>

#include <CLI/CLI.hpp>

namespace m2h {

// Version string "0.1.0 (htslib 1.16)".
std::string version_string();

// Builds an app with the project's help layout: About, Usage, Options [default], Examples.
void setup_app(CLI::App& app, const std::string& tool, const std::string& about,
               const std::string& examples);

// A size such as 500M: a whole number with an optional K, M or G (powers of 1000); a usage
// error naming the option otherwise.
std::uint64_t parse_size(const std::string& text, const std::string& option);

// -l/--compression-level 0-9 into level (left at -1, htslib's default level 6, when not
// given), as bcftools' -l; what applies to is said in `what`. more_names: older names kept.
CLI::Option* add_compression_level(CLI::App& app, int& level, const std::string& what,
                                   const std::string& more_names = "");

// Parses argv and runs body; turns every error into the project's message and exit code
// (usage 1, data 2), prints --help/--version to stdout with exit 0.
int run_tool(CLI::App& app, int argc, char** argv, const std::function<void()>& body);


}  // namespace m2h
