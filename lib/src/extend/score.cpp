// Switch errors of a sample's phase against the truth, as whatshap compare counts them:
// within each block, a switch wherever the phase relative to the truth changes between
// consecutive heterozygous sites. Streamed: the table's contigs are found by a first pass
// (their byte ranges), then the truth is read once and each of its contigs joined by
// position with the table's; memory holds one contig's blocks.
#include <algorithm>
#include <fmt/format.h>
#include <unordered_map>
#include <unordered_set>

#include "extend/pandas_text.hpp"
#include "m2h/error.hpp"
#include "m2h/extend.hpp"
#include "m2h/fields.hpp"
#include "m2h/line_reader.hpp"

namespace m2h {

namespace {

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

struct Columns {
    std::size_t chrom = 0, pos = 0, a = 0, b = 0;
};

// The header of a table or truth: the columns named. A truth of several samples (m2h-simulate's)
// has <sample>:a and <sample>:b for each: the sample's are used when there are any.
Columns header(LineReader& in, const std::string& path, std::string a, std::string b, const std::string& sample = {}) {
    std::string_view line;
    while (in.next(line) && line.empty()) {
    }
    const std::string copy(line);
    std::vector<std::string_view> h;
    split_tabs(copy, h);
    if (!sample.empty()) {
        const bool per_sample = std::any_of(h.begin(), h.end(), [](std::string_view c) { return c.ends_with(":a"); });
        if (per_sample && std::find(h.begin(), h.end(), sample + ":a") == h.end())
            data_error("missing column", path, 1, fmt::format("no truth for sample '{}' (no '{}:a' column)", sample, sample));
        if (per_sample) a = sample + ":a", b = sample + ":b";
    }
    return {static_cast<std::size_t>(column(h, "CHROM", path)), static_cast<std::size_t>(column(h, "POS", path)),
            static_cast<std::size_t>(column(h, a, path)), static_cast<std::size_t>(column(h, b, path))};
}

long long position(std::string_view cell, const std::string& path, std::uint64_t line) {
    long long v = 0;
    if (!pdtext::parse_int(cell, v)) data_error("bad POS", path, line, fmt::format("'{}' is not a whole number", cell));
    return v;
}

struct Block {
    int last = -1;  // phase relative to the truth at the last site: 1 same, 0 flipped
    std::uint64_t sites = 0, switches = 0;
    std::int64_t first = 0, end = 0;
};

class Scorer {
public:
    Scorer(const std::string& table, const std::string& sample, const std::string& truth)
        : table_(table), truth_(truth), sample_(sample), pi_(sample + ":PI"), pg_(sample + ":PG_al") {}

    PhaseScore run() {
        index_table();
        LineReader in(truth_);
        const Columns t = header(in, truth_, "a", "b", sample_);
        std::string_view line;
        std::vector<std::string_view> f;
        std::string chrom;
        while (in.next(line)) {
            if (line.empty()) continue;
            split_tabs(line, f);
            if (f.size() <= std::max({t.chrom, t.pos, t.a, t.b}))
                data_error("bad row", truth_, in.line_number(), "fewer columns than the header");
            if (f[t.chrom] != chrom) {
                finish_contig();
                chrom.assign(f[t.chrom]);
                if (!seen_.insert(chrom).second)
                    data_error("unsorted truth", truth_, in.line_number(),
                               fmt::format("contig '{}' again: each contig's rows must be together", chrom));
                start_contig(chrom);
            }
            truth_site(position(f[t.pos], truth_, in.line_number()), f[t.a], f[t.b]);
        }
        finish_contig();
        score_.n50_sites = n50(sites_);
        score_.n50_bp = n50(spans_);
        return score_;
    }

private:
    // The table's contigs and their byte ranges (each contig's rows together, as m2h-extend's
    // files have them).
    void index_table() {
        LineReader in(table_);
        cols_ = header(in, table_, pi_.c_str(), pg_.c_str());
        std::string_view line;
        std::vector<std::string_view> f;
        std::string chrom;
        ByteRange* cur = nullptr;
        while (in.next(line)) {
            if (line.empty()) continue;
            split_tabs(line, f);
            if (!cur || f[cols_.chrom] != chrom) {
                chrom.assign(f[cols_.chrom]);
                auto [it, fresh] = ranges_.try_emplace(chrom);
                if (!fresh) data_error("unsorted table", table_, in.line_number(), fmt::format("contig '{}' again", chrom));
                cur = &it->second;
                cur->offset = in.line_offset();
                cur->first_line = in.line_number();
            }
            cur->bytes = in.offset() - cur->offset;
        }
    }

    void start_contig(const std::string& chrom) {
        auto it = ranges_.find(chrom);
        if (it == ranges_.end()) return;
        table_in_ = std::make_unique<LineReader>(table_, ReaderOptions{.range = &it->second});
        have_row_ = next_table_row();
    }

    bool next_table_row() {
        std::string_view line;
        while (table_in_->next(line)) {
            if (line.empty()) continue;
            row_.assign(line);
            split_tabs(row_, f_);
            row_pos_ = position(f_[cols_.pos], table_, table_in_->line_number());
            return true;
        }
        return false;
    }

    // The table's rows at this truth site (those before it have no truth: skipped).
    void truth_site(long long pos, std::string_view ta, std::string_view tb) {
        if (!table_in_) return;
        while (have_row_ && row_pos_ < pos) have_row_ = next_table_row();
        while (have_row_ && row_pos_ == pos) {
            site(pos, ta, tb);
            have_row_ = next_table_row();
        }
    }

    void site(long long pos, std::string_view ta, std::string_view tb) {
        const std::string_view id = f_[cols_.a], gt = f_[cols_.b];
        const std::size_t bar = gt.find('|');
        if (id == "." || id.empty() || bar == std::string_view::npos || ta == tb) return;
        const std::string_view x = gt.substr(0, bar), y = gt.substr(bar + 1);
        if (x == y) return;
        int phase;
        if (x == ta && y == tb) phase = 1;
        else if (x == tb && y == ta) phase = 0;
        else return;  // alleles other than the truth's: not a phasing question
        Block& b = blocks_[std::string(id)];
        if (b.sites == 0) b.first = pos;
        b.end = pos;
        if (b.last >= 0 && phase != b.last) ++b.switches;
        b.last = phase;
        ++b.sites;
    }

    void finish_contig() {
        for (const auto& [id, b] : blocks_) {
            if (b.sites < 2) continue;
            ++score_.blocks;
            score_.sites += b.sites;
            score_.switch_errors += b.switches;
            score_.compared_pairs += b.sites - 1;
            sites_.push_back(b.sites);
            spans_.push_back(static_cast<std::uint64_t>(b.end - b.first + 1));
        }
        blocks_.clear();
        table_in_.reset();
        have_row_ = false;
    }

    std::string table_, truth_, sample_, pi_, pg_;
    Columns cols_;
    std::unordered_map<std::string, ByteRange> ranges_;
    std::unordered_set<std::string> seen_;
    std::unique_ptr<LineReader> table_in_;
    bool have_row_ = false;
    std::string row_;
    std::vector<std::string_view> f_;
    long long row_pos_ = 0;
    std::unordered_map<std::string, Block> blocks_;
    std::vector<std::uint64_t> sites_, spans_;  // per block: the N50s
    PhaseScore score_;
};

}  // namespace

PhaseScore score_phase(const std::string& table, const std::string& sample, const std::string& truth) {
    return Scorer(table, sample, truth).run();
}

void check_truth(const std::string& truth, const std::string& sample) {
    LineReader in(truth);
    header(in, truth, "a", "b", sample);
}

}  // namespace m2h
