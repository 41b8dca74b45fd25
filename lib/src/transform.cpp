#include "m2h/transform.hpp"

#include <htslib/kstring.h>
#include <htslib/vcf.h>

#include <algorithm>
#include <charconv>
#include <array>
#include "simd.hpp"
#include <bit>
#include <chrono>
#include <sys/resource.h>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <fmt/format.h>
#include <memory>
#include <optional>
#include <unordered_map>

#include "internal.hpp"
#include "m2h/cli.hpp"
#include "m2h/contigs.hpp"
#include "m2h/error.hpp"
#include "m2h/manifest.hpp"
#include "m2h/output.hpp"
#include "m2h/progress.hpp"
#include "m2h/vcf.hpp"
#include "variant_writer.hpp"

namespace m2h {

namespace {

// One bit per allele code, in byte order ('-' < A < C < G < N < T), so walking the
// bits upwards lists alleles sorted by byte value.
constexpr std::uint8_t kDel = 1, kN = 16, kBad = 128;
constexpr char kCodes[6] = {'-', 'A', 'C', 'G', 'N', 'T'};
constexpr std::uint8_t kBases = 2 | 4 | 8 | 32;

constexpr std::array<std::uint8_t, 256> make_code_bits() {
    std::array<std::uint8_t, 256> t{};
    for (auto& v : t) v = kBad;
    for (int i = 0; i < 6; ++i) t[static_cast<unsigned char>(kCodes[i])] = static_cast<std::uint8_t>(1u << i);
    return t;
}
constexpr auto kCodeBits = make_code_bits();

inline std::uint8_t bits_of(char c) { return kCodeBits[static_cast<unsigned char>(c)]; }

static_assert(std::endian::native == std::endian::little, "the 8-byte patterns assume little-endian loads");
constexpr std::uint64_t kLow7 = 0x7f7f7f7f7f7f7f7fULL, kHigh = 0x8080808080808080ULL;
// 0x80 in every byte of x that is zero, 0 elsewhere (exact: no carries between bytes).
inline std::uint64_t zero_bytes(std::uint64_t x) { return ~(((x & kLow7) + kLow7) | x | kLow7); }
inline std::uint64_t pattern(char allele) {
    std::uint64_t p = 0;
    for (int i = 0; i < 8; i += 2) p |= (std::uint64_t{'\t'} << (8 * i)) | (std::uint64_t(static_cast<unsigned char>(allele)) << (8 * (i + 1)));
    return p;
}

// True if hap ("\tX\tX...", 2 n bytes) has a TAB before every allele and every allele is
// ref or N: 16 (SSE2) or 8 bytes per step, no branch per allele. Most rows of a real
// matrix are so.
inline bool invariant(const char* hap, std::size_t n, char ref) {
    std::size_t i = 0, bytes = 2 * n;
#if M2H_SIMD
    const __m128i vr = _mm_set1_epi16(static_cast<short>('\t' | (static_cast<unsigned char>(ref) << 8)));
    const __m128i vn = _mm_set1_epi16(static_cast<short>('\t' | ('N' << 8)));
    for (; i + 16 <= bytes; i += 16) {
        __m128i w = _mm_loadu_si128(reinterpret_cast<const __m128i*>(hap + i));
        if (_mm_movemask_epi8(_mm_or_si128(_mm_cmpeq_epi8(w, vr), _mm_cmpeq_epi8(w, vn))) != 0xffff) return false;
    }
#endif
    const std::uint64_t pr = pattern(ref), pn = pattern('N');
    for (; i + 8 <= bytes; i += 8) {
        std::uint64_t w;
        std::memcpy(&w, hap + i, 8);  // little-endian load; patterns are built to match
        if ((zero_bytes(w ^ pr) | zero_bytes(w ^ pn)) != kHigh) return false;
    }
    for (; i < bytes; i += 2)
        if (hap[i] != '\t' || (hap[i + 1] != ref && hap[i + 1] != 'N')) return false;
    return true;
}
// The allele codes present in hap ("\tX\tX...", 2 n bytes) as bits (kCodeBits), or kBad
// if a byte is neither a code where an allele belongs nor a TAB before it. SSE2: 8 alleles
// a step, compared with each code at once (a polymorphic row of 5,008 haplotypes costs
// what a table lookup per allele cost for 2,000).
inline std::uint8_t allele_mask(const char* hap, std::size_t n) {
    std::size_t i = 0, bytes = 2 * n;
    std::uint8_t mask = 0;
#if M2H_SIMD
    __m128i seen[6] = {};
    __m128i ok = _mm_set1_epi8(-1);
    const __m128i tab = _mm_set1_epi8('\t');
    const __m128i odd = _mm_set1_epi16(static_cast<short>(0xff00));  // the allele bytes
    for (; i + 16 <= bytes; i += 16) {
        const __m128i w = _mm_loadu_si128(reinterpret_cast<const __m128i*>(hap + i));
        __m128i any = _mm_andnot_si128(odd, _mm_cmpeq_epi8(w, tab));  // the TABs, at even bytes
        for (int c = 0; c < 6; ++c) {
            const __m128i eq = _mm_and_si128(_mm_cmpeq_epi8(w, _mm_set1_epi8(kCodes[c])), odd);
            seen[c] = _mm_or_si128(seen[c], eq);
            any = _mm_or_si128(any, eq);
        }
        ok = _mm_and_si128(ok, any);  // every byte a TAB or a code where it belongs
    }
    if (_mm_movemask_epi8(ok) != 0xffff) return kBad;
    for (int c = 0; c < 6; ++c)
        if (_mm_movemask_epi8(seen[c])) mask |= static_cast<std::uint8_t>(1u << c);
#endif
    char tabs = 0;
    for (; i < bytes; i += 2) {
        mask |= bits_of(hap[i + 1]);
        tabs |= static_cast<char>(hap[i] ^ '\t');
    }
    return tabs ? kBad : mask;
}

#if M2H_SIMD
// The allele index characters of the 16 bytes at hap ("\tX" pairs): each allele byte mapped
// through gt (six codes compared at once), each TAB byte 0.
inline __m128i map_alleles(const char* hap, const char* gt) {
    const __m128i w = _mm_loadu_si128(reinterpret_cast<const __m128i*>(hap));
    __m128i m = _mm_setzero_si128();
    for (int c = 0; c < 6; ++c) {
        const __m128i eq = _mm_cmpeq_epi8(w, _mm_set1_epi8(kCodes[c]));
        m = _mm_or_si128(m, _mm_and_si128(eq, _mm_set1_epi8(gt[static_cast<unsigned char>(kCodes[c])])));
    }
    return m;
}
#endif

// With the pairs in column order (1a 1b 2a 2b ..., as --samples auto pairs them), a row's
// GT fields are its haplotype bytes mapped: "\tA\tC" becomes "\t0|1". Writes the VCF GT
// text of hap[0, bytes) (4 bytes a pair) to w, 16 bytes a step; returns the bytes done (the
// rest is left to the caller).
inline std::size_t map_vcf_gt(const char* hap, std::size_t bytes, const char* gt, char* w) {
    std::size_t i = 0;
#if M2H_SIMD
    const __m128i seps = _mm_set1_epi32(static_cast<int>('\t' | ('|' << 16)));  // "\t?|?" per pair
    for (; i + 16 <= bytes; i += 16)
        _mm_storeu_si128(reinterpret_cast<__m128i*>(w + i), _mm_or_si128(map_alleles(hap + i, gt), seps));
#else
    (void)hap, (void)bytes, (void)gt, (void)w;
#endif
    return i;
}

// The same for BCF: the mapped alleles alone (gt: BCF's GT values), the phase bit set on
// each pair's second, 16 pairs a step; returns the bytes of hap done.
inline std::size_t map_bcf_gt(const char* hap, std::size_t bytes, const char* gt, char* w) {
    std::size_t i = 0;
#if M2H_SIMD
    const __m128i phase = _mm_set1_epi16(0x0100);  // the second byte of each pair
    for (; i + 32 <= bytes; i += 32) {
        const __m128i lo = _mm_srli_epi16(map_alleles(hap + i, gt), 8);  // the odd bytes
        const __m128i hi = _mm_srli_epi16(map_alleles(hap + i + 16, gt), 8);
        _mm_storeu_si128(reinterpret_cast<__m128i*>(w + i / 2), _mm_or_si128(_mm_packus_epi16(lo, hi), phase));
    }
#else
    (void)hap, (void)bytes, (void)gt, (void)w;
#endif
    return i;
}

inline bool is_missing(char c) { return c == 'N' || c == '-'; }

// Appends the alleles in mask, sorted, joined by ','.
void append_alleles(std::string& out, std::uint8_t mask) {
    bool first = true;
    for (int i = 0; i < 6; ++i)
        if (mask & (1u << i)) {
            if (!first) out.push_back(',');
            out.push_back(kCodes[i]);
            first = false;
        }
}

}  // namespace

Format parse_format(std::string_view name) {
    for (std::size_t i = 0; i < std::size(kFormatNames); ++i)
        if (name == kFormatNames[i]) return static_cast<Format>(i);
    usage_error(fmt::format("unknown --format '{}' (seed, hap, refhap, vcf or bcf)", name));
}

std::string table_header(Format format, const std::vector<SamplePair>& pairs) {
    const bool seed = format == Format::kSeed;
    // phase-Extender: its --input has all-alleles (REF first), its --refHap panel ALT.
    std::string h = seed ? "contig\tpos\tref\talt"
                         : format == Format::kHap ? "CHROM\tPOS\tREF\tall-alleles" : "CHROM\tPOS\tREF\tALT";
    const char sep = seed ? '_' : ':';
    for (const auto& p : pairs) h += fmt::format("\t{0}{1}PI\t{0}{1}PG_al", p.name, sep);
    return h;
}

RowTransformer::RowTransformer(const Header& header, std::vector<SamplePair> pairs, Format format, std::string source)
    : header_(header), pairs_(std::move(pairs)), format_(format), source_(std::move(source)),
      haps_(header.haplotype_count()) {
    for (const auto& p : pairs_) {
        in_order_ = in_order_ && p.hap1 == static_cast<int>(3 + 2 * hap_at_.size()) && p.hap2 == p.hap1 + 1;
        hap_at_.emplace_back(2 * (p.hap1 - 3) + 1, 2 * (p.hap2 - 3) + 1);
    }
}

void RowTransformer::limit_positions(std::uint64_t max, std::string what, std::string instead) {
    max_pos_ = max;
    max_what_ = std::move(what);
    max_instead_ = std::move(instead);
}

// POS (digits, checked by MatrixReader) against the output's limit; only written rows
// come here.
void RowTransformer::check_position(std::string_view row, std::size_t pos_end, std::uint64_t line) const {
    const std::size_t t1 = row.find('\t');
    std::string_view pos = row.substr(t1 + 1, pos_end - t1 - 1);
    std::uint64_t value = 0;
    auto [p, ec] = std::from_chars(pos.data(), pos.data() + pos.size(), value);
    if (ec == std::errc() && value <= max_pos_) return;
    data_error(fmt::format("position too large for {} in", max_what_), source_, line,
               fmt::format("{} is past its limit of {}; {}", pos, max_pos_, max_instead_));
}

// Slow path, only for rows about to be rejected: find the offending column.
void RowTransformer::bad_allele(std::string_view row, std::uint64_t line) const {
    check_field_count(row, header_, source_, line);
    std::size_t start = 0;
    for (std::size_t col = 0; col < header_.columns.size(); ++col) {
        std::size_t end = std::min(row.find('\t', start), row.size());
        std::string_view v = row.substr(start, end - start);
        bool ok = col < 2 || (v.size() == 1 && (bits_of(v[0]) & (col == 2 ? kBases | kN : 0x3f)));
        if (!ok)
            data_error("bad allele code in", source_, line,
                       fmt::format("column {} ('{}'): '{}'; allowed: A C G T N -{}", col + 1, header_.columns[col], v,
                                   col == 2 ? " (REF: A C G T N)" : ""));
        start = end + 1;
    }
    data_error("bad row in", source_, line, "cannot parse the haplotype columns");
}

bool RowTransformer::transform(std::string_view row, std::size_t ref_at, std::uint64_t line, std::string& out) const {
    // CHROM and POS were checked by MatrixReader; REF must be one base.
    if (ref_at == std::string_view::npos) ref_at = row.find('\t', row.find('\t') + 1) + 1;
    const std::size_t t2 = ref_at - 1;
    if (t2 + 2 >= row.size() || row[t2 + 2] != '\t') bad_allele(row, line);
    const char ref = row[t2 + 1];
    const std::uint8_t ref_bit = bits_of(ref);
    // With the field count right, every field is one byte exactly when the haplotype
    // part is 2 bytes per column: then allele i sits at hap[2 i + 1].
    const char* hap = row.data() + t2 + 2;
    if (!(ref_bit & (kBases | kN)) || row.size() - (t2 + 2) != 2 * haps_) bad_allele(row, line);
    if (invariant(hap, haps_, ref)) return false;
    const std::uint8_t mask = allele_mask(hap, haps_);
    if (mask & kBad) bad_allele(row, line);
    const bool seed = format_ == Format::kSeed;
    const std::uint8_t alt = mask & static_cast<std::uint8_t>(~(kN | ref_bit | (seed ? 0 : kDel)));
    if (!alt) return false;

    if (max_pos_) check_position(row, t2, line);
    std::string_view chrom = row.substr(0, row.find('\t'));
    out.append(row.data(), t2 + 1);  // CHROM \t POS \t
    if (is_variant_format(format_)) {
        // Allele index per code (by its byte): k for the k-th ALT, 0 for REF, '.' for N and
        // '-'. Only the six codes are set: every allele was checked to be one of them.
        char gt[128];
        char k = '1';
        for (int i = 0; i < 6; ++i) gt[static_cast<unsigned char>(kCodes[i])] = (alt & (1u << i)) ? k++ : '.';
        gt[static_cast<unsigned char>(ref)] = '0';
        gt[static_cast<unsigned char>('N')] = gt[static_cast<unsigned char>('-')] = '.';
        if (format_ == Format::kVcf) {
            // The VCF body line: ". REF ALT . . . GT" then "\ta|b" per pair.
            out.append(".\t").push_back(ref);
            out.push_back('\t');
            append_alleles(out, alt);
            out.append("\t.\t.\t.\tGT");
            const std::size_t at = out.size();
            out.resize(at + 4 * hap_at_.size());
            char* w = out.data() + at;  // not out[]: each store through it reloads the string
            std::size_t done = 0;
            if (in_order_) done = map_vcf_gt(hap, 4 * hap_at_.size(), gt, w) / 4;
            w += 4 * done;
            for (auto it = hap_at_.begin() + static_cast<std::ptrdiff_t>(done); it != hap_at_.end(); ++it) {
                const auto& [a, b] = *it;
                w[0] = '\t';
                w[1] = gt[static_cast<unsigned char>(hap[a])];
                w[2] = '|';
                w[3] = gt[static_cast<unsigned char>(hap[b])];
                w += 4;
            }
        } else {
            // BCF: "REF ALT " and each pair's two GT values as BCF stores them (int8:
            // (index + 1) << 1, 0 for missing, the phase bit on the second), which the BCF
            // writer copies into the record (variant_writer.hpp): no VCF text in between.
            char gtb[128];
            for (char c : kCodes) {
                const char g = gt[static_cast<unsigned char>(c)];
                gtb[static_cast<unsigned char>(c)] = static_cast<char>(g == '.' ? 0 : (g - '0' + 1) << 1);
            }
            out.push_back(ref);
            out.push_back('\t');
            append_alleles(out, alt);
            out.push_back('\t');
            const std::size_t at = out.size();
            out.resize(at + 2 * hap_at_.size());
            char* w = out.data() + at;
            std::size_t done = 0;
            if (in_order_) done = map_bcf_gt(hap, 4 * hap_at_.size(), gtb, w) / 4;
            w += 2 * done;
            for (auto it = hap_at_.begin() + static_cast<std::ptrdiff_t>(done); it != hap_at_.end(); ++it) {
                const auto& [a, b] = *it;
                w[0] = gtb[static_cast<unsigned char>(hap[a])];
                w[1] = static_cast<char>(gtb[static_cast<unsigned char>(hap[b])] | 1);
                w += 2;
            }
        }
    } else {
        out.push_back(ref);
        out.push_back('\t');
        if (format_ == Format::kHap) {  // all-alleles: REF, then the alternates
            out.push_back(ref);
            out.push_back(',');
        }
        append_alleles(out, alt);
        for (const auto& p : pairs_) {
            char a = hap[2 * (p.hap1 - 3) + 1], b = hap[2 * (p.hap2 - 3) + 1];
            out.push_back('\t');
            if (seed) {
                // The author's rule: a missing haplotype takes the reference allele.
                if (is_missing(a)) a = ref;
                if (is_missing(b)) b = ref;
            } else if (is_missing(a) || is_missing(b)) {
                out.append(".\t.");  // phase-Extender: a pair with a missing haplotype is unknown
                continue;
            }
            out.append(chrom).push_back('\t');
            out.push_back(a);
            out.push_back('|');
            out.push_back(b);
        }
    }
    out.push_back('\n');
    return true;
}

namespace {

// Where transformed rows go: a table file, or VCF/BCF through htslib.
class Sink {
public:
    virtual ~Sink() = default;
    virtual void write(std::string_view chrom, std::string_view lines, std::uint64_t line_no) = 0;
    // Writes what is still held back (spilled records); then finish() closes and commits.
    virtual void complete() {}
    virtual void finish() = 0;
};

class TableSink : public Sink {
public:
    TableSink(const TransformOptions& o, const std::vector<SamplePair>& pairs) : out_(o.output, {.threads = o.threads, .level = o.level}) {
        if (o.write_index) usage_error("--write-index needs --format vcf (.vcf.gz) or bcf");
        out_.write_line(table_header(o.format, pairs));
        out_.flush_block();  // header in its own BGZF block, like split's parts
    }
    void write(std::string_view, std::string_view lines, std::uint64_t) override { out_.write(lines); }
    void finish() override { out_.commit(); }

private:
    OutputFile out_;
};

// VCF/BCF. The header must list the contigs before the first record. Where they are known
// in advance the records go straight to the output, in one pass: with --contig-lengths
// (every contig of the file), or for a part whose manifest key is one chromosome (a part
// per chromosome, or a size part inside one; the header waits for its first record, so a
// part with none lists no contig, as the whole matrix's transform would not). Otherwise
// the writer spills the records, finished and compressed, to a scratch file until
// complete() writes the header with every contig (see VariantWriter).
class VcfSink : public Sink {
public:
    VcfSink(const TransformOptions& o, const std::vector<SamplePair>& pairs, const ContigLengths* lengths,
            std::string part_contig)
        : opts_(o), lengths_(lengths), part_contig_(std::move(part_contig)), hdr_(make_header(o, pairs), bcf_hdr_destroy),
          out_(o.output, o.format == Format::kBcf, o.threads, o.level, hdr_.get(), !lengths && part_contig_.empty(),
               o.write_index) {
        if (o.write_index && vcf_write_mode(o.output, o.format == Format::kBcf) == "w")
            usage_error("--write-index needs a .vcf.gz or BCF output");
        if (lengths_) {  // every contig of the file goes into the header
            for (const auto& c : lengths_->contigs()) check_contig_name(c.name, lengths_->path(), c.line);
            start();
        }
    }
    void write(std::string_view chrom, std::string_view lines, std::uint64_t line_no) override {
        if (rid_ < 0 || chrom != chrom_) {
            rid_ = contig_id(chrom, line_no);
            chrom_.assign(chrom);
        }
        if (!started_ && !out_.spilling()) start();
        out_.write_records(lines, rid_);
    }
    void complete() override {
        if (!started_) start();
    }
    void finish() override { out_.commit(opts_.index_format); }

private:
    static bcf_hdr_t* make_header(const TransformOptions& o, const std::vector<SamplePair>& pairs);
    int contig_id(std::string_view chrom, std::uint64_t line_no);
    void start();

