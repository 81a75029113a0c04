# The two commands of the README: `make app` and `make test`.
# Both create .venv and install cxkit with its test tools on first use;
# later runs skip the install unless pyproject.toml changed.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.cxkit-installed
PYTEST_ARGS ?=

.PHONY: app test install lint typecheck check bench clean

$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check uv
	$(BIN)/uv pip install --quiet --python $(BIN)/python --compile-bytecode -e '.[test]'
	@touch $(STAMP)

install: $(STAMP)

# Until the facilitator app lands, `make app` validates the demo engagement
# and prints its health report.
app: install
	$(BIN)/cxkit validate cxkit/data/horizon-mutuelle.yaml

lint: install
	$(BIN)/ruff check cxkit tests benchmarks
	$(BIN)/ruff format --check cxkit tests benchmarks

typecheck: install
	$(BIN)/mypy

test: install lint typecheck
	$(BIN)/pytest $(PYTEST_ARGS)

bench: install
	@for b in benchmarks/bench_*.py; do echo "== $$b"; $(BIN)/python $$b || exit 1; done

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache build *.egg-info
