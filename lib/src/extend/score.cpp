// Switch errors of a sample's phase against the truth, as whatshap compare counts them:
// within each block, a switch wherever the phase relative to the truth changes between
// consecutive heterozygous sites. The truth is held in memory (a scorer for simulated
// data, not a streaming step).
#include <algorithm>
#include <fmt/format.h>
#include <unordered_map>

#include "extend/pandas_text.hpp"
#include "m2h/error.hpp"
#include "m2h/extend.hpp"
#include "m2h/fields.hpp"
#include "m2h/line_reader.hpp"

namespace m2h {

namespace {

struct Key {
    std::string chrom;
    std::int64_t pos;
    bool operator==(const Key&) const = default;
};
struct KeyHash {
    std::size_t operator()(const Key& k) const {
        return std::hash<std::string>()(k.chrom) ^ (std::hash<std::int64_t>()(k.pos) * 0x9e3779b97f4a7c15ULL);
    }
};

int column(const std::vector<std::string_view>& header, std::string_view name, const std::string& path) {
    for (std::size_t i = 0; i < header.size(); ++i)
        if (header[i] == name) return static_cast<int>(i);
    data_error("missing column", path, 1, fmt::format("the header has no '{}'", name));
}

std::uint64_t n50(std::vector<std::uint64_t> v) {
    std::sort(v.rbegin(), v.rend());
    std::uint64_t total = 0, run = 0;
    for (auto x : v) total += x;
    for (auto x : v) {
        run += x;
        if (2 * run >= total) return x;
    }
    return 0;
}

}  // namespace

PhaseScore score_phase(const std::string& table, const std::string& sample, const std::string& truth) {
    std::unordered_map<Key, std::pair<std::string, std::string>, KeyHash> known;
    std::vector<std::string_view> f, h;
    std::string_view line;
    {
        LineReader in(truth);
        std::string header;
        int c = -1, p = -1, a = -1, b = -1;
        while (in.next(line)) {
            if (line.empty()) continue;
            split_tabs(line, f);
            if (c < 0) {
                header.assign(line);
                split_tabs(header, h);
                c = column(h, "CHROM", truth), p = column(h, "POS", truth), a = column(h, "a", truth), b = column(h, "b", truth);
                continue;
            }
            long long pos = 0;
            if (!pdtext::parse_int(f[static_cast<std::size_t>(p)], pos)) data_error("bad POS", truth, in.line_number(), "not a whole number");
            known[{std::string(f[static_cast<std::size_t>(c)]), pos}] = {std::string(f[static_cast<std::size_t>(a)]),
                                                                          std::string(f[static_cast<std::size_t>(b)])};
        }
    }
    struct Block {
        int last = -1;  // phase relative to the truth at the last site: 1 same, 0 flipped
        std::uint64_t sites = 0, switches = 0;
        std::int64_t first = 0, end = 0;
    };
    std::unordered_map<std::string, Block> blocks;  // chrom TAB PI
    LineReader in(table);
    std::string header;
    int c = -1, p = -1, pi = -1, pg = -1;
    while (in.next(line)) {
        if (line.empty()) continue;
        split_tabs(line, f);
        if (c < 0) {
            header.assign(line);
            split_tabs(header, h);
            c = column(h, "CHROM", table), p = column(h, "POS", table);
            pi = column(h, sample + ":PI", table), pg = column(h, sample + ":PG_al", table);
            continue;
        }
        const std::string_view id = f[static_cast<std::size_t>(pi)], gt = f[static_cast<std::size_t>(pg)];
        const std::size_t bar = gt.find('|');
        if (id == "." || id.empty() || bar == std::string_view::npos) continue;
        const std::string_view x = gt.substr(0, bar), y = gt.substr(bar + 1);
        if (x == y) continue;
        long long pos = 0;
        pdtext::parse_int(f[static_cast<std::size_t>(p)], pos);
        auto t = known.find({std::string(f[static_cast<std::size_t>(c)]), pos});
        if (t == known.end() || t->second.first == t->second.second) continue;
        int phase;
        if (x == t->second.first && y == t->second.second) phase = 1;
        else if (x == t->second.second && y == t->second.first) phase = 0;
        else continue;  // alleles other than the truth's: not a phasing question
        Block& b = blocks[std::string(f[static_cast<std::size_t>(c)]) + '\t' + std::string(id)];
        if (b.sites == 0) b.first = pos;
        b.end = pos;
        if (b.last >= 0 && phase != b.last) ++b.switches;
        b.last = phase;
        ++b.sites;
    }
    PhaseScore s;
    std::vector<std::uint64_t> sites, spans;
    for (const auto& [k, b] : blocks) {
        if (b.sites < 2) continue;
        ++s.blocks;
        s.sites += b.sites;
        s.switch_errors += b.switches;
        s.compared_pairs += b.sites - 1;
        sites.push_back(b.sites);
        spans.push_back(static_cast<std::uint64_t>(b.end - b.first + 1));
    }
    s.n50_sites = n50(sites);
    s.n50_bp = n50(spans);
    return s;
}

}  // namespace m2h
