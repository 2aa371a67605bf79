#!/usr/bin/env python3
"""Peer comparison (issue 12 item 4): installs the peers, builds ours, starts one loopback
plex.tv, measures the same token check (GET /api/v2/user) through every contender, feeds each
the drift corpus, and writes RESULTS.md and results.json here. Python 3.11 stdlib only.

    python3 bench/peers/run.py [--calls N] [--reps R]
"""

import argparse
import datetime
import os
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import build  # noqa: E402
import contenders  # noqa: E402
import install  # noqa: E402
import measure  # noqa: E402
import report  # noqa: E402
import server  # noqa: E402
import variants  # noqa: E402


def log(msg):
    print(f"[peers] {msg}", file=sys.stderr, flush=True)


def bench(c, url, env, calls, reps):
    """Cold start, one-check process and per-call cost of one contender (medians)."""
    if "check" in c:  # the CLI: one process per check
        cold_cmd, one_cmd, many_cmd = c["cold"], c["check"](url), None
    else:
        cold_cmd, one_cmd, many_cmd = c["bench"](url, 0), c["bench"](url, 1), c["bench"](url, 1 + calls)
    for cmd in (cold_cmd, one_cmd):
        measure.run(cmd, env)  # warm the page cache; not counted
    out = {"cold": [], "one": [], **({"many": []} if many_cmd else {})}
    for _ in range(reps):  # interleaved, so a busy moment of the machine hits every figure alike
        out["cold"].append(measure.run(cold_cmd, env))
        out["one"].append(measure.run(one_cmd, env))
        if many_cmd:
            out["many"].append(measure.run(many_cmd, env))
    if many_cmd:
        one, many = out["one"], out["many"]
        out["per_call_cpu_us"] = (measure.median_of(many, "cpu_ms") - measure.median_of(one, "cpu_ms")) * 1e3 / calls
        out["per_call_wall_us"] = (measure.median_of(many, "wall_ms") - measure.median_of(one, "wall_ms")) * 1e3 / calls
    return out


def redacted_non_strings(printed, sent):
    """Top-level fields the CLI printed as "[redacted]" whose value in the body was no string
    (a boolean or number that is no secret), as {name: value sent}."""
    return {k: sent[k] for k, v in printed.items() if v == "[redacted]" and not isinstance(sent.get(k), str)}


def drift(c, urls, env):
    """name of variant -> (ok?, username or error) for one contender."""
    if "check" in c:
        lines = []
        for url in urls:
            res = subprocess.run(c["check"](url), env=env, capture_output=True, text=True)
            if res.returncode == 0:
                printed = json.loads(res.stdout)
                if url == urls[0]:  # the baseline
                    c["redacted"] = redacted_non_strings(printed, variants.fixture())
                lines.append(f"ok\t{printed.get('username')}")
            else:
                first = (res.stderr.strip() or f"exit {res.returncode}").splitlines()[0]
                lines.append(f"fail\texit {res.returncode}: {first}")
    else:
        res = subprocess.run(c["drift"](urls), env=env, capture_output=True, text=True, check=True)
        lines = res.stdout.splitlines()
    assert len(lines) == len(urls), lines
    return {name: tuple(line.split("\t", 1)) for name, line in zip(variants.VARIANTS, lines)}


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--calls", type=int, default=500, help="N: token checks in the per-call process")
    ap.add_argument("--reps", type=int, default=7, help="processes per figure (median taken)")
    args = ap.parse_args()
    started = time.perf_counter()
    load_before = os.getloadavg()[0]

    versions = install.install(log)
    installed = time.perf_counter()
    bins = build.build(log)
    built = time.perf_counter()
    srv = server.start(contenders.TOKEN)
    log(f"loopback plex.tv on 127.0.0.1:{srv.server_port}")
    results = {"calls": args.calls, "reps": args.reps, "peers": versions, "bench": {}, "drift": {}}
    with tempfile.TemporaryDirectory(prefix="peers-home-") as home:
        env = contenders.environment(Path(home))
        for key, c in contenders.contenders(bins).items():
            if "drift" in c or "check" in c:
                log(f"{c['name']}: drift corpus")
                urls = [server.base_url(srv, key, v) for v in variants.VARIANTS]
                results["drift"][key] = drift(c, urls, env)
                if "redacted" in c:
                    results["cli_redacted_non_strings"] = c["redacted"]
            log(f"{c['name']}: timing")
            results["bench"][key] = bench(c, server.base_url(srv, key), env, args.calls, args.reps)
    srv.shutdown()
    results["requests"] = server.Handler.seen
    results["command"] = "python3 bench/peers/run.py " + " ".join(sys.argv[1:])
    results["date"] = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    done = time.perf_counter()
    results["seconds"] = round(done - started, 1)
    results["load_average"] = [round(load_before, 2), round(os.getloadavg()[0], 2)]
    results["phases"] = {"install": round(installed - started, 1), "build": round(built - installed, 1),
                         "measure": round(done - built, 1)}
    report.write(results, contenders.contenders(bins), HERE)
    log(f"done in {results['seconds']} s: {HERE / 'RESULTS.md'}")


if __name__ == "__main__":
    main()
