# Phase extension (extend_samples): each sample of interest's read-backed blocks joined by
# m2h-extend on the whole hap table, so that no part boundary cuts a contig's extension;
# NAME.extended/<sample>/ holds m2h-extend's files (phase-extender 0.1.8's, byte for byte).
# One job extends every sample, resources.extend.threads of them at once; from a VCF/BCF
# input, it writes the extension back into it too: NAME.extended.vcf.gz.


rule extend_table:
    # Only when the output is not the hap table itself: one made from the whole input.
    input:
        config["input"],
    output:
        temp(f"{WORK}/extend/table.tsv"),
    log:
        f"{LOGS}/extend_table.log",
    benchmark:
        f"{BENCH}/extend_table.tsv"
    retries: RETRIES
    threads: 1
    resources:
        mem_mb=grows(256),
        runtime=grows(60),
    params:
        header=(
            f"--header-file {shlex.quote(config['header'])}"
            if config["header"]
            else ""
        ),
        samples=config["samples"],
    shell:
        "m2h-transform --format hap --samples {params.samples:q} {params.header} -o {output:q} {input:q} 2> {log:q}"


rule extend:
    input:
        table=HAP_TABLE,
        refhap=[config["extend_refhap"]] if config.get("extend_refhap") else [],
    output:
        extended=directory(f"{OUTDIR}/{STEM}.extended"),
        vcf=EXTENDED_VCF,
    log:
        f"{LOGS}/extend.log",
    benchmark:
        f"{BENCH}/extend.tsv"
    retries: RETRIES
    threads: step_resource("extend", "threads", 2)
    resources:
        mem_mb=grows(step_resource("extend", "mem_mb", 256)),
        runtime=grows(step_resource("extend", "runtime", 60)),
    params:
        samples=EXTEND_SAMPLES,
        args=config.get("extend_args", ""),
        vcf=(
            f"--vcf={shlex.quote(config['input'])} --vcf-samples={shlex.quote(config['samples'])}"
            f" --vcf-out={shlex.quote(EXTENDED_VCF[0])}"
            if EXTENDED_VCF
            else ""
        ),
    shell:
        "m2h-wf-extend --refhap={input.refhap:q} --args={params.args:q} {params.vcf}"
        " {input.table:q} {params.samples:q} {threads} {output.extended:q} 2> {log:q}"
