"""Test-run rules shared by every LOCO test (loaded by pytest from the repo root).

A WARNING (or worse) logged by Odoo while a test runs fails that test, as on OCA CI:
the log lines are attached to the failure. Records logged outside any test (registry
loading, teardown) fail the session. Only what Odoo says about the machine itself is
allowed, see ``ALLOWED``.
"""

import logging
import re

import pytest

# What Odoo says about the environment, not about LOCO. Keep this list short.
ALLOWED = [
    # odoo-bin refuses nothing but warns when the container / CI runs it as root.
    re.compile(r"Running as user 'root' is a security risk"),
    # Debian's wkhtmltopdf is built without the patched Qt: Odoo notes, at each PDF,
    # that header and footer switches are ignored (the PDF is still rendered).
    re.compile(r"^wkhtmltopdf: The switch --header-spacing, is not support using unpatched qt"),
]


class _ExplainTestFrameworkImport(logging.Filter):
    """pytest-odoo imports Odoo's test framework (odoo.tests) while it reads its own
    options, before it turns Odoo's test mode on around each test module. Odoo then
    logs "Importing test framework, avoid importing from business modules" as an
    ERROR with a full stack, which reads like a failure on the first screen of
    `make test`. It is not one: the record is kept, as one INFO line saying why."""

    def filter(self, record):
        if record.getMessage().startswith("Importing test framework"):
            record.levelno, record.levelname = logging.INFO, "INFO"
            record.msg = (
                "Importing Odoo's test framework before test mode: expected under "
                "pytest-odoo, which enables test mode around each test module"
            )
            record.args, record.stack_info = (), None
        return True


logging.getLogger("odoo.tests.common").addFilter(_ExplainTestFrameworkImport())


def is_allowed(message):
    return any(pattern.search(message) for pattern in ALLOWED)


class _Collector(logging.Handler):
    def __init__(self):
        super().__init__(level=logging.WARNING)
        self.records = []

    def emit(self, record):
        if record.levelno < self.level:
            return
        if record.name.startswith(("odoo", "werkzeug", "py.warnings")) or record.name == "root":
            message = record.getMessage()
            if not is_allowed(message):
                self.records.append(f"{record.levelname} {record.name}: {message}")

    def take(self):
        records, self.records = self.records, []
        return records


_collector = _Collector()


def pytest_sessionstart(session):
    logging.getLogger().addHandler(_collector)


@pytest.fixture(scope="session", autouse=True)
def _warm_odoo_statics():
    """Read every addon manifest once, before the HTTP server's threads do it at the
    same time: on CPython 3.11.7, concurrent ast parsing can fail with "AST
    constructor recursion depth mismatch" (gh-106905), a 500 on a tour's first page."""
    try:
        import odoo.http  # noqa: PLC0415 - only when Odoo is loaded
    except ImportError:
        yield
        return
    if odoo.http.root is not None:
        odoo.http.root.statics  # noqa: B018 - lazy property, computed here once
    yield


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    report = yield
    problems = _collector.take()
    if problems and report.passed:
        report.outcome = "failed"
        report.longrepr = "Odoo logged warnings or errors during this test:\n" + "\n".join(problems)
    elif problems:
        report.sections.append(("Odoo log", "\n".join(problems)))
    return report


def pytest_sessionfinish(session, exitstatus):
    problems = _collector.take()
    if problems:
        session.config._loco_stray_log = problems
        session.exitstatus = pytest.ExitCode.TESTS_FAILED


def pytest_terminal_summary(terminalreporter, exitstatus, config):
    problems = getattr(config, "_loco_stray_log", None)
    if problems:
        terminalreporter.section("Odoo log outside tests", red=True)
        for line in problems:
            terminalreporter.line(line)
