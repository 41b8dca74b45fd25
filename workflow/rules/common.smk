# Configuration checks and the paths every rule shares.
#
# The config is checked here, while the Snakefile is read, so a wrong key, a missing
# input or a sample sheet naming a missing column stops the run before any job, with
# one line naming the problem.

import csv
import gzip
import os
import re
import shlex
import sys

import jsonschema
import snakemake
import yaml
from snakemake.exceptions import WorkflowError

EXAMPLE_INPUT = "resources/example/phased.vcf.gz"
EXAMPLE_TRUTH = "resources/example/phased.truth.tsv.gz"  # its true haplotypes


def part_extension(fmt, output):
    """The transformed parts' extension: the encoding the output needs (plain parts for a
    plain output, BGZF for .gz, whose blocks the merge copies; BCF for BCF)."""
    compressed = output.endswith((".gz", ".bgz"))
    if fmt == "bcf":
        return "bcf"
    base = "vcf" if fmt == "vcf" else "tsv"
    return f"{base}.gz" if compressed else base


def config_error(message):
    """One line, as Nextflow's parameter check gives; Snakemake's traceback with --verbose."""
    verbose = getattr(getattr(workflow, "output_settings", None), "verbose", None)
    if verbose or getattr(workflow, "verbose", False):  # Snakemake 8+; 7
        raise WorkflowError(f"matrix2hap config: {message}")
    sys.stderr.write(f"matrix2hap config: {message}\n")
    sys.stderr.flush()
    # Snakemake 7 reports a SystemExit raised while the Snakefile is read as an error of its
    # own, with a traceback; nothing is running yet, so leave at once.
    if int(snakemake.__version__.split(".")[0]) < 8:
        os._exit(1)
    sys.exit(1)


def check_schema(cfg):
    with open(os.path.join(workflow.basedir, "schemas", "config.schema.yaml")) as f:
        schema = yaml.safe_load(f)
    error = jsonschema.exceptions.best_match(
        jsonschema.Draft7Validator(schema).iter_errors(cfg)
    )
    if error is None:
        return
    where = ".".join(str(p) for p in error.absolute_path)
    if error.validator == "additionalProperties":
        unknown = sorted(set(error.instance) - set(error.schema.get("properties", {})))
        prefix = f"{where}." if where else ""
        config_error(f"unknown key '{prefix}{unknown[0]}'")
    config_error(f"{where or 'config'}: {error.message}")


def read_first_line(path):
    with open(path, "rb") as f:
        gz = f.read(2) == b"\x1f\x8b"
    with gzip.open(path, "rt") if gz else open(path) as f:
        return f.readline().rstrip("\n")


def is_variants(path):
    """A VCF or BCF (plain, gzip or bgzip), told by its first bytes as the tools tell it."""
    with open(path, "rb") as f:
        gz = f.read(2) == b"\x1f\x8b"
    with gzip.open(path, "rb") if gz else open(path, "rb") as f:
        return f.read(16).startswith((b"##fileformat=VCF", b"BCF\x02", b"BCF\x04"))


def matrix_columns():
    """The matrix's column names, or None for the example not written yet."""
    source = config["header"] or config["input"]
    if not os.path.exists(source):
        return None
    return read_first_line(source).split("\t")


def check_samples(columns):
    sheet = config["samples"]
    if sheet == "auto":
        return
    if (
        VARIANTS
    ):  # a VCF's samples are a list (a,b,c; ^a,b: all but), checked by the tool
        return
    if not os.path.isfile(sheet):
        config_error(f"samples: sample sheet '{sheet}' does not exist")
    with open(sheet, newline="") as f:
        rows = list(csv.reader(f, delimiter="\t"))
    if not rows or rows[0][:3] != ["sample", "hap1", "hap2"]:
        config_error(
            f"samples: '{sheet}' line 1: expected the header 'sample<TAB>hap1<TAB>hap2'"
        )
    for n, row in enumerate(rows[1:], start=2):
        for name in row[1:3]:
            if columns is not None and name not in columns:
                config_error(
                    f"samples: '{sheet}' line {n}: column '{name}' is not in the matrix header"
                )


def check_paths():
    if not os.path.exists(config["input"]) and config["input"] != EXAMPLE_INPUT:
        config_error(f"input: '{config['input']}' does not exist")
    if config["header"] and not os.path.isfile(config["header"]):
        config_error(f"header: '{config['header']}' does not exist")
    for key in ("extend_refhap", "extend_truth"):
        if config.get(key) and not os.path.isfile(config[key]):
            config_error(f"{key}: '{config[key]}' does not exist")
    if config.get("contig_lengths") and not os.path.isfile(config["contig_lengths"]):
        config_error(f"contig_lengths: '{config['contig_lengths']}' does not exist")
    out, fmt = config["output"], config["format"]
    fits = {
        "vcf": out.endswith((".vcf", ".vcf.gz", ".vcf.bgz")),
        "bcf": out.endswith(".bcf"),
    }.get(fmt, not out.endswith((".vcf", ".vcf.gz", ".vcf.bgz", ".bcf")))
    if not fits:
        config_error(f"output: '{out}' does not suit format '{fmt}'")


check_schema(config)
check_paths()
VARIANTS = config["input"] == EXAMPLE_INPUT or (
    os.path.exists(config["input"]) and is_variants(config["input"])
)
check_samples(None if VARIANTS else matrix_columns())

