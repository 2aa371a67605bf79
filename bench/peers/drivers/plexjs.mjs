// @lukehagar/plexjs: Authentication.getTokenDetails, aimed at loopback with the per-call
// `serverURL` option (plex.tv operations ignore the client-level server URL).
import { load, main } from "./load.mjs";

const { PlexAPI } = await load("@lukehagar/plexjs");

await main(async (token) => {
  const sdk = new PlexAPI({ accessToken: token });
  return async (url) => {
    const res = await sdk.authentication.getTokenDetails({ serverURL: url });
    return res.userPlexAccount.username;
  };
});
