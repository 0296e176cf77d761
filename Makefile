# rater: administer and score standardized rating scales in a terminal.
# Plain make.  `make run` builds and starts the program on the bundled
# scales; `make check` builds and runs every test.  Both install missing
# Debian packages first (see the deps target).

-include config.mk

VERSION   = 0.1.0
PREFIX   ?= /usr/local
BINDIR   ?= $(PREFIX)/bin
DATADIR  ?= $(PREFIX)/share/rater
MANPREFIX ?= $(PREFIX)/share/man

CC       ?= cc
BUILD    ?= build
NCURSES_CFLAGS != pkg-config --cflags ncursesw 2>/dev/null || echo ""
NCURSES_LIBS   != pkg-config --libs ncursesw 2>/dev/null || echo -lncursesw
CPPFLAGS += -D_POSIX_C_SOURCE=200809L -D_XOPEN_SOURCE_EXTENDED \
	    -DRATER_VERSION='"$(VERSION)"' -DRATER_DATADIR='"$(DATADIR)"'
CFLAGS   ?= -O2 -g
CFLAGS   += -std=c99 -Wall -Wextra -pedantic -Wshadow -Wstrict-prototypes \
	    -Wmissing-prototypes -Wno-unused-parameter
LDLIBS   += -liniparser $(NCURSES_LIBS) -lm

