// Every environment variable the workbench reads, in one table: its name, what it means, its default, and how its
// text is read. `setting(key)` is the only code that looks them up in process.env. It reads when asked (not once at
// start-up), so a variable that a test or a notebook sets takes effect at once; an empty value counts as unset.
// environment.md's table of variables is generated from ENV_VARS (`npm run docs`), and a test fails when the two
// differ or when any other file reads an RMW_* variable itself.

/** Reads a variable's text; throws naming the variable when the text is not a value it takes. */
type Parse<T> = (raw: string, name: string) => T;

interface EnvVar<T> {
  /** The variable's name in the environment. */
  name: string;
  /** What it controls (Markdown, for environment.md). */
  meaning: string;
  /** What applies when it is unset (Markdown, for environment.md). */
  defaultText: string;
  parse: Parse<T>;
  /** The value `setting` returns when the variable is unset; absent: `setting` returns undefined. */
  fallback?: T;
}

const text: Parse<string> = (raw) => raw;

/** `1` or `0`, nothing else: a typo such as `RMW_OFFLINE=yes` is an error rather than a silent "no". */
const oneOrZero: Parse<boolean> = (raw, name) => {
  if (raw === '1') return true;
  if (raw === '0') return false;
  throw new Error(`environment variable ${name} must be 1 or 0, got "${raw}"`);
};

/** Keeps each entry's own type, so `setting` knows which have a fallback and what each parses to. */
function envVar<S extends EnvVar<unknown>>(spec: S): S {
  return spec;
}

/** The table, in the order environment.md lists it. */
export const ENV_VARS = {
  backend: envVar({
    name: 'RMW_BACKEND',
    meaning: 'tensor backend: `auto`, `tensorflow`, `webgpu`, `wasm` or `cpu`',
    defaultText: '`auto`',
    parse: text,
    fallback: 'auto',
  }),
  wasmPath: envVar({
    name: 'RMW_WASM_PATH',
    meaning: "folder of tfjs-backend-wasm's `.wasm` files (GPU bundles carry their own)",
    defaultText: "the installed package's `dist/`",
    parse: text,
  }),
  dataDir: envVar({
    name: 'RMW_DATA_DIR',
    meaning: 'mirror of the public source files',
    defaultText: '`../shared/data`',
    parse: text,
  }),
  cacheDir: envVar({
    name: 'RMW_CACHE_DIR',
    meaning: 'download cache',
    defaultText: '`~/.cache/reward-workbench`',
    parse: text,
  }),
  offline: envVar({
    name: 'RMW_OFFLINE',
    meaning: '`1` forbids downloads (sources and Hugging Face files come from the mirror or the cache only)',
    defaultText: '`0`',
    parse: oneOrZero,
    fallback: false,
  }),
  hfToken: envVar({
    name: 'HF_TOKEN',
    meaning: 'Hugging Face token, for the gated `allenai/wildguardmix` download',
    defaultText: 'unset',
    parse: text,
  }),
  progress: envVar({
    name: 'RMW_PROGRESS',
    meaning: '`1` forces progress lines on stderr, `0` silences them',
    defaultText: 'on for terminals',
    parse: oneOrZero,
  }),
  root: envVar({
    name: 'RMW_ROOT',
    meaning: 'the checkout, when the library is loaded from elsewhere',
    defaultText: 'found automatically',
    parse: text,
  }),
  chromium: envVar({
    name: 'RMW_CHROMIUM',
    meaning: 'Chromium for static PNG/SVG export of the figures',
    defaultText: '`/usr/bin/chromium`',
    parse: text,
    fallback: '/usr/bin/chromium',
  }),
  python: envVar({
    name: 'RMW_PYTHON',
    meaning: 'Python for the notebook runner and the PyTorch references in `bench/`',
    defaultText: '`/usr/bin/python3`',
    parse: text,
    fallback: '/usr/bin/python3',
  }),
  quick: envVar({
    name: 'RMW_QUICK',
    meaning: '`1` runs the notebooks with the quick preset (`npm run test:notebooks` sets it)',
    defaultText: '`0`',
    parse: oneOrZero,
    fallback: false,
  }),
  resultsDir: envVar({
    name: 'RMW_RESULTS_DIR',
    meaning: 'results folder notebook `06_results` reads (e.g. `runs/quick/results`)',
    defaultText: '`figures/results`',
    parse: text,
  }),
  debug: envVar({
    name: 'RMW_DEBUG',
    meaning: "`1` prints a failing command's stack trace",
    defaultText: '`0`',
    parse: oneOrZero,
    fallback: false,
  }),
  swiftShaderIcd: envVar({
    name: 'RMW_SWIFTSHADER_ICD',
    meaning:
      "SwiftShader's Vulkan manifest (a WebGPU adapter that runs on the CPU), for the WebGPU tests and " +
      "notebook 04's quick run",
    defaultText: '`/usr/lib/chromium/vk_swiftshader_icd.json` (Debian `chromium`)',
    parse: text,
    fallback: '/usr/lib/chromium/vk_swiftshader_icd.json',
  }),
  gpuCheckReduced: envVar({
    name: 'RMW_GPU_CHECK_REDUCED',
    meaning: '`1` runs `.gpu/check.sh` (written by `bench/gpu-prepare.sh`) at toy sizes, e.g. on SwiftShader',
    defaultText: '`0`',
    parse: oneOrZero,
    fallback: false,
  }),
  gpuCheckTorch: envVar({
    name: 'RMW_GPU_CHECK_TORCH',
    meaning: '`0` skips the PyTorch CUDA reference in `.gpu/check.sh` (a machine without torch reports it, not fatal)',
    defaultText: '`1`',
    parse: oneOrZero,
    fallback: true,
  }),
  gpuCheckBudgetScale: envVar({
    name: 'RMW_GPU_CHECK_BUDGET_SCALE',
    meaning:
      "multiplies every stage budget of `.gpu/check.sh` (`bash .gpu/check.sh --plan` lists the GPU machine's, " +
      '420 s at most)',
    defaultText: '`4` with `RMW_GPU_CHECK_REDUCED=1` (SwiftShader runs on the CPU), else `1`',
    parse: text,
  }),
  gpuUnpack: envVar({
    name: 'RMW_GPU_UNPACK',
    meaning: 'where `.gpu/run.sh` unpacks Node, Dawn and the Vulkan loader (read by that shell script)',
    defaultText: '`$TMPDIR/rmw-gpu-<checksum of node.xz>`',
    parse: text,
  }),
};

