# Thin wrapper over CMake/CTest. `make run` is the first command on a new machine;
# `make test` is what CI runs (with `make test-fresh`, see .ci/run).
BUILD     ?= build
SAN_BUILD ?= build-sanitize
FUZZ_SECONDS ?= 300
PREFIX    ?= $(CURDIR)/$(BUILD)/install
JOBS      ?= $(shell nproc)

# Snakemake 9 and its plugins (workflow/requirements.txt) live in a virtual environment
# made from Debian's Python; Debian's own snakemake (7.21) is kept for the tests of the
# oldest supported version.
VENV      ?= $(CURDIR)/$(BUILD)/venv
SNAKEMAKE ?= $(VENV)/bin/snakemake
SNAKEMAKE7 ?= /usr/bin/snakemake
# Nextflow: yours if `nextflow` is on PATH, otherwise the pinned version, installed from
# Maven by scripts/install-nextflow.sh into $(BUILD)/nextflow.
NEXTFLOW_VERSION := 25.04.4
NEXTFLOW_DIR := $(CURDIR)/$(BUILD)/nextflow
NEXTFLOW  ?= $(or $(shell command -v nextflow 2>/dev/null),$(NEXTFLOW_DIR)/bin/nextflow)

# Debian packages: to build the tools; to run the workflow (Python for the Snakemake
# venv); Java and Maven for Nextflow; everything the tests use.
BUILD_PACKAGES := cmake g++ make pkg-config libhts-dev liblz4-dev libcli11-dev libfmt-dev libgmp-dev libmpfr-dev
# Elsewhere than x86-64 (ARM64) the vector loops are built with SIMDe
ifneq ($(shell dpkg --print-architecture 2>/dev/null),amd64)
BUILD_PACKAGES += libsimde-dev
endif
RUN_PACKAGES   := $(BUILD_PACKAGES) python3-venv
NEXTFLOW_PACKAGES := openjdk-17-jre-headless maven
TEST_PACKAGES  := $(RUN_PACKAGES) $(NEXTFLOW_PACKAGES) catch2 tabix bcftools gzip procps \
                  snakemake munge slurm-wlm slurmdbd mariadb-server \
                  clang libclang-rt-14-dev debootstrap podman runc
# ARM64: Debian's cross compiler, qemu-user and SIMDe (the vector code on NEON), and the
# arm64 multiarch libraries the tools link with
ARM64_PACKAGES := g++-aarch64-linux-gnu qemu-user-static libsimde-dev binutils
ARM64_LIBS     := libhts-dev:arm64 liblz4-dev:arm64 libfmt-dev:arm64 libgmp-dev:arm64 libmpfr-dev:arm64
ARM64_BUILD    ?= build-arm64
PORTABLE_BUILD ?= build-portable
# make image: podman (with runc), and debootstrap for a base where no registry answers
IMAGE_PACKAGES := podman runc debootstrap
# make bench: the peers (mawk, pandas), GNU time and the chart
BENCH_PACKAGES := $(RUN_PACKAGES) $(NEXTFLOW_PACKAGES) tabix bcftools mawk time bc python3-pandas gnuplot-nox

.PHONY: all build build-reference image venv readers nextflow test test-release test-sanitize test-arm64 test-portable test-fresh fuzz run run-nextflow \
        bench deps-build deps-run deps-nextflow deps-test deps-bench deps-image deps-arm64 clean

all: build

# Installs missing packages when run as root; otherwise prints the apt-get line and stops.
# (Explicit targets: make skips pattern rules for .PHONY targets.)
define install_missing
	@missing=""; for p in $(1); do \
	  dpkg-query -W -f='$${Status}\n' $$p 2>/dev/null | grep -q "install ok installed" || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ]; then \
	    echo "Installing Debian packages:$$missing"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $$missing; \
	  else \
	    echo "Missing Debian packages. Run:"; echo "  sudo apt-get install -y$$missing"; exit 1; \
	  fi; \
	fi
endef

deps-build:
	$(call install_missing,$(BUILD_PACKAGES))
deps-run:
	$(call install_missing,$(RUN_PACKAGES))
