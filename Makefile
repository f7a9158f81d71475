# The two commands of the README. Each creates .venv when it is missing.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin

.PHONY: run test install install-test clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# An editable install writes no bytecode for the package, and where PYTHONDONTWRITEBYTECODE
# is set no run ever does: each would compile the sources again (about 0.1 s of a start).
# compileall writes it (and rewrites only what changed).
$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e .
	$(BIN)/python -m compileall -q pipeline
	touch $@

$(VENV)/.installed-test: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e ".[test]"
	$(BIN)/python -m compileall -q pipeline
	touch $@ $(VENV)/.installed

install: $(VENV)/.installed
install-test: $(VENV)/.installed-test

# every format the tool writes, so that outputs/ shows each of them
FORMATS := json,csv,timelinejs,html,jsonl,parquet,timeml,brat,spacy,geojson

run: install
	$(BIN)/python -m compileall -q pipeline
	$(BIN)/vnevents run corpus --out outputs --format $(FORMATS)

test: install-test
	$(BIN)/python -m pytest

clean:
	rm -rf $(VENV) build *.egg-info
