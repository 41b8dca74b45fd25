#include <fmt/format.h>

#include <unordered_set>

#include "m2h/error.hpp"
#include "m2h/fields.hpp"
#include "m2h/line_reader.hpp"
#include "m2h/transform.hpp"

namespace m2h {

namespace {

// Checks that apply to sheets and auto pairs alike; line 0 means "from the header".
void check_pairs(const std::vector<SamplePair>& pairs, Format format, const std::string& source,
                 const std::vector<std::uint64_t>& lines, const Header& header) {
    std::unordered_set<std::string_view> names;
    std::unordered_set<int> used;
    for (std::size_t i = 0; i < pairs.size(); ++i) {
        const auto& p = pairs[i];
        if (p.name.empty()) data_error("empty sample name in", source, lines[i], "column 'sample' is empty");
        if (is_phase_extender_table(format) && p.name.find_first_of("_:") != std::string::npos)
            data_error(fmt::format("sample name not allowed for --format {} in", kFormatNames[static_cast<int>(format)]), source, lines[i],
                       fmt::format("'{}' contains '_' or ':' (phase-Extender splits column names on them)", p.name));
        if (is_variant_format(format) && p.name.find_first_of("\t\n") != std::string::npos)
            data_error("sample name not allowed in VCF in", source, lines[i], fmt::format("'{}'", p.name));
        if (!names.insert(p.name).second)
            data_error("duplicate sample in", source, lines[i], fmt::format("'{}' is named twice", p.name));
        for (int c : {p.hap1, p.hap2})
            if (!used.insert(c).second)
                data_error("haplotype column used twice in", source, lines[i],
                           fmt::format("'{}' is in more than one pair", header.columns[static_cast<std::size_t>(c)]));
    }
}

int haplotype_column(const Header& header, std::string_view name, const std::string& sheet, std::uint64_t line) {
    int c = header.index_of(name);
    if (c < 0)
        data_error("unknown column in sample sheet", sheet, line,
                   fmt::format("'{}' is not a column of the matrix header ('{}')", name, header.source));
    if (c < 3) data_error("not a haplotype column in sample sheet", sheet, line, fmt::format("'{}'", name));
    return c;
}

}  // namespace

std::vector<SamplePair> read_sample_sheet(const std::string& path, const Header& header, Format format) {
    LineReader in(path);
    std::string_view line;
    if (!in.next(line)) file_error("empty sample sheet", path, "expected the header 'sample<TAB>hap1<TAB>hap2'");
    if (line != "sample\thap1\thap2") data_error("bad sample sheet", path, 1, "expected the header 'sample<TAB>hap1<TAB>hap2'");
    std::vector<SamplePair> pairs;
    std::vector<std::uint64_t> lines;
    std::vector<std::string_view> f;
    while (in.next(line)) {
        if (line.empty()) continue;
        split_tabs(line, f);
        if (f.size() != 3) data_error("bad sample sheet", path, in.line_number(), fmt::format("{} fields, expected 3", f.size()));
        pairs.push_back({std::string(f[0]), haplotype_column(header, f[1], path, in.line_number()),
                         haplotype_column(header, f[2], path, in.line_number())});
        lines.push_back(in.line_number());
    }
    if (pairs.empty()) file_error("no sample pairs in", path, "add lines 'sample<TAB>hap1<TAB>hap2'");
    check_pairs(pairs, format, path, lines, header);
    return pairs;
}

std::vector<SamplePair> auto_pairs(const Header& header, Format format) {
    std::vector<SamplePair> pairs;
    for (std::size_t c = 3; c < header.columns.size(); ++c) {
        const std::string& a = header.columns[c];
        if (a.size() < 2 || a.back() != 'a') continue;
        std::string b = a.substr(0, a.size() - 1) + "b";
        int cb = header.index_of(b);
        if (cb >= 3) pairs.push_back({a + b, static_cast<int>(c), cb});
    }
    if (pairs.empty())
        file_error("no sample pairs for --samples auto in the header of", header.source,
                   "no columns named <x>a and <x>b; give a sample sheet with -s");
    check_pairs(pairs, format, header.source, std::vector<std::uint64_t>(pairs.size(), 1), header);
    return pairs;
}

}  // namespace m2h
