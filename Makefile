# gongkai: the commands a developer and CI run. `make demo` and `make test` work on a
# fresh Debian machine with Python 3.11 and pip; everything else they need is installed.

SHELL := /bin/bash
.DEFAULT_GOAL := help

# uv itself: the one on PATH, else the one pip installed as a module.
UV ?= $(shell command -v uv 2>/dev/null || echo python3 -m uv)
RUN := $(UV) run --frozen
MANAGE := $(RUN) python manage.py
# Debian packages needed at run time: CJK fonts and Pango for PDFs (WeasyPrint),
# poppler-utils to look at rendered PDFs, gettext for the message catalogue, and
# chromium for the browser tests (Playwright drives Debian's, never its own).
DEBIAN_PACKAGES := fonts-noto-cjk libpango-1.0-0 libpangoft2-1.0-0 \
	libharfbuzz-subset0 poppler-utils gettext chromium
# LibreOffice headless prints Word and Excel files to PDF before they are redacted
# for a partial release (gongkai/releases/conversion.py).
DEBIAN_PACKAGES += libreoffice-writer-nogui libreoffice-calc-nogui
# Tesseract and its Simplified Chinese data read scanned reports (importer/readers/ocr.py).
DEBIAN_PACKAGES += tesseract-ocr tesseract-ocr-chi-sim
HOST ?= 127.0.0.1:8000
# How the demo is served (gongkai.demo.cli.DEMO_SERVER_ENV says the same).
DEMO_ENV := GONGKAI_DEBUG=0 GONGKAI_OTP_REQUIRED_ROLES=

.PHONY: help install uv system-deps migrate demo serve test browser lint format bench messages

help:  ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-12s %s\n", $$1, $$2}'

uv:
	@command -v uv >/dev/null 2>&1 || python3 -m uv --version >/dev/null 2>&1 \
		|| python3 -m pip install --user --quiet uv \
		|| python3 -m pip install --user --quiet --break-system-packages uv

system-deps:  ## install the Debian packages gongkai needs (as root)
	@missing=$$(for p in $(DEBIAN_PACKAGES); do \
		dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q 'ok installed' || echo $$p; \
	done); \
	if [ -z "$$missing" ]; then echo "system packages: all present"; \
	elif [ "$$(id -u)" != 0 ]; then \
		echo "system packages missing: $$missing"; \
		echo "  not root, so not installing them; run: sudo make system-deps"; \
	else \
		echo "installing system packages: $$missing"; \
		export DEBIAN_FRONTEND=noninteractive; \
		apt-get update -qq && apt-get install -y -qq --no-install-recommends $$missing; \
	fi

install: uv system-deps  ## install gongkai and its locked dependencies into .venv
	$(UV) sync --frozen

migrate: install  ## create or update the database (data/gongkai.sqlite3 by default)
	$(MANAGE) migrate --no-input

demo: migrate  ## load the demo region and serve it, with a background worker (HOST=127.0.0.1:8000)
	$(RUN) gongkai demo --no-serve
	@echo "gongkai is at http://$(HOST)/ (admin: http://$(HOST)/admin/); Ctrl-C stops it."
	@# The background worker (uploads on the import page) runs beside the server and
	@# stops with it.
	@# DEMO_ENV: DEBUG off, so a wrong address shows gongkai's Chinese 404 page, not
	@# Django's debug page; and no second factor for the printed demo logins.
	$(DEMO_ENV) $(RUN) gongkai worker --quiet & worker=$$!; \
	trap 'kill $$worker 2>/dev/null; wait $$worker 2>/dev/null' EXIT; \
	$(DEMO_ENV) $(RUN) gongkai manage runserver $(HOST)

serve: migrate  ## the production server (gunicorn; HOST=127.0.0.1:8000); needs the production settings of docs/how-to/deploy.md, and refuses to start without them
	$(RUN) gongkai serve --bind $(HOST)

lint: install  ## ruff, the layering (import-linter), types (mypy), migrations, system checks
	$(RUN) ruff check gongkai
	$(RUN) ruff format --check gongkai
	$(RUN) lint-imports
	$(RUN) mypy gongkai
	$(MANAGE) makemigrations --check --dry-run
	$(MANAGE) check

test: lint  ## lint, then the whole test suite (DATABASE_URL chooses the database)
	$(RUN) pytest $(PYTEST_ARGS)

browser: install  ## the browser stories, the accessibility walk (axe-core, 1366 and 390 px) and the walk for English; screenshots land in test-artifacts/screenshots/
	DJANGO_ALLOW_ASYNC_UNSAFE=true $(RUN) pytest gongkai/portal/tests/test_browser.py gongkai/portal/tests/test_browser_applicant.py gongkai/portal/tests/test_browser_a11y.py gongkai/tests_project/test_no_english.py $(PYTEST_ARGS)

format: install  ## fix what ruff can fix and format the code
	$(RUN) ruff check --fix gongkai
	$(RUN) ruff format gongkai

bench: install  ## time a big report, then the web pages (in the benchmark database)
	$(RUN) gongkai bench report --json
	$(RUN) gongkai bench web --json

messages: install  ## update the zh_Hans catalogue and compile it
	$(MANAGE) makemessages --locale zh_Hans --no-obsolete --add-location file
	$(MANAGE) compilemessages --locale zh_Hans --ignore '.venv/*'
