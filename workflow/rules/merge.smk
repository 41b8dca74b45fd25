# Row accounting, then the merge of the transformed parts in manifest order.


rule summary:
    input:
        manifest=f"{WORK}/manifest.tsv",
        stats=part_stats,
    output:
        report(SUMMARY, caption="../report/summary.rst", category="Summary"),
    log:
        f"{LOGS}/summary.log",
    benchmark:
        f"{BENCH}/summary.tsv"
    retries: RETRIES
    threads: 1
    resources:
        mem_mb=grows(64),
        runtime=grows(10),
    params:
        stats_dir=f"{WORK}/stats",
    shell:
        "m2h-wf-summary {input.manifest:q} {params.stats_dir:q} {output:q} 2> {log:q}"


rule merge:
    input:
        manifest=f"{WORK}/manifest.tsv",
        summary=SUMMARY,
        parts=transformed_parts,
        # The split's (temporary) directory, so it is removed only after the merge: while
        # it exists the checkpoint counts as done, and a run killed before the merge
        # resumes without splitting again.
        split=f"{WORK}/parts",
    output:
        merged=OUTPUT,
        index=INDEX,
    log:
        f"{LOGS}/merge.log",
    benchmark:
        f"{BENCH}/merge.tsv"
    retries: RETRIES
    threads: threads_of("merge")
    resources:
        mem_mb=mem_mb_of("merge"),
        runtime=runtime_of("merge"),
    params:
        part_dir=f"{WORK}/transformed",
        ext=PART_EXT,
        index=INDEX_FORMAT,
    shell:
        "m2h-wf-merge --index-format {params.index} {input.manifest:q} {params.part_dir:q} {params.ext} {threads} {output.merged:q} 2> {log:q}"
