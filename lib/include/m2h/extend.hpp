// m2h-extend: phase-Extender 0.1.8's phase extension, natively and byte for byte.
//
// A sample of interest's read-backed phase blocks (its PI/PG_al columns of a haplotype
// table) are joined, consecutive block by consecutive block, when the other samples'
// haplotypes (and an optional reference panel) make one relative orientation at least
// 2^lods times likelier than the other; the likelihoods are phase-Extender's Markov
// chains in Python's 28-digit decimal arithmetic, so every text file is the one
// phase-extender 0.1.8 writes (docs/tools.md lists where 0.1.8 fails and we do not).
//
// The table is read once, contig after contig: it must be sorted (each contig's rows
// together, positions not decreasing). Each contig's rows go to a scratch file, and its
// blocks are joined from there with only the blocks open at a position in memory; the
// files are rendered at the end, as pandas renders them.
#pragma once

#include <cstdint>
#include <string>

namespace m2h {

struct ExtendOptions {
    std::string input;                 // haplotype table (phase-extender --input)
    std::string soi;                   // sample of interest (--SOI)
    std::string output;                // output directory; "" = <SOI>_extended
    std::string refhap;                // reference panel (--refHap), "" = none
    std::string use_sample = "all";    // all | input | refHap | a,b,c
    std::string bed;                   // intervals (CHROM start end, closed) to extend within
    int snp_threshold = 3;             // --snpTh: SNP rows both blocks need
    int num_hets = 40;                 // --numHets: numHets-1 sites of each block used
    double lods = 5;                   // --lods: log2 odds cut-off
    bool sum_likelihoods = false;      // --culLH maxSum (else maxPd: products)
    bool write_lod = false;            // --writeLOD yes: log2odds column
    bool hap_stats = false;            // --hapStats yes: stats files and SVG figures
    bool add_missing_sites = false;    // --addMissingSites yes
    bool force = false;                // write into an existing non-empty output directory
    int threads = 1;                   // contigs extended in parallel
    bool progress = false;
    std::string stats;                 // TSV of the run's figures
    std::string switch_truth;          // truth table (CHROM POS a b): switch errors scored
};

// Runs the extension; throws m2h::Error (usage 1, data 2).
void run_extend(const ExtendOptions& opts);

// The block figures of a sample's phase in a haplotype table, against the truth
// (CHROM POS a b, as m2h-simulate --read-backed writes it), as whatshap compare counts:
// blocks (with at least 2 heterozygous sites), heterozygous sites phased, switch errors
// between consecutive sites of a block, and the N50 of block lengths in sites.
struct PhaseScore {
    std::uint64_t blocks = 0, sites = 0, switch_errors = 0, n50_sites = 0, n50_bp = 0;
    std::uint64_t compared_pairs = 0;  // consecutive site pairs inside blocks
};
PhaseScore score_phase(const std::string& table, const std::string& sample, const std::string& truth);
// Throws m2h::Error (data, 2) unless the truth has the columns score_phase needs for sample:
// checked before anything is written.
void check_truth(const std::string& truth, const std::string& sample);

}  // namespace m2h
