// Shared by m2h-simulate's two modes (simulate.cpp: matrices; simulate_read_backed.cpp:
// read-backed haplotype tables): the random stream and the chromosomes' rows.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "m2h/simulate.hpp"

namespace m2h::detail {

// splitmix64: tiny, fast, and the same stream on every platform for a given seed.
class Rng {
public:
    explicit Rng(std::uint64_t seed) : s_(seed) {}
    std::uint64_t next() {
        std::uint64_t z = (s_ += 0x9e3779b97f4a7c15ULL);
        z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
        z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
        return z ^ (z >> 31);
    }
    // Uniform in [0, 1).
    double uniform() { return static_cast<double>(next() >> 11) * 0x1.0p-53; }
    // Uniform in [0, n).
    std::uint64_t below(std::uint64_t n) { return next() % n; }

private:
    std::uint64_t s_;
};

struct Chrom {
    std::string name;
    std::uint64_t length = 0;  // 0: positions 1, 2, 3...
    std::uint64_t rows = 0;
};

// The chromosomes and their rows: even shares, 1/c shares (--uneven), or by length.
std::vector<Chrom> plan_chroms(const SimulateOptions& o);
// Position of row i (1-based) of a chromosome: 1, 2, 3... or spread evenly over its length.
std::uint64_t position(const Chrom& c, std::uint64_t i);

// m2h-simulate --read-backed.
void simulate_read_backed(const SimulateOptions& o);

}  // namespace m2h::detail
