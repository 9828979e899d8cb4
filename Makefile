# Two commands from a fresh Debian machine: `make demo` and `make test`.
# Each first installs what is missing: system packages, then .venv.
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
PYTHON ?= python3

# Tests run on every core; a scene's key-frame tests stay on one worker (xdist_group).
PYTEST := $(BIN)/pytest -n auto --dist loadgroup

.PHONY: demo install test check lint bench system clean

install: $(STAMP)

demo: $(STAMP)
	$(BIN)/mlu render roc-auc --quality medium --format mp4,gif,png --out renders

test: $(STAMP)
	$(BIN)/ruff check .
	$(PYTEST)

# For iterating: lint and every test that renders nothing (under two minutes).
check: $(STAMP)
	$(BIN)/ruff check .
	$(PYTEST) -m "not slow"

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

bench: $(STAMP)
	$(BIN)/python benchmarks/run.py
	$(BIN)/python benchmarks/batch.py

system:
	@scripts/bootstrap-system.sh

$(STAMP): pyproject.toml | system
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

clean:
	rm -rf $(VENV) .pytest_cache renders/*/
