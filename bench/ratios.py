#!/usr/bin/env python3
"""Prints the criterion results of the core's benches as Markdown ratio tables.

Every criterion group here has a `floor` and an `ours` function measured in the same run; this
reads their medians from `target/criterion` (or `$CARGO_TARGET_DIR/criterion`) and prints, per
group, both times, the ratio and its target from issue 12. Run after
`cargo bench -p plex-auth-core`:

    python3 bench/ratios.py [decode|encode|jwt ...]
"""
import json
import os
import sys
from pathlib import Path

# Targets by group prefix, most specific first (issue 12, BENCHMARKS.md).
TARGETS = [
    ("decode/account, one field drifted", None),  # the degrading pass: reported, no target
    ("decode/account", 1.2),
    ("decode/", 1.3),
    ("encode/", 1.5),
    ("jwt/", 1.3),
]


def target_of(group):
    return next((t for prefix, t in TARGETS if group.startswith(prefix)), None)


def fmt(ns):
    return f"{ns / 1000:.2f} µs" if ns >= 1000 else f"{ns:.0f} ns"


def load(root):
    groups = {}
    for bench in root.glob("*/*/new/benchmark.json"):
        meta = json.loads(bench.read_text())
        est = json.loads((bench.parent / "estimates.json").read_text())["median"]
        interval = est["confidence_interval"]
        groups.setdefault(meta["group_id"], {})[meta["function_id"]] = (
            est["point_estimate"],
            interval["lower_bound"],
            interval["upper_bound"],
        )
    return groups


def main():
    target_dir = Path(os.environ.get("CARGO_TARGET_DIR", Path(__file__).resolve().parent.parent / "target"))
    groups = load(target_dir / "criterion")
    kinds = sys.argv[1:] or ["decode", "encode", "jwt"]
    misses = 0
    for kind in kinds:
        rows = sorted((g, f) for g, f in groups.items() if g.startswith(kind + "/") and {"floor", "ours"} <= f.keys())
        if not rows:
            continue
        print(f"\n| {kind} | floor (median [95% CI]) | ours | ratio | target |\n|---|---|---|---|---|")
        for group, f in rows:
            floor, ours = f["floor"], f["ours"]
            ratio = ours[0] / floor[0]
            target = target_of(group)
            if target is None:
                verdict = "(no target)"
            elif ratio <= target:
                verdict = f"≤ {target}x, met"
            else:
                verdict = f"≤ {target}x, **missed**"
                misses += 1
            name = group[len(kind) + 1:]
            print(
                f"| {name} | {fmt(floor[0])} [{fmt(floor[1])} {fmt(floor[2])}] | "
                f"{fmt(ours[0])} [{fmt(ours[1])} {fmt(ours[2])}] | **{ratio:.2f}x** | {verdict} |"
            )
    print(f"\n{misses} target(s) missed.")


if __name__ == "__main__":
    main()
