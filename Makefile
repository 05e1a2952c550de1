# LOCO — the one way to build, run, test and lint the suite.
#   make run          serve database $(DB) with every LOCO addon and its demo data
#   make test         fresh database, every addon + demo, every test (pytest-odoo)
#   make test-odoo    the addons' tests again, run by Odoo's own runner (odoo-bin
#                     --test-enable) on a fresh database $(TEST_ODOO_DB): must pass,
#                     log no WARNING, and run the tests `make test` collects from
#                     addons/ (tests/ holds harness tests about the repository: pytest only)
#   make lint         the pre-commit checks (ruff, pylint-odoo, XML, whitespace)
#   make bench        benchmarks of tests/bench/ (tables), on the database of make test
#   make bench-data   a year of Belgian food aid in database $(BENCH_DB) (national size)
#   make bench-national  the hot paths measured on $(BENCH_DB) (tables)
#   make bench-load   portal load benchmark (multi-worker Odoo on 127.0.0.1)
#   make bench-scale  past one server: Odoo workers behind nginx, a PostgreSQL
#                     streaming replica (stopped halfway), queue_job; 200 association
#                     sessions + 20 staff on a copy of $(BENCH_DB) (or $(TEST_DB))
#   make odoo-tests   Odoo's own stock + product_expiry suites with every LOCO addon and
#                     its demo network (five companies) installed, against a baseline
# Odoo itself is never fetched: point ODOO_PATH at an Odoo 18.0 source tree.

ODOO_PATH ?= /opt/odoo/18.0
PYTHON    ?= python3.11
VENV      ?= .venv
DB        ?= loco_demo
TEST_DB   ?= loco_test
TEST_ODOO_DB ?= $(TEST_DB)_odoo
HTTP_PORT ?= 8069
TEST_HTTP_PORT ?= 8079
VAR       := $(CURDIR)/var

