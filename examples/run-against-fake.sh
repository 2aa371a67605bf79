#!/usr/bin/env bash
# Runs every example against the loopback fake started by the fake_plex example.
# Called by .ci/run; bounded in time; stops the fake on exit.
set -euo pipefail
cd "$(dirname "$0")/.."

export PLEX_LOGIN="demo@example.com" PLEX_PASSWORD="example-password-7" PLEX_TOKEN="example-token-7" PLEX_CODE="112358"
cargo build -q -p plex-auth-examples --examples
bin=target/debug/examples

work=$(mktemp -d)
mkfifo "$work/stdin"
"$bin/fake_plex" < "$work/stdin" > "$work/fake.out" &
fake_pid=$!
exec 3> "$work/stdin"   # held open: the fake serves until it closes
trap 'exec 3>&-; kill "$fake_pid" 2>/dev/null || true; rm -rf "$work"' EXIT

for _ in $(seq 100); do grep -q '^READY$' "$work/fake.out" && break; sleep 0.1; done
grep -q '^READY$' "$work/fake.out" || { echo "fake_plex did not start"; cat "$work/fake.out"; exit 1; }
set -a; eval "$(grep '^PLEX_' "$work/fake.out")"; set +a

run() { echo "--- $*"; timeout 60 "$bin/$1"; }
run reqwest_sign_in
run hyper_transient_token
run blocking_token_details
run custom_transport
run sans_io
PLEX_LOGIN="twofa-$PLEX_LOGIN" run reqwest_sign_in

echo "--- expected failures"
if PLEX_PASSWORD=wrong timeout 60 "$bin/reqwest_sign_in"; then echo "wrong password accepted"; exit 1; fi
out=$(PLEX_LOGIN="twofa-$PLEX_LOGIN" timeout 60 env -u PLEX_CODE "$bin/reqwest_sign_in" 2>&1) && { echo "2FA account signed in without a code"; exit 1; }
grep -q "needs a 2FA code" <<<"$out" || { echo "unexpected: $out"; exit 1; }
set +e; PLEX_TOKEN=revoked timeout 60 "$bin/blocking_token_details"; rc=$?; set -e
[ "$rc" -eq 3 ] || { echo "invalid token: expected exit 3, got $rc"; exit 1; }
echo "examples: all ran as expected"
