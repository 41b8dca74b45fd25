// Phase extension (--extend_samples): each sample of interest's read-backed blocks joined by
// m2h-extend on the whole hap table, so that no part boundary cuts a contig's extension; one
// task per sample (scheduled, retried and cached one by one), its files in
// NAME.extended/<sample>/. A last task writes the summary (blocks and N50 before and after,
// switch errors against a truth) and its chart, and, from a VCF/BCF input, the
// extension back into it: NAME.extended.vcf.gz. The commands are workflow/bin/m2h-wf-extend's,
// shared with the Snakemake rules.

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

// A phased VCF/BCF panel (--extend_refhap) as the refhap table m2h-extend reads, once.
process M2H_EXTEND_PANEL {
    tag "${panel.name}"
    label 'process_single'

    input:
    path panel, stageAs: 'input/*'

    output:
    path 'panel.tsv', emit: panel

    script:
    """
    exec m2h-transform --format refhap -o panel.tsv ${panel}
    """

    stub:
    """
    touch panel.tsv
    """
}

// The samples of interest: all of the table's, or those listed (each checked to be in it).
process M2H_EXTEND_SAMPLES {
    tag "${samples}"
    label 'process_single'

    input:
    path table, stageAs: 'table/*'
    val samples   // all, or a,b,c

    output:
    path 'samples.txt', emit: samples

    script:
    """
    exec m2h-wf-extend samples ${table} '${samples}' samples.txt
    """

    stub:
    """
    echo soi > samples.txt
    """
}

process M2H_EXTEND_SAMPLE {
    tag "${sample}"
    label 'process_extend'
    publishDir "${outdir}/${stem}.extended", mode: "${publish_mode}", saveAs: { f -> f.startsWith('out/') ? f.substring(4) : null }

    input:
    tuple val(sample), path(table, stageAs: 'table/*')
    path refhap, stageAs: 'refhap/*'  // a refhap table, or [] for none
    path truth, stageAs: 'truth/*'    // the truth to score the extension against, or []
    val args          // more m2h-extend options
    val stem          // the output's name without extensions
    val outdir        // where NAME.extended is published
    val publish_mode  // how: a publishDir mode

    output:
    path "out/${sample}", emit: dir
    path "rows/${sample}.row", emit: row
    path 'versions.yml', emit: versions

    script:
    def panel = refhap ? "${refhap}" : ''
    def score = truth ? "${truth}" : ''
    """
    cat <<-END_VERSIONS > versions.yml
    "${task.process}":
        m2h-extend: \$(m2h-extend --version | cut -d' ' -f2)
    END_VERSIONS
    mkdir -p out rows
    exec m2h-wf-extend sample --refhap='${panel}' --args='${args} --threads ${task.cpus}' --truth='${score}' ${table} '${sample}' 'out/${sample}' 'rows/${sample}.row'
    """

    stub:
    """
    mkdir -p 'out/${sample}' rows
    touch 'rows/${sample}.row'
    printf '"%s":\\n    m2h-extend: stub\\n' "${task.process}" > versions.yml
    """
}

process M2H_EXTEND {
    tag "${stem}"
    label 'process_single'
    publishDir "${outdir}", mode: "${publish_mode}", saveAs: { f -> f.startsWith('rows/') ? null : f }

    input:
    path samples, stageAs: 'samples.txt'  // the samples of interest, in their order
    path dirs, stageAs: 'extended/*'      // their directories
    path rows, stageAs: 'rows/*'          // their summary lines
    path vcf, stageAs: 'input/*'      // a VCF/BCF input, to write the extension back into; [] else
    val vcfSamples    // its samples: auto, or a,b,c
    val stem          // the output's name without extensions
    val outdir        // where NAME.extended is published
    val publish_mode  // how: a publishDir mode

    output:
    path "${stem}.extended/summary.tsv", emit: summary
    path "${stem}.extended/summary.svg", emit: chart
    path "${stem}.extended.vcf.gz{,.csi}", emit: vcf, optional: true

    script:
    def back = vcf ? "--vcf=${vcf} --vcf-samples='${vcfSamples}' --vcf-out=${stem}.extended.vcf.gz" : ''
    """
    mkdir -p ${stem}.extended
    readarray -t names < samples.txt
    m2h-wf-extend gather ${back} ${stem}.extended/summary.tsv rows "\${names[@]/#/extended/}"
    exec m2h-wf-chart --extension ${stem}.extended/summary.tsv ${stem}.extended/summary.svg
    """

    stub:
    """
    mkdir -p ${stem}.extended
    touch ${stem}.extended/summary.tsv ${stem}.extended/summary.svg
    """
}