    const TransformOptions& opts_;
    const ContigLengths* lengths_;      // or nullptr: the contigs as they appear
    std::string part_contig_;           // or "": the one contig of the part, if known
    std::vector<std::string> contigs_;  // in order of first appearance: their numbers
    // A map, not a scan of contigs_: fragmented assemblies have tens of thousands.
    std::unordered_map<std::string, int> ids_;
    std::string chrom_;  // the contig of the last batch, numbered rid_
    int rid_ = -1;
    bool started_ = false;
    std::unique_ptr<bcf_hdr_t, decltype(&bcf_hdr_destroy)> hdr_;
    detail::VariantWriter out_;
};

// The header without contigs (they come last: m2h-merge appends later parts' contigs
// after them, so a merged header reads exactly like the header of the whole matrix's
// transform).
bcf_hdr_t* VcfSink::make_header(const TransformOptions& o, const std::vector<SamplePair>& pairs) {
    bcf_hdr_t* h = bcf_hdr_init("w");
    bool ok = h != nullptr;
    ok = ok && bcf_hdr_append(h, "##FORMAT=<ID=GT,Number=1,Type=String,Description=\"Phased genotype\">") == 0;
    if (!o.no_version) {
        ok = ok && bcf_hdr_printf(h, "##m2h-transformVersion=%s", version_string().c_str()) == 0;
        ok = ok && bcf_hdr_printf(h, "##m2h-transformCommand=%s", o.command_line.c_str()) == 0;
    }
    for (const auto& p : pairs) ok = ok && bcf_hdr_add_sample(h, p.name.c_str()) == 0;
    ok = ok && bcf_hdr_sync(h) == 0;
    if (!ok) {
        if (h) bcf_hdr_destroy(h);
        file_error("cannot build the VCF header for", o.output, "htslib refused it");
    }
    return h;
}

// The contig's number in the header: its place in --contig-lengths, else in the order the
// contigs first appear.
int VcfSink::contig_id(std::string_view chrom, std::uint64_t line_no) {
    if (lengths_) {
        const int id = bcf_hdr_name2id(hdr_.get(), std::string(chrom).c_str());
        if (id < 0) data_error("chromosome not in --contig-lengths in", opts_.input, line_no, std::string(chrom));
        return id;
    }
    if (!part_contig_.empty() && chrom != part_contig_)
        data_error("row of another chromosome in", opts_.input, line_no,
                   fmt::format("'{}', in a part of '{}' (a damaged part or manifest)", chrom, part_contig_));
    const auto [it, added] = ids_.try_emplace(std::string(chrom), static_cast<int>(contigs_.size()));
    if (added) {
        check_contig_name(chrom, opts_.input, line_no);
        contigs_.emplace_back(chrom);
    }
    return it->second;
}

// The header, with the contigs known now, written.
void VcfSink::start() {
    bcf_hdr_t* h = hdr_.get();
    bool ok = true;
    if (lengths_)
        for (const auto& c : lengths_->contigs())
            ok = ok && bcf_hdr_printf(h, "##contig=<ID=%s,length=%s>", c.name.c_str(), std::to_string(c.length).c_str()) == 0;
    else
        for (const auto& c : contigs_) ok = ok && bcf_hdr_printf(h, "##contig=<ID=%s>", c.c_str()) == 0;
    ok = ok && bcf_hdr_sync(h) == 0;
    if (!ok) file_error("cannot build the VCF header for", opts_.output, "htslib refused it");
    started_ = true;
    out_.write_header();
}

// The one contig of a part whose manifest key names one (see VcfSink), or "".
std::string part_contig(const std::optional<ManifestEntry>& part) {
    if (!part) return "";
    const std::string& key = part->key;
    const bool span = key.find("..") != std::string::npos, rows = key.starts_with("rows_");
    return span || rows ? "" : key;
}

std::unique_ptr<Sink> make_sink(const TransformOptions& o, const std::vector<SamplePair>& pairs,
                                const ContigLengths* lengths, std::string part_contig) {
    if (is_variant_format(o.format)) return std::make_unique<VcfSink>(o, pairs, lengths, std::move(part_contig));
    return std::make_unique<TableSink>(o, pairs);
}

// The --stats file, written and closed (so a failed write stops the run before the output
// is committed) but left under its temporary name: commit() it after the output.
std::unique_ptr<OutputFile> write_stats(const TransformOptions& o, const std::string& input, const TransformStats& s) {
    if (o.stats.empty()) return nullptr;
    auto out = std::make_unique<OutputFile>(o.stats, OutputOptions{.compression = OutputCompression::kPlain});
    out->write(fmt::format("input\trows_read\trows_written\trows_skipped\twall_s\tmax_rss_mib\n{}\t{}\t{}\t{}\t{:.3f}\t{:.1f}\n",
                           input, s.rows_read, s.rows_written, s.rows_skipped, s.wall_s, s.max_rss_mib));
    out->suspend();
    return out;
}

// Where the rows come from: the input, or --manifest/--part (a part file, or a byte range
// of the matrix with the header kept beside a range manifest).
struct Source {
    std::string input;
    MatrixOptions matrix;
    ByteRange range;
    std::optional<ManifestEntry> part;
};

void select_part(const TransformOptions& o, Source& src) {
    if (o.manifest.empty()) {
        if (o.part) usage_error("--part needs --manifest");
        return;
    }
    if (o.input != "-") usage_error("give either an input file or --manifest with --part, not both");
    if (!o.part) usage_error("--manifest needs --part N");
    auto entries = read_manifest(o.manifest);
    auto it = std::find_if(entries.begin(), entries.end(), [&](const auto& e) { return e.part == o.part; });
    if (it == entries.end())
        file_error("no such part in manifest", o.manifest,
                   fmt::format("part {} (it lists {} parts)", o.part, entries.size()));
    const std::string dir = parent_dir(o.manifest);
    src.part = *it;
    if (!it->ranged) {
        src.input = resolve_path(dir, it->path);
        return;
    }
    if (!src.matrix.header_file.empty())
        usage_error("--header-file is not used with a range manifest: the header is its header.tsv");
    src.input = it->path;
    src.matrix.header_file = resolve_path(dir, kRangeHeaderFile);
    src.range = {it->offset, it->bytes, it->line, resolve_path(dir, kRangeIndexFile)};
    src.matrix.reader.range = &src.range;
}

// A part must hold the rows its manifest lists (a changed or damaged matrix or part).
void check_part_rows(const TransformOptions& o, const Source& src, std::uint64_t rows) {
    if (src.part && rows != src.part->rows)
        file_error("part does not match the manifest", o.manifest,
                   fmt::format("part {} ('{}') has {} rows, the manifest lists {}", src.part->part, src.input, rows,
                               src.part->rows));
}

}  // namespace

TransformStats run_transform(const TransformOptions& o) {
    const auto start = std::chrono::steady_clock::now();
    Source src{.input = o.input, .matrix = o.matrix};
    select_part(o, src);
    if (!src.part || !src.part->ranged) {  // a phased VCF or BCF, told by its content
        hFILE* stream = nullptr;
        if (htsFile* fp = open_variant_input(src.input, stream))
            return run_transform_vcf(o, fp, src.input, src.part ? &*src.part : nullptr);
        if (src.part && !src.part->region.empty())
            file_error("part is not a VCF or BCF", src.input, fmt::format("part {} of '{}' is a region of it", src.part->part, o.manifest));
        src.matrix.reader.stream = stream;
    }
    if (!o.samples_file.empty()) usage_error("--samples-file selects a VCF's samples: a matrix takes a sample sheet (--samples)");
    if (o.phase_tags != PhaseTags::kAuto || o.unphased)
        usage_error("--phase-tags and --unphased are for VCF/BCF input: a matrix's haplotypes are phased whole");
    MatrixOptions& mo = src.matrix;
    mo.count_fields = false;  // RowTransformer proves the layout of every row itself
    MatrixReader in(src.input, mo);
    auto pairs = o.samples == "auto" ? auto_pairs(in.header(), o.format)
                                     : read_sample_sheet(o.samples, in.header(), o.format);
    RowTransformer rt(in.header(), pairs, o.format, in.path());
    if (o.format == Format::kBcf)
        rt.limit_positions(kBcfMaxPos, "BCF", "BCF holds positions up to 2^31-1: write VCF instead (--format vcf -o NAME.vcf.gz)");
    else if (o.format == Format::kVcf && o.write_index && o.index_format == IndexFormat::kTbi)
        rt.limit_positions(kTbiMaxPos, "a TBI index", "TBI holds positions up to 2^29: index as CSI (leave out --index-format tbi)");
    std::optional<ContigLengths> lengths;
    std::optional<ContigCheck> contig_check;
    if (!o.contig_lengths.empty()) {
        lengths = ContigLengths::read(o.contig_lengths);
        contig_check.emplace(*lengths, in.path());
    }
    auto sink = make_sink(o, pairs, lengths ? &*lengths : nullptr, part_contig(src.part));
    Progress progress(o.progress);
    TransformStats st;
    std::string buf;
    buf.reserve(1 << 16);
    std::string_view row;
    // Rows of one chromosome are gathered and handed over together. Only written rows
    // (a few percent) are compared with the current chromosome.
    std::string chrom;
    std::uint64_t chrom_line = 0;
    while (in.next(row)) {
        const std::size_t mark = buf.size();
        if (rt.transform(row, in.ref_offset(), in.line_number(), buf)) {
            ++st.rows_written;
            if (contig_check) contig_check->check(in.chrom(), row, in.ref_offset() - 1, in.line_number());
            if (in.chrom() != chrom || mark > (1 << 16)) {
                if (mark) sink->write(chrom, std::string_view(buf).substr(0, mark), chrom_line);
                buf.erase(0, mark);
                if (in.chrom() != chrom) chrom.assign(in.chrom());
                chrom_line = in.line_number();
            }
        }
        progress.update(in.rows(), in.bytes_read());
    }
    if (!buf.empty()) sink->write(chrom, buf, chrom_line);
    progress.finish(in.rows(), in.bytes_read());
    st.rows_read = in.rows();
    st.rows_skipped = st.rows_read - st.rows_written;
    if (st.rows_read == 0) data_error("no data rows in", in.path(), in.line_number(), "the matrix has a header but no rows");
    check_part_rows(o, src, st.rows_read);
    sink->complete();
    // The tool's own cost, up to its output's last record (the engines' sampling of a
    // process misses most of a short job).
    struct rusage ru {};
    getrusage(RUSAGE_SELF, &ru);
    st.max_rss_mib = static_cast<double>(ru.ru_maxrss) / 1024.0;  // KiB on Linux
    st.wall_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    auto stats = write_stats(o, src.input, st);
    sink->finish();
    if (stats) stats->commit();
    return st;
}

}  // namespace m2h
