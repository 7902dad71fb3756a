# articled — build, run and test.
#
# `make run` and `make test` install the Debian packages the build needs when they are missing, so that a fresh
# Debian machine with the Swift toolchain goes from clone to running daemon in one command.

SWIFT ?= swift
APT_PACKAGES := libsystemd-dev libuchardet-dev libnats-dev nats-server pkg-config systemd-container jq curl
VAR := $(CURDIR)/var
BIN_DEBUG := .build/debug/articled

.PHONY: all deps build release release-static run test test-systemd eval-dev entity-model entity-model-check extractor-digest deb bench clean format

all: build

# Installs only what is absent; apt-get update runs once, and only when something must be installed.
deps:
	@missing=""; for p in $(APT_PACKAGES); do \
	  dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "install ok installed" || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
	  echo "Installing Debian packages:$$missing"; \
	  SUDO=""; [ "$$(id -u)" -ne 0 ] && SUDO=sudo; \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq $$missing; \
	fi
	@# The record schema test validates real output with Python's jsonschema.
	@python3 -c 'import jsonschema' 2>/dev/null || python3 -m pip install --quiet jsonschema

build: deps
	$(SWIFT) build

release: deps
	$(SWIFT) build -c release

run: build
	@mkdir -p $(VAR)/incoming $(VAR)/state
	@echo "articled is watching $(VAR)/incoming (state in $(VAR)/state, status socket $(VAR)/articled.sock)."
	@echo "  drop a file:   cp article.txt $(VAR)/incoming/"
	@echo "  read the log:  $(BIN_DEBUG) log cat --state $(VAR)/state | jq ."
	@echo "  ask status:    $(BIN_DEBUG) status --socket $(VAR)/articled.sock"
	@echo "Stop with Ctrl-C."
	$(BIN_DEBUG) run --watch $(VAR)/incoming --state $(VAR)/state --socket $(VAR)/articled.sock

# Unit and integration tests, then the real-systemd test (deploy/test-systemd.sh, on the Debian package that
# `make deb` builds) when systemd-nspawn is here and we are root; otherwise that step prints "skipped: …".
test: build
	scripts/extractor-digest.sh --check
	$(SWIFT) test
	@# Extraction quality on the shared seed articles (used by path, never copied), and on our own fixtures.
	@if [ -f ../shared/corpus/seeds/gold.json ]; then $(BIN_DEBUG) eval ../shared/corpus/seeds; \
	else echo "eval: ../shared/corpus/seeds absent, skipped"; fi
	$(BIN_DEBUG) eval Tests/ArticleExtractionTests/Fixtures
	$(MAKE) eval-dev
	$(MAKE) test-systemd

# The binary install.sh ships: Swift runtime linked statically, so it runs in a container without the toolchain.
BIN_STATIC := .build-static/release/articled
release-static: deps
	$(SWIFT) build -c release --static-swift-stdlib --product articled --scratch-path .build-static

# The Debian package (scripts/make-deb.sh): binary in /usr/bin, units in /usr/lib/systemd/system, sysusers and
# tmpfiles in /usr/lib, the configuration as a conffile, man pages and shell completions. Written to the
# repository's top folder as articled_VERSION_ARCH.deb.
deb: release-static
	scripts/make-deb.sh $(BIN_STATIC) $(CURDIR)

# Extraction quality on the shared development set (709 web pages, used by path): no figure may fall below the
# committed baseline by more than 0.002 (`articled eval DIR --baseline FILE`; after an improvement, record the new
# figures with `--record-baseline` and commit them). It runs the static release binary that test-systemd also
# uses, so the release build is paid once; the evaluation itself takes seconds.
DEV_SET := ../shared/corpus/wcxb-dev
DEV_BASELINE := Tests/Baselines/wcxb-dev.json
eval-dev:
	@if [ -d $(DEV_SET)/page ] && [ -d $(DEV_SET)/region ]; then \
	  $(MAKE) release-static && \
	  $(BIN_STATIC) eval $(DEV_SET)/page --baseline $(DEV_BASELINE) && \
	  $(BIN_STATIC) eval $(DEV_SET)/region --baseline $(DEV_BASELINE) && \
	  $(MAKE) entity-model-check; \
	else echo "eval-dev: $(DEV_SET) absent, skipped"; fi

# The digest in every record's `extractor` field: rerun after any change to Sources/ArticleExtraction (make test
# fails while the committed digest is stale).
extractor-digest:
	scripts/extractor-digest.sh --write

# The entity tagger's weights (docs/entities.md): `make entity-model` trains them on the development set's gold
# bodies and reference labels, prints the cross-validated agreement, and rewrites the embedded model file;
# `entity-model-check` retrains into a temporary file and fails if the committed model is not what the script
# and the corpus give.
TRAINER := .build-static/release/train-entity-model
ENTITY_MODEL := Sources/ArticleExtraction/Entities/Tagger/EntityTaggerModelData.swift
TRAIN_FLAGS := --epochs 8 --min-weight 1.5
entity-model: deps
	$(SWIFT) build -c release --static-swift-stdlib --product train-entity-model --scratch-path .build-static
	$(TRAINER) $(DEV_SET) $(DEV_SET)/entities.json $(TRAIN_FLAGS) --folds 5 --out $(ENTITY_MODEL)

entity-model-check:
	@$(SWIFT) build -c release --static-swift-stdlib --product train-entity-model --scratch-path .build-static
	@tmp=$$(mktemp --suffix=.swift) && \
	  $(TRAINER) $(DEV_SET) $(DEV_SET)/entities.json $(TRAIN_FLAGS) --out $$tmp >/dev/null && \
	  if cmp -s $$tmp $(ENTITY_MODEL); then echo "entity-model-check: the committed model is what training gives"; rm -f $$tmp; \
	  else echo "entity-model-check: $(ENTITY_MODEL) differs from a fresh training (run make entity-model)"; rm -f $$tmp; exit 1; fi

test-systemd:
	@if [ "$$(id -u)" -ne 0 ] || ! command -v systemd-nspawn >/dev/null 2>&1; then \
	  deploy/test-systemd.sh; \
	else \
	  $(MAKE) release-static && \
	  dest=$$(mktemp -d) && DESTDIR=$$dest ARTICLED_BIN=$(CURDIR)/$(BIN_STATIC) deploy/install.sh >/dev/null && \
	  test -x $$dest/usr/local/bin/articled && test -f $$dest/etc/systemd/system/articled.service && rm -rf $$dest && \
	  echo "install.sh with DESTDIR: installed" && \
	  deb=$$(scripts/make-deb.sh $(BIN_STATIC) $(CURDIR)) && ARTICLED_DEB=$$deb deploy/test-systemd.sh; \
	fi

bench: deps
	bench/burst.sh

format:
	$(SWIFT) format --in-place --recursive Sources Tests Package.swift

clean:
	rm -rf .build .build-static
