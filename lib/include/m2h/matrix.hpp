// Reading a genome matrix: CHROM POS REF <haplotype columns...>, TAB separated.
//
// The header is either the first line (starting "CHROM" or "#CHROM") or the one
// line of a separate header file, in which case the data has no header at all.
// MatrixReader checks every row's shape (field count, numeric POS) as it goes,
// so every tool rejects a ragged or malformed matrix the same way.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "m2h/line_reader.hpp"

namespace m2h {

struct Header {
    std::string line;                  // the header line as read (no '\n')
    std::vector<std::string> columns;  // its fields
    std::string source;                // file it came from
    // Column index of name, or -1.
    int index_of(std::string_view name) const;
    std::size_t haplotype_count() const { return columns.size() - 3; }
};

// Parses and validates a header line: at least 4 columns, first three CHROM POS REF
// (a leading '#' is allowed), no empty or duplicate column names.
Header parse_header(std::string_view line, std::string_view source, std::uint64_t line_no);

// True if line looks like a header line (starts with "CHROM\t" or "#CHROM\t").
bool is_header_line(std::string_view line);

struct MatrixOptions {
    std::string header_file;   // empty: the header is the first line of the input
    ReaderOptions reader;
    // Off only for callers that check each row's layout themselves (the transform's
    // fast path proves the field count as a side effect) and call check_field_count.
    bool count_fields = true;
};

// Data error "ragged row" unless row has as many fields as the header.
void check_field_count(std::string_view row, const Header& header, std::string_view file, std::uint64_t line);

class MatrixReader {
public:
    MatrixReader(std::string path, const MatrixOptions& opts);

    const Header& header() const { return header_; }
    // Next data row, checked: right number of fields, non-empty CHROM, numeric POS.
    bool next(std::string_view& row);
    std::uint64_t line_number() const { return in_.line_number(); }
    std::uint64_t rows() const { return rows_; }
    const std::string& path() const { return in_.path(); }
    std::uint64_t bytes_read() const { return in_.bytes_read(); }
    // Offset (in the decompressed input) of the row last returned, and of the next unread byte.
    std::uint64_t row_offset() const { return row_offset_; }
    std::uint64_t offset() const { return in_.offset(); }
    LineReader& reader() { return in_; }
    // Of the row last returned by next(): its CHROM, and the offset of its REF field.
    std::string_view chrom() const { return chrom_; }
    std::size_t ref_offset() const { return ref_at_; }

private:
    void check_row(std::string_view row);
    void check_chrom_pos(std::string_view row, std::uint64_t ln, std::size_t& t1, std::size_t& t2) const;

    LineReader in_;
    Header header_;
    std::string_view pending_;   // first data line when the header came from a file
    bool has_pending_ = false;
    std::uint64_t pending_offset_ = 0, row_offset_ = 0;
    bool count_fields_ = true;
    std::uint64_t rows_ = 0;
    std::string_view chrom_;
    std::size_t ref_at_ = 0;
};

}  // namespace m2h
