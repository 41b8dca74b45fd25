// The log2 odds that two consecutive read-backed blocks are joined left-to-left rather
// than left-to-right: phase-Extender 0.1.8's forward and reverse Markov chains over the
// samples' haplotypes, in its decimal arithmetic (docs/tools.md; the specification in
// phase-extender.md section 7).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "extend/pydecimal.hpp"

namespace m2h::extend {

// One usable site of a block (an SOI genotype of at most 3 characters without '*'), with
// what the samples say there.
struct Site {
    std::uint64_t line = 0;         // input line, for messages
    std::string soi_text;           // the SOI's genotype, for messages
    signed char soi[2] = {-1, -1};  // the SOI's left and right alleles: 0-3 = A,T,G,C; -1 other
    int count[4] = {0, 0, 0, 0};    // alleles A, T, G, C over the samples used (with their weights)
    int total = 0;
    struct Cell {
        std::uint32_t pi_off = 0, pi_len = 0;  // the PI text in `text`
        std::uint32_t allele_off = 0;          // codes in `alleles` (0-3 = ATGC, 4 other)
        std::uint16_t n_alleles = 0;
        bool skip = false;  // PG '.' or with '*': no transitions from or to it
    };
    std::vector<Cell> cells;  // one per sample column used
    std::vector<unsigned char> alleles;
    std::string text;
    // The PI of each column as a small number, equal where the texts are: numbered afresh
    // for each pair of blocks (LodEngine::lod), so that the chains compare numbers.
    mutable std::vector<std::uint16_t> pi_id;
};

// Allele letter code: A T G C -> 0..3 (the order phase-Extender lists them), other -> 4.
inline int allele_code(std::string_view a) {
    if (a.size() != 1) return 4;
    switch (a[0]) {
        case 'A': return 0;
        case 'T': return 1;
        case 'G': return 2;
        case 'C': return 3;
        default: return 4;
    }
}

// Fills site from a row's cells: soi_pg the SOI's genotype, pi[j]/pg[j] the sample
// columns', weights[j] how many times column j is in the sample list.
void make_site(Site& site, std::uint64_t line, std::string_view soi_pg, const std::vector<std::string_view>& pi,
               const std::vector<std::string_view>& pg, const std::vector<int>& weights);

class LodEngine {
public:
    LodEngine(std::vector<int> weights, bool sum_mode);
    // The log2 odds of blocks B1 (its first and last usable sites, each at most numHets-1,
    // in block order) and B2 (its first ones). False when it is undefined (maxSum with no
    // site pair: 0/0, where 0.1.8 raises InvalidOperation).
    bool lod(const std::vector<const Site*>& b1_first, const std::vector<const Site*>& b1_last,
             const std::vector<const Site*>& b2_first, pydec::Dec& out);

private:
    struct Likelihoods {
        pydec::Dec par, alt;
    };
    Likelihoods chain(const std::vector<const Site*>& from, bool from_reversed, const std::vector<const Site*>& to);
    const pydec::Dec& factor(int c2, int e, int total);
    void number_pis(const std::vector<const Site*>& sites);

    std::vector<int> weights_;
    bool sum_;
    std::unordered_map<std::uint64_t, pydec::Dec> factors_;  // (count, allele count, total) -> factor
    std::vector<const pydec::Dec*> near_[2];  // per allele side of the 'from' site: factor by count
    std::vector<const Site*> sites_;                         // scratch of lod()
    std::vector<std::string_view> distinct_;                 // scratch of number_pis()
};

}  // namespace m2h::extend
