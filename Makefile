# flamekit: GNU make build. No CMake: sources are found by wildcard, so adding a file to lib/, tools/ or
# tests/unit/ needs no Makefile edit.
#
#   make                 binaries into bin/
#   make test            deps, build, unit + golden + e2e tests; one summary line at the end
#   make demo            deps, build, render examples/ into flame/flameoutput/
#   make bench           side-by-side benchmarks against the reference tools (bench/README.md)
#   make SANITIZE=1 test the same under ASan + UBSan (objects in build/sanitize/)
#   make install         PREFIX=/usr/local DESTDIR=

PKG_CONFIG ?= pkg-config
CXX ?= g++
PREFIX ?= /usr/local
DESTDIR ?=
SANITIZE ?=
VARIANT := $(if $(SANITIZE),sanitize,release)
BUILDDIR ?= build/$(VARIANT)
BINDIR ?= $(if $(SANITIZE),$(BUILDDIR)/bin,bin)

# User CXXFLAGS stay apart from the flags the build needs (re2's Makefile habit).
# NDEBUG in optimised builds: abseil's hash tables otherwise run their debug checks on every operation (~9% of
# flame-collapse's instructions). Sanitizer builds keep the checks.
CXXFLAGS ?= -O2 -g $(if $(SANITIZE)$(FUZZ),,-DNDEBUG)
WERROR ?= -Werror
# HAVE_DECL_BASENAME: glibc declares basename(); without it libiberty.h redeclares it, which clang rejects.
REQ_CXXFLAGS := -std=c++20 -Wall -Wextra $(WERROR) -Ilib -MMD -MP -DHAVE_DECL_BASENAME=1
ifneq ($(SANITIZE),)
# GCC's -Wmaybe-uninitialized gives false positives in libstdc++ (std::regex, used by Catch2) under ASan.
REQ_CXXFLAGS += -fsanitize=address,undefined -fno-sanitize-recover=undefined -fno-omit-frame-pointer \
  -Wno-maybe-uninitialized
REQ_LDFLAGS += -fsanitize=address,undefined
endif
# FUZZ=1 (set by `make fuzz`): clang with libFuzzer instrumentation; the fuzzers link the same library.
ifneq ($(FUZZ),)
REQ_CXXFLAGS += -fsanitize=fuzzer-no-link,address,undefined -fno-sanitize-recover=undefined
REQ_LDFLAGS += -fsanitize=fuzzer,address,undefined
endif

PKGS := re2 zlib libelf libdw cxxopts absl_flat_hash_map absl_hash
PKG_CFLAGS = $(shell $(PKG_CONFIG) --cflags $(PKGS) 2>/dev/null)
PKG_LIBS = $(shell $(PKG_CONFIG) --libs $(PKGS) 2>/dev/null)
# Optimised builds link the libraries statically; glibc, and the compressors libdw.a calls, stay shared. 16
# shared libraries cost flame-collapse ~0.8 ms of start-up and a PLT hop per call into abseil (min of 20
# runs on compile.perf.txt: 50.6 -> 46.6 ms). Sanitizer and fuzz builds link them shared.
ifeq ($(SANITIZE)$(FUZZ),)
LIBS = -static-libstdc++ -static-libgcc -Wl,-Bstatic $(PKG_LIBS) -liberty -lz -Wl,-Bdynamic -llzma -lbz2 -lpthread
else
LIBS = $(PKG_LIBS) -liberty -lpthread
endif

