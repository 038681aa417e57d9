# migc — build, test, install.  No autotools: GNU make, pkg-config.
#
#   make                 build ./migc
#   make demo            compile examples/ to SQL and show the reversibility report
#   make test            the whole test suite (starts its own PostgreSQL/MariaDB)
#   make test SANITIZE=1 the same suite built with ASan+UBSan (in build-san/)
#   make test VALGRIND=1 the same suite with every program under valgrind memcheck
#   make test-valgrind   the unit tests and a sample of the shell tests under
#                        valgrind (VALGRIND_TESTS; what CI runs)
#   make golden          regenerate the golden files of tests/golden for review
#   make bench           benchmarks (not a test)
#   make install PREFIX=/usr/local DESTDIR=

CC       ?= cc
PREFIX   ?= /usr/local
DESTDIR  ?=
SANITIZE ?=
VALGRIND ?=

BUILD    := build$(if $(SANITIZE),-san)
PKGS     := libpq sqlite3 libcrypto jansson libmariadb

# The dependencies are checked (and installed as root) by the targets that
# need them, before anything that uses them is built: deps-build before the
# first compile, deps-test (build and test dependencies) before the unit
# tests, which need cmocka.  Nothing is checked at parse time, so `make
# clean` runs no installer.  pkg-config is asked once, when a recipe first
# needs its answer: after the check has run.
PKG_CFLAGS = $(eval PKG_CFLAGS := $$(shell pkg-config --cflags $(PKGS)))$(PKG_CFLAGS)
PKG_LIBS   = $(eval PKG_LIBS := $$(shell pkg-config --libs $(PKGS)))$(PKG_LIBS)

WARN     := -Wall -Wextra -Werror -Wshadow -Wstrict-prototypes -Wmissing-prototypes
OPT      := -O2 -g
comma    := ,
SAN      := $(if $(SANITIZE),-fsanitize=address$(comma)undefined -fno-omit-frame-pointer -fno-sanitize-recover=all)
# include/ holds the library's public headers (arena, diag, version,
# migset, migc).  compiler/ and grammar/ see their own internals; runtime/
# sees only its own headers and the public ones; cli/ also the runtime's.
# What a command needs of the compiler goes through include/migc.h.
CPPFLAGS += -D_XOPEN_SOURCE=700 -Iinclude
INC      = -Icompiler -Igrammar -I$(BUILD)/grammar
$(BUILD)/runtime/%.o: INC = -Iruntime
$(BUILD)/cli/%.o: INC = -Iruntime
# Unit tests reach into both halves.
$(BUILD)/tests/%: INC += -Iruntime
CFLAGS   += -std=c11 $(WARN) $(OPT) $(SAN) $(PKG_CFLAGS)
LDFLAGS  += $(SAN)
LDLIBS   += $(PKG_LIBS) -lm

# The generated scanner and parser are not ours to restyle.
GEN_CFLAGS := -Wno-unused-function -Wno-unused-parameter -Wno-sign-compare \
              -Wno-missing-prototypes -Wno-shadow -Wno-unused-but-set-variable

VERSION  := $(shell cat VERSION 2>/dev/null || echo 0.1.0)
CPPFLAGS += -DMIGC_VERSION='"$(VERSION)"'

