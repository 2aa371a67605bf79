#!/usr/bin/env bash
# Bounded fuzz runs: builds every target once, then runs each for SECONDS (default 20) from the
# committed seeds in corpus/<target>/. Fails (exit 1) on any crash, failed invariant, timeout,
# out-of-memory or leak, naming the target and the artifact that reproduces it:
#   cargo +nightly fuzz run -s none <target> <artifact>
# New inputs the fuzzer finds go to scratch/<target>/ (ignored by git), never into corpus/.
# Needs the nightly toolchain and cargo-fuzz (.ci/run installs both when missing).
set -uo pipefail
cd "$(dirname "$0")"

seconds=${1:-20}
# Both cores: the sanitizer build of 21 targets is the slowest part of CI (10 min on one job).
export CARGO_BUILD_JOBS=${CARGO_BUILD_JOBS:-2}

# Per-input time limit: every body a target accepts must decode well within this, even on a
# loaded machine; slower means super-linear work (the failure mode of issue 8, item 1).
timeout_s=5

# No AddressSanitizer by default: the crates under test forbid `unsafe`, and the sanitizer made
# the build twice as slow and each input 3-10x slower (the invariants are checked by panics,
# which need no sanitizer). FUZZ_SANITIZER=address brings it back for a deeper run.
sanitizer=${FUZZ_SANITIZER:-none}
rss_limit_mb=2048

# Input size per target: a response target's input is 4 header bytes and a body; the
# structure-aware target's input is a list of mutations (the bodies it builds are far larger).
# The structure-aware target also starts at full length (-len_control=0): libFuzzer's default of
# growing lengths from the 3-byte seeds would keep it at one mutation for minutes.
max_len() {
  case "$1" in
    mutated_bodies) echo 512 ;;
    *) echo 65536 ;;
  esac
}
len_control() {
  case "$1" in
    mutated_bodies) echo 0 ;;
    *) echo 100 ;;
  esac
}

targets=(
  transient_token_get
  transient_token_post
  source_info
  token_details
  sign_in
  resources
  identity
  ping
  sign_out
  create_pin
  get_pin
  link_pin
  register_device_key
  get_nonce
  exchange_device_jwt
  get_plex_keys
  verify_plex_jwt
  error_body
  xml
  mutated_bodies
  token_file
)

echo "fuzz: building ${#targets[@]} targets"
if ! cargo +nightly fuzz build -s "$sanitizer"; then
  echo "fuzz: build failed" >&2
  exit 1
fi

failed=()
for t in "${targets[@]}"; do
  scratch="scratch/$t"
  artifacts="artifacts/$t"
  log="scratch/$t.log"
  rm -rf "$scratch"
  mkdir -p "$scratch" "$artifacts"
  printf 'fuzz: %-22s %ss ... ' "$t" "$seconds"
  cargo +nightly fuzz run -s "$sanitizer" "$t" "$scratch" "corpus/$t" -- \
    -max_total_time="$seconds" -timeout="$timeout_s" -rss_limit_mb="$rss_limit_mb" \
    -max_len="$(max_len "$t")" -len_control="$(len_control "$t")" -artifact_prefix="$artifacts/" -print_final_stats=1 >"$log" 2>&1
  rc=$?
  if [ "$rc" -eq 0 ]; then
    runs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' || true)
    echo "ok (${runs:-?} inputs)"
    continue
  fi
  failed+=("$t")
  kind=$(grep -m1 -oE 'ERROR: (libFuzzer|AddressSanitizer|LeakSanitizer): [a-z-]+( [a-z-]+)*|LEAK: [^:]*' "$log" || echo "exit $rc")
  artifact=$(grep -m1 -o 'Test unit written to [^ ]*' "$log" | sed 's/Test unit written to //' || true)
  echo "FAILED: $kind"
  echo "  target:   $t"
  echo "  artifact: fuzz/${artifact:-(none written; see the log)}"
  echo "  log:      fuzz/$log"
  grep -m1 -A2 'panicked at' "$log" | cut -c1-400 | sed 's/^/  /' || true
done

if [ "${#failed[@]}" -gt 0 ]; then
  echo "fuzz: ${#failed[@]} of ${#targets[@]} targets failed: ${failed[*]}" >&2
  echo "fuzz: reproduce with: cd fuzz && cargo +nightly fuzz run -s $sanitizer <target> <artifact>" >&2
  exit 1
fi
echo "fuzz: all ${#targets[@]} targets ran ${seconds}s each without a finding"
