// numpy 1.26's argsort(kind="quicksort") of int64 keys on an x86-64 CPU with AVX-512
// (x86-simd-sort's quicksort, sorting networks on eight lanes), replayed lane by lane in
// scalar code: the order it leaves equal keys in is not stable, and phase-Extender's
// per-contig sort by position (pandas sort_values on one column) decides the order of
// rows at one position with it. Any CPU running this gets the same order.
#pragma once

#include <cstdint>
#include <vector>

namespace m2h::extend {

// The permutation numpy.argsort(keys, kind="quicksort") returns on an AVX-512 CPU.
std::vector<std::int64_t> numpy_argsort(const std::vector<std::int64_t>& keys);

}  // namespace m2h::extend
