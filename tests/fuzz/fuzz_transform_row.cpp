// libFuzzer target: the transform of checked rows, every format. The first byte picks the
// format, the rest is a matrix (header line, rows). A written row must end in a newline and
// start with the row's CHROM; data errors (bad alleles, bad headers) are expected.
#include <m2h/error.hpp>
#include <m2h/matrix.hpp>
#include <m2h/transform.hpp>

#include "fuzz_input.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size < 1) return 0;
    const auto format = static_cast<m2h::Format>(data[0] % std::size(m2h::kFormatNames));
    m2h::fuzz::MemFile file(data + 1, size - 1);
    m2h::MatrixOptions opts;
    opts.count_fields = data[0] & 4;  // both ways: the transform proves the layout itself
    std::string out;
    try {
        m2h::MatrixReader in(file.path(), opts);
        m2h::RowTransformer rt(in.header(), m2h::auto_pairs(in.header(), format), format, in.path());
        std::string_view row;
        while (in.next(row)) {
            out.clear();
            const bool written = data[0] & 8 ? rt.transform(row, in.line_number(), out)
                                             : rt.transform(row, in.ref_offset(), in.line_number(), out);
            if (written && (out.empty() || out.back() != '\n')) std::abort();
            if (!written && !out.empty()) std::abort();
        }
    } catch (const m2h::Error&) {
    }
    return 0;
}
