#!/usr/bin/env nextflow
/*
 * matrix2hap: a genome matrix -> phased haplotype table, phase-Extender panel or VCF/BCF.
 *
 *   M2H_SPLIT -> M2H_TRANSFORM (one task per part) -> M2H_SUMMARY (row accounting) -> M2H_MERGE
 *
 * The same graph, parameter names and step commands (workflow/bin/m2h-wf-*) as the Snakemake
 * workflow. Run: nextflow run workflow/main.nf --input m.tsv.gz --output results/m.vcf.gz
 * Without --input it runs on a small simulated example (as Snakemake's default config does).
 */
nextflow.enable.dsl = 2

include { M2H_SPLIT; M2H_SIMULATE } from './modules/split'
include { M2H_TRANSFORM             } from './modules/transform'
include { M2H_SUMMARY; M2H_MERGE    } from './modules/merge'

def FORMATS = ['seed', 'hap', 'vcf', 'bcf']
def PART_EXT = [seed: 'tsv.gz', hap: 'tsv.gz', vcf: 'vcf.gz', bcf: 'bcf']

// The checks of workflow/rules/common.smk, before any task runs.
def validateParams() {
    def errors = []
    if (!(params.format in FORMATS)) errors << "--format '${params.format}' is not one of ${FORMATS}"
    if (!(params.split_by in ['chrom', 'rows'])) errors << "--split_by '${params.split_by}' is not one of [chrom, rows]"
    if (!(params.scatter in ['copy', 'ranges'])) errors << "--scatter '${params.scatter}' is not one of [copy, ranges]"
    if (!(params.rows_per_part instanceof Integer) || params.rows_per_part < 1) errors << "--rows_per_part must be a whole number >= 1"
    if (params.input && !file(params.input).exists()) errors << "--input '${params.input}' does not exist"
    if (params.header && !file(params.header).exists()) errors << "--header '${params.header}' does not exist"
    if (params.samples != 'auto' && !file(params.samples).exists()) errors << "--samples: sample sheet '${params.samples}' does not exist"
    def out = params.output
    def isVcf = out.endsWith('.vcf') || out.endsWith('.vcf.gz') || out.endsWith('.vcf.bgz')
    def fits = params.format == 'vcf' ? isVcf : params.format == 'bcf' ? out.endsWith('.bcf') : !(isVcf || out.endsWith('.bcf'))
    if (!fits) errors << "--output '${out}' does not suit format '${params.format}'"
    if (errors) error("matrix2hap params: " + errors.join('; '))
}

workflow {
    validateParams()
    versions = Channel.empty()

    if (params.input) {
        matrix = Channel.value(file(params.input))
    } else {
        M2H_SIMULATE()
        matrix = M2H_SIMULATE.out.matrix
        versions = versions.mix(M2H_SIMULATE.out.versions)
    }
    ext = PART_EXT[params.format]
    out_name = file(params.output).name
    stem = out_name.replaceAll(/(\.(gz|bgz|vcf|bcf|tsv|txt|hap))+$/, '')  // as common.smk's STEM
    header = params.header ? file(params.header) : []
    sheet = params.samples == 'auto' ? [] : file(params.samples)

    M2H_SPLIT(matrix, header)
    // One task per manifest row, named part-000001 for part 1 (as the Snakemake workflow
    // names them), each given the split directory (part files, or the ranges' header/index).
    parts = M2H_SPLIT.out.manifest
        .splitCsv(header: true, sep: '\t')
        .map { row -> tuple(String.format('part-%06d', row.part as int), row.part as int) }
        .combine(M2H_SPLIT.out.parts)
    M2H_TRANSFORM(parts, sheet, ext)

    M2H_SUMMARY(M2H_SPLIT.out.manifest, M2H_TRANSFORM.out.stats.collect(), stem)
    // The merge reads the order from the manifest, so the order parts arrive in does not matter.
    M2H_MERGE(M2H_SPLIT.out.manifest, M2H_TRANSFORM.out.part.collect(), M2H_SUMMARY.out.summary, ext, out_name)

    versions
        .mix(M2H_SPLIT.out.versions, M2H_TRANSFORM.out.versions.first(), M2H_MERGE.out.versions)
        .collectFile(name: 'versions.yml', storeDir: "${params.outdir ?: (file(params.output).parent ?: '.')}/pipeline_info")
}
