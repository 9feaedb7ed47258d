# Paiban: every target installs what is missing first, so a fresh Debian 12 machine needs
# nothing but `make demo` or `make test`.

SWIFT ?= swift
APT_PACKAGES := pkg-config libcairo2-dev libpango1.0-dev libfontconfig-dev libjpeg-dev libharfbuzz-dev zlib1g-dev fonts-noto-cjk \
                fonts-lxgw-wenkai poppler-utils qpdf
OUT ?= out
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: all deps build demo test bench clean

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

clean:
	rm -rf .build $(OUT)
