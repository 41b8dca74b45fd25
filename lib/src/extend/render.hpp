// m2h-extend's output files, written at the end from the scratch files, with the text
// pandas gives each cell in phase-extender 0.1.8 (types per table, per contig, and of
// tables put together: phase-extender.md sections 3, 8, 10 and 11).
#pragma once

#include <array>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "extend/contig.hpp"
#include "extend/spill.hpp"
#include "m2h/extend.hpp"

namespace m2h::extend {

struct RenderContig {
    std::string name;
    Range initial, missing;
    bool has_rows = false;
    const std::vector<LabelStat>* initial_stats = nullptr;
    const ContigResult* result = nullptr;
};

struct RenderInput {
    const ExtendOptions* opts = nullptr;
    const std::vector<std::string>* header = nullptr;  // the table's column names
    std::vector<RenderContig> contigs;                 // in input order
    Spill* missing = nullptr;                          // the table's rows missing for the SOI
    Spill* initial = nullptr;                          // CHROM POS REF all-alleles PI PG_al
    std::function<Spill&(int)> worker_out;
    // CHROM POS REF all-alleles SOI:PI SOI:PG_al in the table's columns
    std::array<std::size_t, 6> soi_columns{};
};

struct RunFigures {
    std::uint64_t blocks_before = 0, blocks_after = 0;
};

// Writes every output file into opts->output (each under a temporary name until all are
// complete) and returns the run's figures.
RunFigures render_outputs(const RenderInput& in);

}  // namespace m2h::extend