PY        := $(VENV)/bin/python
ADDONS    := $(shell ls addons/*/__manifest__.py 2>/dev/null | cut -d/ -f2 | sort | paste -sd, -)
TEST_TAGS := $(shell echo "$(ADDONS)" | sed 's|[^,][^,]*|/&|g')
ADDONS_PATH = $(ODOO_PATH)/addons,$(ODOO_PATH)/odoo/addons,$(CURDIR)/addons
ODOO_BIN   = $(PY) $(ODOO_PATH)/odoo-bin --addons-path=$(ADDONS_PATH) --db_host= --data-dir=$(VAR)/data
export PYTHONPATH := $(ODOO_PATH)$(if $(PYTHONPATH),:$(PYTHONPATH))

BENCH_DB  ?= loco_national
BENCH_SEED ?= 1
BENCH_SCALE ?= 1.0

.PHONY: run test test-odoo bench bench-data bench-national bench-load bench-scale lint odoo-tests venv check-odoo clean

check-odoo:
	@test -f "$(ODOO_PATH)/odoo-bin" || { \
	  echo "No Odoo 18.0 source tree at ODOO_PATH=$(ODOO_PATH): set ODOO_PATH to the folder that holds odoo-bin (e.g. make test ODOO_PATH=/path/to/odoo-18.0)." >&2; \
	  exit 2; }
	@grep -q "^version_info = (18, 0" "$(ODOO_PATH)/odoo/release.py" || { \
	  echo "ODOO_PATH=$(ODOO_PATH) is not an Odoo 18.0 tree (see odoo/release.py): LOCO needs Odoo 18.0." >&2; \
	  exit 2; }

# The virtualenv is rebuilt only when requirements.txt changes.
venv: $(VENV)/.installed
$(VENV)/.installed: requirements.txt requirements-oca.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q "setuptools<70" wheel
	$(PY) -m pip install -q --no-build-isolation -r requirements.txt
	$(PY) -m pip install -q --no-deps -r requirements-oca.txt
	touch $@

run: check-odoo venv
	@mkdir -p $(VAR)
	@if psql -lqt | cut -d'|' -f1 | grep -qw "$(DB)"; then \
	  echo "Updating database $(DB)"; \
	  $(ODOO_BIN) -d $(DB) -u $(ADDONS) --stop-after-init --log-level=warn; \
	else \
	  echo "Creating database $(DB) with demo data"; \
	  $(ODOO_BIN) -d $(DB) -i $(ADDONS) --stop-after-init --log-level=warn; \
	fi
	@echo "Serving http://127.0.0.1:$(HTTP_PORT) (login admin / admin)"
	$(ODOO_BIN) -d $(DB) --db-filter='^$(DB)$$' --http-interface=127.0.0.1 --http-port=$(HTTP_PORT) \
	  --load=base,web,queue_job

test: check-odoo venv
	@mkdir -p $(VAR)
	@dropdb --if-exists $(TEST_DB)
	@rm -rf $(VAR)/data/filestore/$(TEST_DB) $(VAR)/install.log
	@echo "Installing $(ADDONS) with demo data in fresh database $(TEST_DB) (log: var/install.log)"
	@$(ODOO_BIN) -d $(TEST_DB) -i $(ADDONS) --stop-after-init --log-level=info --logfile=$(VAR)/install.log \
	  || { tail -40 $(VAR)/install.log; exit 1; }
	LOCO_INSTALL_LOG=$(VAR)/install.log $(PY) -m pytest addons tests \
	  --odoo-database=$(TEST_DB) --odoo-addons-path=$(ADDONS_PATH) --odoo-log-level=info \
	  --odoo-extra=data-dir=$(VAR)/data --odoo-extra=db_host= --odoo-http $(PYTEST_ARGS)

# The same addons' tests, run by Odoo's own runner (odoo-bin --test-enable) as Odoo's
# and the OCA's CI do, on a fresh database. odoo-bin's exit code does not tell every
# failure: tools/odoo_runner_check.py reads the log (var/test-odoo.log), fails on a
# failed test or a WARNING/ERROR line (the allowlist of conftest.py), prints the count
# of tests run and compares them with what pytest collects from addons/ (the harness
# tests of tests/ are about the repository and run under pytest only).
test-odoo: check-odoo venv
	@mkdir -p $(VAR)
	@dropdb --if-exists $(TEST_ODOO_DB)
	@rm -rf $(VAR)/data/filestore/$(TEST_ODOO_DB) $(VAR)/test-odoo.log
	@echo "Installing $(ADDONS) with demo data in fresh database $(TEST_ODOO_DB), tests $(TEST_TAGS) by Odoo's runner (log: var/test-odoo.log)"
	@rc=0; $(ODOO_BIN) -d $(TEST_ODOO_DB) -i $(ADDONS) --test-enable --test-tags=$(TEST_TAGS) \
	  --stop-after-init --log-level=info --logfile=$(VAR)/test-odoo.log \
	  --http-interface=127.0.0.1 --http-port=$(TEST_HTTP_PORT) || rc=$$?; \
	$(PY) -m pytest addons --collect-only -q \
	  --odoo-database=$(TEST_ODOO_DB) --odoo-addons-path=$(ADDONS_PATH) \
	  --odoo-extra=data-dir=$(VAR)/data --odoo-extra=db_host= >$(VAR)/test-odoo-collect.txt \
	  || { cat $(VAR)/test-odoo-collect.txt; exit 1; }; \
	$(PY) tools/odoo_runner_check.py $(VAR)/test-odoo.log $(VAR)/test-odoo-collect.txt $$rc

# Benchmarks (tests/bench/, tables on stdout) on the database `make test` built.
bench: check-odoo venv
	$(PY) -m pytest tests/bench/bench_*.py -s -q -p no:cacheprovider \
	  --odoo-database=$(TEST_DB) --odoo-addons-path=$(ADDONS_PATH) --odoo-log-level=warn \
	  --odoo-extra=data-dir=$(VAR)/data --odoo-extra=db_host= $(PYTEST_ARGS)

# A national data set (tests/bench/national_data.py): every addon with its demo network
# in a fresh database $(BENCH_DB), then a year of offers, receipts, lots and orders,
# deterministic from $(BENCH_SEED); BENCH_SCALE=0.1 for a tenth of the volume.
bench-data: check-odoo venv
	@mkdir -p $(VAR)
	@dropdb --if-exists $(BENCH_DB)
	@rm -rf $(VAR)/data/filestore/$(BENCH_DB)
	$(ODOO_BIN) -d $(BENCH_DB) -i $(ADDONS) --stop-after-init --log-level=warn
	$(PY) tests/bench/national_data.py --database $(BENCH_DB) --seed $(BENCH_SEED) \
	  --scale $(BENCH_SCALE) -- --addons-path=$(ADDONS_PATH) --db_host= \
	  --data-dir=$(VAR)/data --log-level=warn
	@# as autovacuum keeps a database in use: visibility maps and statistics
	vacuumdb --analyze --quiet $(BENCH_DB)

# The hot paths on the national data set of `make bench-data` (tables on stdout).
bench-national: check-odoo venv
	$(PY) -m pytest tests/bench/national_bench.py -s -q -p no:cacheprovider \
	  --odoo-database=$(BENCH_DB) --odoo-addons-path=$(ADDONS_PATH) --odoo-log-level=warn \
	  --odoo-extra=data-dir=$(VAR)/data --odoo-extra=db_host= $(PYTEST_ARGS)

# Load benchmark of the portal: a multi-worker Odoo on 127.0.0.1 serving a copy of
# the database of `make test`, 50 sessions ordering at once.
bench-load: check-odoo venv
	cd tests/bench && ODOO_PATH=$(ODOO_PATH) TEST_DB=$(TEST_DB) ../../$(PY) load_portal.py

bench-scale: check-odoo venv
	cd tests/bench && ODOO_PATH=$(ODOO_PATH) BENCH_DB=$(BENCH_DB) TEST_DB=$(TEST_DB) \
	  ../../$(PY) load_scale.py

lint: venv
	$(VENV)/bin/pre-commit run --all-files --show-diff-on-failure

# Odoo's own stock and product_expiry suites, run by pytest-odoo on two databases with
# demo data (as Odoo's own CI runs them): the Odoo addons LOCO builds on (baseline),
# and every LOCO addon with its demo, the Belgian network of five organisations
# (companies). Fails when a test fails only with LOCO (the baseline has upstream
# failures of its own).
ODOO_SUITES = $(ODOO_PATH)/addons/stock/tests $(ODOO_PATH)/addons/product_expiry/tests
ODOO_BASE_ADDONS = stock,product_expiry,portal,contacts,mail,fleet,stock_fleet
odoo-tests: check-odoo venv
	@mkdir -p $(VAR)
	@for db in loco_odoo_base loco_odoo_loco; do dropdb --if-exists $$db; done
	$(ODOO_BIN) -d loco_odoo_base -i $(ODOO_BASE_ADDONS) --stop-after-init --log-level=warn
	$(ODOO_BIN) -d loco_odoo_loco -i $(ODOO_BASE_ADDONS),$(ADDONS) --stop-after-init --log-level=warn
	-cd $(VAR) && ../$(PY) -m pytest $(ODOO_SUITES) --rootdir=$(VAR) -p no:cacheprovider -q \
	  --odoo-database=loco_odoo_base --odoo-addons-path=$(ADDONS_PATH) \
	  --odoo-extra=data-dir=$(VAR)/data --odoo-extra=db_host= --junitxml=$(VAR)/odoo-tests-base.xml
	-cd $(VAR) && ../$(PY) -m pytest $(ODOO_SUITES) --rootdir=$(VAR) -p no:cacheprovider -q \
	  --odoo-database=loco_odoo_loco --odoo-addons-path=$(ADDONS_PATH) \
	  --odoo-extra=data-dir=$(VAR)/data --odoo-extra=db_host= --junitxml=$(VAR)/odoo-tests-loco.xml
	$(PY) tools/odoo_tests_compare.py $(VAR)/odoo-tests-base.xml $(VAR)/odoo-tests-loco.xml

clean:
	rm -rf $(VAR) $(VENV)
