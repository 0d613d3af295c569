#!/usr/bin/env bash
# Prepares the one device run for an offline GPU machine that has no Node, no node_modules and no ../shared
# (environment.md). From the repo root:  bash bench/gpu-prepare.sh   then, with .gpu and .gl carried beside the
# checkout:  bash .gpu/check.sh   (outputs under $OUT, else .gpu/out). It packs into .gpu/ and .gl/ (both ignored by
# git, together about 40 MB; the limit is 64 MiB):
#   - Node (xz-compressed), one CommonJS bundle per entry (bench/gpu-env.ts = `rmw env`, bench/gpu-diagnose.ts,
#     bench/gpu-summary.ts, bench/transformer-step.ts, bench/gpu-ablation.ts; esbuild from node_modules, `webgpu`
#     kept external), the `webgpu` package for linux-x64,
#     tfjs's wasm files, and tfjs's gradient registrations (the bundle the workbench builds in its cache);
#   - Debian's libvulkan1 (the Vulkan loader) as a .deb, unpacked under .gpu/ at run time (no root needed);
#   - the data the checks read: HH-RLHF helpful-base (sha256-checked on load), and for the transformer loss ablation
#     (experiment preset gpu-check) the experiments' curated mix and held-out pairs with their records
#     (bench/gpu-pack.ts; built in runs/experiments, which the full preset reuses);
#   - .gpu/run.sh (unpack, then run a bundle) and .gpu/check.sh, in stages with enforced budgets that add up to at
#     most 420 s (bash .gpu/check.sh --plan): the GPU stack diagnosed (stops the check when there is no hardware
#     adapter, naming what is missing), backend selection, the notebook 00 toy on WebGPU, the transformer step on
#     WebGPU (stack config) with tfjs's matmul defaults and with split-K, GFLOP per step, TFLOP/s and device counts,
#     PyTorch CUDA on the same weights and batches (optional), and the transformer loss ablation (bt, bt-margin, focal
#     x seeds 1, 2) at the full preset, written as a runs folder under $OUT/ablation; $OUT/summary.json holds every
#     figure, rewritten after each stage. Back on a machine with the data:
#     rmw experiment --collect --runs <the fetched ablation folder> --out <results dir> evaluates those runs and
#     writes the results (tables and plots with model, backend and adapter).
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
  (cd .gl && apt-get download libvulkan1 >/dev/null) ||
    { echo "gpu-prepare: apt-get download libvulkan1 failed" >&2; exit 1; }
fi

[ -d node_modules/webgpu/dist/linux-x64 ] ||
  { echo "gpu-prepare: node_modules/webgpu is missing (npm ci)" >&2; exit 1; }
