# callsim: two commands do everything.
#   make run   sets up (system packages, .venv, the project) and opens the app
#   make test  sets up and runs every check (ruff, mypy, pytest)
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp

# Debian packages: what the app needs to speak and hear (espeak-ng; PortAudio, the runtime
# library the sounddevice wheel loads: nothing is compiled), and what the tests need on top.
RUN_DEBS := espeak-ng libespeak-ng1 libportaudio2
TEST_DEBS := $(RUN_DEBS) sox postgresql chromium chromium-driver fonts-wqy-zenhei

.PHONY: run test setup setup-test lint typecheck pytest fuzz-long bench clean help

help:  ## list the targets
	@grep -E '^[a-z-]+:.*##' $(MAKEFILE_LIST) | sed 's/:.*## / — /'

run: setup  ## set up and open the app
	$(BIN)/callsim

test: setup-test lint typecheck pytest  ## set up and run every check

setup: $(STAMP)
	@$(MAKE) --no-print-directory debs DEBS="$(RUN_DEBS)"

setup-test: $(STAMP)
	@$(MAKE) --no-print-directory debs DEBS="$(TEST_DEBS)"

# Installs the Debian packages that are missing, as root or through sudo; otherwise
# prints the one command the user has to run.
debs:
	@missing=""; for p in $(DEBS); do \
	  dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "ok installed" || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
	  echo "callsim: installing system packages:$$missing"; \
	  if [ "$$(id -u)" = 0 ]; then SUDO=""; \
	  elif command -v sudo >/dev/null && sudo -n true 2>/dev/null; then SUDO="sudo"; \
	  else echo "callsim: please run: sudo apt-get install -y$$missing"; exit 1; fi; \
	  export DEBIAN_FRONTEND=noninteractive; \
	  $$SUDO apt-get update -qq && $$SUDO apt-get install -y -qq --no-install-recommends $$missing >/dev/null \
	    || { echo "callsim: apt-get failed; please run: sudo apt-get install -y$$missing"; exit 1; }; \
	fi

$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e '.[dev]'
	@touch $(STAMP)

lint:  ## ruff lint and format check
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

typecheck:  ## mypy, strict
	$(BIN)/mypy

pytest:  ## the test suite
	$(BIN)/pytest

fuzz-long: setup-test  ## the fuzz tests with thousands of examples per target (minutes)
	$(BIN)/pytest tests/fuzz tests/scenario/test_hostile_input_fuzz.py --fuzz-long

bench: setup-test  ## the performance suite (writes benchmarks/RESULTS.md)
	$(BIN)/python -m benchmarks

clean:  ## remove the virtual environment and caches
	rm -rf $(VENV) .mypy_cache .ruff_cache .pytest_cache .hypothesis
