"""The install of every LOCO addon with its demo data (make test's first step) must
not log a WARNING or an ERROR: the same rule the test run itself follows."""

import os
import re
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from conftest import is_allowed  # noqa: E402

LINE = re.compile(r"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d+ \d+ (WARNING|ERROR|CRITICAL) ")


def test_install_log_has_no_warning():
    path = os.environ.get("LOCO_INSTALL_LOG")
    if not path:
        pytest.skip("LOCO_INSTALL_LOG is set by `make test` to the install log")
    problems = [
        line.rstrip()
        for line in Path(path).read_text(encoding="utf-8", errors="replace").splitlines()
        if LINE.match(line) and not is_allowed(line)
    ]
    assert not problems, "\n".join(problems)
