# Two commands do all the set-up on a fresh clone: `make demo` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: setup demo test lint bench bench-spun bench-speed bench-trace clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e ".[dev,semantic,web,spark]"
	touch $(STAMP)

setup: $(STAMP)

demo: setup
	$(BIN)/unspin demo

lint: setup
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/ruff format --check src tests benchmarks
	$(BIN)/mypy

# pytest exits 5 when it collects no test; that is a failure here, not a pass.
test: lint
	$(BIN)/python -m pytest -q

bench: setup
	$(BIN)/python benchmarks/run.py

# Issue #3's labelled spun-news benchmark (~5,000 documents; several minutes on 2 cores).
bench-spun: setup
	$(BIN)/python -m benchmarks.spun_news run

# Issue #10's speed table: unspin scan beside datasketch MinHash+LSH at 2,000 and 10,000
# documents, each method in its own process (~15 minutes on 2 cores).
bench-speed: setup
	$(BIN)/python -m benchmarks.speed run

# Issue #11's index and trace numbers: index add documents/s, file size against the text,
# trace latency on indexed, spun and unrelated articles (~5 minutes on 2 cores).
bench-trace: setup
	$(BIN)/python -m benchmarks.trace

clean:
	rm -rf $(VENV) out .pytest_cache .mypy_cache .ruff_cache