LIB_SRCS := $(sort $(wildcard lib/*/*.cc))
LIB_OBJS := $(LIB_SRCS:%.cc=$(BUILDDIR)/%.o)
LIB_A := $(BUILDDIR)/libflamekit.a
TOOL_SRCS := $(sort $(wildcard tools/flame-*.cc))
TOOLS := $(patsubst tools/%.cc,$(BINDIR)/%,$(TOOL_SRCS))
UNIT_SRCS := $(sort $(wildcard tests/unit/*.cc tests/unit/*/*.cc))
UNIT_OBJS := $(UNIT_SRCS:%.cc=$(BUILDDIR)/%.o)
UNIT_BIN := $(BUILDDIR)/unit-tests
FUZZ_SRCS := $(sort $(wildcard tests/fuzz/*_fuzz.cc))
FUZZERS := $(patsubst tests/fuzz/%.cc,$(BUILDDIR)/fuzz/%,$(FUZZ_SRCS))

.SECONDARY:
.PHONY: all deps demo test test-unit bench bless install clean fuzz fuzzers
all: $(TOOLS)

$(BUILDDIR)/%.o: %.cc
	@mkdir -p $(dir $@)
	$(CXX) $(REQ_CXXFLAGS) $(PKG_CFLAGS) $(CXXFLAGS) -c $< -o $@

$(LIB_A): $(LIB_OBJS)
	@mkdir -p $(dir $@)
	rm -f $@ && ar rcs $@ $^

$(BINDIR)/%: $(BUILDDIR)/tools/%.o $(LIB_A)
	@mkdir -p $(dir $@)
	$(CXX) $(REQ_LDFLAGS) $(LDFLAGS) -o $@ $^ $(LIBS)

# flame-capture alone parses flags with Boost.Program_options (linked statically too in optimised builds).
$(BINDIR)/flame-capture: LIBS += $(if $(SANITIZE)$(FUZZ),-lboost_program_options,-Wl,-Bstatic -lboost_program_options -Wl,-Bdynamic)

$(UNIT_BIN): $(UNIT_OBJS) $(LIB_A)
	$(CXX) $(REQ_LDFLAGS) $(LDFLAGS) -o $@ $^ $(LIBS)

$(BUILDDIR)/fuzz/%: $(BUILDDIR)/tests/fuzz/%.o $(LIB_A)
	@mkdir -p $(dir $@)
	$(CXX) $(REQ_LDFLAGS) $(LDFLAGS) -o $@ $^ $(LIBS)

# fuzz: builds every tests/fuzz/*_fuzz.cc with clang + libFuzzer + ASan/UBSan into build/fuzz/fuzz/, then
# runs each for FUZZ_SECONDS (default 60) on its seeds in tests/fuzz/corpus/<name>/.
FUZZ_SECONDS ?= 60
fuzz: deps
	@$(MAKE) --no-print-directory FUZZ=1 CXX=clang++ BUILDDIR=build/fuzz fuzzers
	@bash tests/fuzz/run.sh build/fuzz/fuzz $(FUZZ_SECONDS)
fuzzers: $(FUZZERS)

# deps: install what the build and tests need (as root), or print the apt-get line.
deps:
	@sh scripts/install-deps.sh

demo: deps
	@$(MAKE) --no-print-directory all
	@sh scripts/demo.sh $(BINDIR)

# Every suite prints "suite: N passed, N failed[, N skipped]"; tests/summarize.sh adds them up.
test: deps
	@$(MAKE) --no-print-directory all $(UNIT_BIN)
	@bash tests/run-all.sh $(BINDIR) $(UNIT_BIN)

test-unit: $(UNIT_BIN)
	$(UNIT_BIN)

bench: deps
	@$(MAKE) --no-print-directory all
	@bash bench/run.sh $(BINDIR)

# bless: rewrite our own golden files (never the reference outputs in ../shared). TOOL=collapse limits it
# to tests/golden/collapse/; without TOOL it refuses, so one tool's stale binary cannot rewrite another's.
bless: all
	@test -n "$(TOOL)" || { echo "make bless TOOL=<collapse|svg|demangle|diff|...>"; exit 2; }
	@BLESS=1 GOLDEN_TOOL=$(TOOL) bash tests/golden/run.sh $(BINDIR)

# The recipe scripts and flame-capture's presets go beside the binaries (flame-capture looks there).
RECIPES := $(filter-out %.sh %.conf,$(wildcard scripts/*))
install: all
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/share/man/man1 $(DESTDIR)$(PREFIX)/share/flamekit/scripts
	install -m 755 $(TOOLS) $(RECIPES) $(DESTDIR)$(PREFIX)/bin/
	install -m 644 scripts/flamekit-presets.conf $(DESTDIR)$(PREFIX)/bin/
	install -m 644 man/*.1 $(DESTDIR)$(PREFIX)/share/man/man1/
	install -d $(DESTDIR)$(PREFIX)/share/man/man7 && install -m 644 man/*.7 $(DESTDIR)$(PREFIX)/share/man/man7/
	for s in scripts/*.sh; do install -m 755 $$s $(DESTDIR)$(PREFIX)/share/flamekit/scripts/; done

clean:
	rm -rf build bin

-include $(LIB_OBJS:.o=.d) $(UNIT_OBJS:.o=.d) $(FUZZ_SRCS:%.cc=$(BUILDDIR)/%.d) $(TOOL_SRCS:tools/%.cc=$(BUILDDIR)/tools/%.d)
