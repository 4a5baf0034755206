# Two commands matter: `make run` and `make test`. Both create .venv on first use.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test lint bench clean setup package install-desktop uninstall-desktop catalogues i18n-extract

# Translations: the .po catalogues are the source, compiled to .mo whenever they change.
LANGS := nb da sv fi nl
CATALOGUES := $(foreach l,$(LANGS),resources/i18n/$(l)/LC_MESSAGES/rollout.mo)

$(STAMP): pyproject.toml Makefile
	test -d $(VENV) || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $(STAMP)

setup: $(STAMP) catalogues

catalogues: $(CATALOGUES)

resources/i18n/%/LC_MESSAGES/rollout.mo: resources/i18n/%/LC_MESSAGES/rollout.po $(STAMP)
	$(BIN)/pybabel compile -i $< -o $@

# After marking new text: refresh the template and merge it into every catalogue.
i18n-extract: $(STAMP)
	$(BIN)/pybabel extract --no-wrap --sort-by-file -c "Translators:" -F babel.cfg \
		-o resources/i18n/rollout.pot --project "Rollout Planner" app planner ui resources/templates
	for l in $(LANGS); do $(BIN)/pybabel update --no-wrap -D rollout \
		-i resources/i18n/rollout.pot -d resources/i18n -l $$l; done

# The preflight names the system libraries Qt lacks (installs them as root on Debian).
run: $(STAMP) $(CATALOGUES)
	@$(BIN)/python -m app.preflight
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

# --- the packaged app and the desktop entry -------------------------------------------------
VERSION := $(shell sed -n 's/^version = "\(.*\)"/\1/p' pyproject.toml)
BUNDLE := dist/rollout-planner
TARBALL := dist/rollout-planner-$(VERSION)-linux-x86_64.tar.gz
PACKAGE_STAMP := $(VENV)/.package-tools

$(PACKAGE_STAMP): $(STAMP)
	$(BIN)/pip install --quiet -e '.[test,package]'
	touch $(PACKAGE_STAMP)

# One-folder bundle (build.spec), with the desktop files and INSTALL.txt, and its tarball.
package: $(PACKAGE_STAMP) $(CATALOGUES)
	rm -rf $(BUNDLE) $(TARBALL)
	$(BIN)/pyinstaller --noconfirm --log-level WARN --distpath dist --workpath build build.spec
	cp -r packaging/desktop $(BUNDLE)/desktop
	cp packaging/INSTALL.txt $(BUNDLE)/INSTALL.txt
	tar -C dist -czf $(TARBALL) rollout-planner
	@du -sh $(BUNDLE) $(TARBALL)

# The menu entry, the *.rollout file type and the icon for the current user (~/.local/share).
install-desktop: $(STAMP)
	sh packaging/desktop/install-desktop.sh install "$(abspath $(BIN))/rollout-planner" resources/icons

uninstall-desktop:
	sh packaging/desktop/install-desktop.sh uninstall
