#!/usr/bin/env bash
# Runs every benchmark and keeps its JSON line under benchmarks/results/ (what the README shows).
# Run on a quiet machine: the figures are wall times. Usage: scripts/record_benchmarks.sh [name ...]
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p benchmarks/results
names=("$@")
[ ${#names[@]} -gt 0 ] || names=($(ls benchmarks/*.py | xargs -n1 basename | sed 's/\.py$//'))
for name in "${names[@]}"; do
  echo "== $name" >&2
  line=$(.venv/bin/python "benchmarks/$name.py" | tail -n 1)
  printf '%s\n' "$line" | .venv/bin/python -m json.tool > "benchmarks/results/$name.json"
done
.venv/bin/python scripts/gen_readme.py >&2
