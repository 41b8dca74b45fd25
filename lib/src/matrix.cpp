#include "m2h/matrix.hpp"

#include "simd.hpp"
#include <fmt/format.h>

#include <bit>
#include <unordered_set>

#include "m2h/error.hpp"
#include "m2h/fields.hpp"

namespace m2h {

int Header::index_of(std::string_view name) const {
    for (std::size_t i = 0; i < columns.size(); ++i)
        if (columns[i] == name) return static_cast<int>(i);
    return -1;
}

bool is_header_line(std::string_view line) {
    return line.starts_with("CHROM\t") || line.starts_with("#CHROM\t");
}

void check_field_count(std::string_view row, const Header& header, std::string_view file, std::uint64_t line) {
    std::size_t n = count_fields(row);
    if (n != header.columns.size())
        data_error("ragged row in", file, line, fmt::format("{} fields, the header has {}", n, header.columns.size()));
}

Header parse_header(std::string_view line, std::string_view source, std::uint64_t line_no) {
    Header h;
    h.line = std::string(line);
    h.source = std::string(source);
    std::vector<std::string_view> f;
    split_tabs(line, f);
    if (!is_header_line(line) || f.size() < 3 || f[1] != "POS" || f[2] != "REF")
        data_error("unknown header in", source, line_no,
                   "expected 'CHROM<TAB>POS<TAB>REF<TAB><haplotype>...' (or '#CHROM...'); "
                   "for a headerless matrix give --header-file");
    if (f.size() < 4) data_error("no haplotype columns in header", source, line_no, "need at least one after REF");
    std::unordered_set<std::string_view> seen;
    for (std::size_t i = 0; i < f.size(); ++i) {
        if (f[i].empty()) data_error("empty column name in header", source, line_no, fmt::format("column {}", i + 1));
        if (!seen.insert(f[i]).second)
            data_error("duplicate column name in header", source, line_no, fmt::format("'{}'", f[i]));
        h.columns.emplace_back(f[i]);
    }
    return h;
}

namespace {
Header read_header_file(const std::string& path) {
    LineReader hr(path);
    std::string_view line;
    if (!hr.next(line)) file_error("empty header file", path, "expected one line 'CHROM POS REF ...'");
    return parse_header(line, path, 1);
}
}  // namespace

MatrixReader::MatrixReader(std::string path, const MatrixOptions& opts)
    : in_(std::move(path), opts.reader), count_fields_(opts.count_fields) {
    std::string_view first;
    bool any = in_.next(first);
    if (opts.header_file.empty()) {
        if (!any) data_error("empty input", in_.path(), 1, "no header line and no rows");
        header_ = parse_header(first, in_.path(), 1);
        return;
    }
    header_ = read_header_file(opts.header_file);
    if (!any) return;
    if (is_header_line(first))
        data_error("header given twice in", in_.path(), 1,
                   fmt::format("the input starts with a header line and --header-file '{}' was given too",
                               opts.header_file));
    pending_ = first;
    pending_offset_ = in_.line_offset();
    has_pending_ = true;
}

namespace {
// Offset of the next TAB from `from`, or npos. CHROM and POS are a few bytes, where a
// plain loop beats a call to memchr.
std::size_t next_tab(std::string_view row, std::size_t from) {
    const char *b = row.data(), *e = b + row.size();
    for (const char* p = b + from; p < e; ++p)
        if (*p == '\t') return static_cast<std::size_t>(p - b);
    return std::string_view::npos;
}

bool all_digits(std::string_view s) {
    for (char c : s)
        if (c < '0' || c > '9') return false;
    return true;
}

// Fast path: CHROM and POS of a typical row ("chr1\t1234567\t") lie in its first 16 bytes,
// where one compare finds both TABs and another checks that POS is all digits. False
// sends the row to the checks that name the fault.
bool quick_chrom_pos(std::string_view row, std::size_t& t1, std::size_t& t2) {
#if M2H_SIMD
    if (row.size() < 16) return false;
    const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(row.data()));
    auto tabs = static_cast<unsigned>(_mm_movemask_epi8(_mm_cmpeq_epi8(v, _mm_set1_epi8('\t'))));
    const __m128i d = _mm_sub_epi8(v, _mm_set1_epi8('0'));
    auto digits = static_cast<unsigned>(_mm_movemask_epi8(_mm_cmpeq_epi8(_mm_min_epu8(d, _mm_set1_epi8(9)), d)));
    if (!(tabs & (tabs - 1))) return false;  // fewer than two TABs
    t1 = static_cast<std::size_t>(std::countr_zero(tabs));
    t2 = static_cast<std::size_t>(std::countr_zero(tabs & (tabs - 1)));
    const unsigned pos = ((1u << t2) - 1) & ~((2u << t1) - 1);  // the bytes between the TABs
    return t1 > 0 && pos && (digits & pos) == pos;
#else
    (void)row, (void)t1, (void)t2;
    return false;
#endif
}
}  // namespace

void MatrixReader::check_row(std::string_view row) {
    const std::uint64_t ln = in_.line_number();
    if (row.starts_with('C') || row.starts_with('#'))  // cheap pre-check; most rows start otherwise
        if (is_header_line(row)) data_error("repeated header in", in_.path(), ln, "a header line among the rows");
    if (row.empty()) data_error("empty line in", in_.path(), ln, "every row needs CHROM POS REF and haplotypes");
    if (count_fields_) check_field_count(row, header_, in_.path(), ln);
    std::size_t t1 = 0, t2 = 0;
    if (!quick_chrom_pos(row, t1, t2)) check_chrom_pos(row, ln, t1, t2);
    chrom_ = row.substr(0, t1);
    ref_at_ = t2 + 1;
}

// The slow path of check_row: finds the TABs after CHROM and POS, or names what is wrong.
void MatrixReader::check_chrom_pos(std::string_view row, std::uint64_t ln, std::size_t& t1, std::size_t& t2) const {
    t1 = next_tab(row, 0);
    if (t1 == std::string_view::npos) check_field_count(row, header_, in_.path(), ln);
    if (t1 == 0) data_error("empty CHROM in", in_.path(), ln, "column 1 is empty");
    t2 = next_tab(row, t1 + 1);
    if (t2 == std::string_view::npos) check_field_count(row, header_, in_.path(), ln);
    std::string_view pos = row.substr(t1 + 1, t2 - t1 - 1);
    if (pos.empty() || pos.size() > 18 || !all_digits(pos))
        data_error("bad POS in", in_.path(), ln, fmt::format("'{}' is not a position (whole number)", pos));
}

bool MatrixReader::next(std::string_view& row) {
    if (has_pending_) {
        row = pending_;
        row_offset_ = pending_offset_;
        has_pending_ = false;
    } else if (!in_.next(row)) {
        return false;
    } else {
        row_offset_ = in_.line_offset();
    }
    check_row(row);
    ++rows_;
    return true;
}

}  // namespace m2h
