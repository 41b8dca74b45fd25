# Phase extension (extend_samples): each sample of interest's read-backed blocks joined by
# m2h-extend on the whole hap table, so that no part boundary cuts a contig's extension; one
# job per sample (scheduled, retried and resumed one by one), NAME.extended/<sample>/ with
# m2h-extend's files (phase-extender 0.1.8's, byte for byte). A last job writes the summary
# (blocks and N50 before and after, switch errors against a truth) and its chart, and, from a VCF/BCF input, the extension back into it: NAME.extended.vcf.gz.


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


rule extend_panel:
    # A phased VCF/BCF panel (extend_refhap) as the refhap table m2h-extend reads, once.
    input:
        config.get("extend_refhap") or [],
    output:
        temp(f"{WORK}/extend/panel.tsv"),
    log:
        f"{LOGS}/extend_panel.log",
    retries: RETRIES
    threads: 1
    resources:
        mem_mb=grows(256),
        runtime=grows(60),
    shell:
        "m2h-transform --format refhap -o {output:q} {input:q} 2> {log:q}"


checkpoint extend_samples:
    # The samples of interest: all of the table's, or those listed (each checked to be in it).
    input:
        HAP_TABLE,
    output:
        f"{WORK}/extend/samples.txt",
    log:
        f"{LOGS}/extend_samples.log",
    retries: RETRIES
    threads: 1
    resources:
        mem_mb=grows(64),
        runtime=grows(10),
    params:
        samples=EXTEND_SAMPLES,
    shell:
        "m2h-wf-extend samples {input:q} {params.samples:q} {output:q} 2> {log:q}"


rule extend_sample:
    input:
        table=HAP_TABLE,
        refhap=EXTEND_PANEL,
        truth=[EXTEND_TRUTH] if EXTEND_TRUTH else [],
    output:
        dir=directory(f"{EXTENDED_DIR}/{{sample}}"),
        row=f"{WORK}/extend/rows/{{sample}}.row",
    log:
        f"{LOGS}/extend/{{sample}}.log",
    benchmark:
        f"{BENCH}/extend/{{sample}}.tsv"
    wildcard_constraints:
        sample=r"(?!summary\.tsv$)[^/]+",
    retries: RETRIES
    threads: step_resource("extend", "threads", 1)
    resources:
        mem_mb=grows(step_resource("extend", "mem_mb", 256)),
        runtime=grows(step_resource("extend", "runtime", 60)),
    params:
        args=lambda w, threads: f"{config.get('extend_args', '')} --threads {threads}".strip(),
    shell:
        "m2h-wf-extend sample --refhap={input.refhap:q} --args={params.args:q} --truth={input.truth:q}"
        " {input.table:q} {wildcards.sample:q} {output.dir:q} {output.row:q} 2> {log:q}"


rule extend:
    input:
        dirs=lambda w: [f"{EXTENDED_DIR}/{s}" for s in extended_samples(w)],
        rows=lambda w: [f"{WORK}/extend/rows/{s}.row" for s in extended_samples(w)],
    output:
        summary=report(
            EXTENDED, caption="../report/extension.rst", category="Extension"
        ),
        chart=report(
            EXTENDED_CHART, caption="../report/extension.rst", category="Extension"
        ),
        vcf=EXTENDED_VCF,
    log:
        f"{LOGS}/extend.log",
    benchmark:
        f"{BENCH}/extend.tsv"
    retries: RETRIES
    threads: 1
    resources:
        mem_mb=grows(256),
        runtime=grows(60),
    params:
        rows=f"{WORK}/extend/rows",
        vcf=(
            f"--vcf={shlex.quote(config['input'])} --vcf-samples={shlex.quote(config['samples'])}"
            f" --vcf-out={shlex.quote(EXTENDED_VCF[0])}"
            if EXTENDED_VCF
            else ""
        ),
    shell:
        "(m2h-wf-extend gather {params.vcf} {output.summary:q} {params.rows:q} {input.dirs:q}"
        " && m2h-wf-chart --extension {output.summary:q} {output.chart:q}) 2> {log:q}"
