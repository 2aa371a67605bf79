#!/usr/bin/env bash
# Instructions per decode, floor vs ours, for every decode case, counted by callgrind (exact and
# repeatable on a shared machine, unlike times). Builds the core's `instructions` bench binary
# and prints a Markdown table. Per decode = (Ir at N - Ir at 0) / N, less the cost of building
# and dropping the response (measured the same way), so setup cancels out.
set -euo pipefail
cd "$(dirname "$0")/.."
command -v valgrind >/dev/null || { echo "needs valgrind (apt-get install valgrind)" >&2; exit 1; }
cargo bench -q -p plex-auth-core --bench instructions --no-run
bin=$(ls -t "${CARGO_TARGET_DIR:-target}"/release/deps/instructions-* | grep -v '\.d$' | head -1)
n=${N:-2000}
ir() { valgrind --tool=callgrind --callgrind-out-file=/dev/null "$bin" "$1" "$2" "$3" 2>&1 | awk '/refs:/{gsub(",","",$4); print $4}'; }
echo "| case | floor Ir/decode | ours Ir/decode | ratio |"
echo "|---|---|---|---|"
"$bin" | tail -n +2 | while read -r index name; do
  base=$(ir response "$index" 0)
  resp=$(( ($(ir response "$index" "$n") - base) / n ))
  floor=$(( ($(ir floor "$index" "$n") - base) / n ))
  ours=$(( ($(ir ours "$index" "$n") - base) / n - resp ))
  echo "| $name | $floor | $ours | $(python3 -c "print(f'{$ours / $floor:.2f}x')") |"
done
