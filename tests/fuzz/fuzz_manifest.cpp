// libFuzzer target: the manifest reader (split's manifest and the range manifest). What it
// accepts must write back to the same entries.
#include <m2h/error.hpp>
#include <m2h/manifest.hpp>

#include <cstdlib>
#include <string>

#include "fuzz_input.hpp"

namespace {
bool same(const m2h::ManifestEntry& a, const m2h::ManifestEntry& b) {
    return a.part == b.part && a.key == b.key && a.rows == b.rows && a.bytes == b.bytes && a.path == b.path &&
           a.ranged == b.ranged && a.offset == b.offset && a.line == b.line;
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    static const std::string copy = [] {
        const char* t = std::getenv("TMPDIR");
        return std::string(t && *t ? t : "/tmp") + "/m2h-fuzz-manifest." + std::to_string(getpid());
    }();
    m2h::fuzz::MemFile file(data, size);
    std::vector<m2h::ManifestEntry> entries;
    try {
        entries = m2h::read_manifest(file.path());
    } catch (const m2h::Error&) {
        return 0;
    }
    m2h::write_manifest(copy, entries);
    auto again = m2h::read_manifest(copy);
    if (again.size() != entries.size()) std::abort();
    for (std::size_t i = 0; i < entries.size(); ++i)
        if (!same(entries[i], again[i])) std::abort();
    unlink(copy.c_str());
    return 0;
}