deps-nextflow:
	$(call install_missing,$(NEXTFLOW_PACKAGES))
deps-test:
	$(call install_missing,$(TEST_PACKAGES))
deps-bench:
	$(call install_missing,$(BENCH_PACKAGES))
deps-image:
	$(call install_missing,$(IMAGE_PACKAGES))
deps-arm64:
	$(call install_missing,$(ARM64_PACKAGES))
	@dpkg --print-foreign-architectures | grep -qx arm64 || \
	  { echo "Adding the arm64 architecture"; dpkg --add-architecture arm64 && apt-get update -qq; }
	$(call install_missing,$(ARM64_LIBS))
	scripts/binfmt-aarch64.sh

build: deps-build
	cmake -S . -B $(BUILD) -DCMAKE_BUILD_TYPE=Release
	cmake --build $(BUILD) -j $(JOBS)
	cmake --install $(BUILD) --prefix $(PREFIX)

# The container image matrix2hap:VERSION (and :latest) from containers/Dockerfile, with
# podman: its base is debian:bookworm-slim when it can be pulled, otherwise one made here
# from Debian's packages (containers/base.sh). IMAGE_ARGS: containers/image.sh's options.
IMAGE_ARGS ?=
image: deps-image
	containers/image.sh $(IMAGE_ARGS)

# The Snakemake venv, remade when the pinned versions change.
venv: $(VENV)/.installed
$(VENV)/.installed: workflow/requirements.txt | deps-run
	/usr/bin/python3 -m venv $(VENV)
	$(VENV)/bin/pip install -q -r workflow/requirements.txt
	touch $@

# The readers of our output, for tests/readers: a venv each from the pinned
# tests/readers/requirements-NAME.txt (phase-Extender and phase-Stitcher pin versions that
# conflict), remade when the pins change.
READERS   ?= $(CURDIR)/$(BUILD)/readers
READER_VENVS := vcf phase-extender phase-stitcher
readers: $(foreach r,$(READER_VENVS),$(READERS)/$(r)/.installed) $(READERS)/whatshap-data/.installed
$(READERS)/%/.installed: tests/readers/requirements-%.txt | deps-run
	rm -rf $(READERS)/$*
	/usr/bin/python3 -m venv $(READERS)/$*
	$(READERS)/$*/bin/pip install -q -r $<
	touch $@

# Real phased VCFs for the VCF input's tests: the test data in WhatsHap's source
# distribution (the version the vcf venv pins), fetched by pip, never copied into the repository.
$(READERS)/whatshap-data/.installed: $(READERS)/vcf/.installed
	rm -rf $(READERS)/whatshap-data && mkdir -p $(READERS)/whatshap-data
	v=$$(sed -n 's/^whatshap==//p' tests/readers/requirements-vcf.txt); \
	  $(READERS)/vcf/bin/pip download -q --no-deps --no-binary :all: -d $(READERS)/whatshap-data "whatshap==$$v" && \
	  tar xzf $(READERS)/whatshap-data/whatshap-$$v.tar.gz -C $(READERS)/whatshap-data --strip-components 3 "whatshap-$$v/tests/data"
	touch $@

nextflow: $(if $(filter $(NEXTFLOW_DIR)/%,$(NEXTFLOW)),deps-nextflow)
	$(if $(filter $(NEXTFLOW_DIR)/%,$(NEXTFLOW)),scripts/install-nextflow.sh $(NEXTFLOW_VERSION) $(NEXTFLOW_DIR))
	@$(NEXTFLOW) -version | grep -m1 version

# Every test: the release build (gcc, -Werror) with the workflow, Nextflow, SLURM and
# reader tests, then the tools' tests again built with AddressSanitizer + UndefinedBehaviorSanitizer
# (clang), with a 15 s run of each libFuzzer target. The workflow and reader tests run once.
test: test-release test-sanitize test-arm64 test-portable

