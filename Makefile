# make serve  - set up, generate what is stale, serve http://127.0.0.1:8000 with live reload
# make test   - set up and run every test
# make site   - build the publishable static site into site/ (strict: zero warnings)
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
READY := $(VENV)/.ready
NODE_READY := node_modules/.ready

export NO_MKDOCS_2_WARNING := 1
export MPLBACKEND := Agg

.PHONY: serve site test assets lint clean

$(READY): requirements.txt pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Python 3.11 or newer is needed")'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.txt
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	@touch $@

# axe-core, vnu-jar and Lighthouse, exactly as package-lock.json pins them; --ignore-scripts
# because vnu-jar's install script would download a JRE (the system Java runs it).
$(NODE_READY): package.json package-lock.json
	npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
	@touch $@

assets: $(READY)
	$(BIN)/python scripts/build_assets.py

serve: assets
	SITE_URL=http://127.0.0.1:8000/ $(BIN)/mkdocs serve --dev-addr 127.0.0.1:8000 --watch src --watch scripts

site: assets
	$(BIN)/mkdocs build --strict

lint: $(READY)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

test: lint $(NODE_READY)
	$(BIN)/python -m pytest

clean:
	rm -rf site docs/generated
