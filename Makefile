# Two commands matter: `make run` and `make test`. Both create .venv on first use.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test lint bench clean setup catalogues i18n-extract

# Translations: the .po catalogues are the source, compiled to .mo whenever they change.
LANGS := nb da sv fi nl
CATALOGUES := $(foreach l,$(LANGS),resources/i18n/$(l)/LC_MESSAGES/rollout.mo)

$(STAMP): pyproject.toml Makefile
	test -d $(VENV) || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --upgrade pip
	$(BIN)/pip install -e '.[test]'
	touch $(STAMP)

setup: $(STAMP) catalogues

catalogues: $(CATALOGUES)

resources/i18n/%/LC_MESSAGES/rollout.mo: resources/i18n/%/LC_MESSAGES/rollout.po $(STAMP)
	$(BIN)/pybabel compile -i $< -o $@

# After marking new text: refresh the template and merge it into every catalogue.
i18n-extract: $(STAMP)
	$(BIN)/pybabel extract --no-wrap --sort-by-file -c "Translators:" \
		-o resources/i18n/rollout.pot --project "Rollout Planner" app planner ui
	for l in $(LANGS); do $(BIN)/pybabel update --no-wrap -D rollout \
		-i resources/i18n/rollout.pot -d resources/i18n -l $$l; done

run: $(STAMP) $(CATALOGUES)
	$(BIN)/rollout-planner --sample

test: $(STAMP) $(CATALOGUES)
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest -q
	$(BIN)/ruff check app planner ui tests benchmarks

lint: $(STAMP)
	$(BIN)/ruff check app planner ui tests benchmarks

bench: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(BIN)/python benchmarks/run.py

clean:
	rm -rf $(VENV) build dist *.egg-info
