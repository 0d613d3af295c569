// Benchmark: load every offline source file (data/sources.json, 52 files, 82 MB) end to end: sha256 check, gunzip,
// parse, pairing rules, accounting. Goal (issue 3): under 10 s on the 2-core dev machine.
// Run: node --import tsx bench/load-all-sources.ts [--json]
import { listSources } from '../src/data/sources.js';
import { loadSourceById } from '../src/data/loaders/index.js';

const json = process.argv.includes('--json');
const rows: { id: string; bytes: number; read: number; kept: number; quarantined: number; ms: number }[] = [];
const t0 = performance.now();
let bytes = 0;
for (const s of listSources()) {
  const t = performance.now();
  const r = await loadSourceById(s.id);
  const q = Object.values(r.quarantined).reduce((a, b) => a + b, 0);
  rows.push({
    id: s.id,
    bytes: s.bytes,
    read: r.read,
    kept: r.kept,
    quarantined: q,
    ms: Math.round(performance.now() - t),
  });
  bytes += s.bytes;
}
const totalMs = Math.round(performance.now() - t0);
if (json) {
  console.log(JSON.stringify({ files: rows.length, bytes, totalMs, sources: rows }, null, 2));
} else {
  for (const r of rows)
    console.log(
      `${r.id.padEnd(36)} read ${String(r.read).padStart(5)} kept ${String(r.kept).padStart(5)} quarantined ` +
        `${String(r.quarantined).padStart(4)} ${String(r.ms).padStart(5)} ms`,
    );
  console.log(
    `loaded ${rows.length} files, ${(bytes / 1e6).toFixed(1)} MB, in ${(totalMs / 1000).toFixed(2)} s (node ` +
      `${process.version})`,
  );
}
