# Setup and everyday commands. `make run` and `make test` each do the whole setup on a
# fresh machine: virtual environment, install, default model, translations.

PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
INSTALLED := $(VENV)/.installed
INSTALLER_TOOLS := $(VENV)/.installed-installer

.PHONY: setup model translations run test bench clean installer

setup: $(INSTALLED) model translations

$(INSTALLED): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "error: Python 3.11 or newer is needed, found " + sys.version.split()[0])'
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	# llama-cpp-python compiles llama.cpp the first time (about five minutes on two cores).
	$(PY) -m pip install --quiet -e '.[dev]'
	touch $(INSTALLED)

model: $(INSTALLED)
	$(PY) models/fetch_default_model.py

translations: $(INSTALLED)
	$(PY) -m retail_assistant.gui.i18n --compile

run: setup
	$(PY) -m retail_assistant

test: setup
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest

# The one-folder desktop bundle under dist/retail-assistant/, then its self-test offscreen.
installer: setup $(INSTALLER_TOOLS)
	$(PY) installer/build.py --self-test

$(INSTALLER_TOOLS): $(INSTALLED)
	$(PY) -m pip install --quiet -e '.[dev,installer]'
	touch $(INSTALLER_TOOLS)

# tests/installer builds the bundle, which needs PyInstaller, only when this variable is 1.
ifeq ($(RETAIL_ASSISTANT_BUILD_INSTALLER),1)
test: $(INSTALLER_TOOLS)
endif

bench: setup
	$(PY) bench/bench_local_engine.py

clean:
	rm -rf $(VENV) build dist *.egg-info resources/i18n/*.qm
