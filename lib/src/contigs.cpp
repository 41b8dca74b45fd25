#include "m2h/contigs.hpp"

#include <charconv>
#include <fmt/format.h>

#include "m2h/error.hpp"
#include "m2h/fields.hpp"
#include "m2h/line_reader.hpp"

namespace m2h {

namespace {

bool parse_length(std::string_view s, std::uint64_t& value) {
    auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), value);
    return ec == std::errc() && p == s.data() + s.size() && value >= 1;
}

}  // namespace

ContigLengths ContigLengths::read(const std::string& path) {
    ContigLengths cl;
    cl.path_ = path;
    LineReader in(path);
    std::string_view line;
    std::vector<std::string_view> f;
    while (in.next(line)) {
        if (line.empty()) continue;
        split_tabs(line, f);
        if (f.size() < 2 || f[0].empty())
            data_error("bad contig lengths", path, in.line_number(),
                       "expected 'name<TAB>length' (or the lines of a .fai index)");
        std::uint64_t length = 0;
        if (!parse_length(f[1], length))
            data_error("bad contig length in", path, in.line_number(),
                       fmt::format("'{}' for '{}' is not a whole number >= 1", f[1], f[0]));
        cl.contigs_.push_back({std::string(f[0]), length, in.line_number()});
    }
    if (cl.contigs_.empty()) file_error("no contigs in", path, "expected 'name<TAB>length' lines (or a .fai index)");
    // Indexed only now: the names no longer move.
    for (std::size_t i = 0; i < cl.contigs_.size(); ++i) {
        const Contig& c = cl.contigs_[i];
        auto [it, fresh] = cl.index_.emplace(c.name, i);
        if (!fresh)
            data_error("contig named twice in", path, c.line,
                       fmt::format("'{}' is also on line {}", c.name, cl.contigs_[it->second].line));
    }
    return cl;
}

const Contig* ContigLengths::find(std::string_view name) const {
    auto it = index_.find(name);
    return it == index_.end() ? nullptr : &contigs_[it->second];
}

void ContigCheck::check(std::string_view chrom, std::string_view row, std::size_t pos_end, std::uint64_t line) {
    if (chrom != current_) {
        const Contig* c = lengths_.find(chrom);
        if (!c)
            data_error("contig missing from the contig lengths in", source_, line,
                       fmt::format("'{}' is not in '{}'", chrom, lengths_.path()));
        current_.assign(chrom);
        length_ = c->length;
    }
    const std::size_t pos_at = chrom.size() + 1;
    std::string_view pos = row.substr(pos_at, pos_end - pos_at);
    std::uint64_t value = 0;
    auto [end, ec] = std::from_chars(pos.data(), pos.data() + pos.size(), value);  // digits: checked by MatrixReader
    if (ec != std::errc() || value > length_)
        data_error("position past the end of its contig in", source_, line,
                   fmt::format("{}:{}, but '{}' gives '{}' a length of {}", chrom, pos, lengths_.path(), chrom, length_));
}

}  // namespace m2h
