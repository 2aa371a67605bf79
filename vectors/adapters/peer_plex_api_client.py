"""Peer adapter: plex-api-client (the Speakeasy-generated SDK on PyPI, pinned by
bench/peers/install.py) decodes each vector's response through its own SDK method: an
httpx.MockTransport stands in for the network and answers with the vector's status, headers and
body, so the SDK's whole response handling runs (status dispatch, content-type match, pydantic
model). Offline.

Run it with the interpreter that has the SDK:

    python3 bench/peers/install.py        # or: pip install plex-api-client==0.36.3
    bench/peers/.work/venv/bin/python vectors/run.py --adapter peer_plex_api_client

Claims the operations that SDK has a counterpart for with the same inputs: get_token_details
(`authentication.get_token_details`) and sign_in (`authentication.post_users_sign_in_data`). The
decoded model is dumped by alias (Plex's JSON names), so it compares with the vectors' fields.
"""

import httpx
from plex_api_client import PlexAPI
from plex_api_client.models import components
from plex_api_client.utils import BackoffStrategy, RetryConfig

NAME = "plex-api-client 0.36.3 (PyPI)"
OPERATIONS = {"get_token_details", "sign_in"}
BASE = "http://vectors.invalid/api/v2"


def claims(case):
    return case["operation"] in OPERATIONS


def _sdk(case):
    response = case["response"]

    def answer(request):
        return httpx.Response(response["status"], headers=response["headers"],
                              content=response["body"].encode("utf-8"), request=request)

    client = httpx.Client(transport=httpx.MockTransport(answer))
    # The SDK retries 429 by default, sleeping for Retry-After (30 s, or until a date): off, since a
    # vector is one response and the runner must not sleep.
    no_retries = RetryConfig("none", BackoffStrategy(0, 0, 1.0, 0), False)
    return PlexAPI(token="fake-vector-token", client_identifier="plex-auth-vectors", product="vectors",
                   accepts=components.Accepts.APPLICATION_JSON, client=client, retry_config=no_retries)


def decode(case):
    sdk = _sdk(case)
    if case["operation"] == "get_token_details":
        res = sdk.authentication.get_token_details(request={}, server_url=BASE)
        model = res.user_plex_account
    else:
        params = case["params"]
        body = {"login": params["login"], "password": params["password"]}
        res = sdk.authentication.post_users_sign_in_data(request={"request_body": body}, server_url=BASE)
        model = res.user_plex_account
    if model is None:
        raise ValueError(f"no account in the SDK's answer (status {res.status_code})")
    return model.model_dump(by_alias=True, mode="json")
