# ExportDesk developer commands. `make run` opens the window; `make test` runs the whole suite.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
ARGS   ?=

.PHONY: run demo test lint format bench screenshots installer system-deps clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $@

system-deps:
	@scripts/ensure-system-deps.sh

run: system-deps $(STAMP)  ## open the window on the default database (ARGS="--demo" loads demo data)
	$(BIN)/desktop-app $(ARGS)

demo: system-deps $(STAMP)  ## open the window with demo data
	$(BIN)/desktop-app --demo

test: system-deps $(STAMP)  ## the whole test suite, offscreen
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(STAMP)
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

bench: system-deps $(STAMP)  ## each benchmark prints "name: ours X, bare Y, ratio X/Y"
	@for f in benchmarks/bench_*.py; do QT_QPA_PLATFORM=offscreen $(BIN)/python $$f || exit 1; done

screenshots: system-deps $(STAMP)  ## PNGs of every screen with demo data, in screenshots/
	QT_QPA_PLATFORM=offscreen $(BIN)/python scripts/screenshots.py screenshots

installer: $(STAMP)  ## a Windows/Linux folder build with PyInstaller (on the target OS)
	$(BIN)/python -m pip install --quiet 'pyinstaller>=6.5'
	$(BIN)/pyinstaller --noconfirm build_installer.spec

clean:
	rm -rf build dist .pytest_cache .ruff_cache screenshots
