# split is a checkpoint: the parts (one per chromosome, or per rows_per_part rows) are
# known only once it has run. Parts are BGZF and temporary (or, with scatter: ranges,
# byte ranges of the input: nothing copied); the manifest is kept for the row accounting
# and the merge order.


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
    params:
        header=f"--header {shlex.quote(config['header'])}" if config["header"] else "",
        split_by=config["split_by"],
        rows=config["rows_per_part"],
        scatter=config.get("scatter", "copy"),
    threads: threads_of("split")
    resources:
        mem_mb=mem_mb_of("split"),
        runtime=runtime_of("split"),
    retries: RETRIES
    shell:
        "m2h-wf-split {params.header} {input.matrix:q} {params.split_by} {params.rows} {params.scatter} {threads} {output.parts:q}"
        " 2> {log:q} && cp {output.parts:q}/manifest.tsv {output.manifest:q}"
