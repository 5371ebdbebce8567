#!/usr/bin/env bash
# Shared by every lmgate action: build a venv from the action's own checkout and print nothing
# but errors. The venv is $LMGATE_VENV (default $RUNNER_TEMP/lmgate-venv); it is reused when it
# was built from the same sources, so later steps of a job (or a self-hosted runner that keeps
# LMGATE_VENV between jobs) skip the install.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
venv="${LMGATE_VENV:-${RUNNER_TEMP:-/tmp}/lmgate-venv}"
stamp="$venv/.lmgate-source"
digest=$(cd "$root" && find pyproject.toml src -type f ! -name '*.pyc' -print0 | sort -z \
  | xargs -0 sha256sum | sha256sum | cut -d' ' -f1)
if [ -x "$venv/bin/lmgate" ] && [ "$(cat "$stamp" 2>/dev/null)" = "$digest" ]; then
  exit 0
fi
python3 -m venv --clear "$venv"
"$venv/bin/python" -m pip install --quiet --disable-pip-version-check "$root"
printf '%s' "$digest" > "$stamp"
