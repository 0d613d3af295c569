// Stage 0 of the GPU machine check (bench/gpu-prepare.sh packs it): the GPU stack piece by piece (the NVIDIA driver,
// the Vulkan loader, every ICD file the loader would read and whether its library resolves, libGLX_nvidia, the
// adapters Dawn sees with their limits), as JSON in --out and as text on stdout. Exit 0 with a hardware adapter;
// exit 2, naming what is missing, without one (--allow-software: a software adapter such as SwiftShader will do,
// for the reduced check on a CPU machine).
// Usage: node --import tsx bench/gpu-diagnose.ts [--out FILE] [--allow-software]
import { writeFileSync } from 'node:fs';
import { readCommandLine } from '../src/cli/flags.js';
import { diagnoseGpuStack, formatGpuStack } from '../src/model/device/gpuStack.js';

async function main(): Promise<void> {
  const { flags } = readCommandLine(
    {
      out: { type: 'string', help: 'write the report as JSON to this file' },
      'allow-software': { type: 'boolean', help: 'a software adapter passes (the reduced check on SwiftShader)' },
    },
    process.argv.slice(2),
    'bench/gpu-diagnose',
  );
  const report = await diagnoseGpuStack();
  const usable = report.hardware || (flags['allow-software'] === true && report.adapters.length > 0);
  if (flags.out) writeFileSync(flags.out, `${JSON.stringify({ ...report, usable }, null, 2)}\n`);
  process.stdout.write(`${formatGpuStack(report)}\n`);
  if (!usable) {
    process.stderr.write(
      `gpu-diagnose: no ${flags['allow-software'] ? '' : 'hardware '}WebGPU adapter; missing:\n` +
        report.missing.map((m) => `  - ${m}\n`).join(''),
    );
    process.exitCode = 2;
  }
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? (err.stack ?? err.message) : err);
  process.exitCode = 1;
});
