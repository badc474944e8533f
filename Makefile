# Wraps CMake: `make demo` and `make test` set up everything on a fresh Debian machine (as root).
BUILD ?= build
JOBS ?= $(shell nproc)
GUIHUA := $(BUILD)/guihua

.PHONY: all deps configure build demo test bench clean format

all: build

deps:
	./tools/install-deps

configure: deps
	@test -f $(BUILD)/CMakeCache.txt || cmake -S . -B $(BUILD) -G Ninja -DCMAKE_BUILD_TYPE=Release

build: configure
	cmake --build $(BUILD) -j $(JOBS)

demo: build
	./tools/demo $(GUIHUA)

test: build
	$(GUIHUA) rules check
	cd $(BUILD) && ctest --output-on-failure -j $(JOBS)

bench: build
	$(BUILD)/tools/bench/guihua_bench

format:
	clang-format -i $$(git ls-files '*.cc' '*.h')

clean:
	rm -rf $(BUILD)
