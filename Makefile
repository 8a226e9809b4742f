# evalkit — set-up on a fresh machine: `make demo` and `make test`.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo demo-benchmarks test lint format system-deps install bench clean

$(STAMP): pyproject.toml constraints.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -c constraints.txt -e '.[test,spark]'
	# Byte-compile the checkout as pip does an installed wheel: start-up then reads .pyc files
	# even where PYTHONDONTWRITEBYTECODE is set (as on CI), ~0.3 s per command.
	$(BIN)/python -m compileall -q src plugins
	touch $(STAMP)

install: $(STAMP)

system-deps:
	bash scripts/system-deps.sh

demo: system-deps install
	$(BIN)/evalkit demo --out demo-out

# The demo's benchmark pack: 12 synthetic peers generated, evaluated and built into a pack.
demo-benchmarks: install
	$(BIN)/python -m evalkit.demo.portfolio --out configs/benchmarks/demo-synthetic.yaml

lint: install
	$(BIN)/ruff format --check src plugins tests benchmarks
	$(BIN)/ruff check src plugins tests benchmarks
	$(BIN)/mypy src plugins

format: install
	$(BIN)/ruff format src plugins tests benchmarks
	$(BIN)/ruff check --fix src plugins tests benchmarks

test: system-deps install lint
	$(BIN)/python -m pytest -q

bench: system-deps install
	$(BIN)/python -m pip install -q -c constraints.txt -e '.[test,spark,bench]'
	test -d benchmarks/data/1m || $(BIN)/python benchmarks/generate.py --tickets 1000000 --out benchmarks/data/1m
	$(BIN)/python benchmarks/compare.py benchmarks/data/1m --format parquet --repeat 3 --check
	$(BIN)/python benchmarks/report_bench.py

clean:
	rm -rf $(VENV) demo-out evalkit-out .pytest_cache .mypy_cache .ruff_cache