export type SettingKey = keyof typeof ENV_VARS;
type ValueOf<K extends SettingKey> = (typeof ENV_VARS)[K]['parse'] extends Parse<infer T> ? T : never;
type HasFallback<K extends SettingKey> = (typeof ENV_VARS)[K] extends { fallback: unknown } ? true : false;
/** What `setting(key)` returns: the parsed value, or its fallback / undefined when unset. */
export type Setting<K extends SettingKey> = HasFallback<K> extends true ? ValueOf<K> : ValueOf<K> | undefined;

/** Where settings are read from: the process environment in Node, nothing in a browser page unless it sets one. */
let readVariable = (name: string): string | undefined =>
  typeof process === 'undefined' ? undefined : process.env[name];

/** Replaces where `setting` reads variables (a browser page, a test); returns the previous reader. */
export function setSettingSource(read: (name: string) => string | undefined): (name: string) => string | undefined {
  const previous = readVariable;
  readVariable = read;
  return previous;
}

/** The variable's value, read now: parsed by its table entry; unset or empty gives its fallback (or undefined). */
export function setting<K extends SettingKey>(key: K): Setting<K> {
  const spec = ENV_VARS[key] as EnvVar<unknown>;
  const raw = readVariable(spec.name);
  if (raw === undefined || raw === '') return spec.fallback as Setting<K>;
  return spec.parse(raw, spec.name) as Setting<K>;
}

/** The Markdown table environment.md shows (generated by `npm run docs`, checked by a test). */
export function envVarTable(): string {
  const rows = Object.values(ENV_VARS).map((v) => `| \`${v.name}\` | ${v.meaning} | ${v.defaultText} |`);
  return ['| variable | meaning | default |', '| --- | --- | --- |', ...rows].join('\n');
}
