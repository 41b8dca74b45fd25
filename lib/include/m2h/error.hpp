// Errors and exit codes shared by every m2h tool.
//
// Every failure is thrown as m2h::Error carrying its exit code and a message
// already in the project's form; run_tool() prints it once and returns the code.
//   exit 0  success
//   exit 1  usage error (bad option, missing argument)
//   exit 2  bad input data, or a file that cannot be read or written
#pragma once

#include <cstdint>
#include <stdexcept>
#include <string>
#include <string_view>

namespace m2h {

enum ExitCode : int { kExitOk = 0, kExitUsage = 1, kExitData = 2 };

class Error : public std::runtime_error {
public:
    Error(int code, const std::string& message) : std::runtime_error(message), code_(code) {}
    int code() const noexcept { return code_; }

private:
    int code_;
};

// The program name used as the prefix of every message ("m2h-split").
void set_tool_name(std::string_view name);
const std::string& tool_name();

// "m2h-<tool>: <what> '<file>' line N: <detail>", exit 2.
[[noreturn]] void data_error(std::string_view what, std::string_view file, std::uint64_t line,
                             std::string_view detail);
// "m2h-<tool>: <what> '<file>': <reason>", exit 2 (I/O failures, unreadable files).
[[noreturn]] void file_error(std::string_view what, std::string_view file, std::string_view reason);
// "m2h-<tool>: <message>", exit 1.
[[noreturn]] void usage_error(std::string_view message);

}  // namespace m2h
