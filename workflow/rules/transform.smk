# One transform job per part; its --stats feed the row accounting (rule summary).
# The input is split's directory itself, so that the directory (temporary) is removed
# once every transform has run, and so that each job is tied to the split that made it.


rule transform:
    input:
        parts=f"{WORK}/parts",
        lengths=CONTIG_LENGTHS,
    output:
        part=temp(f"{WORK}/transformed/{{part}}.{PART_EXT}"),
        stats=f"{WORK}/stats/{{part}}.tsv",
    log:
        f"{LOGS}/transform/{{part}}.log",
    benchmark:
        f"{BENCH}/transform/{{part}}.tsv"
    retries: RETRIES
    threads: threads_of("transform")
    resources:
        mem_mb=mem_mb_of("transform"),
        runtime=runtime_of("transform"),
    params:
        part=lambda wildcards: int(wildcards.part.removeprefix("part-")),
        samples=config["samples"],
        format=config["format"],
        level=config.get("compression_level", 6),
        lengths=CONTIG_LENGTHS_OPT,
    shell:
        "m2h-wf-transform {params.lengths} -l {params.level}"
        " {input.parts:q}/manifest.tsv {params.part} {params.samples:q} {params.format} {threads} {output.part:q} {output.stats:q}"
        " 2> {log:q}"
