// m2h-simulate: deterministic synthetic genome matrices of any size.
#pragma once

#include <cstdint>
#include <string>

namespace m2h {

struct SimulateOptions {
    std::uint64_t rows = 1000;
    std::uint32_t chroms = 1;
    std::uint64_t seed = 1;
    std::uint32_t haplotypes = 31;   // pairs <n>a/<n>b, plus one unpaired "outgroup" when odd
    bool header = true;
    double poly_rate = 0.01;         // fraction of rows with an alternate allele
    double missing_rate = 0.02;      // per haplotype: 'N'
    double deletion_rate = 0.002;    // per haplotype of a polymorphic row: '-'
    double multi_rate = 0.1;         // fraction of polymorphic rows with a second alternate
    std::uint64_t interleave = 0;    // 0: chromosomes contiguous; B: blocks of B rows in turn
    std::string chrom_prefix = "chr";
    // Uneven chromosomes, as an assembly's scaffolds: chromosome c gets rows in proportion
    // to 1/c (a few big ones, a long tail of small ones); positions 1, 2, 3...
    bool uneven = false;
    // Chromosomes from a lengths file (name TAB length per line, as a .fai's first two
    // columns): rows in proportion to length, positions spread evenly over each length
    // (sparse where rows are few: they reach the length). Replaces chroms and chrom_prefix.
    std::string lengths;
    std::string output = "-";
    int threads = 0;
    int level = -1;           // BGZF compression level (-1: htslib's default)

    // Read-backed mode: instead of a matrix, a phased haplotype table (phase-Extender's
    // --input, 'hap' columns) of `rows` variant sites. Every haplotype is a mosaic of a few
    // founder haplotypes (so haplotypes predict each other: linkage), the sample of interest
    // cut into read-backed blocks as read-backed phasing leaves them: heterozygous sites in
    // blocks of block_min..block_max sites (PI = the block's first position), a fraction of
    // the blocks written flipped, homozygous and missing sites '.'. missing_rate applies per
    // sample and site; multi_rate gives a second alternate allele.
    bool read_backed = false;
    std::string soi = "soi";
    std::uint32_t samples = 15;           // the other samples: s01, s02, ... (phased whole, PI = CHROM)
    std::uint32_t read_backed_samples = 0;  // the first of them also cut into blocks
    std::uint32_t founders = 8;
    double switch_rate = 0.002;           // per site: a haplotype copies another founder from here on
    double mutation_rate = 0.002;         // per haplotype and site: the other allele
    std::uint32_t block_min = 5, block_max = 60;
    double flip_rate = 0.5;               // blocks written in the other orientation
    double indel_rate = 0.02;             // sites that are indels
    double star_rate = 0.005;             // sites with a spanning deletion '*' allele
    std::string panel;                    // the other samples to this refhap panel, not the table
    std::string truth;                    // CHROM POS a b (the sample of interest's) <s>:a <s>:b ...
};

// Header line (no '\n') of the matrix opts describes.
std::string simulated_header(const SimulateOptions& opts);
void run_simulate(const SimulateOptions& opts);

}  // namespace m2h
