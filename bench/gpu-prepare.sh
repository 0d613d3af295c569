#!/usr/bin/env bash
# Prepares the one device run for an offline GPU machine that has no Node and no ../shared (environment.md):
#   1. packs `rmw env` (bench/gpu-env.ts) and the transformer step benchmark with ../shared/tools/gpu-pack.sh into .gpu/ and .gl/
#      (Node, CommonJS bundles, Dawn for Node, the tfjs wasm files, the Vulkan loader; all ignored by git);
#   2. copies the one data file the checks read (HH-RLHF helpful-base, sha256-checked on load) into .gpu/data,
#      laid out like the mirror, so RMW_DATA_DIR can point there;
#   3. writes .gpu/check.sh, which runs every GPU check in one go and leaves its outputs in $OUT (or .gpu/out):
#      backend selection, the 20-step Bradley-Terry toy of notebook 00 on WebGPU and on wasm (ms per step side by
#      side), and the transformer step on WebGPU vs wasm vs PyTorch (CUDA when present) for two configs.
# Usage, from the repo root:  bash bench/gpu-prepare.sh
# Then, on the GPU machine (carry .gpu and .gl):  bash .gpu/check.sh
set -euo pipefail
cd "$(git rev-parse --show-toplevel)"
pack=${RMW_GPU_PACK:-../shared/tools/gpu-pack.sh}
[ -x "$pack" ] || [ -f "$pack" ] || { echo "gpu-prepare: $pack not found (set RMW_GPU_PACK)" >&2; exit 2; }
rm -f .gpu/*.js
bash "$pack" bench/gpu-env.ts bench/transformer-step.ts
# The bundles are CommonJS; the repo's package.json says "type": "module", so .gpu gets its own.
echo '{ "type": "commonjs" }' > .gpu/package.json

data_dir=${RMW_DATA_DIR:-../shared/data}
local_path=$(node -e "const s = require('./data/sources.json').find((x) => x.id === 'hh-helpful-base'); process.stdout.write(s.local)")
mkdir -p ".gpu/data/$(dirname "$local_path")"
cp "$data_dir/$local_path" ".gpu/data/$local_path"

cat > .gpu/check.sh <<'CHECK'
#!/usr/bin/env bash
# Every GPU check in one run (made by bench/gpu-prepare.sh). Outputs go to $OUT (the device tool's folder) or .gpu/out.
set -uo pipefail
out=${OUT:-.gpu/out}; mkdir -p "$out"
export RMW_DATA_DIR="$PWD/.gpu/data" RMW_OFFLINE=1 RMW_PROGRESS=0
export RMW_PYTHON=${RMW_PYTHON:-$(command -v python3 || echo /usr/bin/python3)}
run() { bash .gpu/run.sh "$@"; }
status=0
echo "== backend selection (auto)"; run .gpu/gpu-env.js > "$out/env-auto.json" 2> "$out/env-auto.err" || status=1
tail -n 3 "$out/env-auto.err"
for b in webgpu wasm; do
  echo "== toy Bradley-Terry, 20 steps, RMW_BACKEND=$b"
  RMW_BACKEND=$b run .gpu/gpu-env.js --toy --steps 20 > "$out/toy-$b.json" 2> "$out/toy-$b.err" || status=1
  tail -n 2 "$out/toy-$b.err"
done
echo "== transformer step, small config: webgpu, wasm, PyTorch"
run .gpu/transformer-step.js --backends webgpu,wasm --config small --steps 6 > "$out/transformer-small.md" 2> "$out/transformer-small.err" || status=1
cat "$out/transformer-small.md"
echo "== transformer step, stack.md config (32 pairs x 256 tokens, d 256, 4 layers): webgpu, PyTorch"
run .gpu/transformer-step.js --backends webgpu --config stack --steps 6 > "$out/transformer-stack.md" 2> "$out/transformer-stack.err" || status=1
cat "$out/transformer-stack.md"
exit $status
CHECK
chmod +x .gpu/check.sh
du -sh .gpu .gl >&2
echo "ready: carry .gpu and .gl; on the GPU machine run: bash .gpu/check.sh" >&2
