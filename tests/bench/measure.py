"""Measures the benchmarks share."""

import contextlib
import time
from pathlib import Path


class _Peak:
    mb = 0.0
    before_mb = 0.0


def _status_kb(key):
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(key + ":"):
            return int(line.split()[1])
    return 0


@contextlib.contextmanager
def peak_rss():
    """The peak resident memory of this process (MB) while the block runs: Linux's
    high-water mark, reset to the current size on entry (``before_mb``)."""
    peak = _Peak()
    peak.before_mb = _status_kb("VmRSS") / 1024
    with contextlib.suppress(OSError):
        Path("/proc/self/clear_refs").write_text("5")
    try:
        yield peak
    finally:
        peak.mb = _status_kb("VmHWM") / 1024


def server_time(env, func, runs=1):
    """Run ``func`` ``runs`` times, each from empty caches and flushed to the
    database: (the best time in seconds, the queries of the last run, its result)."""
    best, queries, result = float("inf"), 0, None
    for _run in range(runs):
        env.flush_all()
        env.invalidate_all()
        before = env.cr.sql_log_count
        start = time.perf_counter()
        result = func()
        env.flush_all()
        best = min(best, time.perf_counter() - start)
        queries = env.cr.sql_log_count - before
    return best, queries, result
