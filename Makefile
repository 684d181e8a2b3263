# The two commands a new user needs are `make demo` and `make test`; both create the
# virtual environment and install what they need first.

VENV ?= .venv
PYTHON ?= python3
BIN := $(VENV)/bin

.PHONY: demo test lint system-deps install install-test clean bench

demo: install
	$(BIN)/doitac demo

test: install-test
	$(BIN)/lint-imports --no-cache
	$(BIN)/pytest

lint: install-test
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy
	$(BIN)/lint-imports --no-cache

bench: install-test
	$(BIN)/python bench/append.py

# PyICU compiles against the system's ICU; Debian ships it as libicu-dev, found
# through pkg-config. Install both when missing, where we may use apt-get.
system-deps:
	@if ! pkg-config --exists icu-i18n 2>/dev/null; then \
		if [ "$$(id -u)" = "0" ] && command -v apt-get >/dev/null; then \
			apt-get update -q && apt-get install -y -q libicu-dev pkg-config; \
		else \
			echo "Cần cài libicu-dev và pkg-config (Debian/Ubuntu: sudo apt-get install libicu-dev pkg-config)." >&2; \
			exit 1; \
		fi; \
	fi

$(VENV)/.installed: pyproject.toml | system-deps
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e .
	touch $@

$(VENV)/.installed-test: $(VENV)/.installed pyproject.toml
	$(BIN)/pip install -q -e '.[test]'
	touch $@

install: $(VENV)/.installed

install-test: $(VENV)/.installed-test

clean:
	rm -rf $(VENV) var
