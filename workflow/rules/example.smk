# The bundled example: a small simulated read-backed phased VCF (samples in read-backed
# blocks, others phased whole, with linkage) and its truth (the extension is scored against
# it), written only when the configured input is its path and it is missing, so a fresh
# clone runs the whole pipeline with no data of its own.


rule simulate_example:
    output:
        vcf=EXAMPLE_INPUT,
        truth=EXAMPLE_TRUTH,
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
        " --samples 6 --read-backed-samples 3 --truth {output.truth:q} -o {output.vcf:q} 2> {log:q}"
