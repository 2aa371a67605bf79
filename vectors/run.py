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

Each claimed vector is one row, with one of four results:

    pass      decoded the fields it returned as the vector has them, or refused a response the
              vector refuses (with the same status, when the exception carries one)
    mismatch  a field differs from the vector (or is not in it): the field, the value, the vector's
    refused   raised where plex-auth decodes: the exception's first lines
    accepted  decoded a response plex-auth refuses (the vector's error kind and status)

For an expected `ok`, the fields the adapter returned (non-null leaves, by path) are compared with
the vector's, type-strict (true is not 1). The exit status is 0 when the run completed, whatever
the results (peers are expected to fail on drift); with --strict, 1 on any result but pass.
"""

import argparse
import importlib
import json
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
REDACTED = "[redacted]"
WHOLE_WORD_BELOW = 8


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


def first_lines(exc, secrets, width=110):
    """The exception's type and first two non-empty lines (pydantic names the field on line two),
    scrubbed before they are cut, so that no part of a secret is left at the cut."""
    lines = [line.strip() for line in scrub(str(exc), secrets).splitlines() if line.strip()][:2]
    return f"{type(exc).__name__}: {' / '.join(lines)}"[:width]


def scrub(text, secrets):
    """`text` with every secret of the vector (its `secrets` list, found by plex-auth's one rule
    for secret names) replaced by [redacted]: peers echo bodies and tokens in their exceptions,
    and this output must never show one. Secrets of 8 characters or more go wherever they stand;
    shorter ones (a PIN's "802", a test password "pw") only as whole words, so that they do not
    eat the rest of the report."""
    for secret in sorted(secrets, key=len, reverse=True):
        if len(secret) >= WHOLE_WORD_BELOW:
            text = text.replace(secret, REDACTED)
        else:
            text = re.sub(r"(?<![A-Za-z0-9])" + re.escape(secret) + r"(?![A-Za-z0-9])", REDACTED, text)
    return text


def shown_value(value, secrets):
    """A field's value for a report line: [redacted] when it is one of the vector's secrets."""
    return REDACTED if isinstance(value, (str, int, float)) and str(value) in secrets else repr(value)


def check_case(adapter, case):
    """(result, detail): result is pass, mismatch, refused (where we decode) or accepted (an error)."""
    expected = case["expected"]
    try:
        got = adapter.decode(case)
    except Exception as exc:  # noqa: BLE001 - a peer may raise anything; that is the finding
        status = getattr(exc, "status", None)
        if status is None:
            status = getattr(exc, "status_code", None)
        shown = first_lines(exc, case.get("secrets", []))
        if "error" in expected:
            want = expected["error"]["status"]
            if isinstance(status, int) and want is not None and status != want:
                return "mismatch", f"status: raised with {status}, want {want}"
            return "pass", f"refused as plex-auth does ({shown})"
        return "refused", shown
    if "error" in expected:
        err = expected["error"]
        return "accepted", f"plex-auth refuses it: {err['kind']} {err['status']}"
    want = leaves(expected["ok"])
    have = leaves(got)
    wrong = [p for p, v in have.items() if p in want and not same(v, want[p])]
    extra = [p for p in have if p not in want]
    matched = [p for p in have if p in want and p not in wrong]
    if wrong or extra:
        secrets = set(case.get("secrets", []))
        shown = [f"{p}={shown_value(have[p], secrets)} (want {shown_value(want[p], secrets)})" for p in wrong[:3]]
        shown += [f"{p}={shown_value(have[p], secrets)} (not in the vector)" for p in extra[: max(0, 3 - len(shown))]]
        return "mismatch", f"{len(wrong) + len(extra)} of {len(have)} fields: " + ", ".join(shown)
    if not matched:
        # Nothing to compare: right only when the vector has none of the adapter's fields either.
        fields = getattr(adapter, "FIELDS", None)
        if fields is not None and not any(p.split(".")[0].split("[")[0] in fields for p in want):
            return "pass", "none of its fields is in the vector, and it decoded none"
        return "mismatch", "decoded no field the vector has"
    return "pass", f"{len(matched)} fields match"


def report(adapter, cases):
    """(rows, counts, skipped): a row (vector, expected, result, detail) per claimed vector, its
    detail scrubbed of the vector's secrets; the count of each result; the vectors not claimed."""
    rows, counts, skipped = [], {"pass": 0, "mismatch": 0, "refused": 0, "accepted": 0}, 0
    for case in cases:
        if not adapter.claims(case):
            skipped += 1
            continue
        outcome, detail = check_case(adapter, case)
        detail = scrub(detail, case.get("secrets", []))
        counts[outcome] += 1
        want = "ok" if "ok" in case["expected"] else "error " + str(case["expected"]["error"]["status"])
        rows.append((case["name"], want, outcome, detail))
    return rows, counts, skipped


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--adapter", default="reference", help="module in vectors/adapters/ or dotted name")
    parser.add_argument("--vectors", default=os.path.join(HERE, "decoding"), help="folder of decoding vectors")
    parser.add_argument("--strict", action="store_true", help="exit 1 on any mismatch")
    parser.add_argument("--quiet", action="store_true", help="print only the summary")
    args = parser.parse_args()

    sys.dont_write_bytecode = True  # no __pycache__ left in the repository
    sys.path.insert(0, os.path.join(HERE, "adapters"))
    adapter = importlib.import_module(args.adapter)
    cases = load_vectors(args.vectors)
    rows, counts, skipped = report(adapter, cases)

    if not args.quiet and rows:
        width = max(len(r[0]) for r in rows)
        print(f"{'vector':<{width}}  {'expected':<9}  {'result':<8}  detail")
        for name, want, outcome, detail in rows:
            print(f"{name:<{width}}  {want:<9}  {outcome:<8}  {detail}")
        print()
    claimed = len(rows)
    print(
        f"{getattr(adapter, 'NAME', args.adapter)}: {claimed} of {len(cases)} vectors claimed ({skipped} skipped); "
        f"{counts['pass']} pass, {counts['mismatch']} mismatch, {counts['refused']} refused where plex-auth "
        f"decodes, {counts['accepted']} accepted what plex-auth refuses"
    )
    mismatches = claimed - counts["pass"]
    if args.strict and (mismatches or not claimed):
        print(f"--strict: {mismatches} mismatches" if claimed else "--strict: the adapter claimed no vector")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
