"""plex-api-client: authentication.get_token_details, aimed at loopback with the per-call
`server_url` (plex.tv operations ignore the client-level server URL); JSON asked for."""

from common import main
from plex_api_client import PlexAPI
from plex_api_client.models import components


def setup(token):
    sdk = PlexAPI(token=token, client_identifier="plex-auth-peer-bench", product="peer bench",
                  accepts=components.Accepts.APPLICATION_JSON)

    def check(url):
        res = sdk.authentication.get_token_details(request={}, server_url=url)
        return res.user_plex_account.username

    return check


main(setup)