WORKFLOW_LABELS := workflow|snakemake7|nextflow|slurm|containers|readers|extend|docs
# (deps-arm64: qemu-user and binfmt_misc, for the arm64 image's test)
test-release: deps-test deps-arm64 venv readers nextflow
	cmake -S . -B $(BUILD) -DCMAKE_BUILD_TYPE=Release -DM2H_WERROR=ON -DM2H_TESTS=ON \
	  -DM2H_SNAKEMAKE=$(SNAKEMAKE) -DM2H_SNAKEMAKE7=$(SNAKEMAKE7) -DM2H_NEXTFLOW=$(NEXTFLOW) -DM2H_READERS=$(READERS)
	cmake --build $(BUILD) -j $(JOBS)
	cmake --install $(BUILD) --prefix $(PREFIX)
	cd $(BUILD) && ctest --output-on-failure --no-tests=error -j $(JOBS)
	@tests/log_digest.sh $(BUILD)

SAN_CONFIG = cmake -S . -B $(SAN_BUILD) -DCMAKE_CXX_COMPILER=clang++ -DCMAKE_BUILD_TYPE=RelWithDebInfo \
	-DM2H_TESTS=ON -DM2H_SANITIZE=ON -DM2H_FUZZ=ON -DM2H_WERROR=ON
test-sanitize: deps-test
	$(SAN_CONFIG) -DM2H_FUZZ_SECONDS=15
	cmake --build $(SAN_BUILD) -j $(JOBS)
	cd $(SAN_BUILD) && ctest --output-on-failure --no-tests=error -j $(JOBS) -LE '$(WORKFLOW_LABELS)'

# The release build's tools, the reference the other platforms' outputs are compared with
# (test-release builds them too, with its tests).
build-reference: deps-build
	cmake -S . -B $(BUILD) -DCMAKE_BUILD_TYPE=Release
	cmake --build $(BUILD) -j $(JOBS) --target m2h-simulate m2h-split m2h-transform m2h-merge m2h-extend

# ARM64 Linux: the cross build (cmake/aarch64-linux-gnu.cmake), its API and command-line tests
# run under qemu-user, and its outputs against the release build's (the platform test).
test-arm64: deps-test deps-arm64 build-reference
	cmake -S . -B $(ARM64_BUILD) -DCMAKE_TOOLCHAIN_FILE=cmake/aarch64-linux-gnu.cmake -DCMAKE_BUILD_TYPE=Release \
	  -DM2H_WERROR=ON -DM2H_TESTS=ON -DM2H_REFERENCE_BIN=$(CURDIR)/$(BUILD)/tools
	cmake --build $(ARM64_BUILD) -j $(JOBS)
	cd $(ARM64_BUILD) && ctest --output-on-failure --no-tests=error -j $(JOBS) -R '^(api|cli|platform)\.'
	@tests/log_digest.sh $(ARM64_BUILD) '^platform\.'

# The code another system runs: only POSIX I/O (M2H_PORTABLE_IO) and the scalar loops
# (M2H_SIMD=OFF), with the API and command-line tests, and against the release build.
test-portable: deps-test build-reference
	cmake -S . -B $(PORTABLE_BUILD) -DCMAKE_BUILD_TYPE=Release -DM2H_WERROR=ON -DM2H_TESTS=ON \
	  -DM2H_PORTABLE_IO=ON -DM2H_SIMD=OFF -DM2H_REFERENCE_BIN=$(CURDIR)/$(BUILD)/tools
	cmake --build $(PORTABLE_BUILD) -j $(JOBS)
	cd $(PORTABLE_BUILD) && ctest --output-on-failure --no-tests=error -j $(JOBS) -R '^(api|cli|platform)\.'
	@tests/log_digest.sh $(PORTABLE_BUILD) '^platform\.'

# The README's first command on a machine with nothing installed: a fresh Debian bookworm
# made with debootstrap, a clone of this repository in it, `make run` (root; network to
# Debian's archive and PyPI).
test-fresh:
	$(call install_missing,debootstrap git)
	tests/fresh/run.sh

# The libFuzzer targets, FUZZ_SECONDS each (new inputs kept in $(SAN_BUILD)/tests/fuzz/NAME).
fuzz: deps-test
	$(SAN_CONFIG) -DM2H_FUZZ_SECONDS=$(FUZZ_SECONDS)
	cmake --build $(SAN_BUILD) -j $(JOBS)
	cd $(SAN_BUILD) && ctest --output-on-failure --no-tests=error -L fuzz

