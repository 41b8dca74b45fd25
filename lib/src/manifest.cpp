#include "m2h/manifest.hpp"

#include <charconv>
#include <fmt/format.h>

#include "m2h/error.hpp"
#include "m2h/fields.hpp"
#include "m2h/line_reader.hpp"
#include "m2h/output.hpp"

namespace m2h {

std::string parent_dir(std::string_view path) {
    auto slash = path.rfind('/');
    if (slash == std::string_view::npos) return ".";
    if (slash == 0) return "/";
    return std::string(path.substr(0, slash));
}

std::string resolve_path(std::string_view dir, std::string_view rel) {
    if (rel.starts_with('/') || dir.empty() || dir == ".") return std::string(rel);
    return fmt::format("{}/{}", dir, rel);
}

void write_manifest(const std::string& path, const std::vector<ManifestEntry>& entries) {
    const bool ranged = !entries.empty() && entries.front().ranged;
    OutputFile out(path, {.compression = OutputCompression::kPlain});
    const bool regions = !entries.empty() && !entries.front().region.empty();
    out.write_line(ranged ? kRangeManifestHeader : regions ? kRegionManifestHeader : kManifestHeader);
    std::string line;
    for (const auto& e : entries) {
        line.clear();
        fmt::format_to(std::back_inserter(line), "{}\t{}\t{}\t{}\t{}", e.part, e.key, e.rows, e.bytes, e.path);
        if (ranged) fmt::format_to(std::back_inserter(line), "\t{}\t{}", e.offset, e.line);
        if (regions) line.append("\t").append(e.region);
        line.push_back('\n');
        out.write(line);
    }
    out.commit();
}

namespace {
std::uint64_t parse_count(std::string_view s, const std::string& path, std::uint64_t line, const char* column) {
    std::uint64_t v = 0;
    auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
    if (ec != std::errc() || p != s.data() + s.size() || s.empty())
        data_error("bad manifest", path, line, fmt::format("column '{}' is not a whole number: '{}'", column, s));
    return v;
}
}  // namespace

std::vector<ManifestEntry> read_manifest(const std::string& path) {
    LineReader in(path);
    std::string_view line;
    if (!in.next(line)) file_error("empty manifest", path, fmt::format("expected the header '{}'", kManifestHeader));
    const bool ranged = line == kRangeManifestHeader, regions = line == kRegionManifestHeader;
    if (line != kManifestHeader && !ranged && !regions)
        data_error("bad manifest", path, 1,
                   fmt::format("expected the header '{}' (or, for ranges, '{}'; for regions, '{}')", kManifestHeader,
                               kRangeManifestHeader, kRegionManifestHeader));
    const std::size_t columns = ranged ? 7 : regions ? 6 : 5;
    std::vector<ManifestEntry> entries;
    std::vector<std::string_view> f;
    while (in.next(line)) {
        split_tabs(line, f);
        if (f.size() != columns)
            data_error("bad manifest", path, in.line_number(), fmt::format("{} fields, expected {}", f.size(), columns));
        ManifestEntry e;
        e.part = parse_count(f[0], path, in.line_number(), "part");
        e.key = std::string(f[1]);
        e.rows = parse_count(f[2], path, in.line_number(), "rows");
        e.bytes = parse_count(f[3], path, in.line_number(), "bytes");
        e.path = std::string(f[4]);
        if (e.path.empty()) data_error("bad manifest", path, in.line_number(), "empty path");
        if (ranged) {
            e.ranged = true;
            e.offset = parse_count(f[5], path, in.line_number(), "offset");
            e.line = parse_count(f[6], path, in.line_number(), "line");
        }
        if (regions) {
            e.region = std::string(f[5]);
            if (e.region.empty()) data_error("bad manifest", path, in.line_number(), "empty region");
        }
        entries.push_back(std::move(e));
    }
    return entries;
}

}  // namespace m2h
