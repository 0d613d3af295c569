#!/usr/bin/env bash
# Registers the tslab (TypeScript) Jupyter kernel inside the checkout, in .jupyter/ (git-ignored), for the Debian
# python3 that has jupyter-client/nbclient. Notebooks then run with JUPYTER_PATH=$PWD/.jupyter/share/jupyter.
# `tslab install --prefix` does the same but imports IPython only for a temporary folder, and Debian's nbclient
# does not pull IPython in; so when that fails we write the same kernel.json ourselves.
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON="${RMW_PYTHON:-/usr/bin/python3}"
"$PYTHON" -c 'import jupyter_client, nbclient' 2>/dev/null || {
  echo "install-kernel: $PYTHON lacks jupyter_client/nbclient (apt-get install jupyter-nbconvert python3-nbclient jupyter-client)" >&2
  exit 1
}
BIN="$PWD/node_modules/.bin/tslab"
[ -x "$BIN" ] || { echo "install-kernel: $BIN missing: run npm ci first" >&2; exit 1; }
if ! node node_modules/tslab/bin/tslab install --python "$PYTHON" --binary "$BIN" --prefix "$PWD/.jupyter" >/dev/null 2>&1; then
  DIR="$PWD/.jupyter/share/jupyter/kernels/tslab"
  mkdir -p "$DIR"
  printf '{"argv": ["%s", "kernel", "--config-path", "{connection_file}"], "display_name": "TypeScript", "language": "typescript"}\n' \
    "$BIN" > "$DIR/kernel.json"
fi
echo "tslab kernel registered in $PWD/.jupyter/share/jupyter (use JUPYTER_PATH=$PWD/.jupyter/share/jupyter)" >&2
