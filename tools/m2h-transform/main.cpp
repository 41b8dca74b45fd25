// m2h-transform: genome matrix -> haplotype table (seed, hap) or phased VCF/BCF.
#include <m2h/cli.hpp>
#include <m2h/transform.hpp>

int main(int argc, char** argv) {
    CLI::App app;
    m2h::setup_app(app, "m2h-transform",
                   "turn a genome matrix (or one part of it) into a phased haplotype table or VCF/BCF.\n"
                   "Rows whose haplotypes are all REF or N are skipped. A phased VCF or BCF (read-backed\n"
                   "phasing's, or a panel; told by its content) gives the same tables: each call's block\n"
                   "and phase from its tags (--phase-tags), every record a row. Formats:\n"
                   "  seed    the author's table: contig pos ref alt <s>_PI <s>_PG_al ... ('-' kept in\n"
                   "          alt, N and - replaced by ref in PG_al)\n"
                   "  hap     phase-Extender's haplotype table (its --input, phase-Stitcher's input):\n"
                   "          CHROM POS REF all-alleles <s>:PI <s>:PG_al ... ('.' for a pair with a\n"
                   "          missing haplotype)\n"
                   "  refhap  phase-Extender's reference haplotype panel (its --refHap):\n"
                   "          CHROM POS REF ALT <s>:PI <s>:PG_al ... (ALT as in the VCF)\n"
                   "  vcf     phased VCF 4.2 (.vcf.gz = BGZF), one sample per pair, GT i|j, '.' missing\n"
                   "  bcf     the same as BCF (positions up to 2^31-1)",
                   "  m2h-transform --samples auto matrix.tsv.gz > table.tsv\n"
                   "  m2h-transform -s samples.tsv --format hap -o table.hap.gz --stats stats.tsv part.tsv\n"
                   "  m2h-transform --samples auto --format refhap -o panel.tsv matrix.tsv.gz\n"
                   "  m2h-transform --samples auto --format vcf --contig-lengths ref.fa.fai -o all.vcf.gz matrix.tsv\n"
                   "  m2h-transform --samples auto --format vcf --write-index -o chr1.vcf.gz chr1.tsv\n"
                   "  m2h-transform --manifest ranges/manifest.tsv --part 2 --format vcf -o chr2.vcf.gz\n"
                   "  zcat data.gz | m2h-transform --header-file header.txt --format bcf -o out.bcf -\n"
                   "  m2h-transform --format hap --samples NA12878,NA12891 -o table.tsv phased.vcf.gz   # WhatsHap, phASER, ...\n"
                   "  m2h-transform --format refhap -o panel.tsv panel.bcf\n"
                   "  m2h-transform --format vcf --extended ext/extended_haplotype_NA12878.txt -o extended.vcf.gz phased.vcf.gz\n"
                   "  m2h-split --ranges -o regions phased.vcf.gz && m2h-transform --format hap --manifest regions/manifest.tsv --part 1 -o 1.tsv\n");
    m2h::TransformOptions o;
    std::string format = "seed", index_format = "csi";
    app.add_option("input", o.input, "Genome matrix or part, - for stdin")->option_text("FILE");
    app.add_option("--manifest", o.manifest, "Instead of an input: an m2h-split manifest (with --part)")->type_name("FILE");
    app.add_option("--part", o.part, "The manifest's part to read (its part column; a file, a byte range of the matrix or a region of the VCF/BCF)")->check(CLI::PositiveNumber)->type_name("INT")->default_str("");
    app.add_option("-s,--samples", o.samples, "Matrix: sample sheet (TSV: sample hap1 hap2), or 'auto' to pair <x>a/<x>b columns. VCF/BCF: the samples a,b,c in this order (^a,b: all but those), or 'auto': all")->type_name("FILE|auto|LIST");
    app.add_option("-S,--samples-file", o.samples_file, "VCF/BCF: the samples, one a line, in this order")->type_name("FILE");
    std::string phase_tags = "auto";
    app.add_option("--phase-tags", phase_tags, "VCF/BCF: where a call's block and phase are: phASER's PI+PG, PS with GT, GATK 3's HP, GATK's PGT+PID, none (a panel: phased GT, a block per contig), or auto (each call its own)")->check(CLI::IsMember({"auto", "pi-pg", "ps", "hp", "pgt", "none"}))->type_name("auto|pi-pg|ps|hp|pgt|none");
    app.add_flag("--unphased", o.unphased, "VCF/BCF: keep unphased calls, as A/T with PI '.' (else both '.')");
    app.add_option("--extended", o.extended, "VCF/BCF to vcf/bcf: m2h-extend's extended_haplotype_<SOI>.txt (repeatable): that sample's calls as extended, GT| with PS the extended block's first position")->type_name("FILE");
    app.add_option("--format", format, "Output format")->check(CLI::IsMember(std::vector<std::string>(std::begin(m2h::kFormatNames), std::end(m2h::kFormatNames))))->type_name("seed|hap|refhap|vcf|bcf");
    app.add_option("-o,--output", o.output, "Output file, - for stdout; .gz means BGZF")->type_name("FILE");
    app.add_option("--header-file", o.matrix.header_file, "Header line for a headerless matrix")->type_name("FILE");
    app.add_option("--contig-lengths", o.contig_lengths, "A .fai or 'name<TAB>length' lines: VCF/BCF headers list these contigs with their lengths; rows on other contigs or past a contig's end are errors")->type_name("FILE");
    app.add_option("--stats", o.stats, "Write rows read, written and skipped (TSV) to this file")->type_name("FILE");
    app.add_flag("--write-index", o.write_index, "Index the output: .csi (CSI holds positions past 2^29; or .tbi, see --index-format)");
    app.add_option("--index-format", index_format, "Index of a .vcf.gz: csi, or tbi for tools that read no CSI (positions up to 2^29 only)")->check(CLI::IsMember({"csi", "tbi"}))->type_name("csi|tbi");
    m2h::add_compression_level(app, o.level, "a .gz, .vcf.gz or BCF output");
    app.add_option("--threads", o.threads, "Extra threads: 1+ decompress gzip/BGZF input ahead (3+ also inflate BGZF blocks in parallel); N compress BGZF output")->check(CLI::NonNegativeNumber)->type_name("INT");
    app.add_option("--max-line-length", o.matrix.reader.max_line, "Longest line accepted, in bytes")->check(CLI::PositiveNumber)->type_name("INT");
    app.add_flag("--no-version", o.no_version, "Do not record version and command line in VCF/BCF headers");
    app.add_flag("--progress", o.progress, "Report progress on stderr even when it is not a terminal");
    return m2h::run_tool(app, argc, argv, [&] {
        o.format = m2h::parse_format(format);
        o.phase_tags = m2h::parse_phase_tags(phase_tags);
        o.index_format = m2h::parse_index_format(index_format);
        o.matrix.reader.threads = o.threads;
        for (int i = 0; i < argc; ++i) o.command_line += (i ? " " : "") + std::string(argv[i]);
        m2h::run_transform(o);
    });
}
