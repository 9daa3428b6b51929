# reSTART. The README names two targets: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
LOCALES := $(notdir $(wildcard restart/locale/*))  # one folder per language: add one with `makemessages -l CODE`
PO_FILES := $(wildcard restart/locale/*/LC_MESSAGES/django.po)
MO_FILES := $(PO_FILES:.po=.mo)
PYTEST_WORKERS ?= 2

.PHONY: run test lint test-sqlite test-postgres test-api e2e bench messages compilemessages system-deps system-deps-test clean

run: system-deps $(VENV)/.installed compilemessages
	@scripts/run.sh

test: system-deps-test $(VENV)/.installed node_modules/.installed compilemessages lint test-sqlite test-postgres test-api e2e

system-deps:
	@scripts/system-deps.sh run

system-deps-test:
	@scripts/system-deps.sh test

$(VENV)/.installed: requirements.lock
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' || { echo "reSTART needs Python 3.11 or newer"; exit 1; }
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --disable-pip-version-check -r requirements.lock
	@touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --silent
	@touch $@

compilemessages: $(MO_FILES)

restart/locale/%/LC_MESSAGES/django.mo: restart/locale/%/LC_MESSAGES/django.po
	msgfmt --check -o $@ $<

messages: $(VENV)/.installed
	cd restart && ../$(PY) ../manage.py makemessages --no-obsolete --no-location $(foreach l,$(LOCALES),-l $(l))

lint: $(VENV)/.installed
	$(VENV)/bin/ruff check .

test-sqlite: $(VENV)/.installed compilemessages
	$(PY) -m pytest -q -n $(PYTEST_WORKERS) tests

test-postgres: $(VENV)/.installed compilemessages
	scripts/with-postgres.sh $(PY) -m pytest -q -n $(PYTEST_WORKERS) tests

# schemathesis against /api/v1/openapi.json on a served throwaway app (docs/api.md)
test-api: $(VENV)/.installed compilemessages
	scripts/api-check.sh

e2e: $(VENV)/.installed node_modules/.installed compilemessages
	$(PY) -m pytest -q e2e

bench: $(VENV)/.installed compilemessages
	$(PY) -m bench.run

clean:
	rm -rf $(VENV) node_modules var/static
