// One part into the chosen format, with its row counts (stats) for the row accounting.
// The command is workflow/bin/m2h-wf-transform, shared with the Snakemake rule.
// In this module, split.nf and M2H_MERGE the step's command comes last and replaces the
// task's shell (exec), with versions.yml written before it: Nextflow samples every process
// of a task for its metrics (a dozen commands each time), and one process costs least.
process M2H_TRANSFORM {
    tag "${name}"
    label 'process_single'

    input:
    tuple val(name), val(part), path(parts)   // part number, split directory
    // The matrix: with byte ranges (scatter ranges) the manifest names it by its real path,
    // which a task in a container sees only when it is one of the task's inputs.
    path matrix, stageAs: 'matrix/*'
    path sheet    // a matrix's sample sheet, or [] (--samples auto, or a VCF's list)
    val list      // a VCF's samples (a,b,c), or 'auto'
    path lengths  // contig lengths, or [] for none
    val format    // seed, hap, refhap, vcf or bcf
    val level     // BGZF compression level of a compressed part, 0-9
    val ext       // of the transformed part: tsv.gz, vcf.gz or bcf

    output:
    path "out/${name}.${ext}", emit: part
    path "${name}.tsv",        emit: stats
    path 'versions.yml',       emit: versions

    script:
    def samples = sheet ? "${sheet}" : list
    def contigLengths = lengths ? "${lengths}" : ''
    """
    mkdir -p out
    cat <<-END_VERSIONS > versions.yml
    "${task.process}":
        m2h-transform: \$(m2h-transform --version | cut -d' ' -f2)
    END_VERSIONS
    exec m2h-wf-transform --contig-lengths '${contigLengths}' -l ${level} ${parts}/manifest.tsv ${part} ${samples} ${format} ${task.cpus} out/${name}.${ext} ${name}.tsv
    """

    stub:
    """
    mkdir -p out
    touch out/${name}.${ext}
    printf 'input\\trows_read\\trows_written\\trows_skipped\\twall_s\\tmax_rss_mib\\n${name}\\t0\\t0\\t0\\t0\\t0\\n' > ${name}.tsv
    printf '"%s":\\n    m2h-transform: stub\\n' "${task.process}" > versions.yml
    """
}
