# newscrawl — the front door. `make demo` and `make test` set everything up.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: install demo test fuzz bench ablate bench-crawl fixtures lint clean

install: $(STAMP)

# Reinstall when the project's metadata changes; pip is upgraded first since
# older pips fail to resolve some dependency chains (trafilatura's).
$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

demo: install
	$(BIN)/python -m newscrawl.demo fixtures/sites

test: install
	$(BIN)/python -m pytest -q

# The fuzz suite at length: 2,000 mutated inputs a test, a new seed each run (about a minute).
fuzz: install
	NEWSCRAWL_FUZZ=long $(BIN)/python -m pytest -q tests/test_fuzz.py

# Benchmark against trafilatura and readability-lxml (bench-only extras).
bench: install
	$(BIN)/python -m pip install --quiet -e '.[test,bench]'
	$(BIN)/python -m bench

# What each extraction rule is worth: every rule switched off in turn (about 5 minutes).
ablate: install
	$(BIN)/python -m bench.ablate

# Archive crawls against generated sites: speed, memory, kills, faults, fleets (about 16 minutes).
bench-crawl: install
	$(BIN)/python -m bench.crawl

# Rewrite the expected items beside every fixture page after a deliberate change.
fixtures: install
	$(BIN)/python -m tests.regenerate

lint: install
	$(BIN)/python -m pip install --quiet -e '.[test,lint]'
	$(BIN)/ruff check newscrawl tests bench
	$(BIN)/mypy newscrawl

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache
