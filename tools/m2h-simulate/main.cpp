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
                   "  m2h-simulate --rows 10000000 --lengths genome.fa.fai -o m.tsv         # real chromosome lengths\n"
                   "  m2h-simulate --read-backed --rows 30000 --chroms 2 --panel panel.tsv --truth truth.tsv -o soi.tsv\n"
                   "      # m2h-extend's inputs: a sample's read-backed blocks, a 15-sample panel, the truth\n"
                   "  m2h-simulate --read-backed --rows 30000 --samples 8 --read-backed-samples 4 -o phased.vcf.gz\n");
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
    auto* rb = app.add_option_group("Read-backed mode",
        "--read-backed writes, instead of a matrix, a phased haplotype table of --rows variant sites (phase-Extender's\n"
        "--input, as m2h-transform --format hap): every haplotype a mosaic of a few founders (linkage), the sample\n"
        "of interest cut into read-backed blocks (PI = the block's first position; homozygous and missing sites '.');\n"
        "--missing-rate and --multi-rate apply per sample and site. An output named .vcf or .vcf.gz is the same as a\n"
        "read-backed phased VCF: GT with '|' and an Integer PS, the block's first position (a sample phased whole: the\n"
        "contig's first; homozygous calls of a sample in blocks unphased, missing ./.)");
    std::vector<std::uint32_t> block_sites;
    rb->add_flag("--read-backed", o.read_backed, "Write a read-backed haplotype table");
    rb->add_option("--soi", o.soi, "The sample of interest's name")->type_name("NAME");
    rb->add_option("--samples", o.samples, "Other samples: s01, s02, ... (phased whole, PI = CHROM)")->type_name("INT");
    rb->add_option("--read-backed-samples", o.read_backed_samples, "The first of them cut into read-backed blocks too")->type_name("INT");
    rb->add_option("--founders", o.founders, "Founder haplotypes the haplotypes are mosaics of")->type_name("INT");
    rb->add_option("--switch-rate", o.switch_rate, "Per site: a haplotype copies another founder from there on")->check(CLI::Range(0.0, 1.0))->type_name("FLOAT");
    rb->add_option("--mutation-rate", o.mutation_rate, "Per haplotype and site: another allele than its founder's")->check(CLI::Range(0.0, 1.0))->type_name("FLOAT");
    rb->add_option("--block-sites", block_sites, "Heterozygous sites of a read-backed block: MIN,MAX")->delimiter(',')->expected(2)->type_name("MIN,MAX")->default_str("5,60");
    rb->add_option("--flip-rate", o.flip_rate, "Blocks written in the other orientation")->check(CLI::Range(0.0, 1.0))->type_name("FLOAT");
    rb->add_option("--indel-rate", o.indel_rate, "Sites that are one-base indels")->check(CLI::Range(0.0, 1.0))->type_name("FLOAT");
    rb->add_option("--star-rate", o.star_rate, "Sites with a spanning deletion ('*') allele")->check(CLI::Range(0.0, 1.0))->type_name("FLOAT");
    rb->add_option("--panel", o.panel, "Write the samples not cut into blocks here, as a refhap panel (phase-Extender's --refHap)")->type_name("FILE");
    rb->add_option("--truth", o.truth, "Write the true haplotypes here: CHROM POS a b (the sample of interest's), then <sample>:a <sample>:b for every sample of the table")->type_name("FILE");
    m2h::add_compression_level(app, o.level, "a .gz output");
    app.add_option("--threads", o.threads, "Extra threads for BGZF output")->check(CLI::NonNegativeNumber)->type_name("INT");
    return m2h::run_tool(app, argc, argv, [&] {
        o.header = !no_header;
        if (block_sites.size() == 2) o.block_min = block_sites[0], o.block_max = block_sites[1];
        m2h::run_simulate(o);
    });
}
