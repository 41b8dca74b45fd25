// Helpers for the API tests: scratch directories and whole-file reads.
#pragma once

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "m2h/error.hpp"

namespace testutil {

// A fresh directory removed at the end of the test.
class TempDir {
public:
    TempDir() {
        std::string tmpl = (std::filesystem::temp_directory_path() / "m2h-test-XXXXXX").string();
        path_ = mkdtemp(tmpl.data());
    }
    ~TempDir() { std::filesystem::remove_all(path_); }
    std::string file(const std::string& name) const { return path_ + "/" + name; }
    const std::string& path() const { return path_; }

private:
    std::string path_;
};

inline void write_file(const std::string& path, const std::string& text) {
    std::ofstream(path, std::ios::binary) << text;
}

inline std::string read_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

// Number of entries in a directory (to prove no temporary file was left).
inline int count_entries(const std::string& dir) {
    int n = 0;
    for ([[maybe_unused]] auto& e : std::filesystem::directory_iterator(dir)) ++n;
    return n;
}

}  // namespace testutil

// Asserts that expr throws m2h::Error with the given exit code and a message containing text.
#define REQUIRE_M2H_ERROR(expr, exit_code, text)                             \
    do {                                                                     \
        try {                                                                \
            expr;                                                            \
            FAIL("no error thrown");                                         \
        } catch (const m2h::Error& e) {                                      \
            CHECK(e.code() == (exit_code));                                  \
            CHECK_THAT(e.what(), Catch::Matchers::Contains(text));           \
        }                                                                    \
    } while (0)