OUTPUT = config["output"]
OUTDIR = os.path.dirname(OUTPUT) or "."
STEM = (
    re.sub(r"(\.(gz|bgz|vcf|bcf|tsv|txt|hap))+$", "", os.path.basename(OUTPUT))
    or "output"
)
WORK = f"{OUTDIR}/work/{STEM}"  # intermediates of this output only
LOGS = f"{OUTDIR}/logs/{STEM}"
BENCH = f"{OUTDIR}/benchmarks/{STEM}"
SUMMARY = f"{OUTDIR}/{STEM}.summary.tsv"
CHART = f"{OUTDIR}/{STEM}.summary.svg"
PART_EXT = part_extension(config["format"], OUTPUT)
INDEX_FORMAT = config["index"]
INDEX = (
    [f"{OUTPUT}.{INDEX_FORMAT}"]
    if OUTPUT.endswith(".vcf.gz")
    else [f"{OUTPUT}.csi"] if OUTPUT.endswith(".bcf") else []
)
RETRIES = config.get("retries", 2)


def extend_samples():
    """The samples of interest as a,b,c (or all); "" for no extension."""
    value = config.get("extend_samples", "") or ""
    if not value and config["input"] == EXAMPLE_INPUT:  # the example's own
        value = config.get("example", {}).get("extend", "")
    if isinstance(value, list):
        return ",".join(str(v) for v in value)
    return str(value).strip()


EXTEND_SAMPLES = extend_samples()
EXTENDED_DIR = f"{OUTDIR}/{STEM}.extended"
EXTENDED = [f"{EXTENDED_DIR}/summary.tsv"] if EXTEND_SAMPLES else []
EXTENDED_CHART = [f"{EXTENDED_DIR}/summary.svg"] if EXTEND_SAMPLES else []
# The panel m2h-extend reads: extend_refhap, or the refhap table made from it (a VCF/BCF).
EXTEND_PANEL = (
    []
    if not config.get("extend_refhap")
    else (
        [f"{WORK}/extend/panel.tsv"]
        if is_variants(config["extend_refhap"])
        else [config["extend_refhap"]]
    )
)
# The truth the extension is scored against: extend_truth, or the example's own.
EXTEND_TRUTH = config.get("extend_truth") or (
    EXAMPLE_TRUTH if config["input"] == EXAMPLE_INPUT else ""
)
# The whole hap table the extension reads: the output itself when it is one, else a table
# made from the input.
HAP_TABLE = OUTPUT if config["format"] == "hap" else f"{WORK}/extend/table.tsv"
# A VCF/BCF input's extension is written back into it: NAME.extended.vcf.gz, indexed.
EXTENDED_VCF = (
    [f"{OUTDIR}/{STEM}.extended.vcf.gz", f"{OUTDIR}/{STEM}.extended.vcf.gz.csi"]
    if EXTEND_SAMPLES and VARIANTS
    else []
)


def extended_samples(wildcards):
    """The samples of interest, as the extend_samples checkpoint found them."""
    with open(checkpoints.extend_samples.get().output[0]) as f:
        return [line.rstrip("\n") for line in f if line.strip()]


def run_slots():
    """The jobs this run may run at once: --cores locally, --jobs on a cluster (7 and 8+)."""
    slots = [1]
    for owner in (getattr(workflow, "resource_settings", None), workflow):
        for name in ("cores", "nodes"):
            try:  # Snakemake 7 raises where no --cores was given (--report, --lint)
                value = getattr(owner, name, None)
            except Exception:
                value = None
            if isinstance(value, int):
                slots.append(value)
    return max(slots)


# min_parts auto: at least as many parts as the jobs that can run at once. Resolved once, by
# the Snakemake the user started, and given to the split through the environment (SLURM jobs
# get the submitter's), not as a param: a job's own Snakemake sees its node's cores instead of
# the run's --jobs, and a run resumed with other --cores or --jobs keeps the parts it has (the
# output does not depend on them, as it does not on threads).
MIN_PARTS = (
    run_slots()
    if config.get("min_parts", "auto") == "auto"
    else int(config["min_parts"])
)
os.environ.setdefault("M2H_MIN_PARTS", str(MIN_PARTS))
# [] without contig lengths: the transform's input then names nothing.
CONTIG_LENGTHS = [config["contig_lengths"]] if config.get("contig_lengths") else []
CONTIG_LENGTHS_OPT = (
    f"--contig-lengths {shlex.quote(config['contig_lengths'])}"
    if config.get("contig_lengths")
    else ""
)


wildcard_constraints:
    part="part-[0-9]+",


def threads_of(step):
    return config["resources"][step]["threads"]


def step_resource(step, key, default):
    """A step's resource, or its default where the config names none (a step added later)."""
    return config["resources"].get(step, {}).get(key, default)


def grows(value):
    """A resource that grows with each retry: value * attempt."""
    return lambda wildcards, attempt: value * attempt


def mem_mb_of(step):
    return grows(config["resources"][step]["mem_mb"])


def runtime_of(step):
    return grows(config["resources"][step]["runtime"])


def part_names():
    """Part names (part-000001 for part 1) in manifest order; known once split has run."""
    manifest = checkpoints.split.get().output.manifest
    with open(manifest, newline="") as f:
        return [f"part-{int(r['part']):06d}" for r in csv.DictReader(f, delimiter="\t")]


def transformed_parts(wildcards):
    return [f"{WORK}/transformed/{p}.{PART_EXT}" for p in part_names()]


def part_stats(wildcards):
    return [f"{WORK}/stats/{p}.tsv" for p in part_names()]
