// m2h-extend: phase-Extender 0.1.8's phase extension, the same files, natively.
#include <m2h/cli.hpp>
#include <m2h/extend.hpp>

int main(int argc, char** argv) {
    CLI::App app;
    m2h::setup_app(app, "m2h-extend",
                   "join a sample's read-backed phase blocks using the other samples' haplotypes, as\n"
                   "phase-extender 0.1.8 does, with its options and byte for byte its text files\n"
                   "(missingdata_, initial_haplotype_, extended_haplotype_<SOI>.txt, the _allsites and\n"
                   "stats files; SVG figures for its PNG ones). Two consecutive blocks are joined when\n"
                   "one orientation is more than 2^lods times likelier than the other. The table (a\n"
                   "'hap' table: CHROM POS REF all-alleles <s>:PI <s>:PG_al ...) must be sorted by\n"
                   "CHROM and POS; it is read once, in a few MiB. docs/tools.md says where 0.1.8 fails\n"
                   "and m2h-extend does not.",
                   "  m2h-extend --input table.tsv --SOI ms02g\n"
                   "  m2h-extend --input table.tsv --SOI ms02g --refHap panel.tsv --numHets 25 --lods 10 --output out\n"
                   "  m2h-extend --input table.tsv --SOI ms02g --writeLOD yes --hapStats yes --threads 2 -o out --force\n"
                   "  m2h-extend --input blocks.tsv --SOI s1 --useSample s2,s3 --switch-errors truth.tsv -o out\n");
    m2h::ExtendOptions o;
    std::string cul = "maxPd", write_lod = "no", hap_stats = "no", add_missing = "no";
    const std::vector<std::string> yes_no = {"yes", "no"};
    app.add_option("--input", o.input, "Haplotype table (CHROM POS REF all-alleles <s>:PI <s>:PG_al ...), - for stdin")->required()->type_name("FILE");
    app.add_option("--SOI", o.soi, "Sample of interest: the one whose blocks are joined")->required()->type_name("NAME");
    app.add_option("-o,--output", o.output, "Output directory (created with its parents if missing)")->type_name("DIR")->default_str("<SOI>_extended");
    app.add_flag("--force", o.force, "Write into an existing non-empty output directory (replacing this sample's files; 0.1.8 deletes the directory)");
    app.add_option("--refHap", o.refhap, "Reference panel (CHROM POS REF ALT <s>:PI <s>:PG_al ...; m2h-transform --format refhap)")->type_name("FILE");
    app.add_option("--useSample", o.use_sample, "Samples whose haplotypes count: all, input, refHap, or a list a,b,c (the SOI is added)")->type_name("all|input|refHap|LIST");
    app.add_option("--bed", o.bed, "Extend only within these intervals (CHROM start end, both ends included); other rows as they are")->type_name("FILE");
    app.add_option("--snpTh", o.snp_threshold, "SNPs (genotypes of 3 characters) both blocks need to be joined")->type_name("INT");
    app.add_option("--numHets", o.num_hets, "Sites of each block used: numHets-1 (0.1.8's count)")->type_name("INT");
    app.add_option("--lods", o.lods, "log2 odds cut-off: joined when the odds exceed 2^lods")->type_name("FLOAT");
    app.add_option("--culLH", cul, "Likelihoods of the sites multiplied (maxPd) or added (maxSum)")->check(CLI::IsMember({"maxPd", "maxSum", "*", "+"}))->type_name("maxPd|maxSum");
    app.add_option("--writeLOD", write_lod, "Add the log2odds column to the extended table")->check(CLI::IsMember(yes_no))->type_name("yes|no");
    app.add_option("--hapStats", hap_stats, "Write block statistics before and after, with figures")->check(CLI::IsMember(yes_no))->type_name("yes|no");
    app.add_option("--addMissingSites", add_missing, "Also write the extended table with the SOI's missing sites (_allsites)")->check(CLI::IsMember(yes_no))->type_name("yes|no");
    app.add_option("--threads,--nt", o.threads, "Contigs extended in parallel (the output does not depend on it)")->check(CLI::PositiveNumber)->type_name("INT");
    app.add_option("--switch-errors", o.switch_truth, "Truth (CHROM POS a b, or <SOI>:a <SOI>:b as m2h-simulate --truth writes): count switch errors and blocks before and after into switch_errors_<SOI>.txt")->type_name("FILE");
    app.add_option("--stats", o.stats, "Write the run's figures (TSV) to this file")->type_name("FILE");
    app.add_flag("--progress", o.progress, "Report progress on stderr even when it is not a terminal");
    return m2h::run_tool(app, argc, argv, [&] {
        o.sum_likelihoods = cul == "maxSum" || cul == "+";
        o.write_lod = write_lod == "yes";
        o.hap_stats = hap_stats == "yes";
        o.add_missing_sites = add_missing == "yes";
        m2h::run_extend(o);
    });
}
