# The two commands a newcomer needs: `make demo` and `make test`. Each builds .venv from this
# repository's own files, so a fresh clone needs nothing but Python and the package registries.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin

.PHONY: demo test venv lint bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

venv: $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[test]'

demo: $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	bash scripts/demo.sh

test: venv
	$(BIN)/ruff check src tests benchmarks scripts
	$(BIN)/python -m pytest -q

bench: venv
	for b in benchmarks/*.py; do $(BIN)/python $$b; done

clean:
	rm -rf $(VENV) out .lmgate examples/quickstart/.lmgate
