"""Tests of run.py's scrubbing, over every committed decoding vector (standard library only):

    python3 -m unittest discover -s vectors -p 'test_*.py'

Two hostile adapters stand in for peers: one raises with the whole vector in its message (a
peer echoing the body, the request and its token), one returns the vector's output with every
string changed (a peer mangling a token). No secret of any vector may show in a report line.
"""

import json
import os
import re
import sys
import unittest

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import run  # noqa: E402

VECTORS = run.load_vectors(os.path.join(run.HERE, "decoding"))


class EchoEverything:
    """Raises with the whole vector, secrets and all, in the message."""

    @staticmethod
    def claims(case):
        return True

    @staticmethod
    def decode(case):
        raise ValueError("refused\n" + json.dumps(case))


class MangleStrings:
    """Returns the vector's output with every string given a suffix, so no value matches."""

    @staticmethod
    def claims(case):
        return True

    @staticmethod
    def decode(case):
        def mangle(value):
            if isinstance(value, dict):
                return {k: mangle(v) for k, v in value.items()}
            if isinstance(value, list):
                return [mangle(v) for v in value]
            return value + "-x" if isinstance(value, str) else value

        if "ok" not in case["expected"]:
            raise ValueError(case["response"]["body"])
        return mangle(case["expected"]["ok"])


def leaked(text, secrets):
    """The secrets that show in `text`: anywhere for 8 characters or more, as whole words for
    shorter ones (checked here on its own, not through run.scrub)."""
    def shows(secret):
        if len(secret) >= 8:
            return secret in text
        return re.search(r"(?<![A-Za-z0-9])" + re.escape(secret) + r"(?![A-Za-z0-9])", text) is not None
    return [s for s in secrets if shows(s)]


class Scrubbing(unittest.TestCase):
    def test_vectors_list_their_secrets(self):
        by_name = {case["name"]: case for case in VECTORS}
        self.assertIn("transient-9f8e7d", by_name["transient_token_json"]["secrets"])
        self.assertIn("transient-xml-1", by_name["transient_token_xml"]["secrets"])
        self.assertIn("pin-tok-Rk29xLq81Vb", by_name["pin_approved"]["secrets"])
        self.assertTrue(all("secrets" in case for case in VECTORS))

    def test_long_secrets_go_anywhere_short_ones_as_whole_words(self):
        text = "token%3Dabcdefgh12 then pw, pwned and 802 in x802"
        self.assertEqual(run.scrub(text, ["abcdefgh12", "pw", "802"]),
                         "token%3D[redacted] then [redacted], pwned and [redacted] in x802")

    def test_no_report_line_shows_a_secret(self):
        by_name = {case["name"]: case for case in VECTORS}
        for adapter in (EchoEverything, MangleStrings):
            rows, _, skipped = run.report(adapter, VECTORS)
            self.assertEqual((len(rows), skipped), (len(VECTORS), 0))
            for name, _, _, detail in rows:
                secrets = by_name[name]["secrets"]
                self.assertEqual(leaked(detail, secrets), [], f"{adapter.__name__} / {name}: {detail}")
        # The echo reaches the report: what was scrubbed was there to scrub.
        rows, _, _ = run.report(EchoEverything, [by_name["transient_token_json"]])
        self.assertIn(run.REDACTED, rows[0][3])

if __name__ == "__main__":
    unittest.main()
