# Thin wrapper over CMake/CTest. `make test` is what CI runs.
BUILD    ?= build
SAN_BUILD ?= build-sanitize
FUZZ_SECONDS ?= 300
PREFIX   ?= $(CURDIR)/$(BUILD)/install
JOBS     ?= $(shell nproc)

# Debian packages needed to build and to run the tests.
BUILD_PACKAGES := cmake g++ make pkg-config libhts-dev libcli11-dev libfmt-dev
RUN_PACKAGES   := $(BUILD_PACKAGES) snakemake
# --report needs jinja2, networkx, pygments and docutils (Snakemake only recommends some)
TEST_PACKAGES  := $(RUN_PACKAGES) catch2 tabix bcftools gzip munge slurm-wlm procps \
                  python3-jinja2 python3-networkx python3-pygments python3-docutils groovy \
                  clang libclang-rt-14-dev
# make bench: the peers (mawk, pandas), GNU time and the chart
BENCH_PACKAGES := $(RUN_PACKAGES) tabix mawk time python3-pandas gnuplot-nox

.PHONY: all build test test-release test-sanitize fuzz run bench deps-build deps-run deps-test deps-bench clean

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
deps-test:
	$(call install_missing,$(TEST_PACKAGES))
deps-bench:
	$(call install_missing,$(BENCH_PACKAGES))

build: deps-build
	cmake -S . -B $(BUILD) -DCMAKE_BUILD_TYPE=Release
	cmake --build $(BUILD) -j $(JOBS)
	cmake --install $(BUILD) --prefix $(PREFIX)

# Every test twice: the release build (gcc, -Werror), then the whole suite again built
# with AddressSanitizer + UndefinedBehaviorSanitizer (clang), which adds a 15 s run of each
# libFuzzer target.
test: test-release test-sanitize

test-release: deps-test
	cmake -S . -B $(BUILD) -DCMAKE_BUILD_TYPE=Release -DM2H_WERROR=ON
	cmake --build $(BUILD) -j $(JOBS)
	cmake --install $(BUILD) --prefix $(PREFIX)
	cd $(BUILD) && ctest --output-on-failure --no-tests=error -j $(JOBS)

SAN_CONFIG = cmake -S . -B $(SAN_BUILD) -DCMAKE_CXX_COMPILER=clang++ -DCMAKE_BUILD_TYPE=RelWithDebInfo \
	-DM2H_SANITIZE=ON -DM2H_FUZZ=ON -DM2H_WERROR=ON
test-sanitize: deps-test
	$(SAN_CONFIG) -DM2H_FUZZ_SECONDS=15
	cmake --build $(SAN_BUILD) -j $(JOBS)
	cd $(SAN_BUILD) && ctest --output-on-failure --no-tests=error -j $(JOBS)

# The libFuzzer targets, FUZZ_SECONDS each (new inputs kept in $(SAN_BUILD)/tests/fuzz/NAME).
fuzz: deps-test
	$(SAN_CONFIG) -DM2H_FUZZ_SECONDS=$(FUZZ_SECONDS)
	cmake --build $(SAN_BUILD) -j $(JOBS)
	cd $(SAN_BUILD) && ctest --output-on-failure --no-tests=error -L fuzz

# The Snakemake workflow on the bundled example (config/config.yaml), with the tools just
# built; extra Snakemake options in SNAKEMAKE_ARGS (e.g. --profile workflow/profiles/slurm).
SNAKEMAKE_ARGS ?= --cores $(JOBS)
run: deps-run build
	PATH="$(PREFIX)/bin:$$PATH" snakemake -s workflow/Snakefile $(SNAKEMAKE_ARGS)
	@echo "Output: results/example/example.vcf.gz (index .tbi, row accounting example.summary.tsv," \
	  "logs and benchmarks beside it), from resources/example/matrix.tsv.gz"

# Benchmarks against the peers (not part of `make test`): bench/run.sh, results in
# $(BUILD)/bench (bench.tsv, bench.md, bench.png). Sizes: BENCH_ROWS="4000000 40000000".
bench: deps-bench build
	bench/run.sh $(PREFIX)/bin $(BUILD)/bench

clean:
	rm -rf $(BUILD) $(SAN_BUILD)
