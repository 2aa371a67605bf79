"""The drift corpus: the sign-in fixture as plex.tv sends it, and variants of it that real
servers have sent or may send. Each variant is a function of a fresh copy of the fixture."""

import copy
import json
from pathlib import Path

FIXTURE = Path(__file__).resolve().parents[2] / "crates/plex-auth-core/tests/fixtures/signin-201.json"


def _set(path, value):
    def edit(doc):
        *parents, last = path.split(".")
        for key in parents:
            doc = doc[key]
        doc[last] = value
    return edit


def _drop(path):
    def edit(doc):
        *parents, last = path.split(".")
        for key in parents:
            doc = doc[key]
        del doc[last]
    return edit


def _unknown_fields(doc):
    doc["futureFlag"] = {"rollout": 3, "cohort": "b"}
    doc["profile"]["newSetting"] = True
    doc["subscription"]["tier"] = "ultra"
    doc["services"][0]["region"] = "eu"


# name -> (what it is, edit)
VARIANTS = {
    "baseline": ("the fixture, compacted", lambda doc: None),
    "bool-as-number": ('`"confirmed": 1`, `"home": 0`', lambda doc: (_set("confirmed", 1)(doc), _set("home", 0)(doc))),
    "autoSelectSubtitle-2": ("`profile.autoSelectSubtitle: 2` (plex.tv sends it)", _set("profile.autoSelectSubtitle", 2)),
    "unknown-sub-status": ('`subscription.status: "Paused"`', _set("subscription.status", "Paused")),
    "unknown-mailing-status": ('`mailingListStatus: "pending-double-opt-in"`', _set("mailingListStatus", "pending-double-opt-in")),
    "no-profile": ("no `profile` block", _drop("profile")),
    "no-subscription": ("no `subscription` block", _drop("subscription")),
    "email-null": ('`"email": null`', _set("email", None)),
    "subscription-null": ('`"subscription": null`', _set("subscription", None)),
    "unknown-fields": ("new top-level, nested and list-item keys", lambda doc: _unknown_fields(doc)),
}


def fixture():
    return json.loads(FIXTURE.read_text())


def bodies():
    """name -> the variant's document (a dict, or None for JSON null)."""
    out = {}
    for name, (_, edit) in VARIANTS.items():
        doc = fixture()
        edit(doc)
        out[name] = doc
    return out


def compact(doc):
    return json.dumps(doc, separators=(",", ":")).encode()


def descriptions():
    return {name: what for name, (what, _) in VARIANTS.items()}


if __name__ == "__main__":
    for name, doc in bodies().items():
        print(name, len(compact(doc)))
