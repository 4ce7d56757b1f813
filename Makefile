# Ibid: `make demo` and `make test` do all set-up on a fresh machine.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
export HF_HUB_OFFLINE := 1
export TRANSFORMERS_OFFLINE := 1
export GRADIO_ANALYTICS_ENABLED := False
export ANONYMIZED_TELEMETRY := False
DEMO_HOME ?= .ibid
SAMPLE ?= eval/corpus/sample
# Debian's Chromium drives the browser tests and screenshots (no Playwright browser download).
CHROMIUM ?= /usr/bin/chromium
export IBID_CHROMIUM := $(CHROMIUM)

.PHONY: install demo serve test test-ci test-all lint typecheck bench screenshots chromium doc-tools clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PY) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	# torch first, pinned: an unpinned torch pulls a multi-GB CUDA build.
	$(BIN)/pip install -q torch==2.13.0
	$(BIN)/pip install -q -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

demo: $(STAMP)
	$(BIN)/ibid --home $(DEMO_HOME) ingest $(SAMPLE)
	$(BIN)/ibid --home $(DEMO_HOME) serve --port 7860

serve: $(STAMP)
	$(BIN)/ibid --home $(DEMO_HOME) serve --port 7860

# Installs Chromium with apt-get when it is missing and we are root; otherwise says how, and
# the browser tests fail with the same advice.
chromium:
	@if [ -x "$(CHROMIUM)" ]; then :; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
		echo "installing Chromium for the browser tests: apt-get install chromium"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	else \
		echo "warning: $(CHROMIUM) not found; run 'sudo apt-get install chromium' (browser tests need it)" >&2; \
	fi

# Installs the tools that regenerate tests/fixtures/docs (pdflatex, pandoc, LibreOffice,
# pdftotext) with apt-get when they are missing and we are root; otherwise says how.
DOC_TOOLS_APT := texlive-latex-base texlive-latex-recommended texlive-latex-extra \
	texlive-fonts-recommended texlive-lang-cyrillic cm-super pandoc libreoffice-writer-nogui poppler-utils
doc-tools:
	@if command -v pdflatex >/dev/null 2>&1 && command -v pandoc >/dev/null 2>&1 \
		&& command -v soffice >/dev/null 2>&1 && command -v pdftotext >/dev/null 2>&1; then :; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
		echo "installing the document tools for tests/fixtures/docs: apt-get install $(DOC_TOOLS_APT)"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $(DOC_TOOLS_APT) >/dev/null; \
	else \
		echo "warning: pdflatex/pandoc/soffice/pdftotext not all found; run 'sudo apt-get install $(DOC_TOOLS_APT)' (tests/fixtures/docs/make_docs.py needs them)" >&2; \
	fi

test: $(STAMP) chromium
	$(BIN)/python -m pytest -q --durations=15

# What CI runs after `make test`: tests worth its time but not the default run's (marked ci).
test-ci: $(STAMP) chromium
	$(BIN)/python -m pytest -q -m ci

test-all: $(STAMP) chromium
	$(BIN)/python -m pytest -q -m ''

screenshots: $(STAMP) chromium
	$(BIN)/python -m ui.web.screenshots --out docs/screenshots --sample $(SAMPLE)/india-us-rapprochement.txt

# Every benchmark in sequence (~30 min on 2 cores); results in benchmarks/results/*.json,
# work files in benchmarks/work/. See benchmarks/README.md.
bench: $(STAMP)
	$(BIN)/python -m benchmarks.ingest
	$(BIN)/python -m benchmarks.backends
	$(BIN)/python -m benchmarks.generate
	$(BIN)/python -m benchmarks.query
	$(BIN)/python -m benchmarks.baseline
	$(BIN)/python -m benchmarks.load

lint: $(STAMP)
	$(BIN)/ruff check index rag eval ui tests benchmarks
	$(BIN)/ruff format --check index rag eval ui tests benchmarks

typecheck: $(STAMP)
	$(BIN)/mypy

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache
