#!/usr/bin/env python3
"""Verdict of `make test-odoo`: the addons' tests run by Odoo's own runner
(odoo-bin --test-enable) must all pass, log no WARNING, and be the tests pytest
collects from addons/.

    python tools/odoo_runner_check.py var/test-odoo.log var/test-odoo-collect.txt [rc]

The log is odoo-bin's, the collection the output of `pytest addons --collect-only
-q`, rc odoo-bin's exit code. Only the addons' tests are compared: the harness tests
of tests/ (Makefile, docker-compose, log guard) are about the repository and run
under pytest only.
A WARNING, ERROR or CRITICAL line fails the run as it fails a pytest test, with the
same allowlist of messages about the machine (``ALLOWED`` in conftest.py).
Exits 1 when anything is wrong.
"""

import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from conftest import is_allowed  # noqa: E402 - the one allowlist, shared with pytest

RECORD = re.compile(r"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d+ \d+ (?P<level>[A-Z]+) (?P<rest>.*)$")
# "<db> odoo.addons.loco_hubs.tests.test_fefo: Starting TestFefo.test_first ... "
STARTING = re.compile(
    r"\S+ odoo\.addons\.(?P<module>[\w.]+): Starting (?P<klass>[\w.]+)\.(?P<method>\w+) \.\.\."
)
SUMMARY = re.compile(
    r"(?P<failed>\d+) failed, (?P<errors>\d+) error\(s\) of (?P<run>\d+) tests"
    r" when loading database"
)
# "addons/loco_hubs/tests/test_fefo.py::TestFefo::test_first"
NODE = re.compile(r"^addons/(?P<path>[\w/]+)\.py::(?P<klass>\w+)::(?P<method>\w+)$")


def records(log_text):
    """(level, rest of the line) of each log record (first line of the record)."""
    for line in log_text.splitlines():
        match = RECORD.match(line)
        if match:
            yield match["level"], match["rest"].rstrip()


def odoo_tests(log_text):
    """The tests Odoo's runner started, as "loco_hubs.tests.test_fefo.TestFefo.test_x"
    (a test with subtests is started, and counted, once)."""
    tests = []
    for level, rest in records(log_text):
        match = STARTING.match(rest)
        if level == "INFO" and match:
            tests.append(f"{match['module']}.{match['klass']}.{match['method']}")
    return tests


def summary(log_text):
    """(failed, errors, run) of Odoo's last "N failed, M error(s) of K tests" line,
    None when the run never got that far."""
    found = None
    for _level, rest in records(log_text):
        match = SUMMARY.search(rest)
        if match:
            found = (int(match["failed"]), int(match["errors"]), int(match["run"]))
    return found


def log_problems(log_text):
    """The WARNING / ERROR / CRITICAL records that are not about the machine."""
    return [
        f"{level} {rest}"
        for level, rest in records(log_text)
        if level in ("WARNING", "ERROR", "CRITICAL") and not is_allowed(rest.split(": ", 1)[-1])
    ]


def pytest_tests(collect_text):
    """The tests of `pytest addons --collect-only -q`, named as odoo_tests() does."""
    tests = []
    for line in collect_text.splitlines():
        match = NODE.match(line.strip())
        if match:
            module = match["path"].replace("/", ".")
            tests.append(f"{module}.{match['klass']}.{match['method']}")
    return tests


def check(log_text, collect_text, exit_code=0):
    """(lines to print, whether the run is good)."""
    lines, good = [], True
    ran, collected = odoo_tests(log_text), pytest_tests(collect_text)
    result = summary(log_text)
    if result is None:
        lines.append("Odoo's runner never reported its result (see the end of the log)")
        good = False
    else:
        failed, errors, run = result
        lines.append(f"Odoo's runner: {run} tests, {failed} failed, {errors} error(s)")
        good = good and not failed and not errors and run == len(ran)
    lines.append(f"pytest collects {len(collected)} tests from addons/ (tests/ is pytest's only)")
    for test in sorted(set(collected) - set(ran)):
        lines.append(f"  not run by Odoo's runner: {test}")
    for test in sorted(set(ran) - set(collected)):
        lines.append(f"  not collected by pytest: {test}")
    if len(ran) != len(collected) or set(ran) != set(collected):
        lines.append(f"{len(ran)} tests run by Odoo's runner, {len(collected)} collected by pytest")
        good = False
    problems = log_problems(log_text)
    if problems:
        lines.append(f"{len(problems)} WARNING/ERROR line(s) in the Odoo log:")
        lines.extend(f"  {problem}" for problem in problems)
        good = False
    if exit_code:
        lines.append(f"odoo-bin exited with code {exit_code}")
        good = False
    lines.append("OK" if good else "FAILED")
    return lines, good


def main(log_path, collect_path, exit_code="0"):
    lines, good = check(
        Path(log_path).read_text(encoding="utf-8", errors="replace"),
        Path(collect_path).read_text(encoding="utf-8", errors="replace"),
        int(exit_code),
    )
    print("\n".join(lines))
    return 0 if good else 1


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:4]))
