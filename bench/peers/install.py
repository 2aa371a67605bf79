"""Installs the peers, pinned, into bench/peers/.work (git-ignored): the npm packages under
.work/npm, the PyPI packages in the venv .work/venv. Skips what is already installed at the
pinned version. Returns the installed versions as the packages report them."""

import json
import subprocess
import sys
from pathlib import Path

WORK = Path(__file__).resolve().parent / ".work"
NPM = {"@lukehagar/plexjs": "0.39.0", "@ctrl/plex": "3.12.1"}
PYPI = {"plex-api-client": "0.36.3", "plexapi": "4.18.3"}
NODE_MODULES = WORK / "npm" / "node_modules"
VENV_PYTHON = WORK / "venv" / "bin" / "python"


def npm_versions():
    out = {}
    for name in NPM:
        manifest = NODE_MODULES / name / "package.json"
        out[name] = json.loads(manifest.read_text())["version"] if manifest.exists() else None
    return out


def pypi_versions():
    if not VENV_PYTHON.exists():
        return {name: None for name in PYPI}
    code = "import json, sys\nfrom importlib import metadata\nout = {}\nfor n in sys.argv[1:]:\n" \
           "    try: out[n] = metadata.version(n)\n    except metadata.PackageNotFoundError: out[n] = None\nprint(json.dumps(out))"
    res = subprocess.run([VENV_PYTHON, "-c", code, *PYPI], capture_output=True, text=True, check=True)
    return json.loads(res.stdout)


def install(log=print):
    (WORK / "npm").mkdir(parents=True, exist_ok=True)
    if npm_versions() != NPM:
        log(f"npm install {NPM}")
        (WORK / "npm" / "package.json").write_text('{"name": "peers", "private": true}\n')
        specs = [f"{n}@{v}" for n, v in NPM.items()]
        subprocess.run(["npm", "install", "--no-audit", "--no-fund", "--ignore-scripts", "--save-exact", *specs],
                       cwd=WORK / "npm", check=True, stdout=subprocess.DEVNULL)
    if not VENV_PYTHON.exists():
        log("python -m venv .work/venv")
        subprocess.run([sys.executable, "-m", "venv", WORK / "venv"], check=True)
    if pypi_versions() != PYPI:
        log(f"pip install {PYPI}")
        specs = [f"{n}=={v}" for n, v in PYPI.items()]
        subprocess.run([VENV_PYTHON, "-m", "pip", "install", "-q", "--disable-pip-version-check", *specs], check=True)
    versions = {**npm_versions(), **pypi_versions()}
    assert versions == {**NPM, **PYPI}, versions
    return versions


if __name__ == "__main__":
    print(install())
