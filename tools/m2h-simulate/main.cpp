// m2h-simulate: deterministic synthetic genome matrices for tests and benchmarks.
#include <m2h/cli.hpp>
#include <m2h/simulate.hpp>

int main(int argc, char** argv) {
    CLI::App app;
    m2h::setup_app(app, "m2h-simulate",
                   "write a deterministic synthetic genome matrix: the same options and seed give the\n"
                   "same bytes. Haplotype columns are pairs <n>a/<n>b (so --samples auto pairs them)\n"
                   "plus one unpaired 'outgroup' column when --haplotypes is odd.",
                   "  m2h-simulate --rows 4000000 --chroms 8 -o matrix.tsv\n"
                   "  m2h-simulate --rows 1000000 --chroms 4 --interleave 1000 --no-header -o data.tsv.gz\n"
                   "  m2h-simulate --rows 100 --poly-rate 0.5 --missing-rate 0.1 | less -S\n"
                   "  m2h-simulate --rows 400000 --chroms 50000 --uneven -o scaffolds.tsv   # an assembly's shape\n"
                   "  m2h-simulate --rows 10000000 --lengths genome.fa.fai -o m.tsv         # real chromosome lengths\n");
    m2h::SimulateOptions o;
    bool no_header = false;
    app.add_option("--rows", o.rows, "Data rows")->type_name("INT");
    app.add_option("--chroms", o.chroms, "Chromosomes (chr1, chr2, ...), rows shared evenly")->check(CLI::PositiveNumber)->type_name("INT");
    app.add_option("--seed", o.seed, "Random seed")->type_name("INT");
    app.add_option("--haplotypes", o.haplotypes, "Haplotype columns")->check(CLI::PositiveNumber)->type_name("INT");
    app.add_flag("--no-header", no_header, "Write no header line (give it with --header-file downstream)");
    app.add_option("--poly-rate", o.poly_rate, "Fraction of rows with an alternate allele")->check(CLI::Range(0.0, 1.0))->type_name("FLOAT");
    app.add_option("--missing-rate", o.missing_rate, "Per haplotype: fraction of 'N'")->check(CLI::Range(0.0, 1.0))->type_name("FLOAT");
    app.add_option("--deletion-rate", o.deletion_rate, "Per haplotype of a polymorphic row: fraction of '-'")->check(CLI::Range(0.0, 1.0))->type_name("FLOAT");
    app.add_option("--multi-rate", o.multi_rate, "Fraction of polymorphic rows with a second alternate")->check(CLI::Range(0.0, 1.0))->type_name("FLOAT");
    app.add_option("--interleave", o.interleave, "Chromosomes in turn, blocks of this many rows (0: contiguous)")->type_name("INT");
    app.add_option("--chrom-prefix", o.chrom_prefix, "Chromosome name prefix")->type_name("STR");
    app.add_flag("--uneven", o.uneven, "Chromosome c gets rows in proportion to 1/c, as an assembly's scaffolds");
    app.add_option("--lengths", o.lengths, "Chromosomes and lengths (name TAB length, e.g. a .fai): rows in proportion, positions spread over each length")->type_name("FILE");
    app.add_option("-o,--output", o.output, "Output file, - for stdout; .gz means BGZF")->type_name("FILE");
    m2h::add_compression_level(app, o.level, "a .gz output");
    app.add_option("--threads", o.threads, "Extra threads for BGZF output")->check(CLI::NonNegativeNumber)->type_name("INT");
    return m2h::run_tool(app, argc, argv, [&] {
        o.header = !no_header;
        m2h::run_simulate(o);
    });
}
