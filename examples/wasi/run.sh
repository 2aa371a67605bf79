#!/usr/bin/env bash
# Builds examples/wasi for wasm32-wasip1, runs it under Node's WASI (run.mjs) and compares its
# stdout with expected.txt: any difference, or a non-zero exit, fails (the diff is printed).
# Node's stderr (an ExperimentalWarning for node:wasi) is shown but not compared.
# Needs: rustup target add wasm32-wasip1; node >= 20. Called by .ci/run.
set -euo pipefail
cd "$(dirname "$0")/../.."

major=$(node --version 2>/dev/null | sed -n 's/^v\([0-9]*\)\..*/\1/p')
[ "${major:-0}" -ge 20 ] || { echo "run.sh: node >= 20 is needed to run the WASI example (found: ${major:-none})" >&2; exit 1; }

# The .wasm's path from cargo itself, wherever CARGO_TARGET_DIR points.
wasm=$(cargo build -q -p plex-auth-example-wasi --target wasm32-wasip1 --message-format=json-render-diagnostics \
  | grep -o '"executable":"[^"]*\.wasm"' | tail -n 1 | cut -d'"' -f4)
[ -n "$wasm" ] && [ -f "$wasm" ] || { echo "run.sh: cargo built no .wasm" >&2; exit 1; }

out=$(mktemp)
trap 'rm -f "$out"' EXIT
status=0
node examples/wasi/run.mjs "$wasm" > "$out" || status=$?
if [ "$status" -ne 0 ]; then
  echo "run.sh: the WASI example exited with $status; its stdout:" >&2
  cat "$out" >&2
  exit 1
fi
if ! diff -u examples/wasi/expected.txt "$out"; then
  echo "run.sh: the WASI example's stdout differs from examples/wasi/expected.txt (diff above)" >&2
  exit 1
fi
echo "run.sh: the WASI example ran under node $(node --version): $(wc -l < "$out") lines as expected"
