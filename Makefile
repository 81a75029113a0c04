# The two commands of the README: `make app` and `make test`.
# Both create .venv and install cxkit with its test tools on first use;
# later runs skip the install unless pyproject.toml changed.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.cxkit-installed
# Two workers, one test file each at a time: module-scoped servers start once per file,
# and a file's tests keep their order. The suite stays under 10 minutes on 2 cores.
# --no-loadscope-reorder keeps the order of tests/conftest.py (slow files first) instead of
# xdist's default (files with the most tests first), which left the long one-test browser
# files to the end, one worker finishing alone.
PYTEST_ARGS ?= -n 2 --dist loadfile --no-loadscope-reorder
# `make app PORT=8870 FORMS_PORT=8871` when the default ports are taken.
PORT       ?= 8866
FORMS_PORT ?= 8867

.PHONY: app test install lint typecheck check bench schema dist clean

$(STAMP): pyproject.toml setup.py
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check uv
	$(BIN)/uv pip install --quiet --python $(BIN)/python --compile-bytecode -e '.[test]'
	@touch $(STAMP)

install: $(STAMP)

# Loads the demo engagement into the embedded workspace if it is empty, then
# serves the facilitator app and the participants' forms; prints the URL to
# open (with its token). A server that dies is restarted; Ctrl-C stops both.
app: install
	$(BIN)/cxkit app --engagement horizon-mutuelle --port $(PORT) --forms-port $(FORMS_PORT)

lint: install
	$(BIN)/ruff check cxkit tests benchmarks setup.py deploy
	$(BIN)/ruff format --check cxkit tests benchmarks setup.py deploy

typecheck: install
	$(BIN)/mypy

test: install lint typecheck
	$(BIN)/pytest $(PYTEST_ARGS)

# The engagement file's JSON Schema, regenerated from the model after a change to it
# (tests/test_file_schema.py fails while the shipped copies differ).
schema: install
	$(BIN)/cxkit schema -o cxkit/data/engagement.schema.json
	$(BIN)/cxkit schema -o docs/engagement.schema.json

bench: install
	@for b in benchmarks/bench_*.py; do echo "== $$b"; $(BIN)/python $$b || exit 1; done

# The sdist and the wheel users install (pipx install dist/cxkit-*.whl), built in dist/.
dist: install
	$(BIN)/uv build -o dist

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache build dist *.egg-info
