# Two commands matter: `make run` and `make test`. Both create .venv on first use.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test lint bench clean setup package install-desktop uninstall-desktop

$(STAMP): pyproject.toml Makefile
	test -d $(VENV) || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $(STAMP)

setup: $(STAMP)

# The preflight names the system libraries Qt lacks (installs them as root on Debian).
run: $(STAMP)
	@$(BIN)/python -m app.preflight
	$(BIN)/rollout-planner --sample

test: $(STAMP)
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
package: $(PACKAGE_STAMP)
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
