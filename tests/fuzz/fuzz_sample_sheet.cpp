// libFuzzer target: the sample-sheet reader against a fixed matrix header. The first byte
// picks the format (hap has its own name rules). Every pair it accepts must name two
// distinct haplotype columns of the header.
#include <m2h/error.hpp>
#include <m2h/matrix.hpp>
#include <m2h/transform.hpp>

#include "fuzz_input.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size < 1) return 0;
    static const m2h::Header header =
        m2h::parse_header("CHROM\tPOS\tREF\t1a\t1b\t2a\t2b\tog", "header", 1);
    const auto format = static_cast<m2h::Format>(data[0] % std::size(m2h::kFormatNames));
    m2h::fuzz::MemFile file(data + 1, size - 1);
    try {
        for (const auto& p : m2h::read_sample_sheet(file.path(), header, format)) {
            const int n = static_cast<int>(header.columns.size());
            if (p.hap1 < 3 || p.hap2 < 3 || p.hap1 >= n || p.hap2 >= n || p.hap1 == p.hap2) std::abort();
        }
    } catch (const m2h::Error&) {
    }
    return 0;
}
