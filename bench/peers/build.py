"""Builds our two contenders in release mode: the library driver (bench/peers/driver.rs) and
the CLI. Honours CARGO_TARGET_DIR and CARGO_BUILD_JOBS. Returns the binaries' paths."""

import os
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def build(log=print):
    # One cargo invocation for both, so the dependencies they share build once and in parallel
    # (two invocations at -j 1 took 10 minutes on a cold target; this is the budget's biggest part).
    args = ["-p", "plex-auth-bench", "--bin", "plex-auth-peer-driver", "-p", "plex-auth-cli", "--bin", "plex-auth"]
    log("cargo build --release " + " ".join(args))
    subprocess.run(["cargo", "build", "--release", "--quiet", *args], cwd=ROOT, check=True)
    target = Path(os.environ.get("CARGO_TARGET_DIR") or ROOT / "target")
    return {"driver": target / "release" / "plex-auth-peer-driver", "cli": target / "release" / "plex-auth"}
