"""Who is compared and how each is started. Every driver takes the same arguments:
`bench URL TOKEN N` (set up, N token checks, exit; N = 0 is the cold start) and
`drift TOKEN URL...` (one check per URL, one line each: ok<TAB>username or fail<TAB>error).
The CLI makes one check per process, so it has `cold` (`--version`) and `check` instead. The
floor (plain reqwest blocking, body into `serde_json::Value`) is timed only: it decodes nothing."""

from pathlib import Path

from install import NODE_MODULES, VENV_PYTHON

DRIVERS = Path(__file__).resolve().parent / "drivers"
TOKEN = "fake-bench-token-not-a-secret"


def contenders(bins):
    """key -> {name, stack, bench(url, n), drift(urls)}; the CLI has {cold, check(url)}."""
    def driver(*prefix):
        return {
            "bench": lambda url, n: [*prefix, "bench", url, TOKEN, str(n)],
            "drift": lambda urls: [*prefix, "drift", TOKEN, *urls],
        }

    cli, ours = str(bins["cli"]), str(bins["driver"])
    return {
        "ours": {"name": "plex-auth (library)", "stack": "Rust, reqwest blocking, lenient serde",
                 **driver(ours)},
        "floor": {"name": "floor: reqwest + serde_json::Value", "stack": "Rust, the same request with no checks, no model",
                  "bench": lambda url, n: [ours, "floor", url, TOKEN, str(n)]},
        "cli": {"name": "plex-auth (CLI)", "stack": "`plex-auth --json whoami`, one process per check",
                "cold": [cli, "--version"],
                "check": lambda url: [cli, "--plex-tv", url, "--client-id", "plex-auth-peer-bench", "--json", "whoami"]},
        "plexjs": {"name": "@lukehagar/plexjs", "stack": "Node, fetch, Zod",
                   **driver("node", str(DRIVERS / "plexjs.mjs"))},
        "ctrl-plex": {"name": "@ctrl/plex", "stack": "Node, ofetch, untyped JSON",
                      **driver("node", str(DRIVERS / "ctrl-plex.mjs"))},
        "plex-api-client": {"name": "plex-api-client", "stack": "Python, httpx, pydantic",
                            **driver(str(VENV_PYTHON), str(DRIVERS / "plex_api_client_driver.py"))},
        "plexapi": {"name": "plexapi", "stack": "Python, requests, XML (ElementTree)",
                    **driver(str(VENV_PYTHON), str(DRIVERS / "plexapi_driver.py"))},
    }


def environment(home):
    """A clean environment for every child: a throw-away HOME and config dirs (nobody reads or
    writes the user's), no proxies, the fake token for the CLI, and where the npm peers are."""
    import os
    return {
        "PATH": os.environ["PATH"],
        "LANG": "C.UTF-8",
        "HOME": str(home),
        "XDG_CONFIG_HOME": str(home / ".config"),
        "XDG_CACHE_HOME": str(home / ".cache"),
        "XDG_DATA_HOME": str(home / ".local/share"),
        "PLEX_AUTH_CONFIG_DIR": str(home / "plex-auth"),
        "PLEXAPI_CONFIG_PATH": str(home / "plexapi.ini"),
        "PLEX_TOKEN": TOKEN,
        "NO_PROXY": "127.0.0.1,localhost",
        "PEERS_NODE_MODULES": str(NODE_MODULES),
    }
