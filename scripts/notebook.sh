#!/usr/bin/env bash
# npm run notebook [-- [--no-build] JUPYTER ARGS]: builds the library the notebooks import (--no-build: dist/ is
# current), registers the TypeScript kernel where Jupyter looks by default (scripts/install-kernel.sh) and starts
# Jupyter Notebook on 127.0.0.1 in notebooks/; further arguments go to Jupyter (e.g. --port 8890 --no-browser).
# Debian: apt-get install jupyter-notebook (JupyterLab, where installed, lists the same kernel).
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON="${RMW_PYTHON:-/usr/bin/python3}"
"$PYTHON" -c 'import notebook' 2>/dev/null || {
  echo "notebook: $PYTHON has no Jupyter Notebook: apt-get install jupyter-notebook (Debian/Ubuntu)" >&2
  exit 1
}
if [ "${1:-}" = "--no-build" ]; then shift; else node scripts/build.mjs; fi
node scripts/link-self.mjs
bash scripts/install-kernel.sh
# Jupyter refuses to run as root without --allow-root (containers, CI machines); it is only listening on 127.0.0.1.
EXTRA=()
if [ "$(id -u)" = 0 ]; then EXTRA+=(--allow-root); fi
exec "$PYTHON" -m notebook --ip=127.0.0.1 --notebook-dir="$PWD/notebooks" "${EXTRA[@]}" "$@"
