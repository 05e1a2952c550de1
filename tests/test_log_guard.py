"""The rule of conftest.py: any WARNING logged by Odoo during a test fails it, except
the short allowlist about the machine itself."""

import logging
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
import conftest  # noqa: E402


def record(level, message, name="odoo.addons.loco_hubs"):
    return logging.LogRecord(name, level, __file__, 1, message, None, None)


def test_warnings_and_errors_are_collected():
    collector = conftest._Collector()
    collector.handle(record(logging.WARNING, "something odd"))
    collector.handle(record(logging.ERROR, "broken", name="odoo.sql_db"))
    collector.handle(record(logging.INFO, "fine"))
    assert collector.take() == [
        "WARNING odoo.addons.loco_hubs: something odd",
        "ERROR odoo.sql_db: broken",
    ]
    assert collector.take() == []


def test_the_environment_allowlist():
    collector = conftest._Collector()
    collector.handle(record(logging.WARNING, "Running as user 'root' is a security risk."))
    collector.handle(
        record(
            logging.WARNING,
            "wkhtmltopdf: The switch --header-spacing, is not support using unpatched qt, "
            "and will be ignored.",
            name="odoo.addons.base.models.ir_actions_report",
        )
    )
    assert collector.take() == []
    # only that note of wkhtmltopdf: a failed rendering is still a failure
    collector.handle(
        record(
            logging.WARNING,
            "wkhtmltopdf: Exit with code 1 due to network error",
            name="odoo.addons.base.models.ir_actions_report",
        )
    )
    assert len(collector.take()) == 1


def test_a_warning_logged_in_a_test_reaches_the_guard():
    logging.getLogger("odoo.addons.loco_hubs.guard_check").warning("caught by the guard")
    assert conftest._collector.take() == [
        "WARNING odoo.addons.loco_hubs.guard_check: caught by the guard"
    ]


def test_the_test_framework_import_is_one_explained_info_line():
    rec = record(
        logging.ERROR,
        "Importing test framework, avoid importing from business modules and when not "
        "running in test mode",
        name="odoo.tests.common",
    )
    rec.stack_info = "Stack (most recent call last): ..."
    assert conftest._ExplainTestFrameworkImport().filter(rec)
    assert rec.levelno == logging.INFO and rec.stack_info is None
    assert "expected under pytest-odoo" in rec.getMessage()
    other = record(logging.ERROR, "Importing failed", name="odoo.tests.common")
    conftest._ExplainTestFrameworkImport().filter(other)
    assert other.levelno == logging.ERROR
