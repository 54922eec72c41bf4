# The whole set-up on a fresh machine: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: install run test lint bench package package-check clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q -U pip
	$(BIN)/python -m pip install -q -e '.[test,dev]'
	touch $(STAMP)

install: $(STAMP)

# The platform check stops before Qt with the missing system libraries and the command
# that installs them (and, run as root on Debian or Fedora, installs them itself).
run: $(STAMP)
	$(BIN)/python -m newsdiff_gui.platform_check --install
	$(BIN)/newsdiff-gui

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy --strict newsdiff_gui

# Two test processes (pytest-xdist): much of the suite waits on local servers, watcher
# processes and the extractor's child, so two keep two cores busy.
test: $(STAMP) lint
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest -q -p no:cacheprovider -n 2

# The one-folder app in dist/newsdiff-gui/ (PyInstaller's work files in build/).
package: $(STAMP)
	$(BIN)/pyinstaller --noconfirm --log-level=WARN build.spec

# Builds in a temporary folder, starts the built app offscreen on the demo history and
# checks its screenshot (also part of `make test`; about a minute).
package-check: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest -q -p no:cacheprovider -rs tests/test_packaging.py

bench: $(STAMP)
	$(BIN)/python benchmarks/extraction.py
	$(BIN)/python benchmarks/alignment.py
	$(BIN)/python benchmarks/sentence_stress.py
	$(BIN)/python benchmarks/alignment_speed.py

clean:
	rm -rf $(VENV) build dist *.egg-info
