# The picture of the report: per part, rows read and written and the transform's wall time
# and peak memory, as the tool measured them itself (--stats: getrusage). A local job in Snakemake's own Python (with matplotlib), outside
# the tools' container, which has no Python.


rule chart:
    input:
        summary=SUMMARY,
        stats=part_stats,
    output:
        report(CHART, caption="../report/chart.rst", category="Summary"),
    log:
        f"{LOGS}/chart.log",
    conda:
        "../envs/report.yaml"
    container:
        None
    threads: 1
    resources:
        mem_mb=grows(256),
        runtime=grows(10),
    script:
        "../scripts/summary_chart.py"
