// @ctrl/plex: MyPlexAccount(token).connect(), which GETs the static MyPlexAccount.key (a full
// https://plex.tv URL); the driver points that static at loopback before each check.
import { load, main } from "./load.mjs";

const { MyPlexAccount } = await load("@ctrl/plex");

await main(async (token) => async (url) => {
  MyPlexAccount.key = `${url}/user`;
  const account = await new MyPlexAccount(null, undefined, undefined, token).connect();
  return account.username;
});
