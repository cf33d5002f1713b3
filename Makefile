# quotes: the two commands a newcomer needs are `make demo` and `make test`.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
# Wheels this machine cannot download (coreferee's English model); falls back to
# coreferee's own installer when no wheelhouse is present.
QUOTES_WHEELHOUSE ?= $(wildcard ../shared/wheels)
EXAMPLES := examples

.PHONY: setup demo test lint eval bench bench-dask clean

setup: $(BIN)/.installed

$(BIN)/.installed: pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[dev,model,dask]"
	if [ -n "$(QUOTES_WHEELHOUSE)" ] && ls "$(QUOTES_WHEELHOUSE)"/coreferee_model_en-*.whl >/dev/null 2>&1; then \
		$(BIN)/python -m pip install --quiet --find-links "$(QUOTES_WHEELHOUSE)" coreferee-model-en; \
	else \
		$(BIN)/python -m coreferee install en; \
	fi
	$(BIN)/python -c "from quotes.nlp import load_pipeline; load_pipeline()"
	touch $@

demo: setup
	$(BIN)/quotes extract $(EXAMPLES) --format table
	$(BIN)/quotes speakers $(EXAMPLES) --format table
	$(BIN)/quotes report $(EXAMPLES) -o out/examples

test: setup
	$(BIN)/python -m pytest -q

lint: setup
	$(BIN)/ruff check quotes tests

eval: setup
	$(BIN)/python -m quotes.bench accuracy

bench: setup
	$(BIN)/python -m quotes.bench speed

bench-dask: setup
	$(BIN)/python -m quotes.bench dask

clean:
	rm -rf $(VENV) out build *.egg-info .pytest_cache
