"""The Makefile takes Odoo only from ODOO_PATH and says so in one sentence."""

import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def make(*args):
    return subprocess.run(
        ["make", "-s", "--no-print-directory", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )


def test_missing_odoo_tree_stops_with_one_clear_sentence(tmp_path):
    for target in ("check-odoo", "test", "test-odoo", "run", "odoo-tests"):
        result = make(target, f"ODOO_PATH={tmp_path / 'nowhere'}")
        assert result.returncode != 0
        assert "No Odoo 18.0 source tree at ODOO_PATH=" in result.stderr
        assert "set ODOO_PATH to the folder that holds odoo-bin" in result.stderr


def test_a_tree_of_another_version_is_refused(tmp_path):
    (tmp_path / "odoo").mkdir()
    (tmp_path / "odoo-bin").write_text("")
    (tmp_path / "odoo" / "release.py").write_text("version_info = (17, 0, 0, 'final', 0, '')\n")
    result = make("check-odoo", f"ODOO_PATH={tmp_path}")
    assert result.returncode != 0
    assert "is not an Odoo 18.0 tree" in result.stderr


def test_the_odoo_tree_in_use_is_accepted():
    assert make("check-odoo").returncode == 0
