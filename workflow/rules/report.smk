# The picture of the report: per part, rows read and written and the transform's wall time
# and peak memory, as the tool measured them itself (--stats: getrusage). The same step
# command as Nextflow's M2H_SUMMARY runs (workflow/bin/m2h-wf-chart: awk, with the tools).


rule chart:
    input:
        summary=SUMMARY,
        stats=part_stats,
        # The split's directory (temporary), as for the merge: kept until the chart has run
        # too, so a run killed between the merge and the chart resumes without splitting.
        split=f"{WORK}/parts",
    output:
        report(CHART, caption="../report/chart.rst", category="Summary"),
    log:
        f"{LOGS}/chart.log",
    retries: RETRIES
    threads: 1
    resources:
        mem_mb=grows(64),
        runtime=grows(10),
    params:
        stats_dir=f"{WORK}/stats",
    shell:
        "m2h-wf-chart {input.summary:q} {params.stats_dir:q} {output:q} 2> {log:q}"
