"""How tools/odoo_runner_check.py reads odoo-bin's log for `make test-odoo`."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tools"))
import odoo_runner_check as check  # noqa: E402

HEAD = "2026-12-01 22:49:25,738 19717"
DB = "loco_test_odoo"
FEFO = "odoo.addons.loco_hubs.tests.test_fefo"

LOG = f"""\
{HEAD} INFO {DB} odoo.service.server: Starting post tests
{HEAD} INFO {DB} {FEFO}: Starting TestFefo.test_first_expiry_leaves_first ...
{HEAD} INFO {DB} {FEFO}: Starting TestFefo.test_quarantine ...
{HEAD} INFO {DB} odoo.addons.loco_fleet.tests.test_tour: Starting TestDriverTour.test_tour ...
{HEAD} INFO {DB} odoo.service.server: 3 post-tests in 7.13s, 2312 queries
{HEAD} INFO {DB} odoo.tests.result: 0 failed, 0 error(s) of 3 tests when loading database '{DB}'
"""

COLLECT = """\
addons/loco_hubs/tests/test_fefo.py::TestFefo::test_first_expiry_leaves_first
addons/loco_hubs/tests/test_fefo.py::TestFefo::test_quarantine
addons/loco_fleet/tests/test_tour.py::TestDriverTour::test_tour

3 tests collected in 3.52s
"""


def test_the_tests_started_and_the_summary_are_read():
    assert check.odoo_tests(LOG) == [
        "loco_hubs.tests.test_fefo.TestFefo.test_first_expiry_leaves_first",
        "loco_hubs.tests.test_fefo.TestFefo.test_quarantine",
        "loco_fleet.tests.test_tour.TestDriverTour.test_tour",
    ]
    assert check.summary(LOG) == (0, 0, 3)
    assert sorted(check.pytest_tests(COLLECT)) == sorted(check.odoo_tests(LOG))


def test_a_clean_run_with_the_same_tests_is_ok():
    lines, good = check.check(LOG, COLLECT)
    assert good, lines
    assert "Odoo's runner: 3 tests, 0 failed, 0 error(s)" in lines
    assert lines[-1] == "OK"


def test_a_failed_test_fails_even_when_odoo_bin_exits_0():
    failed = LOG.replace("0 failed, 0 error(s) of 3", "1 failed, 0 error(s) of 3")
    assert not check.check(failed, COLLECT)[1]
    errored = LOG.replace("0 failed, 0 error(s) of 3", "0 failed, 2 error(s) of 3")
    assert not check.check(errored, COLLECT)[1]


def test_a_run_that_never_reports_fails():
    cut = "".join(LOG.splitlines(keepends=True)[:3])
    lines, good = check.check(cut, COLLECT)
    assert not good
    assert "never reported its result" in lines[0]


def test_a_test_only_one_runner_sees_fails_and_is_named():
    more = COLLECT.replace(
        "\n\n", "\naddons/loco_hubs/tests/test_i18n.py::TestTranslations::test_every\n\n"
    )
    lines, good = check.check(LOG, more)
    assert not good
    assert "  not run by Odoo's runner: loco_hubs.tests.test_i18n.TestTranslations.test_every" in (
        lines
    )


def test_warnings_fail_except_the_machine_allowlist_of_conftest():
    noisy = LOG + (
        f"{HEAD} WARNING {DB} odoo.addons.base.models.ir_actions_report: wkhtmltopdf: The"
        " switch --header-spacing, is not support using unpatched qt, and will be ignored.\n"
        f"{HEAD} WARNING ? odoo: Running as user 'root' is a security risk.\n"
    )
    assert check.check(noisy, COLLECT)[1]
    noisy += f"{HEAD} WARNING {DB} odoo.models: loco.order.create() with unknown fields\n"
    noisy += "Traceback (most recent call last): a continuation line is not a record\n"
    lines, good = check.check(noisy, COLLECT)
    assert not good
    assert check.log_problems(noisy) == [
        f"WARNING {DB} odoo.models: loco.order.create() with unknown fields"
    ]


def test_a_non_zero_exit_of_odoo_bin_fails():
    assert not check.check(LOG, COLLECT, exit_code=1)[1]