# The `webgpu` package travels as .gpu/webgpu with Dawn (21 MB) xz-compressed (5 MB); run.sh unpacks it beside the
# bundles in a scratch folder, where Node resolves it.
rm -rf .gpu/node_modules .gpu/webgpu && mkdir -p .gpu/webgpu
cp node_modules/webgpu/*.js node_modules/webgpu/package.json .gpu/webgpu/
xz -T2 -6 -c node_modules/webgpu/dist/linux-x64/dawn.node > .gpu/webgpu/dawn.node.xz
mkdir -p .gpu/wasm && cp node_modules/@tensorflow/tfjs-backend-wasm/dist/*.wasm .gpu/wasm/

# tfjs's gradients are registered from a bundle the workbench builds once in its cache folder
# (src/model/tfjsGradients.ts).
mkdir -p .gpu/cache
RMW_CACHE_DIR="$PWD/.gpu/cache" node --import tsx -e \
  "import('./src/model/tfjsGradients.ts').then((m) => m.registerAllGradients())"

for entry in bench/gpu-env.ts bench/gpu-diagnose.ts bench/gpu-summary.ts bench/transformer-step.ts \
  bench/gpu-ablation.ts; do
  # CommonJS: the wasm backend finds its files through __dirname, which ESM bundles lack.
  node_modules/.bin/esbuild "$entry" --bundle --platform=node --format=cjs --target=node20 --external:webgpu \
    --minify --keep-names \
    --outfile=".gpu/$(basename "${entry%.ts}").js" --log-level=error
done
echo '{ "type": "commonjs" }' > .gpu/package.json
# The stage plan (names, budgets) and the split-K threshold, from src/experiments/gpuCheck.ts.
node --import tsx -e "import('./src/experiments/gpuCheck.ts').then((m) => {
  require('node:fs').writeFileSync('.gpu/stages.tsv', m.gpuCheckPlanTsv());
  require('node:fs').writeFileSync('.gpu/split-k', String(m.SPLIT_K_THRESHOLD));
})"

data_dir=${RMW_DATA_DIR:-../shared/data}
hh=$(node -e "process.stdout.write(require('./data/sources.json').find((s) => s.id === 'hh-helpful-base').local)")
mkdir -p ".gpu/data/$(dirname "$hh")" && cp "$data_dir/$hh" ".gpu/data/$hh"
# The experiments' mixes (the safety scorer trains first): minutes the first time, then reused by their keys.
echo "gpu-prepare: packing the gpu-check experiments' mixes" >&2
rm -rf .gpu/data/mix .gpu/data/runs
node --import tsx bench/gpu-pack.ts --out .gpu/data/runs

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
# Every GPU check in one run (written by bench/gpu-prepare.sh), in stages with wall-clock budgets that add up to at
# most 420 s (src/experiments/gpuCheck.ts, GPU_CHECK_STAGES; `bash .gpu/check.sh --plan` prints them). Each stage
# is stopped at its budget and the check moves on; each writes its results to $OUT (else .gpu/out) before the next
# starts, and $OUT/summary.json is rewritten after every stage with every figure so far. Stage 0 stops the check
# (exit 2) when there is no hardware WebGPU adapter, saying what is missing. RMW_GPU_CHECK_TORCH=0 skips the PyTorch
# reference (a missing torch is reported, not fatal). RMW_GPU_CHECK_REDUCED=1: toy sizes, and a software adapter
# will do (a CPU machine with SwiftShader: VK_ICD_FILENAMES=/usr/lib/chromium/vk_swiftshader_icd.json), with every
# budget 4 times the GPU machine's (RMW_GPU_CHECK_BUDGET_SCALE).
set -uo pipefail
cd "$(dirname "$0")/.."
plan=.gpu/stages.tsv
if [ "${1:-}" = --plan ]; then
  awk -F'\t' '{ printf "%s. %-12s %4d s  %s\n", $1, $2, $3, $4; t += $3 }
    END { printf "total %d s, each stage stopped at its budget\n", t }' "$plan"
  exit 0
fi
out=${OUT:-.gpu/out}; mkdir -p "$out"; : > "$out/stages.tsv"
export RMW_DATA_DIR="$PWD/.gpu/data" RMW_CACHE_DIR="$PWD/.gpu/cache" RMW_OFFLINE=1 RMW_PROGRESS=0
reduced=${RMW_GPU_CHECK_REDUCED:-0}
spec=${TMPDIR:-/tmp}/rmw-gpu-spec-$$
if [ "$reduced" = 1 ]; then
  step_args=(--config tiny --steps 2 --warm 1); split_args=(--config tiny --steps 2 --warm 1); toy_steps=4
  tiny_model='{"vocabBuckets":128,"maxTokens":12,"dModel":8,"heads":2,"layers":1,"ffn":16}'
  ablation_args=(--train-preset quick --steps 2 --seeds 1 --losses bt --model-config "$tiny_model")
else
  step_args=(--config stack --steps 10 --warm 3); split_args=(--config stack --steps 6 --warm 2); toy_steps=20
  ablation_args=()
fi
# Reduced runs happen on a CPU machine (SwiftShader runs WebGPU on the CPU, shared with whatever else runs there):
# their budgets are RMW_GPU_CHECK_BUDGET_SCALE (default 4 when reduced, else 1) times the GPU machine's.
scale=${RMW_GPU_CHECK_BUDGET_SCALE:-$([ "$reduced" = 1 ] && echo 4 || echo 1)}
budget() { awk -F'\t' -v n="$1" -v k="$scale" '$2 == n { print $3 * k }' "$plan"; }
summary() {
  timeout -k 1 2 bash .gpu/run.sh .gpu/gpu-summary.js --out "$out" $([ "$reduced" = 1 ] && echo --reduced) \
    > /dev/null 2>> "$out/summary.err" || echo "summary: not written after this stage (see $out/summary.err)"
}
record() {
  printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$1" "$(budget "$1")" "$2" "$3" "$4" "${5:-}" >> "$out/stages.tsv"
  summary
}
# stage NAME STDOUT STDERR CMD...: CMD under the stage's budget (budget - 4 s, then 2 s to die), then the summary.
stage() {
  local name=$1 o=$2 e=$3; shift 3
  local b t0 rc secs
  b=$(budget "$name"); t0=$(date +%s.%N)
  echo "== $name (budget $b s)"
  timeout -k 2 $((b - 4)) "$@" > "$o" 2> "$e"; rc=$?
  secs=$(awk -v a="$t0" -v b="$(date +%s.%N)" 'BEGIN { printf "%.1f", b - a }')
  local stopped=0; { [ $rc = 124 ] || [ $rc = 137 ]; } && stopped=1 && echo "   stopped at its budget ($b s)"
  record "$name" "$secs" "$rc" "$stopped"
  return $rc
}
skip() { echo "== $1: skipped ($2)"; record "$1" 0 0 0 "skipped: $2"; }
status=0
started=$(date +%s)

allow=(); [ "$reduced" = 1 ] && allow=(--allow-software)
if ! stage diagnose "$out/diagnose.txt" "$out/diagnose.err" \
  bash .gpu/run.sh .gpu/gpu-diagnose.js --out "$out/diagnose.json" ${allow[@]+"${allow[@]}"}; then
  cat "$out/diagnose.txt"; grep -v '^Warning\|^    at ' "$out/diagnose.err" | tail -n 20
  echo "== stopped after stage 0 in $(( $(date +%s) - started )) s: no usable WebGPU adapter" \
    "(details: $out/diagnose.json)"
  exit 2
fi
cat "$out/diagnose.txt"

stage backend "$out/env-auto.json" "$out/env-auto.err" bash .gpu/run.sh .gpu/gpu-env.js || status=1
grep -E '^(rmw backend|backend)' "$out/env-auto.err" | head -n 3

RMW_BACKEND=webgpu stage toy "$out/toy-webgpu.json" "$out/toy-webgpu.err" \
  bash .gpu/run.sh .gpu/gpu-env.js --toy --steps "$toy_steps" || status=1
tail -n 2 "$out/toy-webgpu.err"

stage step "$out/transformer-step.md" "$out/transformer-step.err" bash .gpu/run.sh .gpu/transformer-step.js \
  --backends webgpu "${step_args[@]}" --torch off --spec-dir "$spec" --out "$out/transformer-step.json" || status=1
cat "$out/transformer-step.md"; tail -n 3 "$out/transformer-step.err"

stage step-splitk "$out/transformer-step-splitk.md" "$out/transformer-step-splitk.err" bash .gpu/run.sh \
  .gpu/transformer-step.js --backends webgpu "${split_args[@]}" --torch off --matmul-threshold "$(cat .gpu/split-k)" \
  --out "$out/transformer-step-splitk.json" || status=1
cat "$out/transformer-step-splitk.md"; tail -n 3 "$out/transformer-step-splitk.err"

if [ "${RMW_GPU_CHECK_TORCH:-1}" = 0 ]; then skip torch "RMW_GPU_CHECK_TORCH=0"
elif [ ! -s "$spec/spec.json" ]; then skip torch "the step stage wrote no spec"
else
  # The first python3 that imports torch (a pyenv python on PATH may not have it); none: reported, not fatal.
  stage torch "$out/torch.json" "$out/torch.err" bash -c '
    for p in ${RMW_PYTHON:-} python3 /usr/bin/python3; do
      if "$p" -c "import torch" 2>/dev/null; then exec "$p" bench/transformer-step.py "$1" cuda; fi
    done
    echo "{ \"ran\": false, \"why\": \"no python3 on this machine imports torch\" }"' \
    torch-ref "$spec/spec.json" || status=1
  head -c 400 "$out/torch.json"; echo
fi
rm -rf "$spec"

rm -rf "$out/ablation"
RMW_BACKEND=webgpu stage ablation "$out/ablation.md" "$out/ablation.err" bash .gpu/run.sh .gpu/gpu-ablation.js \
  --from .gpu/data/runs --out "$out/ablation" ${ablation_args[@]+"${ablation_args[@]}"} || status=1
cat "$out/ablation.md"; tail -n 3 "$out/ablation.err"
echo "   collect: rmw experiment --collect --runs $out/ablation"

echo "== done in $(( $(date +%s) - started )) s, status $status; summary: $out/summary.json"
exit $status
CHECK
chmod +x .gpu/run.sh .gpu/check.sh
du -sh .gpu .gl >&2
echo "gpu-prepare: ready. Carry .gpu and .gl; on the GPU machine: bash .gpu/check.sh" >&2
