// The README's path to a notebook page: scripts/install-kernel.sh registers the TypeScript kernel where Jupyter
// looks by default (the user's data dir, here a temporary JUPYTER_DATA_DIR), `jupyter kernelspec list` lists it,
// and `npm run notebook` starts a server on 127.0.0.1 whose REST API lists it. Skipped, with the reason, where
// Debian's jupyter-client (or, for the server, jupyter-notebook) is not installed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PYTHON } from '../../scripts/run-notebooks.js';
import { fromRoot } from '../../src/util/paths.js';

const has = (module: string) => spawnSync(PYTHON, ['-c', `import ${module}`]).status === 0;
const noClient = has('jupyter_client') ? false : `${PYTHON} lacks jupyter_client (apt-get install jupyter-client)`;
const noServer = noClient || (has('notebook') ? false : `${PYTHON} lacks notebook (apt-get install jupyter-notebook)`);

function jupyterEnv(dir: string): NodeJS.ProcessEnv {
  return {
    ...process.env,
    JUPYTER_DATA_DIR: join(dir, 'data'),
    JUPYTER_CONFIG_DIR: join(dir, 'config'),
    JUPYTER_RUNTIME_DIR: join(dir, 'runtime'),
    JUPYTER_PATH: '',
  };
}

function kernelSpecs(env: NodeJS.ProcessEnv): Record<string, { resource_dir: string; spec: { argv: string[] } }> {
  const r = spawnSync(PYTHON, ['-m', 'jupyter', 'kernelspec', 'list', '--json'], { env, encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  return JSON.parse(r.stdout).kernelspecs;
}

test(
  'install-kernel.sh registers tslab in the user data dir, and jupyter kernelspec list shows it',
  { skip: noClient },
  () => {
    const dir = mkdtempSync(join(tmpdir(), 'rmw-kernel-'));
    try {
      const env = jupyterEnv(dir);
      const r = spawnSync('bash', ['scripts/install-kernel.sh'], { cwd: fromRoot(), env, encoding: 'utf8' });
      assert.equal(r.status, 0, r.stderr);
      const tslab = kernelSpecs(env).tslab;
      assert.ok(tslab, 'tslab is listed');
      assert.equal(tslab.resource_dir, join(dir, 'data', 'kernels', 'tslab'));
      assert.deepEqual(tslab.spec.argv.slice(0, 2), [fromRoot('node_modules', '.bin', 'tslab'), 'kernel']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },
);

test('install-kernel.sh keeps a tslab kernel it did not write, unless --replace', { skip: noClient }, () => {
  const dir = mkdtempSync(join(tmpdir(), 'rmw-kernel-'));
  try {
    const env = jupyterEnv(dir);
    const own = join(dir, 'data', 'kernels', 'tslab');
    mkdirSync(own, { recursive: true });
    const theirs = { argv: ['/bin/sh', 'kernel', '{connection_file}'], display_name: 'Mine', language: 'typescript' };
    writeFileSync(join(own, 'kernel.json'), JSON.stringify(theirs));
    const kept = spawnSync('bash', ['scripts/install-kernel.sh'], { cwd: fromRoot(), env, encoding: 'utf8' });
    assert.equal(kept.status, 0, kept.stderr);
    assert.match(kept.stderr, /kept your own tslab kernel/);
    assert.deepEqual(JSON.parse(readFileSync(join(own, 'kernel.json'), 'utf8')), theirs);
    const replaced = spawnSync('bash', ['scripts/install-kernel.sh', '--replace'], { cwd: fromRoot(), env });
    assert.equal(replaced.status, 0);
    assert.equal(kernelSpecs(env).tslab.spec.argv[0], fromRoot('node_modules', '.bin', 'tslab'));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

test(
  'npm run notebook serves on 127.0.0.1 and its REST API lists the TypeScript kernel',
  { skip: noServer },
  async () => {
    const dir = mkdtempSync(join(tmpdir(), 'rmw-notebook-'));
    const port = await freePort();
    const token = 'workbench-test';
    // --no-build: the notebook tests build dist/ themselves; the server needs only the kernel registration.
    const args = [
      'scripts/notebook.sh',
      '--no-build',
      '--no-browser',
      `--port=${port}`,
      `--NotebookApp.token=${token}`,
    ];
    const server = spawn('bash', args, { cwd: fromRoot(), env: jupyterEnv(dir), stdio: ['ignore', 'ignore', 'pipe'] });
    let log = '';
    server.stderr.on('data', (b: Buffer) => (log += b.toString()));
    const exited = new Promise((r) => server.once('exit', r));
    try {
      let specs: { kernelspecs?: Record<string, { spec: { display_name: string } }> } | undefined;
      for (let i = 0; i < 120 && !specs && server.exitCode === null; i++) {
        await new Promise((r) => setTimeout(r, 500));
        try {
          const res = await fetch(`http://127.0.0.1:${port}/api/kernelspecs?token=${token}`);
          if (res.ok) specs = (await res.json()) as typeof specs;
        } catch {
          // not listening yet
        }
      }
      assert.ok(specs, `no answer on 127.0.0.1:${port} within 60 s:\n${log}`);
      assert.equal(specs.kernelspecs?.tslab?.spec.display_name, 'TypeScript');
      const page = await fetch(`http://127.0.0.1:${port}/tree?token=${token}`);
      assert.equal(page.status, 200);
    } finally {
      server.kill('SIGTERM');
      await exited;
      rmSync(dir, { recursive: true, force: true });
    }
  },
);
