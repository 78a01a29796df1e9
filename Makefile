# Two commands matter: `make run` (the app on SQLite with demo data) and `make test` (the whole suite).
# Both create .venv and install what they need first. Set TESSERA_TEST_DATABASE_URL to a
# PostgreSQL server (postgresql://postgres@127.0.0.1:5432/test) to run the suite there.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test lint bench clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[test]"
	touch $(STAMP)

run: $(STAMP)
	$(BIN)/python server.py serve

test: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/pytest

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

bench: $(STAMP)
	$(BIN)/python bench/orm.py
	$(BIN)/python bench/registry.py
	$(BIN)/python bench/install.py
	$(BIN)/python bench/accounting_reports.py

clean:
	rm -rf $(VENV) var/*.db var/*.db-* build *.egg-info
