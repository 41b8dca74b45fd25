# split is a checkpoint: the parts (of about part_size_mb each, one per chromosome, or
# rows_per_part rows) are known only once it has run. Parts are byte ranges of the input
# (scatter: ranges, nothing copied) or LZ4 copies (temporary); the manifest is kept for
# the row accounting and the merge order.


checkpoint split:
    input:
        matrix=config["input"],
        header=[config["header"]] if config["header"] else [],
    output:
        parts=temp(directory(f"{WORK}/parts")),
        manifest=f"{WORK}/manifest.tsv",
    log:
        f"{LOGS}/split.log",
    benchmark:
        f"{BENCH}/split.tsv"
    retries: RETRIES
    threads: threads_of("split")
    resources:
        mem_mb=mem_mb_of("split"),
        runtime=runtime_of("split"),
    params:
        header=f"--header {shlex.quote(config['header'])}" if config["header"] else "",
        split_by=config["split_by"],
        rows=config["rows_per_part"],
        part_size_mb=config["part_size_mb"],
        scatter=config["scatter"],
    shell:
        "m2h-wf-split {params.header} --rows {params.rows} --part-size-mb {params.part_size_mb} --min-parts $M2H_MIN_PARTS"
        " {input.matrix:q} {params.split_by} {params.scatter} {threads} {output.parts:q}"
        " 2> {log:q} && cp {output.parts:q}/manifest.tsv {output.manifest:q}"
