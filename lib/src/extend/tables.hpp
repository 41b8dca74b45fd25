// The inputs of m2h-extend: the haplotype table's and the panel's headers and rows, the
// panel read alongside the table (rows of a contig the table has not reached yet are set
// aside in a scratch file), and the --bed intervals.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "extend/pandas_text.hpp"
#include "extend/spill.hpp"
#include "m2h/line_reader.hpp"

namespace m2h::extend {

// A header line: its column names, and the samples named by "<sample>:..." columns.
struct Header {
    std::vector<std::string> names;
    std::unordered_map<std::string, int> index;
    std::vector<std::string> samples;  // first-seen order
    int column(const std::string& name) const {
        auto it = index.find(name);
        return it == index.end() ? -1 : it->second;
    }
};

// Parses a header line of path; duplicate names are refused (pandas would rename them).
Header parse_header(std::string_view line, const std::string& path);

// The cells of a row, split, with read_csv's missing values ("NA", "nan", ...) as "";
// with known column types, each cell as pandas writes it back (numbers re-rendered).
// False for a blank line.
bool split_row(std::string_view line, std::vector<std::string_view>& cells, std::vector<std::string>& store,
               const std::vector<pdtext::Type>* types);

// pandas' types of every column of a table (a pass over the whole file).
std::vector<pdtext::Type> column_types(const std::string& path, std::size_t columns);

// The reference panel, read forward alongside the haplotype table.
class Panel {
public:
    // columns: the panel's sample columns the run uses (their indices in the header).
    Panel(std::string path, Header header, std::vector<int> columns, const std::vector<pdtext::Type>* types,
          const std::string& scratch_near);
    const Header& header() const { return header_; }
    // The panel rows at (chrom, pos), each the cells of `columns`; contigs are asked for
    // in the table's order, positions not decreasing within one.
    const std::vector<std::vector<std::string>>& at(const std::string& chrom, std::int64_t pos);
    // Whether every cell read is written back as read (see ColumnTyper::canonical).
    bool canonical() const;

private:
    struct LiveRow {
        std::string chrom;
        std::int64_t pos = 0;
        std::uint64_t line = 0;
        std::vector<std::string> cells;
    };
    bool peek_live();
    void start(const std::string& chrom);
    bool next_row();

    std::string path_;
    Header header_;
    std::vector<int> cols_;
    const std::vector<pdtext::Type>* types_;
    std::vector<pdtext::ColumnTyper> typers_;
    std::size_t chrom_col_ = 0, pos_col_ = 0;
    std::unique_ptr<LineReader> live_;
    bool live_done_ = false, has_pending_ = false;
    LiveRow live_row_;                       // the next live row, when has_pending_
    std::string live_chrom_;
    std::unordered_set<std::string> live_seen_;
    Spill aside_;                            // rows of contigs read before the table reached them
    std::unordered_map<std::string, Range> aside_ranges_;
    std::unique_ptr<SpillReader> aside_reader_;
    std::string chrom_;                      // the contig being served
    bool started_ = false, from_live_ = false, has_row_ = false;
    std::int64_t row_pos_ = 0, last_pos_ = 0;
    std::uint64_t row_line_ = 0, line_no_ = 0;
    std::vector<std::string> row_;
    std::int64_t group_pos_ = -1;
    std::vector<std::vector<std::string>> group_;
    std::vector<std::string_view> cells_;
    std::vector<std::string> store_;
};

// --bed: per contig, closed intervals [start, end], overlapping ones merged.
using Intervals = std::map<std::string, std::vector<std::pair<std::int64_t, std::int64_t>>>;
Intervals read_bed(const std::string& path);

}  // namespace m2h::extend
