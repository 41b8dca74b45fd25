#!/usr/bin/env nextflow
/*
 * matrix2hap: a genome matrix or phased VCF/BCF -> phased haplotype table, phase-Extender
 * panel or VCF/BCF, and the samples of interest's phase extended.
 *
 *   M2H_SPLIT -> M2H_TRANSFORM (one task per part) -> M2H_SUMMARY (row accounting, chart) -> M2H_MERGE
 *   (--extend_samples) -> M2H_EXTEND_SAMPLE per sample of interest, on the merged hap table
 *   (or M2H_EXTEND_TABLE's) -> M2H_EXTEND (their summary; the extended VCF)
 *
 * The same graph, parameter names and step commands (workflow/bin/m2h-wf-*) as the Snakemake
 * workflow. Run: nextflow run workflow/main.nf --input m.tsv.gz --output results/m.vcf.gz
 * Without --input it runs on a small simulated read-backed VCF, two samples extended (as
 * Snakemake's default config does).
 */

include { M2H_SIMULATE; M2H_SPLIT } from './modules/split'
include { M2H_TRANSFORM             } from './modules/transform'
include { M2H_SUMMARY; M2H_MERGE    } from './modules/merge'
include { M2H_EXTEND_TABLE; M2H_EXTEND_PANEL; M2H_EXTEND_SAMPLES; M2H_EXTEND_SAMPLE; M2H_EXTEND } from './modules/extend'

workflow {
    checkParams(params)

    def matrix = params.input
        ? channel.value(file(params.input))
        : M2H_SIMULATE(params.example_rows, params.example_chroms, params.example_seed).matrix
    def header = params.header ? file(params.header) : []
    // a sample sheet (a matrix's), or a VCF's samples as a list (a,b,c; ^a,b: all but)
    def sampleList = params.samples != 'auto' && isVariants(params.input)
    def sheet = params.samples == 'auto' || sampleList ? [] : file(params.samples)
    def lengths = params.contig_lengths ? file(params.contig_lengths) : []
    def ext = partExtension(params.format, params.output.toString())
    def outName = file(params.output).name
    def publish = publishMode(params.publish_mode, workflow.workDir, params.outdir)

    M2H_SPLIT(matrix, header, params.split_by, params.part_size_mb, minParts(params.min_parts), params.rows_per_part, params.scatter)
    // One task per manifest row, named part-000001 for part 1 (as the Snakemake workflow
    // names them), each given the split directory (part files, or the ranges' header/index).
    def parts = M2H_SPLIT.out.manifest
        .splitCsv(header: true, sep: '\t')
        .map { row -> tuple(String.format('part-%06d', row.part as int), row.part as int) }
        .combine(M2H_SPLIT.out.parts)
    M2H_TRANSFORM(parts, matrix, sheet, sampleList ? params.samples : 'auto', lengths, params.format, params.compression_level, ext)

    M2H_SUMMARY(M2H_SPLIT.out.manifest, M2H_TRANSFORM.out.stats.collect(), outputStem(outName), params.outdir, publish)
    // The merge reads the order from the manifest, so the order parts finish in does not matter.
    M2H_MERGE(M2H_SPLIT.out.manifest, M2H_TRANSFORM.out.part.collect(), M2H_SUMMARY.out.summary, ext, outName, params.index, params.outdir, publish)

    // Phase extension of the samples of interest, one task each, on the whole hap table: the
    // output when it is that table, else one made from the input.
    def extendVersions = channel.empty()
    // the example (no --input) extends its own samples unless told others
    def extendSamples = params.extend_samples ?: (params.input ? '' : params.example_extend)
    if (extendSamples) {
        def table = params.format == 'hap'
            ? M2H_MERGE.out.merged
            : M2H_EXTEND_TABLE(matrix, header, sheet, sampleList ? params.samples : 'auto').table
        def refhap = !params.extend_refhap ? []
            : isVariants(params.extend_refhap) ? M2H_EXTEND_PANEL(file(params.extend_refhap)).panel
            : file(params.extend_refhap)
        // the truth: --extend_truth, or the example's own
        def truth = params.extend_truth ? file(params.extend_truth) : (params.input ? [] : M2H_SIMULATE.out.truth)
        def stem = outputStem(outName)
        M2H_EXTEND_SAMPLES(table, extendSamples)
        def soi = M2H_EXTEND_SAMPLES.out.samples.splitText().map { line -> line.trim() }.filter { name -> name }
        M2H_EXTEND_SAMPLE(soi.combine(table), refhap, truth, params.extend_args, stem, params.outdir, publish)
        def variants = !params.input || isVariants(params.input)
        M2H_EXTEND(M2H_EXTEND_SAMPLES.out.samples, M2H_EXTEND_SAMPLE.out.dir.collect(), M2H_EXTEND_SAMPLE.out.row.collect(),
                   variants ? matrix : [], sampleList ? params.samples : 'auto', stem, params.outdir, publish)
        extendVersions = M2H_EXTEND_SAMPLE.out.versions.first()
    }

    def versions = params.input ? channel.empty() : M2H_SIMULATE.out.versions
    versions
        .mix(M2H_SPLIT.out.versions, M2H_TRANSFORM.out.versions.first(), M2H_MERGE.out.versions, extendVersions)
        .collectFile(name: 'versions.yml', storeDir: "${params.outdir}/pipeline_info")

    // What the run wrote (make run-nextflow ends with this line, as make run does).
    workflow.onComplete = {
        if (workflow.success) {
            def stem = outputStem(outName)
            def extended = !(params.extend_samples ?: (params.input ? '' : params.example_extend)) ? '' :
                "; extended: ${params.outdir}/${stem}.extended/" + (!params.input || isVariants(params.input) ? ", ${params.outdir}/${stem}.extended.vcf.gz" : '')
            log.info("Output: ${params.outdir}/${outName}, row accounting ${params.outdir}/${outputStem(outName)}.summary.tsv (chart .summary.svg), " +
                     "trace and report in ${params.outdir}/pipeline_info/${extended}")
        }
    }
}

