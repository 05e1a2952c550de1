"""Measures the benchmarks share (no ORM here)."""

import contextlib
from pathlib import Path


class _Peak:
    mb = 0.0


def _status_kb(key):
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(key + ":"):
            return int(line.split()[1])
    return 0


@contextlib.contextmanager
def peak_rss():
    """The peak resident memory of this process (MB) while the block runs: Linux's
    high-water mark, reset to the current size on entry."""
    peak = _Peak()
    with contextlib.suppress(OSError):
        Path("/proc/self/clear_refs").write_text("5")
    try:
        yield peak
    finally:
        peak.mb = _status_kb("VmHWM") / 1024
