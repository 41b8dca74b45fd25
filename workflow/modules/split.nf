// Split the matrix into parts (by size, per chromosome or per rows_per_part rows) and the
// manifest: byte ranges of the matrix (--scatter ranges), or LZ4 copies (copy). The
// command is workflow/bin/m2h-wf-split, shared with the Snakemake rule.
process M2H_SPLIT {
    tag "${matrix.name}"
    label 'process_low'

    input:
    path matrix
    path header          // [] when the header is the matrix's first line
    val split_by         // size, chrom or rows
    val part_size_mb     // with split_by size
    val min_parts        // with split_by size: at least this many parts (none under 64 MB)
    val rows_per_part    // with split_by rows
    val scatter          // ranges, copy or auto

    output:
    path 'parts',               emit: parts
    path 'parts/manifest.tsv',  emit: manifest
    path 'versions.yml',        emit: versions

    script:
    def header_opt = header ? "--header ${header}" : ''
    """
    cat <<-END_VERSIONS > versions.yml
    "${task.process}":
        m2h-split: \$(m2h-split --version | cut -d' ' -f2)
    END_VERSIONS
    exec m2h-wf-split ${header_opt} --rows ${rows_per_part} --part-size-mb ${part_size_mb} --min-parts ${min_parts} ${matrix} ${split_by} ${scatter} ${task.cpus} parts
    """

    stub:
    """
    mkdir parts
    printf 'part\\tkey\\trows\\tbytes\\tpath\\n1\\tchr1\\t0\\t0\\tpart-000001-chr1.tsv.gz\\n' > parts/manifest.tsv
    touch parts/part-000001-chr1.tsv.gz
    printf '"%s":\\n    m2h-split: stub\\n' "${task.process}" > versions.yml
    """
}

// The bundled example, used when no --input is given: a small simulated read-backed phased VCF
// and its truth (the extension is scored against it).
process M2H_SIMULATE {
    tag "${rows} rows"
    label 'process_single'

    input:
    val rows
    val chroms
    val seed

    output:
    path 'phased.vcf.gz',       emit: matrix
    path 'phased.truth.tsv.gz', emit: truth
    path 'versions.yml',        emit: versions

    script:
    """
    m2h-simulate --read-backed --rows ${rows} --chroms ${chroms} --seed ${seed} --samples 6 --read-backed-samples 3 --truth phased.truth.tsv.gz -o phased.vcf.gz

    cat <<-END_VERSIONS > versions.yml
    "${task.process}":
        m2h-simulate: \$(m2h-simulate --version | cut -d' ' -f2)
    END_VERSIONS
    """

    stub:
    """
    touch phased.vcf.gz phased.truth.tsv.gz
    printf '"%s":\\n    m2h-simulate: stub\\n' "${task.process}" > versions.yml
    """
}
