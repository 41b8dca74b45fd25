# Thin wrapper over CMake/CTest. `make test` is what CI runs.
BUILD    ?= build
PREFIX   ?= $(CURDIR)/$(BUILD)/install
JOBS     ?= $(shell nproc)

# Debian packages needed to build and to run the tests.
BUILD_PACKAGES := cmake g++ make pkg-config libhts-dev libcli11-dev libfmt-dev
TEST_PACKAGES  := $(BUILD_PACKAGES) catch2 tabix bcftools gzip

.PHONY: all build test deps-build deps-test clean

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

clean:
	rm -rf $(BUILD)
