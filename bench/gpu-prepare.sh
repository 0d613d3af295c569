#!/usr/bin/env bash
# Prepares the one device run for an offline GPU machine that has no Node, no node_modules and no ../shared
# (environment.md). From the repo root:  bash bench/gpu-prepare.sh   then, with .gpu and .gl carried beside the
# checkout:  bash .gpu/check.sh   (outputs under $OUT, else .gpu/out). It packs into .gpu/ and .gl/ (both ignored by
# git, together about 40 MB; the limit is 64 MiB):
#   - Node (xz-compressed), one CommonJS bundle per entry (bench/gpu-env.ts = `rmw env`, bench/transformer-step.ts,
#     bench/gpu-ablation.ts; esbuild from node_modules, `webgpu` kept external), the `webgpu` package for linux-x64,
#     tfjs's wasm files, and tfjs's gradient registrations (the bundle the workbench builds in its cache);
#   - Debian's libvulkan1 (the Vulkan loader) as a .deb, unpacked under .gpu/ at run time (no root needed);
#   - the data the checks read: HH-RLHF helpful-base (sha256-checked on load) and the workbench mix (seed 1) that
#     notebook 04 trains on, train.parquet + heldout.parquet;
#   - .gpu/run.sh (unpack, then run a bundle) and .gpu/check.sh: backend selection, the notebook 00 toy on WebGPU,
#     the transformer step on WebGPU beside PyTorch (CUDA there) with device counts, and the transformer loss ablation
#     (bt, bt-margin, focal x seeds 1, 2) at the full preset.
# RMW_GPU_CHECK_REDUCED=1 bash .gpu/check.sh runs the same checks at toy sizes (a CPU machine with SwiftShader:
# VK_ICD_FILENAMES=/usr/lib/chromium/vk_swiftshader_icd.json), to test the packing end to end.
set -euo pipefail
cd "$(git rev-parse --show-toplevel)"
exclude=$(git rev-parse --git-path info/exclude)
mkdir -p "$(dirname "$exclude")"
for d in /.gpu/ /.gl/; do grep -qxF "$d" "$exclude" 2>/dev/null || echo "$d" >> "$exclude"; done
mkdir -p .gpu .gl
rm -f .gpu/*.js

node_bin=$(readlink -f "$(command -v node)")
if [ ! -s .gpu/node.xz ] || [ "$node_bin" -nt .gpu/node.xz ]; then
  echo "gpu-prepare: compressing node $(node --version) (about a minute)" >&2
  xz -T2 -6 -c "$node_bin" > .gpu/node.xz
fi
if ! ls .gl/libvulkan1_*.deb >/dev/null 2>&1; then
  (cd .gl && apt-get download libvulkan1 >/dev/null) || { echo "gpu-prepare: apt-get download libvulkan1 failed" >&2; exit 1; }
fi

[ -d node_modules/webgpu/dist/linux-x64 ] || { echo "gpu-prepare: node_modules/webgpu is missing (npm ci)" >&2; exit 1; }
# The `webgpu` package travels as .gpu/webgpu with Dawn (21 MB) xz-compressed (5 MB); run.sh unpacks it beside the
# bundles in a scratch folder, where Node resolves it.
rm -rf .gpu/node_modules .gpu/webgpu && mkdir -p .gpu/webgpu
cp node_modules/webgpu/*.js node_modules/webgpu/package.json .gpu/webgpu/
xz -T2 -6 -c node_modules/webgpu/dist/linux-x64/dawn.node > .gpu/webgpu/dawn.node.xz
mkdir -p .gpu/wasm && cp node_modules/@tensorflow/tfjs-backend-wasm/dist/*.wasm .gpu/wasm/

# tfjs's gradients are registered from a bundle the workbench builds once in its cache folder (src/model/tfjsGradients.ts).
mkdir -p .gpu/cache
RMW_CACHE_DIR="$PWD/.gpu/cache" node --import tsx -e \
  "import('./src/model/tfjsGradients.ts').then((m) => m.registerAllGradients())"

for entry in bench/gpu-env.ts bench/transformer-step.ts bench/gpu-ablation.ts; do
  # CommonJS: the wasm backend finds its files through __dirname, which ESM bundles lack.
  node_modules/.bin/esbuild "$entry" --bundle --platform=node --format=cjs --target=node20 --external:webgpu \
    --minify --keep-names \
    --outfile=".gpu/$(basename "${entry%.ts}").js" --log-level=error
done
echo '{ "type": "commonjs" }' > .gpu/package.json

data_dir=${RMW_DATA_DIR:-../shared/data}
hh=$(node -e "process.stdout.write(require('./data/sources.json').find((s) => s.id === 'hh-helpful-base').local)")
mkdir -p ".gpu/data/$(dirname "$hh")" && cp "$data_dir/$hh" ".gpu/data/$hh"
if [ ! -s .gpu/data/mix/train.parquet ]; then
  tmp=$(mktemp -d)
  echo "gpu-prepare: building the workbench mix (seed 1), about a minute" >&2
  node bin/rmw.js curate workbench --out "$tmp/mix" --seed 1 >/dev/null
  mkdir -p .gpu/data/mix && cp "$tmp/mix/train.parquet" "$tmp/mix/heldout.parquet" "$tmp/mix/datacard.json" .gpu/data/mix/
  rm -rf "$tmp"
fi

cat > .gpu/run.sh <<'RUN'
#!/usr/bin/env bash
# Unpacks Node, Dawn and the Vulkan loader once into a scratch folder outside .gpu (so .gpu stays small enough to
# carry), copies the bundles beside them, and runs .gpu/NAME.js (the first argument) from there.
set -e
root="$PWD/.gpu"
x=${RMW_GPU_UNPACK:-${TMPDIR:-/tmp}/rmw-gpu-$(cksum < "$root/node.xz" | cut -d' ' -f1)}
if [ ! -x "$x/bin/node" ]; then
  mkdir -p "$x/bin" "$x/gl" "$x/node_modules/webgpu/dist/linux-x64"
  for f in .gl/*.deb; do dpkg -x "$f" "$x/gl"; done
  cp "$root"/webgpu/*.js "$root"/webgpu/package.json "$x/node_modules/webgpu/"
  xz -dc "$root/webgpu/dawn.node.xz" > "$x/node_modules/webgpu/dist/linux-x64/dawn.node"
  xz -dc "$root/node.xz" > "$x/bin/node.tmp" && chmod +x "$x/bin/node.tmp" && mv "$x/bin/node.tmp" "$x/bin/node"
fi
cp "$root"/*.js "$root/package.json" "$x/"
entry="$x/$(basename "$1")"; shift
export LD_LIBRARY_PATH="$x/gl/usr/lib/x86_64-linux-gnu${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}"
export XDG_RUNTIME_DIR=${XDG_RUNTIME_DIR:-/tmp} RMW_ROOT="$PWD" RMW_WASM_PATH="$root/wasm/"
exec "$x/bin/node" "$entry" "$@"
RUN

cat > .gpu/check.sh <<'CHECK'
#!/usr/bin/env bash
# Every GPU check in one run (written by bench/gpu-prepare.sh). Outputs go to $OUT (the device tool's folder), else
# .gpu/out. RMW_GPU_CHECK_REDUCED=1: toy sizes, for testing the packing on a CPU machine with SwiftShader.
set -uo pipefail
out=${OUT:-.gpu/out}; mkdir -p "$out"
export RMW_DATA_DIR="$PWD/.gpu/data" RMW_CACHE_DIR="$PWD/.gpu/cache" RMW_OFFLINE=1 RMW_PROGRESS=0
# The PyTorch reference: the first python3 that imports torch (a pyenv python on PATH may not have it).
for py in ${RMW_PYTHON:-} python3 /usr/bin/python3; do
  if "$py" -c 'import torch' 2>/dev/null; then export RMW_PYTHON=$py; break; fi
done
run() { bash .gpu/run.sh "$@"; }
reduced=${RMW_GPU_CHECK_REDUCED:-0}
if [ "$reduced" = 1 ]; then
  step_args=(--config tiny --steps 2 --warm 1)
  ablation_args=(--preset quick --steps 2 --seeds 1 --model-config '{"vocabBuckets":128,"maxTokens":12,"dModel":8,"heads":2,"layers":1,"ffn":16}')
else
  step_args=(--config stack --steps 10 --warm 3)
  ablation_args=(--preset full --seeds 1,2)
fi
status=0
started=$(date +%s)
{ nvidia-smi -L 2>/dev/null || echo "no nvidia-smi"; } > "$out/gpu.txt"
echo "== 1. backend selection (auto)"
run .gpu/gpu-env.js > "$out/env-auto.json" 2> "$out/env-auto.err" || status=1
grep -E '^(rmw backend|backend|  (ok|no) )' "$out/env-auto.err"
echo "== 2. notebook 00's toy on WebGPU"
RMW_BACKEND=webgpu run .gpu/gpu-env.js --toy --steps 20 > "$out/toy-webgpu.json" 2> "$out/toy-webgpu.err" || status=1
tail -n 2 "$out/toy-webgpu.err"
echo "== 3. transformer step: WebGPU beside PyTorch (same model, weights, batches), device counts"
timeout 240 bash .gpu/run.sh .gpu/transformer-step.js --backends webgpu "${step_args[@]}" \
  --out "$out/transformer-step.json" > "$out/transformer-step.md" 2> "$out/transformer-step.err" || status=1
cat "$out/transformer-step.md"; tail -n 3 "$out/transformer-step.err"
echo "== 4. transformer loss ablation: bt, bt-margin, focal"
RMW_BACKEND=webgpu timeout 480 bash .gpu/run.sh .gpu/gpu-ablation.js --mix .gpu/data/mix --out "$out/ablation" \
  "${ablation_args[@]}" > "$out/ablation.md" 2> "$out/ablation.err" || status=1
cat "$out/ablation.md"; tail -n 3 "$out/ablation.err"
echo "== done in $(( $(date +%s) - started )) s, status $status"
exit $status
CHECK
chmod +x .gpu/run.sh .gpu/check.sh
du -sh .gpu .gl >&2
echo "gpu-prepare: ready. Carry .gpu and .gl; on the GPU machine: bash .gpu/check.sh" >&2
