// Phase extension (--extend_samples): each sample of interest's read-backed blocks joined by
// m2h-extend on the whole hap table, so that no part boundary cuts a contig's extension; its
// files in NAME.extended/<sample>/. The command is workflow/bin/m2h-wf-extend, shared with the
// Snakemake rule; one task extends every sample, task.cpus of them at once; from a VCF/BCF
// input, it writes the extension back into it too: NAME.extended.vcf.gz.

// The whole hap table, when the output is not that table itself: one made from the input.
process M2H_EXTEND_TABLE {
    tag "${matrix.name}"
    label 'process_single'

    input:
    path matrix
    path header   // [] when the header is the matrix's first line
    path sheet    // a matrix's sample sheet, or []
    val list      // a VCF's samples (a,b,c), or 'auto'

    output:
    path 'table.tsv', emit: table

    script:
    def samples = sheet ? "${sheet}" : list
    def headerOpt = header ? "--header-file ${header}" : ''
    """
    exec m2h-transform --format hap --samples '${samples}' ${headerOpt} -o table.tsv ${matrix}
    """

    stub:
    """
    touch table.tsv
    """
}

process M2H_EXTEND {
    tag "${stem}"
    label 'process_low'
    publishDir "${outdir}", mode: "${publish_mode}", saveAs: { f -> f == 'versions.yml' ? null : f }

    input:
    path table, stageAs: 'table/*'
    path refhap, stageAs: 'refhap/*'  // [] for none
    path vcf, stageAs: 'input/*'      // a VCF/BCF input, to write the extension back into; [] else
    val vcfSamples    // its samples: auto, or a,b,c
    val samples       // all, or a,b,c
    val args          // more m2h-extend options
    val stem          // the output's name without extensions
    val outdir        // where NAME.extended is published
    val publish_mode  // how: a publishDir mode

    output:
    path "${stem}.extended", emit: extended
    path "${stem}.extended.vcf.gz{,.csi}", emit: vcf, optional: true
    path 'versions.yml',     emit: versions

    script:
    def panel = refhap ? "${refhap}" : ''
    def back = vcf ? "--vcf=${vcf} --vcf-samples='${vcfSamples}' --vcf-out=${stem}.extended.vcf.gz" : ''
    """
    cat <<-END_VERSIONS > versions.yml
    "${task.process}":
        m2h-extend: \$(m2h-extend --version | cut -d' ' -f2)
    END_VERSIONS
    exec m2h-wf-extend --refhap='${panel}' --args='${args}' ${back} ${table} '${samples}' ${task.cpus} ${stem}.extended
    """

    stub:
    """
    mkdir ${stem}.extended
    printf '"%s":\\n    m2h-extend: stub\\n' "${task.process}" > versions.yml
    """
}
