"""Builds our two contenders in release mode: the library driver (bench/peers/driver.rs) and
the CLI. Honours CARGO_TARGET_DIR and CARGO_BUILD_JOBS. Returns the binaries' paths."""

import os
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def build(log=print):
    for package, binary in [("plex-auth-bench", "plex-auth-peer-driver"), ("plex-auth-cli", "plex-auth")]:
        log(f"cargo build --release -p {package} --bin {binary}")
        subprocess.run(["cargo", "build", "--release", "--quiet", "-p", package, "--bin", binary], cwd=ROOT, check=True)
    target = Path(os.environ.get("CARGO_TARGET_DIR") or ROOT / "target")
    return {"driver": target / "release" / "plex-auth-peer-driver", "cli": target / "release" / "plex-auth"}
