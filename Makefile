# Wraps CMake: `make demo` and `make test` set up everything on a fresh Debian machine (as root).
BUILD ?= build
JOBS ?= $(shell nproc)
GUIHUA := $(BUILD)/guihua
# The same tests under AddressSanitizer + UBSan (any report fails the test), and the fuzzers (clang).
ASAN_BUILD ?= build-asan
FUZZ_BUILD ?= build-fuzz
FUZZ_SECONDS ?= 60
SANITIZER_ENV := ASAN_OPTIONS=detect_leaks=1:halt_on_error=1 \
                 UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1
# Run once, in the normal build only: the headless-Chromium page tests (slow to start, nothing for
# the sanitizers to see), the kill test (two ingests of 40 plans: minutes under ASan) and
# python_exports (pandas reading the same seven commands' csv and jsonl that e2e/exports_cli_test.cc
# runs under the sanitizers: no code of ours that the latter does not run).
ASAN_SKIP := ^(PageTest\.|ProgressPageTest\.|IndexCliTest\.KillingIngestLeavesEveryCommittedFile$$|python_exports$$)

# The Python module is built for Debian's interpreter (its headers come with python3-dev).
PYTHON ?= /usr/bin/python3

.PHONY: all deps configure build demo test test-asan fuzz bench clean format python python-uninstall python-example

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
	$(MAKE) --no-print-directory test-asan

# clang builds the sanitized tree in half the time gcc takes.
test-asan: deps
	@test -f $(ASAN_BUILD)/CMakeCache.txt || cmake -S . -B $(ASAN_BUILD) -G Ninja \
	  -DCMAKE_CXX_COMPILER=clang++ -DCMAKE_BUILD_TYPE=Debug -DGUIHUA_SANITIZE=ON
	cmake --build $(ASAN_BUILD) -j $(JOBS)
	$(SANITIZER_ENV) $(ASAN_BUILD)/guihua rules check
	cd $(ASAN_BUILD) && $(SANITIZER_ENV) ctest --output-on-failure -j $(JOBS) -E '$(ASAN_SKIP)'

fuzz: deps
	@test -f $(FUZZ_BUILD)/CMakeCache.txt || cmake -S . -B $(FUZZ_BUILD) -G Ninja \
	  -DCMAKE_CXX_COMPILER=clang++ -DCMAKE_BUILD_TYPE=Debug -DGUIHUA_FUZZ=ON
	cmake --build $(FUZZ_BUILD) -j $(JOBS) --target fuzzers
	$(SANITIZER_ENV) tests/fuzz/run $(FUZZ_BUILD) $(FUZZ_SECONDS)

# `import guihua` for the user who runs it: builds the module and installs it, with the PDF/DOCX/HTML
# plugin and a copy of rules/, into that user's site-packages (tools/install-python), so that it
# works from any folder and after $(BUILD) is removed. `make python-uninstall` removes it.
python: configure
	cmake --build $(BUILD) -j $(JOBS) --target guihua_python guihua_formats
	tools/install-python $(BUILD) $(PYTHON)

python-uninstall:
	tools/install-python --uninstall $(PYTHON)

# docs/python.md's example: extracts corpus/, draws docs/python-maternal-mortality.png.
python-example: python
	MPLBACKEND=Agg $(PYTHON) docs/python_example.py corpus docs/python-maternal-mortality.png

# The benchmarks are not in `all` (CMakeLists.txt): built here by name.
bench: configure
	cmake --build $(BUILD) -j $(JOBS) --target guihua_bench
	$(BUILD)/tools/bench/guihua_bench

format:
	clang-format -i $$(git ls-files '*.cc' '*.h')

clean:
	rm -rf $(BUILD) $(ASAN_BUILD) $(FUZZ_BUILD)
