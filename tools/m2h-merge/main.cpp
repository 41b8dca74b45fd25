// m2h-merge: concatenates parts into one verified file with one header.
#include <m2h/cli.hpp>
#include <m2h/merge.hpp>

int main(int argc, char** argv) {
    CLI::App app;
    m2h::setup_app(app, "m2h-merge",
                   "concatenate parts (split, or transformed to seed, hap, refhap, VCF or BCF; plain, BGZF\n"
                   "or LZ4) in the order given into one file with one header. Every part must carry the\n"
                   "same header and end in a newline; with --manifest each part's rows and bytes must\n"
                   "match it. VCF/BCF parts (told by content) are merged through htslib: one header with\n"
                   "every part's contigs in part order (with their lengths, if the parts have them),\n"
                   "identical samples required; .bcf output writes BCF, .vcf.gz BGZF VCF.\n"
                   "BGZF parts merged into BGZF output are copied block by block (each block inflated\n"
                   "once to check it), not recompressed.\n"
                   "Nothing is written unless every part is good.",
                   "  m2h-merge -o whole.tsv parts/part-000001-chr1.tsv parts/part-000002-chr2.tsv\n"
                   "  m2h-merge --manifest parts/manifest.tsv -o whole.tsv.gz --threads 2\n"
                   "  m2h-merge --file-list parts.txt -o - | less -S\n"
                   "  m2h-merge --write-index -o all.vcf.gz chr1.vcf.gz chr2.vcf.gz\n");
    m2h::MergeOptions o;
    std::string index_format = "csi";
    app.add_option("parts", o.inputs, "Part files, in order")->option_text("FILE...");
    app.add_option("-o,--output", o.output, "Output file, - for stdout; .gz means BGZF")->type_name("FILE");
    app.add_option("--manifest", o.manifest, "Take the parts, in order, from a manifest and check them against it")->type_name("FILE");
    app.add_option("-f,--file-list", o.file_list, "Take the parts from a file, one path per line")->type_name("FILE");
    m2h::add_compression_level(app, o.level, "a .gz, .vcf.gz or BCF output where blocks are compressed anew (copied blocks keep theirs)");
    app.add_option("--threads", o.threads, "Extra threads: 1+ decompress compressed parts ahead (3+ also inflate blocks in parallel); N compress BGZF output (unused while blocks are copied)")->check(CLI::NonNegativeNumber)->type_name("INT");
    app.add_flag("--write-index", o.write_index, "VCF/BCF: index the output (.csi; or .tbi for .vcf.gz, see --index-format)");
    app.add_option("--index-format", index_format, "Index of a .vcf.gz: csi, or tbi for tools that read no CSI (positions up to 2^29 only)")->check(CLI::IsMember({"csi", "tbi"}))->type_name("csi|tbi");
    app.add_flag("--write-behind", o.write_behind, "Table output: write it to disk past the page cache (O_DIRECT on a local filesystem, else writeback started and pages dropped behind), so that the parts and a big input just read stay cached (VCF/BCF merges ignore it)");
    app.add_flag("--no-version", o.no_version, "VCF/BCF: do not record version and command line in the header");
    app.add_flag("--progress", o.progress, "Report progress on stderr even when it is not a terminal");
    return m2h::run_tool(app, argc, argv, [&] {
        for (int i = 0; i < argc; ++i) o.command_line += (i ? " " : "") + std::string(argv[i]);
        o.index_format = m2h::parse_index_format(index_format);
        m2h::run_merge(o);
    });
}
