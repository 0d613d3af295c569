// Whether Dawn finds a WebGPU adapter, asked in a child process. On a machine without a GPU driver, Dawn's Vulkan
// backend writes its own alarm ("vkCreateInstance: Found no drivers!", with a C++ source path) straight to the
// process's stderr, where no JavaScript can catch it. Asking first in a child whose stderr is captured keeps every
// command quiet there: when the child finds no adapter, Dawn is never started in this process, and the finding is
// said once, in our words, by whoever reports the backend (rmw env). When the child finds one, this process
// starts Dawn itself as before.
import { spawn } from 'node:child_process';

export interface DawnProbe {
  /** Whether Dawn found an adapter. */
  adapter: boolean;
  /** What Dawn wrote on stderr, condensed to one line (empty when it said nothing). */
  said: string;
}

// The child: load Dawn, ask for the adapter the parent would ask for, print the answer as JSON, exit.
const CHILD = [
  "const { create } = await import('webgpu');",
  "const a = await create([]).requestAdapter({ powerPreference: 'high-performance' });",
  'process.stdout.write(JSON.stringify({ adapter: Boolean(a) }), () => process.exit(0));',
].join('\n');

let probed: Promise<DawnProbe | undefined> | undefined;

/** Dawn's own words condensed: "vkCreateInstance: Found no drivers!" without the source path and log prefix. */
function condense(stderr: string): string {
  const lines = stderr
    .split('\n')
    .map((l) =>
      l
        .replace(/^.*?(?:Warning|Error|Info):\s*/, '')
        .replace(/\s+at \S+:\d+.*$/, '')
        .trim(),
    )
    .filter(Boolean);
  return [...new Set(lines)].join('; ').slice(0, 300);
}

/**
 * The probe's answer, once per process; undefined when the child could not tell (Dawn not loadable there, e.g.
 * in a bundle that finds `webgpu` differently), in which case the caller loads Dawn in-process as before.
 */
export function probeDawnAdapter(cwd: string): Promise<DawnProbe | undefined> {
  probed ??= new Promise((resolve) => {
    let out = '';
    let err = '';
    let child;
    try {
      child = spawn(process.execPath, ['--input-type=module', '-e', CHILD], {
        cwd,
        stdio: ['ignore', 'pipe', 'pipe'],
        env: process.env,
      });
    } catch {
      resolve(undefined);
      return;
    }
    const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('error', () => resolve(undefined));
    child.on('close', () => {
      clearTimeout(timer);
      try {
        const answer = JSON.parse(out) as { adapter: boolean };
        resolve({ adapter: answer.adapter === true, said: condense(err) });
      } catch {
        resolve(undefined);
      }
    });
  });
  return probed;
}
