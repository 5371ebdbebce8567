#!/usr/bin/env bash
# The offline pipeline on examples/quickstart. Each stage adds its step here.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
lmgate="$here/.venv/bin/lmgate"
cd "$here/examples/quickstart"
echo "== lmgate validate"
"$lmgate" validate
