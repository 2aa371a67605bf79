"""Writes RESULTS.md (tables, ratios to our library) and results.json (every raw sample)."""

import json
import platform
import re
import subprocess

from measure import median_of
from variants import descriptions

BASE = "ours"


def _out(cmd):
    try:
        return subprocess.run(cmd, capture_output=True, text=True, check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "?"


def machine():
    model = re.search(r"Model name:\s*(.*)", _out(["lscpu"]))
    mem = re.search(r"Mem:\s+(\d+)", _out(["free", "-g"]))
    return {
        "cpu": model.group(1) if model else "?",
        "cores": _out(["nproc"]),
        "memory_gib": mem.group(1) if mem else "?",
        "kernel": platform.release(),
        "tools": {
            "node": _out(["node", "--version"]), "npm": _out(["npm", "--version"]),
            "python": platform.python_version(), "rustc": _out(["rustc", "--version"]),
        },
    }


def _ratio(value, base):
    return f"{value / base:.1f}x" if base else "-"


def _tables(r, cs):
    b = r["bench"]
    med = {k: {part: {m: median_of(v[part], m) for m in ("wall_ms", "cpu_ms", "rss_mib")}
                      for part in ("cold", "one", "many") if part in v} for k, v in b.items()}
    ours = med[BASE]
    rows = []
    rows += ["### Per-call CPU (token check, steady state)", "",
             f"(CPU of a process doing 1 + {r['calls']} checks minus CPU of one doing 1, divided by {r['calls']}; "
             "wall likewise, on keep-alive loopback)", "",
             "| contender | stack | CPU per call | ratio | wall per call | ratio |", "|---|---|---|---|---|---|"]
    for k, c in cs.items():
        if "per_call_cpu_us" in b[k]:
            v = b[k]
            rows.append(f"| {c['name']} | {c['stack']} | {v['per_call_cpu_us']:.0f} µs | "
                        f"{_ratio(v['per_call_cpu_us'], b[BASE]['per_call_cpu_us'])} | {v['per_call_wall_us']:.0f} µs | "
                        f"{_ratio(v['per_call_wall_us'], b[BASE]['per_call_wall_us'])} |")
        else:
            rows.append(f"| {c['name']} | {c['stack']} | - (one process per check: see below) | | | |")
    if "floor" in b:
        rows += ["", f"Our library's per-call CPU is {b[BASE]['per_call_cpu_us'] / b['floor']['per_call_cpu_us']:.2f}x the floor's "
                 "(plain reqwest blocking, the same request, the body into `serde_json::Value`). Runs of the "
                 "same process differ by 10-40% on this shared machine, so read it as: a check's CPU is the "
                 "HTTP stack's, and the library adds no measurable cost to it."]
    for title, part, note in [
        ("Cold start", "cold", "process that loads the client (builds it) and exits without a call; the CLI: `plex-auth --version`"),
        ("One token check as a whole process", "one", "start, load, one check, exit"),
    ]:
        rows += ["", f"### {title}", "", f"({note}; median of {r['reps']})", "",
                 "| contender | wall | ratio | CPU | ratio |", "|---|---|---|---|---|"]
        for k, c in cs.items():
            v = med[k][part]
            rows.append(f"| {c['name']} | {v['wall_ms']:.1f} ms | {_ratio(v['wall_ms'], ours[part]['wall_ms'])} | "
                        f"{v['cpu_ms']:.1f} ms | {_ratio(v['cpu_ms'], ours[part]['cpu_ms'])} |")
    rows += ["", "### Peak RSS (ru_maxrss)", "",
             "| contender | one-check process | ratio | after 1 + N checks | ratio |", "|---|---|---|---|---|"]
    for k, c in cs.items():
        one, many = med[k]["one"]["rss_mib"], med[k].get("many", {}).get("rss_mib")
        tail = f"{many:.1f} MiB | {_ratio(many, ours['many']['rss_mib'])}" if many else "- | "
        rows.append(f"| {c['name']} | {one:.1f} MiB | {_ratio(one, ours['one']['rss_mib'])} | {tail} |")
    return rows


def _drift(r, cs):
    keys = [k for k in cs if k in r["drift"]]
    rows = ["| variant | " + " | ".join(cs[k]["name"] for k in keys) + " |", "|---|" + "---|" * len(keys)]
    notes = []
    for name, what in descriptions().items():
        cells = []
        for k in keys:
            status, detail = r["drift"][k][name]
            if status == "ok":
                cells.append("ok")
            else:
                if detail not in notes:
                    notes.append(detail)
                cells.append(f"**fail** [{notes.index(detail) + 1}]")
        rows.append(f"| `{name}`: {what} | " + " | ".join(cells) + " |")
    score = [sum(r["drift"][k][n][0] == "ok" for n in descriptions()) for k in keys]
    rows.append("| **decoded** | " + " | ".join(f"**{s}/{len(descriptions())}**" for s in score) + " |")
    rows += ["", "Failures (the error's first line, and the first failing field where the validator names it):", ""]
    rows += [f"{i}. `{n}`" for i, n in enumerate(notes, 1)]
    usernames = {d[1] for k in keys for d in r["drift"][k].values() if d[0] == "ok"}
    rows += ["", f"Every `ok` decoded the username: {', '.join(sorted(usernames))}.", "", "Notes:", "",
             "- `ok` says the call returned an account; it does not say the peer checked anything. "
             "@ctrl/plex validates nothing (it copies fields out of `JSON.parse`), so it passes every variant.",
             "- plexapi gets XML built from the same document. There booleans are `1`/`0` either way, so "
             "`bool-as-number` cannot trip it, and nulls are left out like missing fields. Its failures are "
             "`data.find('profile'|'subscription').attrib` on an element that is not there.",
             "- plex-api-client's enum for `subscription.status` is open, but `mailingListStatus` is closed."]
    bad = r.get("cli_redacted_non_strings")
    if bad:
        rows.append("- Our CLI's `--json whoami` printed `\"[redacted]\"` for fields that are no secret (value sent): "
                    + ", ".join(f"`{k}` ({json.dumps(v)})" for k, v in bad.items()) + ".")
    return rows


def write(r, cs, here):
    r["machine"] = machine()
    (here / "results.json").write_text(json.dumps(r, indent=1, default=str) + "\n")
    m = r["machine"]
    peers = ", ".join(f"`{n}` {v}" for n, v in r["peers"].items())
    seen = [f"| {cs[k]['name']} | `{s['path']}` | `{s['accept']}` | {'yes' if s['client_identifier'] else 'no'} | {s['served']} | {s['requests']} / {s['connections']} |"
            for k, s in r["requests"].items() if k in cs]
    lines = [
        "# Peer comparison: the token check (`GET /api/v2/user`)", "",
        f"- Command: `{r['command'].strip()}` ({r['seconds']} s in all: installs {r['phases']['install']} s, "
        f"cargo builds {r['phases']['build']} s, measuring {r['phases']['measure']} s)",
        f"- Date: {r['date']}",
        f"- Machine: {m['cpu']}, {m['cores']} cores, {m['memory_gib']} GiB RAM (`free -g`), Linux {m['kernel']}; "
        f"1-minute load average {r['load_average'][0]} at the start, {r['load_average'][1]} at the end (shared with other work)",
        f"- Tools: node {m['tools']['node']}, npm {m['tools']['npm']}, Python {m['tools']['python']}, {m['tools']['rustc']}",
        f"- Peers (pinned, installed): {peers}",
        f"- Body: the sign-in fixture compacted (5,444 bytes; drift variants below); N = {r['calls']}, "
        f"{r['reps']} processes per median. One loopback server (Python `ThreadingHTTPServer`, HTTP/1.1 keep-alive) for all.",
        "", "What each contender asked for and was served:", "",
        "| contender | path | Accept | X-Plex-Client-Identifier | served | requests / connections |", "|---|---|---|---|---|---|", *seen,
        "", "## Timing and memory", "", *_tables(r, cs),
        "", "## Drift: which bodies decode", "", *_drift(r, cs), "",
    ]
    (here / "RESULTS.md").write_text("\n".join(lines))
