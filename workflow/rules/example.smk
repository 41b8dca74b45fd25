# The bundled example: a small simulated read-backed phased VCF (samples in read-backed
# blocks, others phased whole, with linkage), written only when the configured input is its
# path and it is missing, so a fresh clone runs the whole pipeline with no data of its own.


rule simulate_example:
    output:
        EXAMPLE_INPUT,
    log:
        f"{LOGS}/simulate_example.log",
    benchmark:
        f"{BENCH}/simulate_example.tsv"
    retries: RETRIES
    threads: 1
    resources:
        mem_mb=grows(64),
        runtime=grows(10),
    params:
        rows=config.get("example", {}).get("rows", 200000),
        chroms=config.get("example", {}).get("chroms", 4),
        seed=config.get("example", {}).get("seed", 1),
    shell:
        "m2h-simulate --read-backed --rows {params.rows} --chroms {params.chroms} --seed {params.seed}"
        " --samples 6 --read-backed-samples 3 -o {output:q} 2> {log:q}"
