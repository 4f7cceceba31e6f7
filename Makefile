# The two commands a newcomer needs: `make serve` and `make test`.
# Everything installs into .venv (Python) and node_modules (test-only tools).

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PELICAN := $(BIN)/pelican
STAMP := $(VENV)/.installed
HOST ?= 127.0.0.1
PORT ?= 8000
CONTENT ?= content
OUTPUT ?= output
DEPLOY_GH_BRANCH ?= gh-pages

.DEFAULT_GOAL := help
.PHONY: help install html serve publish deploy-rsync deploy-gh-pages check translations new-news new-program new-talk test lint format i18n requirements bench clean

help: ## List the targets
	@grep -E '^[a-zA-Z0-9_-]+:.*## ' $(MAKEFILE_LIST) | sed 's/:.*## /\t/' | expand -t 14

$(STAMP): requirements.txt package.json package-lock.json
	test -d $(VENV) || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements.txt
	npm ci --no-audit --no-fund --ignore-scripts --loglevel=error
	touch $@

install: $(STAMP) ## Create .venv and install the pinned dependencies

# Pelican's content cache (in cache/) makes rebuilds after an edit faster; a
# test shows a cached rebuild writes the same site as one from scratch.
# `make clean` empties it (needed after changing the readers' code).
CACHED := -e CACHE_CONTENT=true LOAD_CONTENT_CACHE=true

html: $(STAMP) ## Build the site into output/
	$(PELICAN) $(CONTENT) -s pelicanconf.py -o $(OUTPUT) $(CACHED)

publish: $(STAMP) ## Production build into output/ (SITEURL from the environment or publishconf.py)
	$(BIN)/python tools/publish.py --content $(CONTENT) --output $(OUTPUT)

deploy-rsync: publish ## Publish, then rsync to DEPLOY_RSYNC_TARGET (user@host:/srv/www/site/)
	@test -n "$(DEPLOY_RSYNC_TARGET)" || { echo "Set DEPLOY_RSYNC_TARGET, such as user@host:/srv/www/site/"; exit 2; }
	rsync --recursive --links --times --compress --delete --delay-updates $(OUTPUT)/ "$(DEPLOY_RSYNC_TARGET)"

deploy-gh-pages: publish ## Publish, then push to branch DEPLOY_GH_BRANCH of DEPLOY_GH_REMOTE
	@test -n "$(DEPLOY_GH_REMOTE)" || { echo "Set DEPLOY_GH_REMOTE, such as git@github.com:ORG/REPO.git"; exit 2; }
	tools/deploy_gh_pages.sh $(OUTPUT) "$(DEPLOY_GH_REMOTE)" $(DEPLOY_GH_BRANCH)

serve: $(STAMP) ## Build, serve on http://127.0.0.1:8000 and rebuild on change
	@echo "Serving the site at http://$(HOST):$(PORT)/ (Ctrl-C to stop)"
	@# The search index follows in the background: pages are served first.
	@# tools/serve.py: Pelican's --autoreload, which after a failed build waits for a change.
	$(BIN)/python -m tools.serve $(CONTENT) -s pelicanconf.py -o $(OUTPUT) $(CACHED) SEARCH_INDEX='"background"' --autoreload --listen --bind $(HOST) --port $(PORT)

check: $(STAMP) ## Check all content and links; every problem as path:line:column
	$(BIN)/python tools/check.py

translations: $(STAMP) ## List what lacks a language (also on the page /translations/)
	$(BIN)/python tools/translations.py

new-news: $(STAMP) ## Start a news article in both languages: make new-news SLUG=open-day-2027
	$(BIN)/python tools/new.py news "$(SLUG)"

new-program: $(STAMP) ## Start a program: make new-program ID=leeds-exchange
	$(BIN)/python tools/new.py program "$(ID)"

new-talk: $(STAMP) ## Add a talk to a lecture series: make new-talk SERIES=overseas-scholars
	$(BIN)/python tools/new.py talk "$(SERIES)"

lint: $(STAMP) ## Ruff: lint and formatting
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(STAMP) ## Ruff: fix what can be fixed and format
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

test: $(STAMP) lint ## Run every test (browser tests included)
	$(BIN)/pytest

bench: $(STAMP) ## Benchmark builds (against vanilla Pelican and Hugo) and search on synthetic sites
	$(BIN)/python bench/build.py
	$(BIN)/python bench/edit_loop.py
	$(BIN)/python bench/search.py

i18n: $(STAMP) ## Extract interface strings into the .pot and update the zh catalog
	$(BIN)/pybabel extract -F babel.cfg --no-location --sort-output -k N_ -k _in:2 \
	  --project="International Office site" -o theme/translations/messages.pot .
	$(BIN)/pybabel update -i theme/translations/messages.pot -d theme/translations \
	  -l zh -D messages --ignore-obsolete --no-fuzzy-matching

requirements: ## Re-pin requirements.txt from requirements.in
	rm -rf .venv-pin && $(PYTHON) -m venv .venv-pin
	.venv-pin/bin/pip install --quiet -r requirements.in
	{ sed -n '1,2p' requirements.txt; .venv-pin/bin/pip freeze; } > requirements.txt.new
	mv requirements.txt.new requirements.txt && rm -rf .venv-pin

clean: ## Remove what builds and tests leave behind
	rm -rf output cache .pytest_cache .ruff_cache
	find . -name __pycache__ -not -path './$(VENV)/*' -prune -exec rm -rf {} +
