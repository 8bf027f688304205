#!/usr/bin/env bash
# The README's side-by-side (Performance): `learnlead compare DIR --format json`, the floor
# under it (cat of the files; a bare serde_yaml parse, examples/floor.rs) and a Python peer
# doing the same work (benches/peer/compare.py: PyYAML's C loader, the krippendorff package,
# Jinja2), on the same synthetic responses to the default rubric, each with its wall time and
# peak memory (GNU time). Usage: benches/side_by_side.sh [SIZES...]   (default 1000 10000 100000)
# PYTHON names a Python with pyyaml (libyaml), jinja2, numpy and krippendorff.
set -euo pipefail
cd "$(dirname "$0")/.."
SIZES=("${@:-1000 10000 100000}")
[ $# -gt 0 ] || SIZES=(1000 10000 100000)
PY="${PYTHON:-python3}"
TARGET="${CARGO_TARGET_DIR:-target}"
cargo build --release --quiet --bin learnlead --example floor
# The compare bench writes the synthetic responses once, into target/bench-data/N.
LEARNLEAD_BENCH_SIZES="$(IFS=,; echo "${SIZES[*]}")" cargo bench --quiet --bench compare >/dev/null
RUBRIC="$(mktemp)"
"$TARGET/release/learnlead" rubrics show wenger-trayner --format yaml > "$RUBRIC"
measure() { # label, command...: prints "label seconds MiB", the best of three runs
  local label="$1"; shift
  local best=""
  for _ in 1 2 3; do
    local out
    out=$( { /usr/bin/time -f "%e %M" "$@" >/dev/null; } 2>&1 | tail -1)
    if [ -z "$best" ] || awk -v a="${out% *}" -v b="${best% *}" 'BEGIN { exit !(a < b) }'; then best="$out"; fi
  done
  awk -v l="$label" -v t="${best% *}" -v m="${best#* }" 'BEGIN { printf "  %-28s %8.2f s %8.0f MiB\n", l, t, m / 1024 }'
}
for n in "${SIZES[@]}"; do
  dir="$TARGET/bench-data/$n"
  echo "$n responses"
  measure "cat (the files alone)" find "$dir" -name "*.yaml" -exec cat {} +
  measure "serde_yaml parse (floor)" "$TARGET/release/examples/floor" "$dir"
  measure "learnlead compare --json" "$TARGET/release/learnlead" compare "$dir" --format json
  measure "Python peer" "$PY" benches/peer/compare.py "$RUBRIC" "$dir"
done
rm -f "$RUBRIC"
