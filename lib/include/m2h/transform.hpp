// m2h-transform: genome matrix -> haplotype table (seed, hap) or phased VCF/BCF.
//
// Per row (SPEC section 2): the alleles are the distinct codes of every column
// after REF; a row with no alternate allele produces nothing; each sample pair
// (hap1, hap2) becomes PI (the chromosome: one phase block per chromosome) and
// PG_al "a|b". Allele codes are A C G T, N (missing) and - (deletion); anything
// else is an error naming file, line and column.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "m2h/matrix.hpp"
#include "m2h/vcf.hpp"

namespace m2h {

// seed: the author's table; hap: phase-Extender's --input table; refhap: its reference
// panel (--refHap); vcf, bcf.
enum class Format { kSeed, kHap, kRefHap, kVcf, kBcf };

// "seed", "hap", "refhap", "vcf", "bcf"; usage error otherwise.
Format parse_format(std::string_view name);
// The names parse_format takes, in the order --help lists them.
inline constexpr const char* kFormatNames[] = {"seed", "hap", "refhap", "vcf", "bcf"};
// hap and refhap: the tables phase-Extender reads, with its rules for sample names.
inline bool is_phase_extender_table(Format f) { return f == Format::kHap || f == Format::kRefHap; }
inline bool is_variant_format(Format f) { return f == Format::kVcf || f == Format::kBcf; }

struct SamplePair {
    std::string name;
    int hap1 = -1, hap2 = -1;  // matrix column indexes (>= 3)
};

// Sample sheet: TSV with header "sample hap1 hap2", haplotypes named by matrix column.
// Unknown or non-haplotype columns, a column in two pairs, duplicate samples and (for
// hap and refhap) names containing '_' or ':' are data errors naming the sheet line.
std::vector<SamplePair> read_sample_sheet(const std::string& path, const Header& header, Format format);
// Pairs "<x>a"/"<x>b" columns, sample "<x>a<x>b", in the header order of "<x>a".
std::vector<SamplePair> auto_pairs(const Header& header, Format format);

// The table's header line (no '\n') for seed, hap and refhap.
std::string table_header(Format format, const std::vector<SamplePair>& pairs);

// Transforms one checked matrix row (as MatrixReader returns it). Appends the
// output line (with '\n') to out and returns true, or returns false for a row
// with no alternate allele. Allocates nothing once out has grown.
class RowTransformer {
public:
    RowTransformer(const Header& header, std::vector<SamplePair> pairs, Format format, std::string source);
    // ref_at: offset of the REF field (MatrixReader::ref_offset()), found here if npos.
    bool transform(std::string_view row, std::size_t ref_at, std::uint64_t line, std::string& out) const;
    bool transform(std::string_view row, std::uint64_t line, std::string& out) const {
        return transform(row, std::string_view::npos, line, out);
    }
    // Rows written must have POS <= max: past it, a data error naming the line, why
    // (what cannot hold it) and what to do instead. 0: no limit.
    void limit_positions(std::uint64_t max, std::string what, std::string instead);

private:
    [[noreturn]] void bad_allele(std::string_view row, std::uint64_t line) const;
    void check_position(std::string_view row, std::size_t pos_end, std::uint64_t line) const;

    const Header& header_;
    std::vector<SamplePair> pairs_;
    // Offsets of each pair's two alleles after the REF field (its TAB at 0).
    std::vector<std::pair<std::size_t, std::size_t>> hap_at_;
    bool in_order_ = true;  // pair k is columns 3+2k, 4+2k: GT fields map straight from the row
    Format format_;
    std::string source_;
    std::size_t haps_;
    std::uint64_t max_pos_ = 0;
    std::string max_what_, max_instead_;
};

// Where a phased VCF's calls have their block and phased genotype (vcf_input.cpp):
// auto (each call the first tag it carries, in this order), phASER's PI+PG, PS with GT,
// GATK 3's HP, GATK's PGT+PID, or none (a panel: phased GT, one block per contig).
enum class PhaseTags { kAuto, kPiPg, kPs, kHp, kPgt, kNone };
PhaseTags parse_phase_tags(std::string_view name);

struct TransformOptions {
    std::string input = "-";
    // Instead of input: part `part` of an m2h-split manifest, a part file or (range
    // manifest) a byte range of the matrix. Its rows must number what the manifest lists.
    std::string manifest;
    std::uint64_t part = 0;
    std::string samples = "auto";   // matrix: sheet path or "auto"; VCF/BCF: all, or a,b,c (^a,b: all but)
    std::string samples_file;       // VCF/BCF: the samples, one a line, in this order
    // VCF/BCF to vcf/bcf: m2h-extend's extended_haplotype_<SOI>.txt files, whose samples'
    // calls are written as they extended them (GT| and PS, the extended block's first position)
    std::vector<std::string> extended;
    PhaseTags phase_tags = PhaseTags::kAuto;
    bool unphased = false;          // VCF/BCF: unphased calls kept as A/T with PI '.' (else '.')
    MatrixOptions matrix;
    Format format = Format::kSeed;
    std::string output = "-";
    std::string stats;              // TSV: input rows_read rows_written rows_skipped wall_s max_rss_mib
    // A .fai or "name TAB length" lines: VCF/BCF headers list its contigs with their
    // lengths; every format checks the rows written against it (see m2h/contigs.hpp).
    std::string contig_lengths;
    int threads = 0;
    int level = -1;                 // BGZF/BCF compression level 0-9; -1: htslib's default
    bool write_index = false;       // .csi (or .tbi, see index_format) for vcf.gz, .csi for bcf
    IndexFormat index_format = IndexFormat::kCsi;
    bool progress = false;
    bool no_version = false;        // no ##m2h-transform* lines in VCF/BCF headers
    std::string command_line;       // recorded in VCF/BCF headers
};

struct TransformStats {
    std::uint64_t rows_read = 0, rows_written = 0, rows_skipped = 0;
    double wall_s = 0, max_rss_mib = 0;  // the tool's, up to its output's last record
};

TransformStats run_transform(const TransformOptions& opts);

}  // namespace m2h
