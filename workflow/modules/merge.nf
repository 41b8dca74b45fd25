// Row accounting, then the merge in manifest order. The commands are
// workflow/bin/m2h-wf-summary and m2h-wf-merge, shared with the Snakemake rules.
process M2H_SUMMARY {
    tag "${manifest.name}"
    label 'process_single'

    input:
    path manifest
    path stats, stageAs: 'stats/*'
    val stem      // the output's name without extensions

    output:
    path "${stem}.summary.tsv", emit: summary

    script:
    """
    m2h-wf-summary ${manifest} stats ${stem}.summary.tsv
    """

    stub:
    """
    touch ${stem}.summary.tsv
    """
}

process M2H_MERGE {
    tag "${out_name}"
    label 'process_low'

    input:
    path manifest
    path parts, stageAs: 'parts/*'
    path summary  // only to run after the row accounting has passed
    val ext       // of the parts: tsv, tsv.gz, vcf, vcf.gz or bcf
    val out_name  // the file name of --output
    val index     // of a .vcf.gz output: csi or tbi

    output:
    path "${out_name}",                     emit: merged
    path "${out_name}.{tbi,csi}",           emit: index, optional: true
    path 'versions.yml',                    emit: versions

    script:
    """
    m2h-wf-merge --index-format ${index} ${manifest} parts ${ext} ${task.cpus} ${out_name}

    cat <<-END_VERSIONS > versions.yml
    "${task.process}":
        m2h-merge: \$(m2h-merge --version | cut -d' ' -f2)
    END_VERSIONS
    """

    stub:
    """
    touch ${out_name}
    printf '"%s":\\n    m2h-merge: stub\\n' "${task.process}" > versions.yml
    """
}
