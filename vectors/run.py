#!/usr/bin/env python3
"""Checks a decoder written in another language's terms (here Python) against plex-auth's
decoding vectors (vectors/decoding/*.json). Standard library only.

    python3 vectors/run.py --adapter reference --strict
    bench/peers/.work/venv/bin/python vectors/run.py --adapter peer_plex_api_client

An adapter is a module (looked up in vectors/adapters/, or a dotted name on sys.path) with:

    NAME: str                         # shown in the report
    FIELDS: set (optional)            # the top-level fields it decodes, when it decodes a subset
    claims(case) -> bool              # which vectors it decodes (operation, content type...)
    decode(case) -> value             # the decoded output, in the vectors' JSON names, or raise

`decode` gets the whole vector (operation, params, response: {status, headers, body}) and returns
the decoded model as JSON-like data (dicts keyed by Plex's field names, lists, scalars) or a
scalar for operations whose output is one (a token, a nonce). It raises for a response it
refuses; an exception with a `status` (or `status_code`) attribute is checked against the
expected error's status.

Each claimed vector is one row: for an expected `ok`, the fields the adapter returned (non-null
leaves, by path) are compared with the vector's, type-strict (true is not 1); for an expected
`error`, the adapter must raise. The exit status is 0 when the run completed, whatever the
results (peers are expected to fail on drift); with --strict, 1 on any mismatch.
"""

import argparse
import importlib
import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))


def load_vectors(folder):
    cases = []
    for name in sorted(os.listdir(folder)):
        if name.endswith(".json"):
            with open(os.path.join(folder, name), encoding="utf-8") as f:
                cases.append(json.load(f))
    return cases


def leaves(value, path=""):
    """{dotted path: scalar} for every non-null leaf; a scalar output is the path ""."""
    out = {}
    if isinstance(value, dict):
        for key, item in value.items():
            out.update(leaves(item, f"{path}.{key}" if path else str(key)))
    elif isinstance(value, list):
        for i, item in enumerate(value):
            out.update(leaves(item, f"{path}[{i}]"))
    elif value is not None:
        out[path] = value
    return out


def same(got, want):
    """Equal, without Python's True == 1: booleans only equal booleans; ints equal equal floats."""
    if isinstance(got, bool) or isinstance(want, bool):
        return type(got) is type(want) and got == want
    if isinstance(got, (int, float)) and isinstance(want, (int, float)):
        return got == want
    return type(got) is type(want) and got == want


def check_case(adapter, case):
    """(outcome, detail): outcome is match, wrong, raised (where we decode) or decoded (an error)."""
    expected = case["expected"]
    try:
        got = adapter.decode(case)
    except Exception as exc:  # noqa: BLE001 - a peer may raise anything; that is the finding
        status = getattr(exc, "status", None)
        if status is None:
            status = getattr(exc, "status_code", None)
        shown = f"{type(exc).__name__}: {str(exc).splitlines()[0] if str(exc) else ''}"[:70]
        if "error" in expected:
            want = expected["error"]["status"]
            if isinstance(status, int) and want is not None and status != want:
                return "wrong", f"raised with status {status}, want {want}"
            return "match", f"raised as expected ({shown})"
        return "raised", shown
    if "error" in expected:
        err = expected["error"]
        return "decoded", f"decoded a response we refuse ({err['kind']} {err['status']})"
    want = leaves(expected["ok"])
    have = leaves(got)
    wrong = [p for p, v in have.items() if p in want and not same(v, want[p])]
    extra = [p for p in have if p not in want]
    matched = [p for p in have if p in want and p not in wrong]
    if wrong or extra:
        shown = [f"{p}={have[p]!r} (want {want.get(p)!r})" for p in (wrong + extra)[:3]]
        return "wrong", f"{len(matched)} fields match; {len(wrong) + len(extra)} wrong: " + ", ".join(shown)
    if not matched:
        # Nothing to compare: right only when the vector has none of the adapter's fields either.
        fields = getattr(adapter, "FIELDS", None)
        if fields is not None and not any(p.split(".")[0].split("[")[0] in fields for p in want):
            return "match", "none of its fields is in the vector, and it decoded none"
        return "wrong", "decoded no field the vector has"
    return "match", f"{len(matched)} fields match"


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--adapter", default="reference", help="module in vectors/adapters/ or dotted name")
    parser.add_argument("--vectors", default=os.path.join(HERE, "decoding"), help="folder of decoding vectors")
    parser.add_argument("--strict", action="store_true", help="exit 1 on any mismatch")
    parser.add_argument("--quiet", action="store_true", help="print only the summary")
    args = parser.parse_args()

    sys.path.insert(0, os.path.join(HERE, "adapters"))
    adapter = importlib.import_module(args.adapter)
    cases = load_vectors(args.vectors)
    rows, counts, skipped = [], {"match": 0, "wrong": 0, "raised": 0, "decoded": 0}, 0
    for case in cases:
        if not adapter.claims(case):
            skipped += 1
            continue
        outcome, detail = check_case(adapter, case)
        counts[outcome] += 1
        want = "ok" if "ok" in case["expected"] else "error " + str(case["expected"]["error"]["status"])
        rows.append((case["name"], want, outcome, detail))

    if not args.quiet and rows:
        width = max(len(r[0]) for r in rows)
        print(f"{'case':<{width}}  {'expected':<9}  {'result':<7}  detail")
        for name, want, outcome, detail in rows:
            print(f"{name:<{width}}  {want:<9}  {outcome:<7}  {detail}")
        print()
    claimed = len(rows)
    print(
        f"{getattr(adapter, 'NAME', args.adapter)}: {claimed} of {len(cases)} vectors claimed ({skipped} skipped); "
        f"{counts['match']} match, {counts['wrong']} decoded wrong, {counts['raised']} raised where plex-auth "
        f"decodes, {counts['decoded']} decoded a response plex-auth refuses"
    )
    mismatches = claimed - counts["match"]
    if args.strict and (mismatches or not claimed):
        print(f"--strict: {mismatches} mismatches" if claimed else "--strict: the adapter claimed no vector")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
