# make serve  - set up, generate what is stale, serve http://127.0.0.1:8000 with live reload
# make test   - set up and run every test
# make check  - the quick check: lint, a strict build, tests without a browser or a slow proof
# make site   - build the publishable static site into site/ (strict: zero warnings)
# make properdocs - build the same site with ProperDocs instead of MkDocs (ARCHITECTURE.md)
# make bench  - time warm/cold/edited builds against bare MkDocs; weigh the heaviest page
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
READY := $(VENV)/.ready
NODE_READY := node_modules/.ready

export NO_MKDOCS_2_WARNING := 1
export MPLBACKEND := Agg

.PHONY: serve site test check assets lint clean properdocs bench

$(READY): requirements.txt pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Python 3.11 or newer is needed")'
	@echo "==> Creating $(VENV) (the first time: about 2 minutes of installs follow)"
	$(PYTHON) -m venv $(VENV)
	@echo "==> Installing the pinned Python packages, each checked against its hash (requirements.txt)"
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --require-hashes -r requirements.txt
	@echo "==> Installing this project's package (src/activation_tutorial, editable)"
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

# ProperDocs, the drop-in fork of MkDocs 1.6.1, in a venv of its own that also sees .venv's
# packages (a .pth line): it installs nothing but properdocs, and .venv keeps plain MkDocs.
PROPERDOCS := .venv-properdocs
properdocs: assets
	$(PYTHON) -m venv $(PROPERDOCS)
	$(BIN)/python -c 'import sysconfig; print("import site; site.addsitedir(%r)" % sysconfig.get_path("purelib"))' \
		> "$$($(PROPERDOCS)/bin/python -c 'import sysconfig; print(sysconfig.get_path("purelib"))')/main-venv.pth"
	$(PROPERDOCS)/bin/python -m pip install --quiet --disable-pip-version-check --no-deps \
		--require-hashes -r requirements-properdocs.txt
	# nbconvert looks for its templates under its own interpreter's prefix, which is the
	# ProperDocs venv here; they were installed into .venv.
	JUPYTER_PATH=$(CURDIR)/$(VENV)/share/jupyter \
		$(PROPERDOCS)/bin/properdocs build --strict -f mkdocs.yml --site-dir site-properdocs

lint: $(READY)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

# The quick check before a commit: lint, a strict build, every test that needs no built site or
# browser. The build comes first: what stops it (a missing page, a formula PyTorch disagrees with, a
# failing line of page code) is then one message, not a failure in every test that reads it.
check: lint
	$(MAKE) --no-print-directory site
	$(BIN)/python -m pytest -q -m "not site and not slow"

test: lint $(NODE_READY)
	$(BIN)/python -m pytest

bench: $(READY)
	$(BIN)/python benchmarks/bench_build.py

# Every generated file and the build cache (docs/generated/.manifest.json) with it.
clean:
	rm -rf site site-properdocs docs/generated .cache
