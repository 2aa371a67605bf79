// Loads an npm peer installed under bench/peers/.work/npm (PEERS_NODE_MODULES), since the
// drivers live outside that folder and Node resolves imports next to the importing file.
import { createRequire } from "node:module";
import { pathToFileURL } from "node:url";

export async function load(name) {
  const require = createRequire(`${process.env.PEERS_NODE_MODULES}/`);
  return import(pathToFileURL(require.resolve(name)).href);
}

// Runs a driver: `bench URL TOKEN N` (N checks, N = 0: set up only) or `drift TOKEN URL...`
// (one check per URL, one line each: ok<TAB>username or fail<TAB>first line of the error).
// `setup()` returns `check(url)`, which resolves to the decoded username.
export async function main(setup) {
  const [mode, ...args] = process.argv.slice(2);
  if (mode === "bench") {
    const [url, token, n] = args;
    const check = await setup(token);
    for (let i = 0; i < Number(n); i++) await check(url);
  } else if (mode === "drift") {
    const [token, ...urls] = args;
    const check = await setup(token);
    for (const url of urls) {
      try {
        console.log(`ok\t${await check(url)}`);
      } catch (e) {
        console.log(`fail\t${describe(e)}`);
      }
    }
  } else {
    console.error("usage: DRIVER bench URL TOKEN N | DRIVER drift TOKEN URL...");
    process.exit(2);
  }
}

// The error's name and first line, plus the first failing field when Zod says.
function describe(e) {
  let text = `${e?.name ?? "Error"}: ${String(e?.message ?? e).split("\n")[0]}`;
  const issue = e?.cause?.issues?.[0];
  if (issue) text += ` (at ${issue.path.join(".")}: ${issue.message})`;
  return text;
}
