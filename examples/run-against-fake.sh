#!/usr/bin/env bash
# Runs every example against the loopback fake started by the fake_plex example.
# Called by .ci/run; bounded in time; stops the fake on exit.
set -euo pipefail
cd "$(dirname "$0")/.."

export PLEX_LOGIN="demo@example.com" PLEX_PASSWORD="example-password-7" PLEX_TOKEN="example-token-7" PLEX_CODE="112358"
cargo build -q -p plex-auth-examples --examples
cargo build -q -p plex-auth-example-smol
bin=target/debug/examples
smol_bin=target/debug/plex-auth-example-smol

# The smol example proves that the core and its drivers need no tokio: none may be in its
# normal dependency tree (dev-dependencies aside). The tree is captured first so that a failing
# `cargo tree` fails the script instead of passing for "no tokio found".
echo "--- plex-auth-example-smol: no tokio in its dependency tree"
tree=$(cargo tree -q -p plex-auth-example-smol -e normal --prefix none)
grep -q '^smol ' <<<"$tree" || { echo "cargo tree lists no smol: $tree"; exit 1; }
if grep -q '^tokio ' <<<"$tree"; then
  echo "tokio is in plex-auth-example-smol's normal dependency tree:"
  cargo tree -q -p plex-auth-example-smol -e normal -i tokio
  exit 1
fi
echo "no tokio among its $(sed 's/ (\*)$//' <<<"$tree" | sort -u | wc -l) crates"

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

echo "--- plex-auth-example-smol (PIN login and a connection race on smol)"
out=$(timeout 60 "$smol_bin") || { echo "$out"; echo "plex-auth-example-smol failed"; exit 1; }
echo "$out"
expect() { grep -qE "$1" <<<"$out" || { echo "plex-auth-example-smol: no line matching: $1"; exit 1; }; }
expect '^pin: token obtained after [0-9]+ ms'
expect '^pin: the new token is accepted: account demo$'
expect '^  Demo Server \(.*\): 1 connection\(s\), not all on loopback: never probed here$'
expect '^  http://127\.0\.0\.1:[0-9]+ \[local\]: failed: cannot connect to .*connection refused$'
expect '^  http://127\.0\.0\.1:[0-9]+ \[local\]: answered as another server \(1{40}\)$'
expect '^  http://127\.0\.0\.1:[0-9]+ \[local\]: answered in [0-9]+ ms \(chosen\)$'
expect '^  http://127\.0\.0\.1:[0-9]+ \[remote\]: not awaited$'
expect '^  http://127\.0\.0\.1:[0-9]+ \[relay\]: not awaited$'
expect '^chosen connection: http://127\.0\.0\.1:[0-9]+$'
if grep -q "$PLEX_TOKEN" <<<"$out"; then echo "plex-auth-example-smol printed the account token"; exit 1; fi
if grep -q '192\.168\.' <<<"$out"; then echo "plex-auth-example-smol showed a LAN address"; exit 1; fi

echo "--- expected failures"
if PLEX_PASSWORD=wrong timeout 60 "$bin/reqwest_sign_in"; then echo "wrong password accepted"; exit 1; fi
out=$(PLEX_LOGIN="twofa-$PLEX_LOGIN" timeout 60 env -u PLEX_CODE "$bin/reqwest_sign_in" 2>&1) && { echo "2FA account signed in without a code"; exit 1; }
grep -q "needs a 2FA code" <<<"$out" || { echo "unexpected: $out"; exit 1; }
set +e; PLEX_TOKEN=revoked timeout 60 "$bin/blocking_token_details"; rc=$?; set -e
[ "$rc" -eq 3 ] || { echo "invalid token: expected exit 3, got $rc"; exit 1; }
echo "examples: all ran as expected"
