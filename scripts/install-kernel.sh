#!/usr/bin/env bash
# Registers the tslab (TypeScript) Jupyter kernel of this checkout, for the Debian python3 that has jupyter-client.
#   bash scripts/install-kernel.sh            where Jupyter looks by default: the user's data dir
#                                             (~/.local/share/jupyter/kernels/tslab, or $JUPYTER_DATA_DIR/kernels)
#   bash scripts/install-kernel.sh --prefix D D/share/jupyter/kernels/tslab (run-notebooks.ts keeps its own, in .jupyter/)
#   bash scripts/install-kernel.sh --replace  the user's data dir, even over a tslab kernel this script did not write
# A user-level tslab kernel that this script did not write (no "reward-workbench" mark in its metadata) and whose
# program still exists is left alone and reported: it runs the notebooks just as well. The kernel spec is installed
# through jupyter_client itself (no IPython needed).
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON="${RMW_PYTHON:-/usr/bin/python3}"
PREFIX=""
REPLACE=0
if [ "${1:-}" = "--prefix" ] && [ -n "${2:-}" ]; then
  PREFIX="$(mkdir -p "$2" && cd "$2" && pwd)"
elif [ "${1:-}" = "--replace" ]; then
  REPLACE=1
elif [ -n "${1:-}" ]; then
  echo "install-kernel: unknown argument $1 (usage: install-kernel.sh [--prefix DIR | --replace])" >&2
  exit 2
fi
"$PYTHON" -c 'import jupyter_client' 2>/dev/null || {
  echo "install-kernel: $PYTHON lacks jupyter_client (apt-get install jupyter-client python3-nbclient jupyter-nbconvert)" >&2
  exit 1
}
BIN="$PWD/node_modules/.bin/tslab"
[ -x "$BIN" ] || { echo "install-kernel: $BIN missing: run npm ci first" >&2; exit 1; }
SPEC="$(mktemp -d)"
trap 'rm -rf "$SPEC"' EXIT
mkdir -p "$SPEC/tslab"
printf '{"argv": ["%s", "kernel", "--config-path", "{connection_file}"], "display_name": "TypeScript", "language": "typescript", "metadata": {"reward-workbench": "%s"}}\n' \
  "$BIN" "$PWD" > "$SPEC/tslab/kernel.json"
"$PYTHON" - "$SPEC/tslab" "$PREFIX" "$REPLACE" <<'PY'
import json, os, sys
from jupyter_client.kernelspec import KernelSpecManager, NoSuchKernel
source, prefix, force = sys.argv[1], sys.argv[2] or None, sys.argv[3] == '1'
ksm = KernelSpecManager()
if prefix is None and not force:
    user_dir = os.path.join(ksm.user_kernel_dir, 'tslab')
    try:
        with open(os.path.join(user_dir, 'kernel.json')) as f:
            spec = json.load(f)
        program = spec.get('argv', [''])[0]
        if 'reward-workbench' not in spec.get('metadata', {}) and os.path.exists(program):
            print(f'install-kernel: kept your own tslab kernel in {user_dir} (runs {program}); '
                  'install-kernel.sh --replace replaces it', file=sys.stderr)
            sys.exit(0)
    except FileNotFoundError:
        pass
dest = ksm.install_kernel_spec(source, kernel_name='tslab', user=prefix is None, prefix=prefix)
print(f'install-kernel: TypeScript kernel (tslab) registered in {dest}', file=sys.stderr)
PY
