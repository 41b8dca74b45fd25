#include "extend/tables.hpp"

#include <algorithm>
#include <charconv>
#include <fmt/format.h>
#include <limits>

#include "m2h/error.hpp"
#include "m2h/fields.hpp"

namespace m2h::extend {

Header parse_header(std::string_view line, const std::string& path) {
    Header h;
    std::vector<std::string_view> f;
    split_tabs(line, f);
    std::unordered_set<std::string> seen_samples;
    for (std::size_t i = 0; i < f.size(); ++i) {
        std::string name(f[i]);
        if (!h.index.emplace(name, static_cast<int>(i)).second)
            data_error("duplicate column", path, 1, fmt::format("'{}' is named twice", name));
        const std::size_t colon = name.find(':');
        if (colon != std::string::npos) {
            std::string sample = name.substr(0, colon);
            if (seen_samples.insert(sample).second) h.samples.push_back(sample);
        }
        h.names.push_back(std::move(name));
    }
    return h;
}

bool split_row(std::string_view line, std::vector<std::string_view>& cells, std::vector<std::string>& store,
               const std::vector<pdtext::Type>* types) {
    if (line.empty()) return false;
    split_tabs(line, cells);
    if (store.size() < cells.size()) store.resize(cells.size());
    for (std::size_t i = 0; i < cells.size(); ++i) {
        if (pdtext::is_na(cells[i])) {
            cells[i] = std::string_view();
        } else if (types && i < types->size() && (*types)[i] != pdtext::Type::kText) {
            pdtext::render(cells[i], (*types)[i], store[i]);
            cells[i] = store[i];
        }
    }
    return true;
}

std::vector<pdtext::Type> column_types(const std::string& path, std::size_t columns) {
    LineReader in(path);
    std::string_view line;
    std::vector<std::string_view> f;
    std::vector<pdtext::ColumnTyper> typers(columns);
    bool header = true;
    while (in.next(line)) {
        if (line.empty()) continue;
        if (header) {
            header = false;
            continue;
        }
        split_tabs(line, f);
        for (std::size_t i = 0; i < columns && i < f.size(); ++i) typers[i].add(f[i]);
    }
    std::vector<pdtext::Type> types;
    for (const auto& t : typers) types.push_back(t.type());
    return types;
}

// ---------------------------------------------------------------------------------------

namespace {
std::int64_t parse_pos(std::string_view cell, const std::string& path, std::uint64_t line) {
    long long v = 0;
    if (!pdtext::parse_int(cell, v))
        data_error("bad POS", path, line, fmt::format("'{}' is not a whole number", cell));
    return v;
}
}  // namespace

Panel::Panel(std::string path, Header header, std::vector<int> columns, const std::vector<pdtext::Type>* types,
             const std::string& scratch_near)
    : path_(std::move(path)), header_(std::move(header)), cols_(std::move(columns)), types_(types),
      typers_(header_.names.size()), aside_(scratch_near) {
    chrom_col_ = static_cast<std::size_t>(header_.column("CHROM"));
    pos_col_ = static_cast<std::size_t>(header_.column("POS"));
    live_ = std::make_unique<LineReader>(path_);
    std::string_view line;
    while (live_->next(line) && line.empty()) {
    }
}

bool Panel::canonical() const {
    for (const auto& t : typers_)
        if (!t.canonical()) return false;
    return true;
}

// The next live line parsed into live_row_ (unless already there): false at the end.
bool Panel::peek_live() {
    if (has_pending_) return true;
    if (live_done_) return false;
    std::string_view line;
    do {
        if (!live_->next(line)) {
            live_done_ = true;
            return false;
        }
    } while (line.empty());
    line_no_ = live_->line_number();
    std::vector<std::string_view> raw;
    split_tabs(line, raw);
    if (raw.size() != header_.names.size())
        data_error("bad panel row", path_, line_no_,
                   fmt::format("{} columns where the header has {}", raw.size(), header_.names.size()));
    // pandas' types of what is used: CHROM, POS and the sample columns
    typers_[chrom_col_].add(raw[chrom_col_]);
    typers_[pos_col_].add(raw[pos_col_]);
    for (int col : cols_) typers_[static_cast<std::size_t>(col)].add(raw[static_cast<std::size_t>(col)]);
    split_row(line, cells_, store_, types_);
    live_row_.chrom.assign(cells_[chrom_col_]);
    live_row_.pos = parse_pos(cells_[pos_col_], path_, line_no_);
    live_row_.line = line_no_;
    live_row_.cells.resize(cols_.size());
    for (std::size_t k = 0; k < cols_.size(); ++k) live_row_.cells[k].assign(cells_[static_cast<std::size_t>(cols_[k])]);
    if (live_row_.chrom != live_chrom_) {
        if (!live_seen_.insert(live_row_.chrom).second)
            data_error("unsorted panel", path_, line_no_,
                       fmt::format("contig '{}' again: each contig's rows must be together", live_row_.chrom));
        live_chrom_ = live_row_.chrom;
    }
    has_pending_ = true;
    return true;
}

void Panel::start(const std::string& chrom) {
    const std::string before = chrom_;
    chrom_ = chrom;
    has_row_ = false;
    group_pos_ = -1;
    group_.clear();
    last_pos_ = std::numeric_limits<std::int64_t>::min();
    aside_reader_.reset();
    from_live_ = false;
    auto it = aside_ranges_.find(chrom);
    if (it != aside_ranges_.end()) {
        aside_.flush();
        aside_reader_ = std::make_unique<SpillReader>(aside_, it->second);
    } else {
        // read on until the contig begins; rows of contigs the table may still ask for
        // are set aside (the rest of the one it has finished is skipped)
        while (peek_live()) {
            if (live_row_.chrom == chrom) {
                from_live_ = true;
                break;
            }
            if (live_row_.chrom != before) {
                std::string out = fmt::format("{}\t{}", live_row_.pos, live_row_.line);
                for (const auto& c : live_row_.cells) out.append("\t").append(c);
                auto [r, fresh] = aside_ranges_.try_emplace(live_row_.chrom, Range{aside_.offset(), aside_.offset()});
                (void)fresh;
                aside_.line(out);
                r->second.end = aside_.offset();
            }
            has_pending_ = false;
        }
    }
    next_row();
}

bool Panel::next_row() {
    has_row_ = false;
    if (aside_reader_) {
        std::string_view line;
        if (!aside_reader_->next(line)) return false;
        split_tabs(line, cells_);
        std::from_chars(cells_[0].data(), cells_[0].data() + cells_[0].size(), row_pos_);
        std::from_chars(cells_[1].data(), cells_[1].data() + cells_[1].size(), row_line_);
        row_.assign(cells_.begin() + 2, cells_.end());
    } else {
        if (!from_live_ || !peek_live() || live_row_.chrom != chrom_) return false;
        row_pos_ = live_row_.pos;
        row_line_ = live_row_.line;
        row_.swap(live_row_.cells);
        has_pending_ = false;
    }
    if (row_pos_ < last_pos_)
        data_error("unsorted panel", path_, row_line_,
                   fmt::format("{} position {} after {}: sort it by CHROM and POS", chrom_, row_pos_, last_pos_));
    last_pos_ = row_pos_;
    has_row_ = true;
    return true;
}

const std::vector<std::vector<std::string>>& Panel::at(const std::string& chrom, std::int64_t pos) {
    if (!started_ || chrom != chrom_) {
        start(chrom);
        started_ = true;
    }
    if (pos == group_pos_) return group_;
    while (has_row_ && row_pos_ < pos) next_row();
    group_.clear();
    while (has_row_ && row_pos_ == pos) {
        group_.push_back(row_);
        next_row();
    }
    group_pos_ = pos;
    return group_;
}

// ---------------------------------------------------------------------------------------

Intervals read_bed(const std::string& path) {
    LineReader in(path);
    std::string_view line;
    std::vector<std::string_view> f;
    Intervals iv;
    while (in.next(line)) {
        if (line.empty() || line[0] == '#' || line.starts_with("track") || line.starts_with("browser")) continue;
        split_tabs(line, f);
        long long a = 0, b = 0;
        if (f.size() < 3 || f[0].empty() || !pdtext::parse_int(f[1], a) || !pdtext::parse_int(f[2], b) || a > b)
            data_error("bad BED line", path, in.line_number(), "expected 'CHROM<TAB>start<TAB>end' with start <= end");
        iv[std::string(f[0])].emplace_back(a, b);
    }
    for (auto& [chrom, v] : iv) {
        std::sort(v.begin(), v.end());
        std::vector<std::pair<std::int64_t, std::int64_t>> merged;
        for (const auto& x : v) {
            if (!merged.empty() && x.first <= merged.back().second) merged.back().second = std::max(merged.back().second, x.second);
            else merged.push_back(x);
        }
        v = std::move(merged);
    }
    return iv;
}

}  // namespace m2h::extend
