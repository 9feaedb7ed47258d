# Paiban: every target installs what is missing first, so a fresh Debian 12 machine needs
# nothing but `make demo` or `make test`.

SWIFT ?= swift
# chromium: the preview's tests drive Debian's headless Chromium (PreviewBrowserTests, make bench).
APT_PACKAGES := pkg-config libcairo2-dev libpango1.0-dev libfontconfig-dev libjpeg-dev libharfbuzz-dev zlib1g-dev fonts-noto-cjk \
                fonts-lxgw-wenkai poppler-utils qpdf \
                liblcms2-dev ghostscript parallel chromium
OUT ?= out
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: all deps build demo test bench fuzz clean

all: build

# Installs only the Debian packages that are missing (apt-get update runs once, if needed).
deps:
	@missing=""; for p in $(APT_PACKAGES); do \
	  dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "ok installed" || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
	  echo "installing:$$missing"; \
	  $(SUDO) apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq --no-install-recommends $$missing >/dev/null; \
	fi
	@command -v $(SWIFT) >/dev/null || { echo "swift not found: install Swift 6 (https://swift.org/install) and put it on PATH"; exit 1; }
	@# PyMuPDF, for ../shared/tools/pdfcheck.py and headcheck.py in the tests (PyPI; Debian's python3-fitz is too old).
	@python3 -m pip --version >/dev/null 2>&1 || { $(SUDO) apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq python3-pip >/dev/null; }
	@python3 -c "import pymupdf" 2>/dev/null || python3 -m pip install -q --break-system-packages pymupdf || \
	  { echo "pymupdf could not be installed"; exit 1; }
	@# jieba, for ../shared/tools/headcheck.py (an independent segmentation of the heads in the PDF).
	@python3 -c "import jieba" 2>/dev/null || python3 -m pip install -q --break-system-packages jieba || \
	  { echo "jieba could not be installed"; exit 1; }
	@# Pillow, for the print tests (Ghostscript's separations read as images) and make_stress.py.
	@python3 -c "import PIL" 2>/dev/null || python3 -m pip install -q --break-system-packages pillow || \
	  { echo "pillow could not be installed"; exit 1; }

build: deps
	$(SWIFT) build -c release --product paiban

# The demo: the sample edition (Examples/semicon-special) as PDF and PNG proofs, plus a
# proof sheet of the composer on the same copy.
demo: build
	@mkdir -p $(OUT)
	.build/release/paiban render Examples/semicon-special -o $(OUT)/edition.pdf --png $(OUT)/proofs --dpi 60
	.build/release/paiban compose --measure 13 --indent 2 --size 9 --pdf $(OUT)/compose-proof.pdf \
	  < Examples/compose/semicon-paragraphs.txt > $(OUT)/compose-proof.txt 2> $(OUT)/compose-proof.log
	@echo "demo written to $(abspath $(OUT))/edition.pdf (page proofs in $(OUT)/proofs/, composer proof in $(OUT)/compose-proof.pdf)"

test: deps
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build

# The benchmarks (printed, not asserted): the composer, 8-, 24- and 11-page editions, a batch;
# then, where ../shared/tools is beside the repository, its layout and text checks.
bench: deps
	$(SWIFT) build -c release --product paiban-bench
	$(SWIFT) build -c release --product paiban
	.build/release/paiban-bench .
	@# Typst (from PyPI: crates.io is out of reach here) setting the news edition's text into
	@# plain columns, timed alternately with paiban render on the same edition (issue 10's measure).
	@python3 -c "import typst" 2>/dev/null || python3 -m pip install -q --break-system-packages typst || \
	  echo "typst could not be installed: the comparison is skipped"
	@rm -rf .build/bench-news && .build/release/paiban-bench . --generate-news .build/bench-news >/dev/null
	@if python3 -c "import typst" 2>/dev/null; then \
	  python3 tools/bench/typst_columns.py .build/bench-news 7 --against .build/release/paiban; fi
	@# The preview's latency: a saved edit to the new proof decoded in headless Chromium.
	python3 tools/preview/latency.py .build/release/paiban Examples/semicon-special 7

# The loaders' libFuzzer target (Sources/paiban-fuzz) for FUZZ_SECONDS over a seed corpus made
# from Examples/ and Layouts/. Built in its own folder (.build-fuzz) with -sanitize=fuzzer, so
# the ordinary build is not rebuilt. New inputs grow $(FUZZ_DIR)/corpus from run to run; each
# crash, hang (over 10 s) or out-of-memory input is written to $(FUZZ_DIR)/crashes/ and the run
# goes on (-fork=1 -ignore_crashes=1). Replay one with a Swift backtrace:
# `swift build --product paiban-fuzz && .build/debug/paiban-fuzz $(FUZZ_DIR)/crashes/crash-…`.
# FUZZ_FAIL=1 makes the target fail when the run found anything.
FUZZ_SECONDS ?= 60
FUZZ_DIR ?= .fuzz
FUZZ_FLAGS := -Xswiftc -sanitize=fuzzer -Xswiftc -DPAIBAN_FUZZ -Xcc -fsanitize=fuzzer-no-link
fuzz:
	$(SWIFT) build -c debug --product paiban-fuzz --scratch-path .build-fuzz $(FUZZ_FLAGS)
	@rm -rf $(FUZZ_DIR)/seeds && mkdir -p $(FUZZ_DIR)/corpus $(FUZZ_DIR)/crashes
	@.build-fuzz/debug/paiban-fuzz --write-seeds $(FUZZ_DIR)/seeds
	@# SWIFT_BACKTRACE=enable=no: libFuzzer, not Swift's backtracer, must catch a trap to save its input.
	SWIFT_BACKTRACE=enable=no .build-fuzz/debug/paiban-fuzz $(FUZZ_DIR)/corpus $(FUZZ_DIR)/seeds \
	  -dict=tools/fuzz/paiban.dict -max_total_time=$(FUZZ_SECONDS) -max_len=65536 -timeout=10 -rss_limit_mb=2048 \
	  -fork=1 -ignore_crashes=1 -ignore_timeouts=1 -ignore_ooms=1 \
	  -artifact_prefix=$(FUZZ_DIR)/crashes/ > $(FUZZ_DIR)/fuzz.log 2>&1 || true
	@tail -n 3 $(FUZZ_DIR)/fuzz.log
	@n=$$(ls $(FUZZ_DIR)/crashes | wc -l); echo "fuzz: $$n input(s) in $(FUZZ_DIR)/crashes after $(FUZZ_SECONDS) s (log: $(FUZZ_DIR)/fuzz.log)"; \
	  if [ "$(FUZZ_FAIL)" = 1 ] && [ $$n -gt 0 ]; then exit 1; fi

clean:
	rm -rf .build .build-fuzz $(FUZZ_DIR) $(OUT)
