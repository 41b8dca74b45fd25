// m2h-split: one pass over a genome matrix, one part per chromosome, per N rows or per N bytes.
#include <m2h/cli.hpp>
#include <m2h/split.hpp>

int main(int argc, char** argv) {
    CLI::App app;
    m2h::setup_app(app, "m2h-split",
                   "split a genome matrix into one part per chromosome, per N rows or per N bytes (small\n"
                   "chromosomes packed together, big ones cut) in one pass, each part with the header\n"
                   "line, plus DIR/manifest.tsv (part key rows bytes path). Rows of a chromosome need not\n"
                   "be contiguous. Input: plain, gzip or bgzip, by content. With --ranges nothing is\n"
                   "copied: each part is a byte range of the matrix (a plain or bgzip file; by chrom,\n"
                   "each chromosome's rows together), read by m2h-transform --manifest --part; a plain\n"
                   "file split --by size is read only around the cuts.\n"
                   "A VCF or BCF (by content) is cut at positions, a part never spanning two contigs (whose\n"
                   "records must come together, positions in order): with --ranges each part is a region\n"
                   "of the bgzipped file, read through its index (.csi or .tbi beside it; without one,\n"
                   "DIR/variants.csi is built); without, part files of the input's kind (.vcf.gz, .bcf;\n"
                   "--compress and --lz4 are for a matrix's parts). --part-size counts the records' bytes.",
                   "  m2h-split -o parts matrix.tsv.gz\n"
                   "  m2h-split --ranges -o ranges matrix.tsv && m2h-transform --manifest ranges/manifest.tsv --part 1\n"
                   "  m2h-split --ranges --by size --part-size 500M --threads 1 -o ranges matrix.tsv\n"
                   "  m2h-split --header-file header.txt --compress --threads 2 -o parts matrix.gz\n"
                   "  m2h-split --by size --part-size 500M --lz4 --threads 1 -o parts matrix.gz\n"
                   "  m2h-simulate --rows 1000000 --chroms 4 | m2h-split --by rows --rows 250000 -o parts -\n"
                   "  m2h-split --ranges --by size --part-size 200M -o regions phased.vcf.gz\n");
    m2h::SplitOptions o;
    std::string by = "chrom";
    std::string part_size = "1G";
    app.add_option("input", o.input, "Genome matrix or VCF/BCF, or - for stdin")->option_text("FILE");
    app.add_option("-o,--output", o.outdir, "Output directory (created if missing)")->required()->type_name("DIR");
    app.add_option("--by", by, "Part per chromosome, per N rows or per N bytes")->check(CLI::IsMember({"chrom", "rows", "size"}))->type_name("chrom|rows|size");
    app.add_option("--rows", o.rows_per_part, "Rows per part with --by rows")->check(CLI::PositiveNumber)->type_name("INT");
    app.add_option("--part-size", part_size, "Bytes of rows per part with --by size (suffix K, M, G: powers of 1000)")->type_name("SIZE");
    app.add_option("--header-file", o.matrix.header_file, "Header line for a headerless matrix")->type_name("FILE");
    app.add_option("--max-open", o.max_open, "Part files open at once (others are reopened as needed)")->check(CLI::PositiveNumber)->type_name("INT");
    app.add_flag("--compress", o.compress, "Write BGZF parts (.tsv.gz)");
    m2h::add_compression_level(app, o.level, "the --compress parts", ",--compress-level");
    app.add_flag("--lz4", o.lz4, "Write LZ4 parts (.tsv.lz4), for m2h-transform and m2h-merge: about 3x faster than -l 1, twice the size");
    app.add_flag("--ranges", o.ranges, "Write no parts: record byte ranges of the matrix (manifest columns offset, line)");
    app.add_option("--threads", o.threads, "Extra threads: 1+ decompress gzip/BGZF input ahead (3+ also inflate BGZF blocks in parallel); N compress BGZF or LZ4 parts")->check(CLI::NonNegativeNumber)->type_name("INT");
    app.add_option("--max-line-length", o.matrix.reader.max_line, "Longest line accepted, in bytes")->check(CLI::PositiveNumber)->type_name("INT");
    app.add_flag("--progress", o.progress, "Report progress on stderr even when it is not a terminal");
    return m2h::run_tool(app, argc, argv, [&] {
        o.by = by == "rows" ? m2h::SplitBy::kRows : by == "size" ? m2h::SplitBy::kSize : m2h::SplitBy::kChrom;
        o.part_bytes = m2h::parse_size(part_size, "--part-size");
        o.matrix.reader.threads = o.threads;
        m2h::run_split(o);
    });
}
