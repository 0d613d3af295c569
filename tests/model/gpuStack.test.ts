// The GPU stack diagnosis (stage 0 of the GPU machine check): ICD manifests are found where the Vulkan loader looks,
// their libraries resolved as it resolves them, and a machine without a hardware adapter is told exactly which
// piece is missing. Fixtures are ICD files in a temporary folder; the pure rule (whatIsMissing) gets hand-made facts.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  icdFiles,
  icdSearchFolders,
  readIcdFile,
  whatIsMissing,
  type GpuStackReport,
} from '../../src/model/device/gpuStack.js';

function withFolder(f: (dir: string) => void): void {
  const dir = mkdtempSync(join(tmpdir(), 'rmw-gpustack-'));
  try {
    f(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

test('the loader search folders: XDG config dirs, /etc, XDG data dirs, then the home data folder', () => {
  const env = { XDG_CONFIG_DIRS: '/c1', XDG_DATA_DIRS: '/d1:/d2', XDG_DATA_HOME: '/h' };
  assert.deepEqual(icdSearchFolders(env), [
    '/c1/vulkan/icd.d',
    '/usr/local/etc/vulkan/icd.d',
    '/etc/vulkan/icd.d',
    '/d1/vulkan/icd.d',
    '/d2/vulkan/icd.d',
    '/h/vulkan/icd.d',
  ]);
});

test('an ICD library resolves relative to its manifest, by absolute path, or through LD_LIBRARY_PATH', () => {
  withFolder((dir) => {
    writeFileSync(join(dir, 'libdrv.so'), '');
    mkdirSync(join(dir, 'lib'));
    writeFileSync(join(dir, 'lib', 'libGLX_nvidia.so.0'), '');
    const icd = (name: string, library: string) => {
      writeFileSync(join(dir, name), JSON.stringify({ file_format_version: '1.0.0', ICD: { library_path: library } }));
      return join(dir, name);
    };
    const none = new Map<string, string[]>();
    assert.equal(readIcdFile(icd('a.json', './libdrv.so'), 'x', none).libraryFound, join(dir, 'libdrv.so'));
    assert.equal(readIcdFile(icd('b.json', join(dir, 'libdrv.so')), 'x', none).libraryFound, join(dir, 'libdrv.so'));
    const env = { LD_LIBRARY_PATH: join(dir, 'lib') };
    const nvidia = readIcdFile(icd('nvidia_icd.json', 'libGLX_nvidia.so.0'), 'x', none, env);
    assert.equal(nvidia.libraryFound, join(dir, 'lib', 'libGLX_nvidia.so.0'));
    const cache = new Map([['libGLX_nvidia.so.0', ['/cached/libGLX_nvidia.so.0']]]);
    assert.equal(readIcdFile(join(dir, 'nvidia_icd.json'), 'x', cache, {}).libraryFound, '/cached/libGLX_nvidia.so.0');
    assert.equal(readIcdFile(join(dir, 'nvidia_icd.json'), 'x', none, {}).libraryFound, null);
    writeFileSync(join(dir, 'bad.json'), '{');
    assert.match(readIcdFile(join(dir, 'bad.json'), 'x', none).error!, /^unreadable: /);
    assert.equal(readIcdFile(join(dir, 'gone.json'), 'x', none).exists, false);
  });
});

test('VK_ICD_FILENAMES entries are listed first, a missing one as missing, then the standard folders', () => {
  withFolder((dir) => {
    const icdDir = join(dir, 'data', 'vulkan', 'icd.d');
    mkdirSync(icdDir, { recursive: true });
    writeFileSync(join(icdDir, 'nvidia_icd.json'), JSON.stringify({ ICD: { library_path: 'libGLX_nvidia.so.0' } }));
    const env = {
      VK_ICD_FILENAMES: join(dir, 'missing.json'),
      XDG_DATA_DIRS: join(dir, 'data'),
      XDG_CONFIG_DIRS: join(dir, 'none'),
      HOME: dir,
    };
    const files = icdFiles(new Map(), env);
    assert.deepEqual(
      files.map((f) => [f.from, f.path, f.exists]),
      [
        ['VK_ICD_FILENAMES', join(dir, 'missing.json'), false],
        [icdDir, join(icdDir, 'nvidia_icd.json'), true],
      ],
    );
  });
});

const HEALTHY: Omit<GpuStackReport, 'missing'> = {
  driver: { nvidiaSmi: true, gpus: ['NVIDIA H100 80GB HBM3, 550.54.15, 81559 MiB'], driverVersion: '550.54.15' },
  vulkanLoader: ['/x/libvulkan.so.1'],
  icdEnv: { VK_ICD_FILENAMES: null, VK_DRIVER_FILES: null },
  icdFiles: [
    {
      path: '/usr/share/vulkan/icd.d/nvidia_icd.json',
      from: '/usr/share/vulkan/icd.d',
      exists: true,
      library: 'libGLX_nvidia.so.0',
      libraryFound: '/usr/lib/x86_64-linux-gnu/libGLX_nvidia.so.0',
    },
  ],
  libGlxNvidia: ['/usr/lib/x86_64-linux-gnu/libGLX_nvidia.so.0'],
  dawn: { ok: true },
  adapters: [],
  hardware: false,
};

test('with every piece present but no adapter, only the adapter is missing; with one, nothing is', () => {
  assert.deepEqual(whatIsMissing(HEALTHY), ['a WebGPU adapter: Dawn found none (Vulkan offered it no device)']);
  assert.deepEqual(whatIsMissing({ ...HEALTHY, hardware: true }), []);
});

test('a container without the graphics capability: no ICD file and no libGLX_nvidia, each named', () => {
  const missing = whatIsMissing({ ...HEALTHY, icdFiles: [], libGlxNvidia: [] });
  assert.match(missing[0], /^an NVIDIA Vulkan ICD file \(nvidia_icd.json\) in .*NVIDIA_DRIVER_CAPABILITIES/);
  assert.match(missing[1], /^libGLX_nvidia.so.0 .*not in LD_LIBRARY_PATH or the ldconfig cache/);
  assert.equal(missing.length, 3);
});

test('VK_ICD_FILENAMES naming a missing file is named first among the ICD problems; no driver, no loader', () => {
  const missing = whatIsMissing({
    ...HEALTHY,
    driver: { nvidiaSmi: false, gpus: [], driverVersion: null, error: 'spawnSync nvidia-smi ENOENT' },
    vulkanLoader: [],
    icdFiles: [{ path: '/nope.json', from: 'VK_ICD_FILENAMES', exists: false, library: null, libraryFound: null }],
    adapters: [],
  });
  assert.deepEqual(missing.slice(0, 3), [
    'the NVIDIA driver: nvidia-smi did not run (spawnSync nvidia-smi ENOENT)',
    'the Vulkan loader libvulkan.so.1 (Debian libvulkan1; bench/gpu-prepare.sh packs it in .gl/)',
    "VK_ICD_FILENAMES names /nope.json, which does not exist (unset it, or point it at the driver's ICD file)",
  ]);
});

test('only a software adapter: named as what Dawn offers instead of a hardware one', () => {
  const soft = {
    request: 'high-performance',
    info: {
      vendor: 'google',
      architecture: 'swiftshader',
      device: '',
      description: '',
      software: true,
      label: 'google swiftshader (software, runs on the CPU)',
    },
    limits: {},
  };
  const missing = whatIsMissing({ ...HEALTHY, adapters: [soft] });
  assert.deepEqual(missing, [
    'a hardware WebGPU adapter: Dawn offers only google swiftshader (software, runs on the CPU)',
  ]);
});
