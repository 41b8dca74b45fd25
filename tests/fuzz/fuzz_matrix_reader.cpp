// libFuzzer target: the line reader (plain, gzip, BGZF or LZ4 by content, line cap, CR LF) and
// the matrix reader's checks (header, field counts, POS) over arbitrary bytes. Data errors
// are the expected outcome for most inputs; anything else (a crash, a sanitizer report,
// another exception) is a bug.
#include <m2h/error.hpp>
#include <m2h/fields.hpp>
#include <m2h/matrix.hpp>

#include "fuzz_input.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    m2h::fuzz::MemFile file(data, size);
    m2h::MatrixOptions opts;
    opts.reader.max_line = 4096;  // small, so the line cap is reached often
    std::vector<std::string_view> fields;
    try {
        m2h::MatrixReader in(file.path(), opts);
        std::string_view row;
        while (in.next(row)) {
            m2h::split_tabs(row, fields);
            if (fields.size() != m2h::count_fields(row) || fields[0] != in.chrom()) std::abort();
        }
    } catch (const m2h::Error&) {
    }
    return 0;
}