# Logic: everything but the command line and the screens.  The unit
# tests link against these alone, so logic that needs a terminal cannot
# link.
LIBSRC   = $(filter-out src/main.c src/ui%.c src/cmd_%.c, $(wildcard src/*.c))
UISRC    = $(wildcard src/ui*.c) $(wildcard src/cmd_*.c)
LIBOBJ   = $(LIBSRC:src/%.c=$(BUILD)/%.o)
UIOBJ    = $(UISRC:src/%.c=$(BUILD)/%.o)
UNITSRC  = $(wildcard tests/unit/test_*.c)
UNITBIN  = $(UNITSRC:tests/unit/%.c=$(BUILD)/tests/%)

# Debian packages the build needs (header -> package).
DEPS_BUILD = /usr/include/iniparser/iniparser.h:libiniparser-dev \
	     /usr/include/ncursesw/curses.h:libncurses-dev \
	     /usr/bin/pkg-config:pkg-config
DEPS_CHECK = /usr/bin/tmux:tmux /usr/bin/clang:clang /usr/bin/mandoc:mandoc \
	     /usr/bin/valgrind:valgrind /usr/bin/python3:python3 \
	     /usr/bin/node:nodejs /usr/bin/npm:npm /usr/bin/git:git \
	     /usr/sbin/sshd:openssh-server
# What the FHIR checks need from the npm registry (tests/fhir/deps.sh:
# the official FHIR R4 JSON schema and ajv, pinned), installed here.
NODE_DIR   = build/node

.PHONY: all run check check-unit check-cli check-scales check-tui check-faults \
	check-fhir deps-fhir \
	check-location check-load \
	check-man check-valgrind \
	check-asan asan-run check-layering deps deps-check install \
	uninstall clean lint-man bench fuzz

all: deps $(BUILD)/.dirs rater

$(BUILD)/.dirs:
	@mkdir -p $(BUILD)/tests
	@touch $@

rater: $(LIBOBJ) $(UIOBJ) $(BUILD)/main.o
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $^ $(LDLIBS)

$(BUILD)/%.o: src/%.c src/*.h $(BUILD)/.dirs
	$(CC) $(CPPFLAGS) $(NCURSES_CFLAGS) $(CFLAGS) -c -o $@ $<

# The build id names the sources, the compiler and its flags: what
# rater list remembers (memo.h) is valid for one build only (and, as
# cmd_list.c adds, for one iniparser library).
$(BUILD)/buildid.h: $(wildcard src/*.c src/*.h) $(BUILD)/.dirs
	@id=$$({ cat src/*.c src/*.h; echo '$(CC) $(CFLAGS)'; } | \
	    sha256sum | cut -c1-16) && \
	    printf '#define RATER_BUILD_ID "%s"\n' "$$id" >$@.tmp && \
	    mv -f $@.tmp $@

$(BUILD)/cmd_list.o: $(BUILD)/buildid.h
$(BUILD)/cmd_list.o: CPPFLAGS += -I$(BUILD)

$(BUILD)/tests/%: tests/unit/%.c tests/unit/*.h $(LIBOBJ)
	$(CC) $(CPPFLAGS) -Isrc $(CFLAGS) -o $@ $< $(LIBOBJ) -liniparser -lm

# Installs what is missing, with apt-get (through sudo when not root).
deps:
	@sh tests/deps.sh $(DEPS_BUILD)

deps-check:
	@sh tests/deps.sh $(DEPS_BUILD) $(DEPS_CHECK)
	@sh tests/fhir/deps.sh $(NODE_DIR)

deps-fhir:
	@sh tests/deps.sh /usr/bin/node:nodejs /usr/bin/npm:npm
	@sh tests/fhir/deps.sh $(NODE_DIR)

# Starts the program on the bundled scales with a data directory under
# the user's home (or RATER_DATA when set).
run: all
	RATER_SCALES=$${RATER_SCALES:-$(CURDIR)/scales} ./rater

# Every suite runs (make -k) and prints its own "N passed, N failed";
# the last line adds them up.
check: deps-check
	@$(MAKE) --no-print-directory all
	@{ $(MAKE) -k --no-print-directory check-layering check-man check-unit \
	    check-scales check-cli check-fhir check-tui check-faults \
	    check-location \
	    check-valgrind check-asan; \
	    echo $$? >$(BUILD)/check.rc; } 2>&1 | tee $(BUILD)/check.log
	@sh tests/total.sh $(BUILD)/check.log $$(cat $(BUILD)/check.rc)

# make check with two CPU-bound processes beside it: the terminal and
# fault tests wait on conditions (tests/wait.sh), never fixed sleeps, so
# a busy machine only makes them slower.
check-load:
	@sh tests/load.sh $(MAKE) --no-print-directory check

check-layering:
	@sh tests/layering.sh

check-unit: $(UNITBIN)
	@sh tests/run-unit.sh $(UNITBIN)

check-scales: rater
	@sh tests/scales/run.sh ./rater

check-cli: rater
	@sh tests/cli/run.sh ./rater

check-tui: rater
	@sh tests/tui/run.sh ./rater

# FHIR: what describe and export write, against the official FHIR R4
# JSON schema and each QuestionnaireResponse against its Questionnaire.
check-fhir: rater deps-fhir
	@sh tests/fhir/run.sh ./rater $(NODE_DIR)

# The unit tests and a scripted command-line session under valgrind.
check-valgrind: rater $(UNITBIN)
	@sh tests/valgrind.sh $(UNITBIN)

# kill -9, disk full, read-only, permissions, concurrent savers,
# corrupted store, hostile input.
check-faults: rater
	@sh tests/faults/run.sh ./rater

# The faults suite again from a copy of the tree in a 0700 directory:
# no test may depend on where the checkout lives.
check-location: rater
	@sh tests/location.sh ./rater

# The unit, scale and command-line tests again under ASan+UBSan.
check-asan: deps
	@$(MAKE) --no-print-directory BUILD=build/asan CC=clang \
	    CFLAGS="-O1 -g -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer" \
	    LDFLAGS="-fsanitize=address,undefined" RATER_BIN=build/asan/rater \
	    asan-run

asan-run: $(UNITBIN) $(BUILD)/rater
	@ASAN_OPTIONS=detect_leaks=1 sh tests/run-unit.sh $(UNITBIN)
	@ASAN_OPTIONS=detect_leaks=1 sh tests/scales/run.sh $(BUILD)/rater
	@ASAN_OPTIONS=detect_leaks=1 sh tests/cli/run.sh $(BUILD)/rater
	@ASAN_OPTIONS=detect_leaks=1 FAULT_KILLS=5 sh tests/faults/run.sh \
	    $(BUILD)/rater
	@$(MAKE) --no-print-directory check-fuzz-regress

$(BUILD)/rater: $(LIBOBJ) $(UIOBJ) $(BUILD)/main.o
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $^ $(LDLIBS)

# Fuzzing (tests/fuzz/README): libFuzzer targets built with clang into
# build/fuzz/ and run for FUZZ_TIME seconds each from their seeds; new
# crashes go to tests/fuzz/crashes/TARGET/.  check-fuzz-regress replays
# tests/fuzz/regress/TARGET/* without libFuzzer (with $(CC) and $(BUILD)).
.PHONY: fuzz fuzz-build check-fuzz-regress
FUZZ_TIME    ?= 60
FUZZ_CC      ?= clang
FUZZ_TARGETS  = expr scale session journal memo redcap json
FUZZ_BUILD    = build/fuzz
FUZZ_CFLAGS   = -O1 -g -fno-omit-frame-pointer -fsanitize=address,undefined \
		-fno-sanitize-recover=all
FUZZ_LIBOBJ   = $(LIBSRC:src/%.c=$(FUZZ_BUILD)/%.o) $(FUZZ_BUILD)/fuzz_util.o
FUZZ_BIN      = $(FUZZ_TARGETS:%=$(FUZZ_BUILD)/fuzz_%)
FUZZ_REPLAY   = $(FUZZ_TARGETS:%=$(BUILD)/fuzz-replay/replay_%)
FUZZ_LD_scale = -Wl,--wrap=mkstemp

fuzz: fuzz-build
	@sh tests/fuzz/run-fuzz.sh $(FUZZ_BUILD) $(FUZZ_TIME) $(FUZZ_TARGETS)

fuzz-build: deps $(FUZZ_BIN) $(FUZZ_BUILD)/gen_seeds

$(FUZZ_BUILD)/%.o: src/%.c src/*.h
	@mkdir -p $(@D)
	$(FUZZ_CC) $(CPPFLAGS) $(CFLAGS) $(FUZZ_CFLAGS) \
	    -fsanitize=fuzzer-no-link -c -o $@ $<

$(FUZZ_BUILD)/fuzz_util.o: tests/fuzz/fuzz_util.c tests/fuzz/fuzz_util.h src/*.h
	@mkdir -p $(@D)
	$(FUZZ_CC) $(CPPFLAGS) -Isrc $(CFLAGS) $(FUZZ_CFLAGS) -c -o $@ $<

$(FUZZ_BUILD)/fuzz_%: tests/fuzz/fuzz_%.c tests/fuzz/fuzz_util.h $(FUZZ_LIBOBJ)
	$(FUZZ_CC) $(CPPFLAGS) -Isrc $(CFLAGS) $(FUZZ_CFLAGS) -fsanitize=fuzzer \
	    -o $@ $< $(FUZZ_LIBOBJ) $(FUZZ_LD_$*) -liniparser -lm

$(FUZZ_BUILD)/gen_seeds: tests/fuzz/gen_seeds.c tests/fuzz/fuzz_util.h $(FUZZ_LIBOBJ)
	$(FUZZ_CC) $(CPPFLAGS) -Isrc $(CFLAGS) $(FUZZ_CFLAGS) \
	    -fsanitize=fuzzer-no-link -o $@ $< $(FUZZ_LIBOBJ) -liniparser -lm

check-fuzz-regress: $(FUZZ_REPLAY)
	@ASAN_OPTIONS=detect_leaks=1 sh tests/fuzz/run-regress.sh $(BUILD)

$(BUILD)/fuzz-replay/replay_%: tests/fuzz/replay.c tests/fuzz/fuzz_%.c \
	    tests/fuzz/fuzz_util.c tests/fuzz/fuzz_util.h $(LIBOBJ)
	@mkdir -p $(@D)
	$(CC) $(CPPFLAGS) -Isrc $(CFLAGS) $(LDFLAGS) -o $@ tests/fuzz/replay.c \
	    tests/fuzz/fuzz_$*.c tests/fuzz/fuzz_util.c $(LIBOBJ) $(FUZZ_LD_$*) \
	    -liniparser -lm

# make bench [N=100000]: the benchmark of tests/bench/run.sh (not a
# test: it takes minutes and the figures depend on the machine).
N ?= 100000
bench: rater $(BUILD)/bench-gen
	@sh tests/bench/run.sh ./rater $(BUILD)/bench-gen $(N)

$(BUILD)/bench-gen: tests/bench/gen.c $(LIBOBJ)
	$(CC) $(CPPFLAGS) -Isrc $(CFLAGS) -o $@ $< $(LIBOBJ) -liniparser -lm

lint-man:
	mandoc -T lint -W warning man/*.[1-9]

# The man pages lint clean, and rater --help is the SYNOPSIS of rater(1).
check-man: rater
	@sh tests/man.sh ./rater

install: all
	mkdir -p $(DESTDIR)$(BINDIR) $(DESTDIR)$(DATADIR)/scales \
	    $(DESTDIR)$(MANPREFIX)/man1 $(DESTDIR)$(MANPREFIX)/man5 \
	    $(DESTDIR)$(MANPREFIX)/man7
	cp -f rater $(DESTDIR)$(BINDIR)/rater
	chmod 755 $(DESTDIR)$(BINDIR)/rater
	cp -f scales/*.ini $(DESTDIR)$(DATADIR)/scales/
	chmod 644 $(DESTDIR)$(DATADIR)/scales/*.ini
	cp -f man/rater.1 $(DESTDIR)$(MANPREFIX)/man1/rater.1
	cp -f man/rater-scale.5 man/rater-session.5 $(DESTDIR)$(MANPREFIX)/man5/
	cp -f man/rater-interop.7 $(DESTDIR)$(MANPREFIX)/man7/
	chmod 644 $(DESTDIR)$(MANPREFIX)/man1/rater.1 \
	    $(DESTDIR)$(MANPREFIX)/man5/rater-scale.5 \
	    $(DESTDIR)$(MANPREFIX)/man5/rater-session.5 \
	    $(DESTDIR)$(MANPREFIX)/man7/rater-interop.7

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/rater $(DESTDIR)$(MANPREFIX)/man1/rater.1 \
	    $(DESTDIR)$(MANPREFIX)/man5/rater-scale.5 \
	    $(DESTDIR)$(MANPREFIX)/man5/rater-session.5 \
	    $(DESTDIR)$(MANPREFIX)/man7/rater-interop.7
	rm -rf $(DESTDIR)$(DATADIR)

clean:
	rm -rf $(BUILD) build rater