// The transformed parts' extension, as workflow/rules/common.smk's part_extension: the
// encoding the output needs (plain parts for a plain output, BGZF for .gz, whose blocks
// the merge copies; BCF for BCF).
def partExtension(format, output) {
    if (format == 'bcf') {
        return 'bcf'
    }
    def base = format == 'vcf' ? 'vcf' : 'tsv'
    return output.endsWith('.gz') || output.endsWith('.bgz') ? "${base}.gz" : base
}

// --publish_mode auto: a hard link when the work directory and the output directory are on
// one filesystem, so that the merged output is not written a second time (a copy of a
// 14 GB matrix's output took 5-7 s here); a copy otherwise. Any other value is publishDir's.
def publishMode(mode, workDir, outdir) {
    if (mode != 'auto') {
        return mode
    }
    def work = existingPath(workDir.toAbsolutePath())
    def out = existingPath(file(outdir).toAbsolutePath())
    def posix = java.nio.file.FileSystems.getDefault()
    if (work == null || out == null || work.fileSystem != posix || out.fileSystem != posix) {
        return 'copy'
    }
    return java.nio.file.Files.getFileStore(work) == java.nio.file.Files.getFileStore(out) ? 'link' : 'copy'
}

// The path, or its nearest parent that exists (null if none does).
def existingPath(path) {
    return path == null || path.exists() ? path : existingPath(path.parent)
}

// min_parts auto: the tasks the run may run at once: the local executor's CPUs (executor.cpus,
// else the machine's), or the executor's queue size on a cluster.
def minParts(value) {
    if (value != 'auto') {
        return value as int
    }
    def name = workflow.session.config.navigate('process.executor') ?: 'local'
    if (name == 'local') {
        return (workflow.session.config.navigate('executor.cpus') ?: Runtime.runtime.availableProcessors()) as int
    }
    return (workflow.session.config.navigate('executor.queueSize') ?: 100) as int
}

// The output's name without its extensions, as workflow/rules/common.smk's STEM.
def outputStem(name) {
    return name.replaceAll(/(\.(gz|bgz|vcf|bcf|tsv|txt|hap))+$/, '') ?: 'output'
}

