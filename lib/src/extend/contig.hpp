// One contig of m2h-extend: its rows as the reader leaves them in a scratch file, and
// the extension of its read-backed blocks from there (contig.cpp), on any thread.
//
// Row lines of the scratch file (tab-separated):
//   line  POS  block  REF  all-alleles  SOI:PI  SOI:PG_al  PI_0  PG_0 ... PI_k  PG_k
// block is the row's block number in its segment (blocks numbered in the order their first
// rows come, which is the order of their first positions); PI_j/PG_j are the cells of the
// j-th sample column the likelihoods use. Block lines: rows  first-position.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "extend/pandas_text.hpp"
#include "extend/spill.hpp"

namespace m2h::extend {

// The run's settings the extension needs.
struct Params {
    std::string input;             // for messages
    std::string soi;
    int window = 39;               // numHets - 1 sites of each block (0: none)
    int snp_threshold = 3;
    double lods = 5;
    bool sum = false;              // maxSum
    bool write_lod = false;
    bool hap_stats = false;
    bool numpy_order = true;       // rows at one position in numpy's quicksort order (not with --bed)
    std::vector<int> weights;      // per sample column: its times in the sample list
};

// A run of a contig's rows extended together (the contig, or one --bed interval of it), or
// passed through as they are (rows outside every interval).
struct Segment {
    bool extend = true;
    Range rows;    // in ContigJob::rows
    Range blocks;  // in ContigJob::blocks
    std::uint32_t n_blocks = 0;
    std::uint64_t n_rows = 0;
};

struct ContigJob {
    std::size_t index = 0;  // contigs numbered in input order
    std::string name;
    std::unique_ptr<Spill> rows, blocks, decisions;  // made by the reader (the decisions for the worker)
    std::vector<Segment> segments;
    bool duplicate_positions = false;
};

// A block of the extended file, for --hapStats: its label, rows and span.
struct LabelStat {
    std::string label;
    std::uint64_t rows = 0;
    std::int64_t first = 0, last = 0;
};

struct ContigResult {
    Range out;                 // the contig's extended rows in the worker's output spill:
                               // POS REF all-alleles PI PG_al [log2odds]
    int worker = 0;
    std::uint64_t rows = 0;
    pdtext::ColumnTyper ref, alleles, label, genotype;  // pandas' types of the emitted cells
    std::vector<LabelStat> labels;                      // --hapStats
    std::uint64_t blocks_before = 0, blocks_after = 0;
};

// Joins the blocks of job's segments and appends the contig's extended rows to out.
void extend_contig(const Params& params, ContigJob& job, Spill& out, ContigResult& result);

}  // namespace m2h::extend
