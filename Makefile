# Self-documenting: `make help` lists the targets. Bare `make` rebuilds every output from scratch.
.DEFAULT_GOAL := all

PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
INSTALLED := $(VENV)/.installed
TITLE := Putin's demands in the Ukraine peace talks
NBVAL := --nbval --nbval-current-env --nbval-sanitize-with tests/nbval_sanitize.cfg

# `briefing` is also the package folder, so every target is phony.
.PHONY: all help setup briefing test test-fast browser lint bench eval train notebooks clean clean-reports

all: clean-reports briefing ## Rebuild every output from scratch

help: ## List the targets
	@grep -hE '^[a-zA-Z_-]+:.*## ' $(MAKEFILE_LIST) | awk 'BEGIN {FS = ":.*## "}; {printf "  %-14s %s\n", $$1, $$2}'

$(INSTALLED): requirements.txt pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.txt
	$(PY) -m pip install --quiet --no-deps -e .
	touch $(INSTALLED)

setup: $(INSTALLED) ## Create .venv and install the pinned dependencies

briefing: $(INSTALLED) ## Render reports/briefing.html from seeds/
	$(PY) -m briefing render --corpus seeds --out reports/briefing.html --title "$(TITLE)"

test: $(INSTALLED) lint browser ## Run every test: unit, CLI, render, the briefing in Chromium, and notebook validation (nbval)
	$(PY) -m pytest -rs $(NBVAL) tests analysis.ipynb notebooks

SKIPPED_BROWSER := "*** Chromium is not installed and cannot be installed here: tests/test_browser.py will be SKIPPED (install Debian's chromium package) ***"

browser: ## Install Chromium for the browser test (Debian's package, where apt-get may run), or say loudly that it is missing
	@if command -v chromium >/dev/null 2>&1 || command -v chromium-browser >/dev/null 2>&1; then :; \
	elif command -v apt-get >/dev/null 2>&1 && [ "$$(id -u)" = 0 ]; then \
		echo "Installing Chromium (Debian package chromium) for the browser test"; \
		(apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null) || echo $(SKIPPED_BROWSER); \
	elif command -v apt-get >/dev/null 2>&1 && sudo -n true 2>/dev/null; then \
		echo "Installing Chromium (Debian package chromium) for the browser test"; \
		(sudo -n apt-get update -qq && sudo -n env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null) \
			|| echo $(SKIPPED_BROWSER); \
	else echo $(SKIPPED_BROWSER); fi

test-fast: $(INSTALLED) ## Run the tests not marked slow
	$(PY) -m pytest -m "not slow" tests

lint: $(INSTALLED) ## Check the code with ruff
	$(PY) -m ruff check briefing tests benchmarks

BENCH_ARGS ?=

bench: $(INSTALLED) ## Benchmarks against their targets on ../shared/pool/war-2022 (else generated text; ~45 min): analyze and render time and peak, re-runs, HTML, export, key findings (quick: BENCH_ARGS="--articles 50 --large 200")
	$(PY) -m benchmarks.run $(BENCH_ARGS)

DEV_DATA ?= $(or $(BRIEFING_DEV_DATA),../shared/dev)

FIXTURES := tests/fixtures

eval: $(INSTALLED) ## Measure cleaning, attribution, stances and dates on ../shared/dev and the seeds, record them for the briefing (floors: tests/test_dev_data.py)
	$(PY) -m briefing evaluate seeds --gold $(FIXTURES)/gold_stances.csv --sources-gold $(FIXTURES)/gold_sources.csv \
		--corpus seeds --record
	$(PY) -m briefing evaluate dates --gold $(FIXTURES)/gold_dates.csv
	@if [ -d "$(DEV_DATA)/corpus-2022" ] && [ -d "$(DEV_DATA)/polnear" ]; then \
		$(PY) -m briefing evaluate cleaning --gold $(FIXTURES)/gold_furniture_corpus2022.csv \
			--unsure $(FIXTURES)/gold_furniture_corpus2022_unsure.csv --corpus "$(DEV_DATA)/corpus-2022" \
			--polnear "$(DEV_DATA)/polnear" --record; \
	else echo "$(DEV_DATA): development data not found; set BRIEFING_DEV_DATA to its folder"; fi
	@if [ -d "$(DEV_DATA)/polnear" ]; then \
		$(PY) -m briefing evaluate attribution --gold "$(DEV_DATA)/polnear" \
			--codebook codebooks/us-campaign-2016.yaml --record; \
	else echo "$(DEV_DATA)/polnear: not found; attribution not measured"; fi
	@if [ -d "$(DEV_DATA)/corpus-2022" ]; then \
		$(PY) -m briefing evaluate stances --gold $(FIXTURES)/gold_stances_corpus2022.csv \
			--corpus "$(DEV_DATA)/corpus-2022" --jobs 2 --record; \
	else echo "$(DEV_DATA)/corpus-2022: not found; stances not measured"; fi
	@if [ -d "$(DEV_DATA)/polnear" ]; then \
		$(PY) -m briefing evaluate stances --gold $(FIXTURES)/gold_stances_us_campaign_2016.csv \
			--corpus "$(DEV_DATA)/polnear/text" --codebook codebooks/us-campaign-2016.yaml --jobs 2 --record; \
	else echo "$(DEV_DATA)/polnear: not found; stances of the second topic not measured"; fi

POOL ?= $(or $(BRIEFING_POOL),../shared/pool)

train: $(INSTALLED) ## Train the stance decision on data/annotations/war-2022 (texts read from ../shared/pool) into briefing/data/stance_model.*
	@if [ -d "$(POOL)/war-2022" ]; then \
		$(PY) -m briefing.train.fit data/annotations/war-2022 "$(POOL)/war-2022" codebooks/ukraine-peace-talks.yaml; \
	else echo "$(POOL)/war-2022: the pool is not found (set BRIEFING_POOL to its folder); nothing trained" >&2; exit 1; fi

notebooks: $(INSTALLED) ## Re-run the stage notebooks in place (refreshing the outputs nbval compares); analysis.ipynb keeps none
	$(PY) -m jupyter nbconvert --to notebook --execute --inplace notebooks/*.ipynb
	$(PY) -m jupyter nbconvert --clear-output --inplace analysis.ipynb

clean-reports:
	rm -rf reports/briefing.html reports/briefing.ipynb reports/briefing_data reports/.briefing-*

clean: clean-reports ## Remove rendered reports, caches and .venv
	rm -rf $(VENV) .pytest_cache .ruff_cache .cache briefing.egg-info
	find . -name __pycache__ -type d -prune -exec rm -rf {} +