# The Snakemake workflow on the bundled example (config/config.yaml: a simulated read-backed
# VCF, split, transformed, merged, two samples extended), with the tools just
# built; extra Snakemake options in SNAKEMAKE_ARGS (e.g. --profile workflow/profiles/slurm).
# The workflow's last line names what it wrote ("Output: ...").
SNAKEMAKE_ARGS ?= --cores $(JOBS)
run: deps-run build venv
	PATH="$(PREFIX)/bin:$(VENV)/bin:$$PATH" $(SNAKEMAKE) -s workflow/Snakefile $(SNAKEMAKE_ARGS)

# The same example through the Nextflow pipeline (into results/example-nextflow/, its own
# default, so neither engine's run touches the other's); extra options in NEXTFLOW_ARGS.
NEXTFLOW_ARGS ?=
run-nextflow: build nextflow
	PATH="$(PREFIX)/bin:$$PATH" $(NEXTFLOW) run workflow/main.nf $(NEXTFLOW_ARGS)

# Benchmarks (not part of `make test`), results in $(BUILD)/bench: the tools against their
# peers (bench/run.sh: bench.tsv, bench.md, bench.png; sizes BENCH_ROWS="4000000 40000000"),
# then the workflows against the single tool (bench/workflows.sh: workflows.tsv, .md, .png;
# BENCH_WF_ROWS=20000000, the 14 GB case 190000000), then the VCF/BCF writers against
# bcftools (bench/writers.sh: writers.tsv, .md, .png), what --write-index costs
# (bench/index.sh: index.tsv, .md), and m2h-extend against phase-extender 0.1.8
# (bench/extend.sh: extend.tsv, .md, .png; about 20 minutes, most of it phase-extender's);
# and a phased VCF to the hap table against bcftools query and VCF-Simplify (bench/vcf.sh:
# vcf.tsv, .md; VCF_SIMPLIFY=a checkout of it, else its row is left out); and the whole
# pipeline, VCF in and extended VCF out, in both workflows against converting once and
# running phase-extender per sample (bench/pipeline.sh: pipeline.tsv, .md; about 15 minutes).
# BENCH_PARTS="peers workflows writers index extend vcf pipeline".
BENCH_PARTS ?= peers workflows writers index extend vcf pipeline
bench: deps-bench build venv nextflow $(if $(filter extend pipeline,$(BENCH_PARTS)),readers)
	$(if $(filter peers,$(BENCH_PARTS)),PATH="$(VENV)/bin:$$PATH" bench/run.sh $(PREFIX)/bin $(BUILD)/bench)
	$(if $(filter workflows,$(BENCH_PARTS)),PATH="$(VENV)/bin:$$PATH" NEXTFLOW=$(NEXTFLOW) bench/workflows.sh $(PREFIX)/bin $(BUILD)/bench)
	$(if $(filter writers,$(BENCH_PARTS)),bench/writers.sh $(PREFIX)/bin $(BUILD)/bench)
	$(if $(filter index,$(BENCH_PARTS)),bench/index.sh $(PREFIX)/bin $(BUILD)/bench)
	$(if $(filter extend,$(BENCH_PARTS)),PHASE_EXTENDER=$(READERS)/phase-extender/bin/phase-extender bench/extend.sh $(PREFIX)/bin $(BUILD)/bench)
	$(if $(filter vcf,$(BENCH_PARTS)),bench/vcf.sh $(PREFIX)/bin $(BUILD)/bench)
	$(if $(filter pipeline,$(BENCH_PARTS)),PATH="$(VENV)/bin:$$PATH" NEXTFLOW=$(NEXTFLOW) PHASE_EXTENDER=$(READERS)/phase-extender/bin/phase-extender bench/pipeline.sh $(PREFIX)/bin $(BUILD)/bench)

clean:
	rm -rf $(BUILD) $(SAN_BUILD) $(ARM64_BUILD) $(PORTABLE_BUILD)
