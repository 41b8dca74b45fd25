// Row accounting and its chart (one task: both are small), then the merge in manifest order.
// The commands are workflow/bin/m2h-wf-summary, m2h-wf-chart and m2h-wf-merge, shared with
// the Snakemake rules. Both publish into outdir (the output's directory); main.nf's
// publishMode chooses how.
process M2H_SUMMARY {
    tag "${manifest.name}"
    label 'process_single'
    publishDir "${outdir}", mode: "${publish_mode}"

    input:
    path manifest
    path stats, stageAs: 'stats/*'
    val stem          // the output's name without extensions
    val outdir        // where it is published
    val publish_mode  // how: a publishDir mode

    output:
    path "${stem}.summary.tsv", emit: summary
    path "${stem}.summary.svg", emit: chart

    script:
    """
    m2h-wf-summary ${manifest} stats ${stem}.summary.tsv
    m2h-wf-chart ${stem}.summary.tsv stats ${stem}.summary.svg
    """

    stub:
    """
    touch ${stem}.summary.tsv ${stem}.summary.svg
    """
}

process M2H_MERGE {
    tag "${out_name}"
    label 'process_single'
    publishDir "${outdir}", mode: "${publish_mode}", saveAs: { f -> f == 'versions.yml' ? null : f }

    input:
    path manifest
    path parts, stageAs: 'parts/*'
    path summary  // only to run after the row accounting has passed
    val ext       // of the parts: tsv, tsv.gz, vcf, vcf.gz or bcf
    val out_name  // the file name of --output
    val index     // of a .vcf.gz output: csi or tbi
    val outdir        // where the output and its index are published
    val publish_mode  // how: a publishDir mode

    output:
    path "${out_name}",                     emit: merged
    path "${out_name}.{tbi,csi}",           emit: index, optional: true
    path 'versions.yml',                    emit: versions

    script:
    """
    cat <<-END_VERSIONS > versions.yml
    "${task.process}":
        m2h-merge: \$(m2h-merge --version | cut -d' ' -f2)
    END_VERSIONS
    exec m2h-wf-merge --index-format ${index} ${manifest} parts ${ext} ${task.cpus} ${out_name}
    """

    stub:
    """
    touch ${out_name}
    printf '"%s":\\n    m2h-merge: stub\\n' "${task.process}" > versions.yml
    """
}