LIB_SRC  := $(wildcard compiler/*.c) $(wildcard runtime/*.c)
CLI_SRC  := $(wildcard cli/*.c)
GEN_SRC  := $(BUILD)/grammar/parser.c $(BUILD)/grammar/lexer.c

LIB_OBJ  := $(LIB_SRC:%.c=$(BUILD)/%.o) $(GEN_SRC:.c=.o)
CLI_OBJ  := $(CLI_SRC:%.c=$(BUILD)/%.o)
LIB      := $(BUILD)/libmigc.a

UNIT_SRC := $(wildcard tests/unit/test_*.c)
UNIT_BIN := $(UNIT_SRC:tests/unit/%.c=$(BUILD)/tests/%)
# Small programs the shell tests run (tests/tools/*.c, e.g. rowgen).
TOOL_SRC := $(wildcard tests/tools/*.c)
TOOL_BIN := $(TOOL_SRC:tests/tools/%.c=$(BUILD)/tests/tools/%)

MIGC     := $(if $(SANITIZE),$(BUILD)/migc,./migc)

.PHONY: all demo test test-valgrind unit golden bench install uninstall clean fuzz reliability check-gcc check-clang \
        deps-build deps-test
.DELETE_ON_ERROR:

all: $(MIGC)

deps-build:
	@scripts/deps.sh -q build >&2
# After deps-build, so that two installers never run at once.
deps-test: deps-build
	@scripts/deps.sh -q test >&2

# Replaced by rename, so a ./migc that is running is not disturbed.
./migc: $(BUILD)/migc
	cp $< $@.tmp && mv -f $@.tmp $@

$(BUILD)/migc: $(CLI_OBJ) $(LIB)
	$(CC) $(LDFLAGS) -o $@ $(CLI_OBJ) $(LIB) $(LDLIBS)

$(LIB): $(LIB_OBJ)
	rm -f $@
	ar rcs $@ $^

$(BUILD)/grammar/parser.c $(BUILD)/grammar/parser.h &: grammar/parser.y | deps-build
	@mkdir -p $(dir $@)
	bison -Wall -Werror --defines=$(BUILD)/grammar/parser.h -o $(BUILD)/grammar/parser.c $<

$(BUILD)/grammar/lexer.c $(BUILD)/grammar/lexer.h &: grammar/lexer.l $(BUILD)/grammar/parser.h | deps-build
	@mkdir -p $(dir $@)
	flex --header-file=$(BUILD)/grammar/lexer.h -o $(BUILD)/grammar/lexer.c $<

$(BUILD)/grammar/%.o: $(BUILD)/grammar/%.c | deps-build
	$(CC) $(CPPFLAGS) $(INC) $(CFLAGS) $(GEN_CFLAGS) -MMD -MP -c -o $@ $<

$(BUILD)/%.o: %.c $(BUILD)/grammar/parser.h $(BUILD)/grammar/lexer.h | deps-build
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) $(INC) $(CFLAGS) -MMD -MP -c -o $@ $<

$(BUILD)/tests/%: tests/unit/%.c $(wildcard tests/unit/*.h) $(LIB) | deps-test
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) $(INC) $(CFLAGS) $(shell pkg-config --cflags cmocka) -o $@ $< $(LIB) \
	    $(LDFLAGS) $(LDLIBS) $(shell pkg-config --libs cmocka)

$(BUILD)/tests/tools/%: tests/tools/%.c $(LIB)
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) $(INC) $(CFLAGS) -o $@ $< $(LIB) $(LDFLAGS) $(LDLIBS)

-include $(LIB_OBJ:.o=.d) $(CLI_OBJ:.o=.d)

demo: $(MIGC)
	@scripts/demo.sh $(MIGC)

unit: $(UNIT_BIN)

test: $(MIGC) $(UNIT_BIN) $(TOOL_BIN) | deps-test
	@MIGC=$(abspath $(MIGC)) BUILD=$(abspath $(BUILD)) VALGRIND=$(VALGRIND) \
	    tests/run-all.sh $(UNIT_BIN) $(sort $(wildcard tests/t_*.sh))

# The shell tests that run under valgrind in `make test-valgrind`: the ones
# that drive the compiler and each runtime through most of their paths.  The
# rest (bad input, identifiers, reliability, MySQL) run under ASan+UBSan.
VALGRIND_TESTS ?= tests/t_cli.sh tests/t_golden.sh tests/t_lint.sh tests/t_limits.sh \
                  tests/t_fuzz_replay.sh tests/t_runtime_cli.sh tests/t_runtime_sqlite.sh \
                  tests/t_runtime_pg.sh tests/t_sqlite_roundtrip.sh

test-valgrind: $(MIGC) $(UNIT_BIN) $(TOOL_BIN) | deps-test
	@MIGC=$(abspath $(MIGC)) BUILD=$(abspath $(BUILD)) VALGRIND=$(or $(VALGRIND),1) \
	    tests/run-all.sh $(UNIT_BIN) $(VALGRIND_TESTS)

golden: $(MIGC)
	@MIGC=$(abspath $(MIGC)) tests/t_golden.sh --regen

bench: ./migc
	@bench/run.sh

fuzz: | deps-test
	@$(MAKE) -f fuzz/Makefile run

reliability: ./migc | deps-test
	@MIGC=$(abspath ./migc) tests/run-all.sh tests/reliability/run.sh tests/reliability/mariadb.sh

check-gcc:
	$(MAKE) clean && $(MAKE) CC=gcc
check-clang:
	$(MAKE) clean && $(MAKE) CC=clang

install: ./migc
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/share/man/man1
	install -m 755 ./migc $(DESTDIR)$(PREFIX)/bin/migc
	install -m 644 docs/migc.1 $(DESTDIR)$(PREFIX)/share/man/man1/migc.1

uninstall:
	rm -f $(DESTDIR)$(PREFIX)/bin/migc $(DESTDIR)$(PREFIX)/share/man/man1/migc.1

clean:
	rm -rf build build-san migc