// The checks of workflow/rules/common.smk, before any task runs: one line naming the
// parameter that is wrong.
// A VCF or BCF input: a plain one told by its first bytes, as the tools tell it; a compressed
// one by its name (.vcf.gz, .vcf.bgz, .bcf: the pipeline's language offers no inflater).
def isVariants(input) {
    if (!input || !file(input).exists()) {
        return false
    }
    def name = file(input).name
    if (name.endsWith('.vcf.gz') || name.endsWith('.vcf.bgz') || name.endsWith('.bcf')) {
        return true
    }
    def raw = file(input).newInputStream()
    def start = new String(raw.readNBytes(16), 'ISO-8859-1')
    raw.close()
    return start.startsWith('##fileformat=VCF')
}

def checkParams(params) {
    def errors = []
    def formats = ['seed', 'hap', 'refhap', 'vcf', 'bcf']
    if (!(params.format in formats)) {
        errors << "--format '${params.format}' is not one of ${formats.join(', ')}"
    }
    if (!(params.split_by in ['size', 'chrom', 'rows'])) {
        errors << "--split_by '${params.split_by}' is not one of size, chrom, rows"
    }
    if (!(params.scatter in ['auto', 'copy', 'ranges'])) {
        errors << "--scatter '${params.scatter}' is not one of auto, copy, ranges"
    }
    def modes = ['auto', 'copy', 'link', 'move', 'symlink', 'rellink', 'copyNoFollow']
    if (!(params.publish_mode in modes)) {
        errors << "--publish_mode '${params.publish_mode}' is not one of ${modes.join(', ')}"
    }
    if (!(params.index in ['csi', 'tbi'])) {
        errors << "--index '${params.index}' is not one of csi, tbi"
    }
    if (!(params.part_size_mb instanceof Integer) || params.part_size_mb < 1) {
        errors << "--part_size_mb '${params.part_size_mb}' is not a whole number >= 1"
    }
    if (params.min_parts != 'auto' && !(params.min_parts instanceof Integer && params.min_parts >= 1)) {
        errors << "--min_parts '${params.min_parts}' is not auto or a whole number >= 1"
    }
    if (!(params.rows_per_part instanceof Integer) || params.rows_per_part < 1) {
        errors << "--rows_per_part '${params.rows_per_part}' is not a whole number >= 1"
    }
    if (!(params.compression_level instanceof Integer) || params.compression_level < 0 || params.compression_level > 9) {
        errors << "--compression_level '${params.compression_level}' is not a whole number from 0 to 9"
    }
    if (!(params.retries instanceof Integer) || params.retries < 0) {
        errors << "--retries '${params.retries}' is not a whole number >= 0"
    }
    if (params.input && !file(params.input).exists()) {
        errors << "--input '${params.input}' does not exist"
    }
    if (params.header && !file(params.header).exists()) {
        errors << "--header '${params.header}' does not exist"
    }
    if (params.extend_refhap && !file(params.extend_refhap).exists()) {
        errors << "--extend_refhap '${params.extend_refhap}' does not exist"
    }
    if (params.extend_truth && !file(params.extend_truth).exists()) {
        errors << "--extend_truth '${params.extend_truth}' does not exist"
    }
    if (params.contig_lengths && !file(params.contig_lengths).exists()) {
        errors << "--contig_lengths '${params.contig_lengths}' does not exist"
    }
    if (params.samples != 'auto' && !isVariants(params.input) && !file(params.samples).exists()) {
        errors << "--samples: sample sheet '${params.samples}' does not exist"
    }
    def out = params.output.toString()
    def isVcf = out.endsWith('.vcf') || out.endsWith('.vcf.gz') || out.endsWith('.vcf.bgz')
    def fits = params.format == 'vcf' ? isVcf : params.format == 'bcf' ? out.endsWith('.bcf') : !(isVcf || out.endsWith('.bcf'))
    if (params.format in formats && !fits) {
        errors << "--output '${out}' does not suit format '${params.format}'"
    }
    if (errors) {
        error("matrix2hap params: ${errors.join('; ')}")
    }
}
