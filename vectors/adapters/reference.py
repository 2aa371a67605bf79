"""The reference adapter: a tiny pure-Python decoder of a few account fields and the transient
token, written from the vectors' README alone. It shows the format is usable without Rust and
runs offline in CI (`python3 vectors/run.py --adapter reference --strict`).

It claims the JSON (or body-less) responses of get_token_details, sign_in and
get_transient_token, and decodes `id`, `uuid`, `username`, `authToken`, `confirmed` and
`twoFactorEnabled` with the drift rules of plex-auth's models: booleans as true/1/"1"/"true",
numbers as numeric strings, strings as numbers. Any non-2xx status raises, as does a 2xx body
that is not a JSON object, and a sign-in answer or transient token without its token.
"""

import json

NAME = "reference (pure Python)"
OPERATIONS = {"get_token_details", "sign_in", "get_transient_token"}
FIELDS = {"id", "uuid", "username", "authToken", "confirmed", "twoFactorEnabled", ""}


class Refused(Exception):
    def __init__(self, status, why):
        super().__init__(f"{status}: {why}")
        self.status = status


def claims(case):
    response = case["response"]
    content_type = response["headers"].get("content-type", "")
    if content_type == "" and response["body"].lstrip().startswith("<"):
        return False  # sniffed XML: not this decoder's business
    return case["operation"] in OPERATIONS and (content_type == "" or "json" in content_type or
                                                "html" in content_type or "text/plain" in content_type)


def boolean(value):
    if isinstance(value, bool):
        return value
    if isinstance(value, (int, float)) and value in (0, 1):
        return value == 1
    if isinstance(value, str):
        text = value.strip().lower()
        return {"1": True, "true": True, "0": False, "false": False}.get(text)
    return None


def integer(value):
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, str) and value.strip().lstrip("-").isdigit():
        return int(value.strip())
    return None


def text(value):
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (str, int, float)):
        return str(value)
    return None


def decode(case):
    response = case["response"]
    status = response["status"]
    if not 200 <= status < 300:
        raise Refused(status, "not a success")
    try:
        body = json.loads(response["body"])
    except ValueError:
        raise Refused(status, "not JSON") from None
    if not isinstance(body, dict):
        raise Refused(status, "not a JSON object")
    if case["operation"] == "get_transient_token":
        container = body.get("MediaContainer")
        token = text(container.get("token")) if isinstance(container, dict) else None
        if not token:
            raise Refused(status, "no MediaContainer.token")
        return token
    fields = {
        "id": integer(body.get("id")),
        "uuid": text(body.get("uuid")),
        "username": text(body.get("username")),
        "authToken": text(body.get("authToken")) or None,
        "confirmed": boolean(body.get("confirmed")),
        "twoFactorEnabled": boolean(body.get("twoFactorEnabled")),
    }
    if case["operation"] == "sign_in" and not fields["authToken"]:
        raise Refused(status, "no authToken")
    return {k: v for k, v in fields.items() if v is not None}
