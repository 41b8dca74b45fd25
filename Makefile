# Thin wrapper over CMake/CTest. `make test` is what CI runs.
BUILD    ?= build
PREFIX   ?= $(CURDIR)/$(BUILD)/install
JOBS     ?= $(shell nproc)

# Debian packages needed to build and to run the tests.
BUILD_PACKAGES := cmake g++ make pkg-config libhts-dev libcli11-dev libfmt-dev
TEST_PACKAGES  := $(BUILD_PACKAGES) catch2 tabix bcftools gzip

.PHONY: all build test run deps-build deps-test clean

all: build

# Installs missing packages when run as root; otherwise prints the apt-get line and stops.
deps-%:
	@missing=""; for p in $(if $(filter build,$*),$(BUILD_PACKAGES),$(TEST_PACKAGES)); do \
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

build: deps-build
	cmake -S . -B $(BUILD) -DCMAKE_BUILD_TYPE=Release
	cmake --build $(BUILD) -j $(JOBS)
	cmake --install $(BUILD) --prefix $(PREFIX)

test: deps-test
	cmake -S . -B $(BUILD) -DCMAKE_BUILD_TYPE=Release -DM2H_WERROR=ON
	cmake --build $(BUILD) -j $(JOBS)
	cmake --install $(BUILD) --prefix $(PREFIX)
	cd $(BUILD) && ctest --output-on-failure --no-tests=error -j $(JOBS)

# Until the Snakemake workflow lands (issue 4), `make run` runs the same chain with the
# tools alone: example matrix -> split -> one transform per part -> merge.
RUN_DIR ?= results/example
run: build
	@set -e; B=$(PREFIX)/bin; D=$(RUN_DIR); rm -rf $$D; mkdir -p $$D; \
	$$B/m2h-simulate --rows 200000 --chroms 4 --seed 1 -o $$D/matrix.tsv.gz; \
	$$B/m2h-split -o $$D/parts $$D/matrix.tsv.gz; \
	tail -n +2 $$D/parts/manifest.tsv | while IFS='	' read -r part key rows bytes path; do \
	  $$B/m2h-transform --samples auto --format vcf --stats $$D/parts/$$part.stats.tsv \
	    -o $$D/parts/$$part.vcf.gz $$D/parts/$$path; \
	  echo $$D/parts/$$part.vcf.gz; \
	done > $$D/parts.txt; \
	$$B/m2h-merge --write-index -f $$D/parts.txt -o $$D/example.vcf.gz; \
	echo "Output: $$D/example.vcf.gz (and .tbi), from $$D/matrix.tsv.gz"

clean:
	rm -rf $(BUILD)
