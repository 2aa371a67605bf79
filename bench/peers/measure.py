"""Runs a contender's process and measures it from outside, the same way for every language:
wall time around spawn-to-reap, CPU as the child's rusage utime + stime (os.wait4, which also
counts the threads and any children it reaped), and peak RSS as ru_maxrss."""

import os
import statistics
import subprocess
import tempfile
import time


def run(cmd, env):
    """One process: {'wall_ms', 'cpu_ms', 'rss_mib'}; raises if it exits non-zero."""
    with tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, env=env, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=err)
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
        if proc.returncode != 0:
            err.seek(0)
            raise RuntimeError(f"{cmd[0]} exited {proc.returncode}: {err.read().decode(errors='replace')[-2000:]}")
    return {
        "wall_ms": wall * 1e3,
        "cpu_ms": (usage.ru_utime + usage.ru_stime) * 1e3,
        "rss_mib": usage.ru_maxrss / 1024,  # KiB on Linux
    }


def median_of(samples, key):
    return statistics.median(s[key] for s in samples)

